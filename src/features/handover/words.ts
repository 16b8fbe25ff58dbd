import type { TFunction } from 'i18next';
import { InputError } from '../../engine';
import { HandoverError } from '../../crypto/handover';
import { HandoverFlowError } from './actions';

export function dateFormat(language: string, withTime = false): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language === 'ar' ? 'ar-MA' : language, withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' });
}

/** Why a file or key was refused, in the officer's words; each says that nothing was saved. */
export function refusalWords(t: TFunction, error: unknown, language: string): string {
  if (error instanceof HandoverError) {
    switch (error.code) {
      case 'not_addressed':
        return t('handover.errors.notAddressed');
      case 'damaged':
        return t('handover.errors.damaged');
      case 'expired':
        return t('handover.errors.expired', { date: dateFormat(language, true).format(error.expiredAt ?? 0) });
      case 'too_large':
        return t('handover.errors.tooLarge');
      case 'unsupported':
        return t('handover.errors.unsupported');
      default:
        return t('handover.errors.format');
    }
  }
  if (error instanceof HandoverFlowError) {
    switch (error.code) {
      case 'ack_unknown':
        return t('handover.errors.ackUnknown');
      case 'ack_wrong_signer':
        return t('handover.errors.ackWrongSigner');
      case 'case_gone':
        return t('handover.errors.caseGone');
      case 'not_allowed':
        return t('handover.errors.notAllowed');
      case 'no_key':
        return t('handover.errors.noKey');
      default:
        return t('handover.errors.content', { reason: error.message });
    }
  }
  if (error instanceof InputError) return t('handover.errors.input', { reason: error.message });
  return t('handover.errors.other', { reason: error instanceof Error ? error.message : String(error) });
}
