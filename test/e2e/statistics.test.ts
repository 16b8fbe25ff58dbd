/** The coordinators' dashboard: counts at a glance, small counts hidden, in French and Arabic. */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('statistics dashboard', () => {
  it('shows one screening as "< 5", exports nothing that could single it out, and passes axe in French and Arabic', async () => {
    const scenario = JSON.parse(readFileSync('questionnaires/scenarios/farm-workers-labour-law.json', 'utf8'));
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, { ...scenario.answers, 'consent.statistics': 'yes', 'closing.officer_notes': 'STAT-MARKER-55' });
    await page.locator('[data-action="close-interview"], .result .button--secondary').last().click();
    await page.locator('[data-action="statistics"]').click();
    await page.getByTestId('stats-total').waitFor();
    expect(await page.getByTestId('stats-total').textContent()).toContain('< 5');
    expect(await page.locator('.chart').count()).toBeGreaterThan(5);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/statistics-fr-landscape.png', fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-stats"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.trim().split('\n')).toEqual(['yearOfRegistration,gender,ageBroad,majorityStatus,citizenshipRegion,outcome448_1,typeOfExploitation,meansOfControl,count']);
    expect(csv).not.toMatch(/STAT-MARKER|TR-/);

    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/statistics-ar-landscape.png', fullPage: false });
    await context.close();
  });
});
