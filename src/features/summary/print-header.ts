import type { TFunction } from 'i18next';

/** A CSS string literal: the only way text reaches a `content:` declaration. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r\f]/g, ' ')}"`;
}

// Markers no translation contains, replaced by the page counters.
const PAGE = '@@PAGE@@';
const PAGES = '@@PAGES@@';

/**
 * The running header and footer of every printed page of a summary, as CSS custom
 * properties for the @page margin boxes of styles.css (Chromium draws margin boxes
 * since version 131; the page context inherits custom properties from the root
 * element). Set through the CSSOM, which the strict style-src of the CSP allows.
 * The reference sits where reading starts: top left in French and English, top
 * right in Arabic; the page number at the other end.
 */
export function printHeaderProperties(t: TFunction, reference: string, language: 'fr' | 'ar' | 'en'): Record<string, string> {
  const page = t('summary.printPage', { page: PAGE, pages: PAGES })
    .split(/(@@PAGES?@@)/)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
  const ref = cssString(reference);
  return {
    '--print-top-left': language === 'ar' ? page : ref,
    '--print-top-center': cssString(t('summary.confidentialShort')),
    '--print-top-right': language === 'ar' ? ref : page,
    '--print-bottom-center': cssString(`${reference} — ${t('report.disclaimer')}`),
    '--print-direction': language === 'ar' ? 'rtl' : 'ltr',
  };
}
