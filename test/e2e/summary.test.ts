/**
 * The referral summary an officer hands over: blocked until sharing is allowed,
 * in the reader's language (Arabic right to left), printed to A4 PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;
const OUT = 'test-results/summary';

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('referral summary', () => {
  it('is blocked without consent or a legal reason, prints in French and Arabic, and records the referral', async () => {
    const scenario = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8'));
    const answers = { ...scenario.answers, 'consent.share_referral': 'no' };
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, answers);
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();

    // No consent to share: printing, export and referral are blocked.
    expect(await page.locator('[data-action="print"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-action="htcds"]').isDisabled()).toBe(true);
    await page.getByLabel(/enfant/i).first().click();
    await expect.poll(() => page.locator('[data-action="print"]').isDisabled()).toBe(false);
    expect(await page.locator('.summary-document').textContent()).toMatch(/sans le consentement/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Lieu').fill('Port de Tanger Med');
    await page.getByLabel('Lieu').blur();
    await page.locator('.summary-document', { hasText: 'Port de Tanger Med' }).waitFor();
    await page.pdf({ path: `${OUT}/summary-fr.pdf`, format: 'A4', printBackground: true });

    await page.locator('.summary-controls select').first().selectOption('ar');
    await page.locator('.summary-document[dir="rtl"]').waitFor();
    expect(await page.locator('.summary-document').textContent()).toContain('ضحية مفترضة');
    await page.pdf({ path: `${OUT}/summary-ar.pdf`, format: 'A4', printBackground: true });
    for (const lang of ['fr', 'ar']) {
      execFileSync('pdftoppm', ['-png', '-r', '60', `${OUT}/summary-${lang}.pdf`, `${OUT}/summary-${lang}`]);
      const text = execFileSync('pdftotext', ['-layout', `${OUT}/summary-${lang}.pdf`, '-'], { encoding: 'utf8' });
      expect(text).toMatch(lang === 'fr' ? /Victime présumée/ : /ضحية/);
      expect(text).toMatch(lang === 'fr' ? /Page 1 \/ \d/ : /الصفحة/); // page numbers
      expect(text).not.toMatch(/Masquer|Verrouiller|Paramètres/); // no app chrome
    }

    await page.locator('select').filter({ has: page.locator('option', { hasText: '★' }) }).selectOption({ index: 1 });
    await page.locator('[data-action="refer"]').click();
    await page.locator('.summary-controls .case').first().waitFor();
    const service = (await page.locator('.summary-controls .case span').first().textContent())!;
    expect(service.length).toBeGreaterThan(3);
    // "Back" returns to the result the summary was opened from; the case list shows the referral.
    await page.locator('.summary-controls .button--secondary').first().click();
    await page.locator('[data-step="result"]').waitFor();
    await page.locator('[data-step="result"]').getByRole('button', { name: 'Retour à l’accueil' }).click();
    await page.locator('[data-action="cases"]').click();
    await page.locator('.case', { hasText: service }).waitFor();
    await context.close();
  });
});

describe('directory of services and the remaining screens', () => {
  it('adds a local service, refuses a malformed directory file, and every screen passes axe in French and Arabic', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="directory"]').click();
    await page.getByRole('heading', { name: 'Directory of services' }).waitFor();
    expect(await page.locator('[data-service="cnclt-hotline"]').textContent()).toContain('0800 00 47 47');
    await page.getByLabel('Name', { exact: true }).fill('Association Al Amal — foyer Tanger');
    await page.getByLabel('Region').fill('Tanger-Tétouan-Al Hoceïma');
    await page.getByLabel('Contact').fill('+212 5 39 00 00 00');
    await page.getByRole('button', { name: 'Save the service' }).click();
    await page.locator('.case', { hasText: 'Al Amal' }).waitFor();

    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${OUT}/bad-directory.json`, JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [{ id: 'x', name: 'Foyer X' }] }));
    await page.locator('input[type="file"]').setInputFiles(`${OUT}/bad-directory.json`);
    expect(await page.getByRole('alert').textContent()).toMatch(/bad-directory\.json.*field.*services › 1 › type/);
    expect(await page.locator('.case', { hasText: 'Al Amal' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/directory-ar-landscape.png' });

    // The PIN screen and the "does not want to talk" screen.
    await page.locator('[data-action="settings"]').click();
    await page.locator('input[inputmode="numeric"][type="password"]').fill('1357');
    await page.locator('form', { has: page.locator('input[inputmode="numeric"][type="password"]') }).locator('button[type="submit"]').click();
    await page.locator('[data-action="lock"]').click();
    await page.locator('.page--narrow input[inputmode="numeric"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.page--narrow input[inputmode="numeric"]').fill('1357');
    await page.locator('.page--narrow button[type="submit"]').click();
    await page.locator('[data-action="lock"]').waitFor();
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'no' });
    await page.locator('[data-step="declined"]').waitFor();
    expect(await page.textContent('main')).toContain('0800 00 47 47');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
