import type { TFunction } from 'i18next';

/**
 * The title and explanation of a flag as a reader sees them. With a presumed
 * victim, the smuggling flag says that the smuggling turned into trafficking.
 */
export function flagWords(t: TFunction, flag: string, outcome: string): { title: string; text: string } {
  if (flag.startsWith('aggravating:')) {
    return { title: t('report.labelValue', { label: t('flag.aggravating.title'), value: t(`aggravating.${flag.slice('aggravating:'.length)}` as 'aggravating.child') }), text: t('flag.aggravating.text') };
  }
  const key = flag === 'smuggling' && outcome === 'presumed_victim' ? 'smuggling_turned' : flag;
  return { title: t(`flag.${key}.title` as 'flag.child.title'), text: t(`flag.${key}.text` as 'flag.child.text') };
}
