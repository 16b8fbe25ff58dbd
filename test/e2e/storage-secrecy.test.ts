/**
 * A seized tablet, read raw: after a shift's work — an officer named, a local
 * service added to the directory, a case interviewed, placed, referred and its
 * summary printed, a backup made — every IndexedDB store of every database of
 * the app is dumped as it lies on disk. Nothing in it says when the screening
 * took place, how it ended, where, who did it, or to whom the person was
 * referred. The officer still sees all of it, and the case list leads to the
 * summary and back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, rawIndexedDb, smallTouchTargets } from '../helpers/browser';
import { CASE_REFERENCE, dateTraces } from '../helpers/clear-traces';
import { runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const OFFICER = 'Insp. Zineb Alaoui';
const SERVICE_UNIT = 'Brigade maritime Tanger';
const PLACE = 'Quai 4 Tanger Med';
const LOCAL_SERVICE = 'Foyer Nour Tetouan';
const ANSWERS = {
  'consent.explained': 'yes',
  'consent.interview': 'yes',
  'consent.share_referral': 'yes',
  'safety.has_safe_place': 'yes',
  'person.age_years': 27,
  'person.may_be_child': 'no',
  'recruitment.job_different': 'yes',
  'control.papers_kept': 'yes',
};

describe('what a seized tablet holds in clear', () => {
  it('no date, status, outcome, place, officer or service name of a case, after interview, referral, print and backup', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);

    await page.locator('[data-action="settings"]').click();
    await page.getByLabel('Nom', { exact: true }).fill(OFFICER);
    await page.getByLabel('Service ou organisme').fill(SERVICE_UNIT);
    await page.locator('[data-action="save-officer"]').click();
    await page.locator('[data-section="officer"] .notice').waitFor();
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    await page.locator('[data-action="directory"]').click();
    await page.getByLabel('Nom', { exact: true }).fill(LOCAL_SERVICE);
    await page.getByLabel('Région').fill('Tanger-Tétouan-Al Hoceïma');
    await page.getByLabel('Contact').fill('+212 5 39 11 22 33');
    await page.locator('form.card button[type="submit"]').click();
    await page.locator('.case', { hasText: LOCAL_SERVICE }).waitFor();
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, ANSWERS);
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();
    await page.getByLabel('Lieu').fill(PLACE);
    await page.getByLabel('Lieu').blur();
    await page.locator('.summary-document', { hasText: PLACE }).waitFor();
    const services = page.locator('.summary-controls select').filter({ has: page.locator('option', { hasText: LOCAL_SERVICE }) });
    await services.selectOption({ label: (await services.locator('option', { hasText: LOCAL_SERVICE }).textContent())! });
    await page.locator('[data-action="refer"]').click();
    await page.locator('.summary-controls .case', { hasText: LOCAL_SERVICE }).waitFor();
    await page.locator('[data-action="print"]').click();
    await page.pdf({ path: 'test-results/screens/storage-secrecy-summary.pdf', format: 'A4' });

    // Back from the summary returns to the result it was opened from.
    await page.locator('.summary-controls .button--secondary').first().click();
    await page.locator('[data-step="result"]').waitFor();
    await page.locator('[data-step="result"]').getByRole('button', { name: 'Retour à l’accueil' }).click();

    await page.locator('[data-action="settings"]').click();
    await page.getByLabel('Phrase secrète du fichier de sauvegarde').first().fill('fichier secret en quatre mots');
    await page.getByLabel('Saisissez à nouveau la phrase secrète du fichier').fill('fichier secret en quatre mots');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="backup"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^data-\d{4}-\d{2}-\d{2}\.bin$/);
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    // The officer sees everything: the list row carries place, time, outcome, status and the referral…
    await page.locator('[data-action="cases"]').click();
    const row = page.locator('.case').first();
    await row.waitFor();
    const rowText = (await row.textContent())!;
    for (const shown of [PLACE, 'Orienté', LOCAL_SERVICE, 'Envoyée', 'Victime']) expect(rowText).toContain(shown);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/cases-row-fr.png' });
    // …and the summary opened from the list goes back to the list.
    await row.getByRole('button', { name: /Fiche d’orientation/ }).click();
    await page.locator('.summary-document').waitFor();
    await page.locator('.summary-controls .button--secondary').first().click();
    await page.locator('.case').first().waitFor();

    // …and nothing of it is in clear on disk.
    const raw = await rawIndexedDb(page);
    expect(raw.length).toBeGreaterThan(1_000);
    const clear = [
      ...dateTraces(Date.now()), // today's year-month, today's epoch time as a number
      'in_progress',
      'completed',
      'referred',
      'sent',
      'accepted',
      'possible_victim',
      'presumed_victim',
      'Tanger',
      'Quai 4',
      'Alaoui',
      'Zineb',
      'Brigade',
      LOCAL_SERVICE,
      'Tetouan',
      CASE_REFERENCE,
    ];
    for (const word of clear) expect(raw, `"${String(word)}" in clear`).not.toMatch(word);
    await context.close();
  });
});
