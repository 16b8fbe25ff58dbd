/**
 * The person's language as recorded on a case (CaseContent.details): its name
 * for the screen and the summary, and the questionnaire language its questions
 * can be shown in. Darija is offered by name and shown with the Arabic text;
 * Tamazight and the languages typed under "other" have no written questions.
 */
import type { TFunction } from 'i18next';

/** The fields of CaseContent.details read here (components do not import storage). */
export interface CaseDetails {
  interpreter: 'yes' | 'no' | null;
  interpreterRole?: 'professional' | 'ngo' | 'relative' | 'other' | null;
  personLanguage?: string | null;
  personLanguageOther?: string | null;
}
export type DisplayLanguage = 'fr' | 'ar' | 'en';

/** Languages offered by name on the first screen, stored as 'other' with this name. */
export const NAMED_LANGUAGES = ['Darija', 'Tamazight'] as const;

/** Spoken varieties whose speakers read the Arabic questions (typed in any case or script). */
const READ_IN_ARABIC = ['darija', 'الدارجة', 'الدارجة المغربية', 'hassaniya', 'الحسانية'];

export function displayLanguageOf(details: CaseDetails | null | undefined): DisplayLanguage | null {
  const code = details?.personLanguage;
  if (code === 'fr' || code === 'ar' || code === 'en') return code;
  const name = details?.personLanguageOther?.trim().toLowerCase();
  if (code === 'other' && name && READ_IN_ARABIC.includes(name)) return 'ar';
  return null;
}

/** The person's language in words, or null when it was not recorded. */
export function personLanguageName(t: TFunction, details: CaseDetails | null | undefined): string | null {
  const code = details?.personLanguage;
  if (code === 'fr' || code === 'ar' || code === 'en') return t(`summary.languages.${code}`);
  if (code !== 'other') return null;
  const name = details?.personLanguageOther?.trim() ?? '';
  const named = NAMED_LANGUAGES.find((n) => n === name);
  return named ? t(`conversation.names.${named}`) : name || t('conversation.language.other');
}

/** "Yes — a professional interpreter", "No", or null when not recorded. */
export function interpreterText(t: TFunction, details: CaseDetails | null | undefined): string | null {
  if (!details?.interpreter) return null;
  if (details.interpreter === 'no') return t('answer.no');
  return details.interpreterRole ? `${t('answer.yes')} — ${t(`conversation.language.roles.${details.interpreterRole}`)}` : t('answer.yes');
}
