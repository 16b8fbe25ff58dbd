import type { TFunction } from 'i18next';

/**
 * Article references stay in the engine's stable form ("448-1 al. 1"); for a reader
 * the abbreviation is translated, and Arabic writes the number the other way round
 * (الفصل 1-448, as in the Bulletin officiel), which displays as 448-1.
 */
export function localArticle(article: string, t: TFunction, language: string): string {
  const translated = article.replace(/\bal\./g, t('report.paragraph'));
  return language === 'ar' ? translated.replace(/(\d+)-(\d+)/g, '$2-$1') : translated;
}
