import type { TFunction } from 'i18next';

/** The part of the engine's FlagReason that the words depend on (src/i18n imports nothing of the engine). */
interface FlagDetail {
  flag: string;
  turnedIntoTrafficking?: boolean;
  offences?: { offence: string }[];
}

/**
 * The title and explanation of a flag as a reader sees them. The smuggling flag
 * says that the smuggling turned into trafficking only where the engine says so
 * (a presumed victim not free on arrival, LEGAL.md §3.5); other offences list
 * what they point to.
 */
export function flagWords(t: TFunction, reason: FlagDetail | string, outcome: string): { title: string; text: string } {
  const flag = typeof reason === 'string' ? reason : reason.flag;
  if (flag.startsWith('aggravating:')) {
    return { title: t('report.labelValue', { label: t('flag.aggravating.title'), value: t(`aggravating.${flag.slice('aggravating:'.length)}` as 'aggravating.child') }), text: t('flag.aggravating.text') };
  }
  const turned = typeof reason === 'string' ? flag === 'smuggling' && outcome === 'presumed_victim' : reason.turnedIntoTrafficking === true;
  const key = flag === 'smuggling' && turned ? 'smuggling_turned' : flag;
  const text = t(`flag.${key}.text` as 'flag.child.text');
  const offences = typeof reason === 'string' ? [] : (reason.offences ?? []);
  return {
    title: t(`flag.${key}.title` as 'flag.child.title'),
    text: offences.length > 0 ? `${text} ${offences.map((o) => t(`offence.${o.offence}` as 'offence.violence')).join(t('report.listSeparator'))}.` : text,
  };
}
