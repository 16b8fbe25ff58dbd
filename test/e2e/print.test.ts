/**
 * A summary a prosecutor files: printed to A4 PDF from the browser (as the
 * officer does, Chromium's own print), every page carries the case reference,
 * CONFIDENTIEL and "page n / N" at the top and the screening notice at the
 * bottom; no page but the last is more than a third blank; the signature blocks
 * sit side by side at the same height; phone numbers are never split. In French
 * and in Arabic. The pages are also written as pictures to test-results/print/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked } from '../helpers/browser';
import { runInterview, unlock, type ScriptedAnswers } from '../helpers/interview-driver';
import { blankBelowBody, pageCount, pageText, pdfText, requirePoppler } from '../helpers/pdf';

const baseURL = inject('baseURL');
let browser: Browser;
const OUT = 'test-results/print';
const child = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8')).answers as ScriptedAnswers;
/** The @page margins of styles.css, where the running header and footer are. */
const MARGINS = { topMm: 18, bottomMm: 17 };

beforeAll(async () => {
  // Fails here, with what to install, rather than skipping the check.
  requirePoppler();
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function summaryOf(page: Page, answers: ScriptedAnswers): Promise<string> {
  await page.goto(`${baseURL}?lang=fr`);
  await unlock(page);
  await page.locator('.home-actions .button--primary').click();
  await runInterview(page, answers);
  const reference = (await page.locator('.result [dir="ltr"]').first().textContent())!.trim();
  await page.locator('[data-action="summary"]').click();
  await page.locator('.summary-document').waitFor();
  await page.getByLabel('Lieu', { exact: true }).fill('Unité de protection de l’enfance, Casablanca');
  await page.getByLabel('Lieu', { exact: true }).blur();
  await page.getByLabel("Recours à un interprète", { exact: true }).selectOption('no');
  await page.locator('.summary-document', { hasText: 'Casablanca' }).waitFor();
  return reference;
}

async function checkPrint(page: Page, reference: string, language: 'fr' | 'ar', name: string, maxPages: number): Promise<void> {
  await page.locator('.summary-controls select').first().selectOption(language);
  await page.locator(`.summary-document[lang="${language}"]`).waitFor();
  const path = `${OUT}/${name}-${language}.pdf`;
  await page.pdf({ path, format: 'A4', printBackground: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', path, `${OUT}/${name}-${language}`]);
  const pages = pageCount(path);
  expect(pages, `${name} ${language}: pages`).toBeGreaterThanOrEqual(2);
  expect(pages, `${name} ${language}: pages`).toBeLessThanOrEqual(maxPages);
  for (let n = 1; n <= pages; n++) {
    const text = pageText(path, n);
    expect(text, `page ${n}: reference`).toContain(reference);
    if (language === 'fr') {
      expect(text, `page ${n}: header`).toContain('CONFIDENTIEL');
      expect(text, `page ${n}: page number`).toMatch(new RegExp(`Page ${n} / ${pages}`));
      expect(text, `page ${n}: footer`).toContain('Repérage — pas une qualification juridique');
    } else {
      expect(text, `page ${n}: header`).toContain('سري');
      // "الصفحة n من N", whichever way pdftotext orders right-to-left runs.
      expect(text, `page ${n}: page number`).toMatch(new RegExp(`الصفحة\\s*(${n}\\s*من\\s*${pages}|${pages}\\s*من\\s*${n})|(${n}\\s*من\\s*${pages}|${pages}\\s*من\\s*${n})\\s*الصفحة`));
      expect(text, `page ${n}: footer`).toContain('ليس تكييفا قانونيا');
    }
    if (n < pages) expect(blankBelowBody(path, n, MARGINS), `page ${n} of ${pages} is more than a third blank`).toBeLessThanOrEqual(1 / 3);
  }
  // The hotline number on one line, never split (pdftotext may list the groups of a number in an Arabic line backwards).
  const lines = pdfText(path).split('\n');
  const hotline = lines.filter((l) => /0800/.test(l));
  expect(hotline.length).toBeGreaterThan(0);
  for (const line of hotline) expect(line.match(/\b47\b/g)?.length ?? 0, line).toBeGreaterThanOrEqual(2);

  // As printed: both signature lines at the same height, side by side.
  await page.emulateMedia({ media: 'print' });
  const lineTops = await page.locator('.signature-line').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(lineTops).toHaveLength(2);
  expect(Math.abs(lineTops[0]! - lineTops[1]!)).toBeLessThanOrEqual(1);
  // Each number laid out on one line box, left to right.
  const phones = await page.locator('.summary-document .phone').evaluateAll((els) => els.map((e) => [e.getClientRects().length, getComputedStyle(e).whiteSpace, e.getAttribute('dir')]));
  expect(phones.length).toBeGreaterThan(0);
  for (const phone of phones) expect(phone).toEqual([1, 'nowrap', 'ltr']);
  // Back to no emulation (emulating "screen" would make page.pdf print the screen styles).
  await page.emulateMedia({ media: null });
}

// Page limits: questionnaire v2 cites more answers behind each element (a dozen for the act of
// this case); what keeps the paper short is that no page but the last is more than a third blank.
describe('the printed summary', () => {
  it('the sample interview prints on a few full pages with a running header and footer, in French and Arabic', async () => {
    const { page, context } = await openTracked(browser);
    const reference = await summaryOf(page, child);
    for (const language of ['fr', 'ar'] as const) await checkPrint(page, reference, language, 'sample', 5);
    await context.close();
  }, 180_000);

  it('a longer case (a child with three urgent needs and eight services) keeps the same rules', async () => {
    const { page, context } = await openTracked(browser);
    const reference = await summaryOf(page, { ...child, 'safety.in_danger': 'yes', 'safety.needs_doctor': 'yes', 'safety.has_safe_place': 'no' });
    for (const language of ['fr', 'ar'] as const) await checkPrint(page, reference, language, 'urgent', 6);
    await context.close();
  }, 180_000);
});
