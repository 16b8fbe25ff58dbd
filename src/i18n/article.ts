import type { TFunction } from 'i18next';

/**
 * Legal references as a reader writes them, from the engine's stable form
 * ("448-1 al. 1, al. 3", "448-1 al. 1, 448-1 al. 2", "Loi 27.14 art. 4"...):
 * French "art. 448-1, al. 1 et 3", English "art. 448-1, paras 1 and 3", and
 * Arabic in the form of the Bulletin officiel, "الفصل 1-448، الفقرتان 1 و3"
 * (the number written the other way round; الفقرة, its dual and its plural
 * follow the count — three keys rather than i18next plurals, whose Arabic forms
 * would differ in number from the French and English keys). The one helper for the element table, the summary, the result,
 * the debrief and the command line's text output.
 */
type Loose = (key: string, options?: Record<string, unknown>) => string;

const ARTICLE = /^(\d{3}-\d+)(?:\s+al\.\s*(\d+))?(\s*\[src\])?$/;
const RANGE = /^(\d{3}-\d+)\s*[–-]\s*(\d{3}-\d+)(\s*\[src\])?$/;
const PARAGRAPH = /^al\.\s*(\d+)$/;
const LAW = /^Loi (\d+[.-]\d+)(?: art\. (\d+))?$/;
/** References the engine writes whole (one contains a comma). */
const NAMED: Record<string, string> = {
  'Circulaire du Ministère public, juillet 2018': 'article.circular2018',
  'Code du travail': 'article.labourCode',
};

/** Penal Code article numbers: Arabic writes 448-1 as 1-448. */
const articleNumber = (number: string, language: string) => (language === 'ar' ? number.replace(/^(\d+)-(\d+)$/, '$2-$1') : number);
/** Laws are numbered 27.14 in Arabic, as the Bulletin officiel writes them. */
const lawNumber = (number: string, language: string) => (language === 'ar' ? number.replace('-', '.') : number);

function list(items: string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

export function localArticle(article: string, t: TFunction, language: string): string {
  const tt = t as unknown as Loose;
  const parts: string[] = [];
  for (const piece of article.split(/\s*;\s*/)) {
    const named = NAMED[piece.trim()];
    if (named) {
      parts.push(tt(named));
      continue;
    }
    // Paragraphs of the same article are gathered: "448-1 al. 1, 448-1 al. 2" reads "al. 1 et 2".
    const groups: { number: string; paragraphs: string[]; suffix: string }[] = [];
    const flush: string[] = [];
    for (const segment of piece.split(/\s*,\s*/)) {
      const range = RANGE.exec(segment);
      const single = ARTICLE.exec(segment);
      const paragraph = PARAGRAPH.exec(segment);
      const law = LAW.exec(segment);
      if (range) {
        flush.push(tt('article.penalRange', { from: articleNumber(range[1]!, language), to: articleNumber(range[2]!, language) }) + (range[3] ?? ''));
      } else if (single) {
        const existing = groups.find((g) => g.number === single[1]);
        const group = existing ?? { number: single[1]!, paragraphs: [], suffix: '' };
        if (single[2] && !group.paragraphs.includes(single[2])) group.paragraphs.push(single[2]);
        group.suffix ||= single[3] ?? '';
        if (!existing) groups.push(group);
      } else if (paragraph && groups.length > 0) {
        const group = groups.at(-1)!;
        if (!group.paragraphs.includes(paragraph[1]!)) group.paragraphs.push(paragraph[1]!);
      } else if (law) {
        flush.push(law[2] ? tt('article.law', { number: lawNumber(law[1]!, language), article: law[2] }) : tt('article.lawOnly', { number: lawNumber(law[1]!, language) }));
      } else {
        // Not a form this helper knows: shown as the engine wrote it rather than guessed at.
        flush.push(segment);
      }
    }
    for (const group of groups) {
      const name = tt('article.penal', { number: articleNumber(group.number, language) });
      const paragraphs = [...group.paragraphs].sort((a, b) => Number(a) - Number(b));
      const text = paragraphs.length === 0 ? name : tt('article.withParagraphs', { article: name, paragraphs: tt(paragraphs.length === 1 ? 'article.paragraphOne' : paragraphs.length === 2 ? 'article.paragraphTwo' : 'article.paragraphMany', { list: list(paragraphs, language) }) });
      parts.push(text + group.suffix);
    }
    parts.push(...flush);
  }
  return parts.join(tt('article.separator'));
}
