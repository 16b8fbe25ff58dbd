/** Every legal reference the engine writes, as a French, Arabic and English reader reads it. */
import { describe, expect, it } from 'vitest';
import { ARTICLE_CHILD_EXCEPTION, ARTICLE_OF } from '../../src/engine';
import { localArticle } from '../../src/i18n/article';
import { createI18n } from '../../src/i18n';
import '../../src/i18n/all';

const fr = createI18n('fr').t;
const ar = createI18n('ar').t;
const en = createI18n('en').t;

describe('legal references', () => {
  it.each([
    ['448-1 al. 1', 'art.\u00a0448-1, al.\u00a01', 'الفصل\u00a01-448، الفقرة\u00a01', 'art.\u00a0448-1, para.\u00a01'],
    ['448-1 al. 1, al. 3', 'art.\u00a0448-1, al.\u00a01 et 3', 'الفصل\u00a01-448، الفقرتان\u00a01 و3', 'art.\u00a0448-1, paras\u00a01 and 3'],
    ['448-1 al. 1, al. 3, al. 4', 'art.\u00a0448-1, al.\u00a01, 3 et 4', 'الفصل\u00a01-448، الفقرات\u00a01 و3 و4', 'art.\u00a0448-1, paras\u00a01, 3, and 4'],
    [`${ARTICLE_OF.act}, ${ARTICLE_CHILD_EXCEPTION}`, 'art.\u00a0448-1, al.\u00a01 et 2', 'الفصل\u00a01-448، الفقرتان\u00a01 و2', 'art.\u00a0448-1, paras\u00a01 and 2'],
    ['448-1', 'art.\u00a0448-1', 'الفصل\u00a01-448', 'art.\u00a0448-1'],
    ['Loi 27.14 art. 4', 'loi n°\u00a027.14, art.\u00a04', 'القانون رقم\u00a027.14، المادة\u00a04', 'Law\u00a027.14, art.\u00a04'],
    ['Loi 02-03 art. 52', 'loi n°\u00a002-03, art.\u00a052', 'القانون رقم\u00a002.03، المادة\u00a052', 'Law\u00a002-03, art.\u00a052'],
    ['Code du travail; Loi 19-12', 'Code du travail\u202f; loi n°\u00a019-12', 'مدونة الشغل؛ القانون رقم\u00a019.12', 'Labour Code; Law\u00a019-12'],
    ['448-3 – 448-5 [src]', 'art.\u00a0448-3 à 448-5 [src]', 'الفصول من 3-448 إلى 5-448 [src]', 'arts\u00a0448-3 to 448-5 [src]'],
  ])('%s', (article, french, arabic, english) => {
    expect(localArticle(article, fr, 'fr')).toBe(french);
    expect(localArticle(article, ar, 'ar')).toBe(arabic);
    expect(localArticle(article, en, 'en')).toBe(english);
  });

  it('never writes the Arabic number the French way, nor "al." in Arabic, for any element', () => {
    for (const article of [...Object.values(ARTICLE_OF), ARTICLE_CHILD_EXCEPTION]) {
      const text = localArticle(article, ar, 'ar');
      expect(text).toMatch(/^الفصل\u00a01-448، الفقر/);
      expect(text).not.toMatch(/448-1|al\./);
    }
  });
});
