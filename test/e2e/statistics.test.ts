/**
 * The coordinators' dashboard: nothing but a plain notice under five finished
 * interviews (an unfinished one never counts), then counts rounded and small
 * ones hidden, tables that fit a tablet held upright, and an export of whole
 * years — in French and Arabic.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets } from '../helpers/browser';
import { runInterview, unlock, type ScriptedAnswers } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const SHOTS = 'test-results/screens';
const fr = JSON.parse(readFileSync('src/i18n/locales/fr.json', 'utf8'));
const scenario = JSON.parse(readFileSync('questionnaires/scenarios/farm-workers-labour-law.json', 'utf8'));
const answers: ScriptedAnswers = { ...scenario.answers, 'consent.statistics': 'yes', 'closing.officer_notes': 'STAT-MARKER-55' };
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function finishedInterview(page: Page): Promise<void> {
  await page.locator('.home-actions .button--primary').click();
  await runInterview(page, answers);
  await page.locator('[data-step="result"]').waitFor();
  await page.locator('.result .actions .button--secondary').last().click();
  await page.locator('.home-actions').waitFor();
}

async function openStatistics(page: Page): Promise<void> {
  await page.locator('[data-action="statistics"]').click();
  await page.locator('[data-testid="stats-not-enough"], [data-testid="stats-total"]').first().waitFor();
}

async function noSidewaysScrolling(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    // A table wider than its card spills over the card's edge even when the page itself does not scroll.
    tables: [...document.querySelectorAll('table')]
      .map((t) => {
        const table = t.getBoundingClientRect();
        const card = (t.closest('.chart') ?? t.parentElement!).getBoundingClientRect();
        return Math.max(table.right - card.right, card.left - table.left, t.scrollWidth - t.clientWidth);
      })
      .filter((d) => d > 1),
  }));
  expect(overflow.page, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  expect(overflow.tables, 'a table overflows').toEqual([]);
}

describe('statistics dashboard', () => {
  it('says there are not enough cases under five finished interviews, counts no unfinished one, then shows rounded counts that fit a tablet', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    for (let i = 0; i < 4; i++) await finishedInterview(page);
    // A fifth interview left unfinished (consent to be counted already given): it must not count.
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, answers, (s) => s.questionId === 'recruitment.mentioned');
    await page.locator('[data-action="close-interview"]').click();

    await openStatistics(page);
    expect(await page.getByTestId('stats-not-enough').textContent()).toBe(fr.stats.notEnough.replace('{{threshold}}', '5'));
    expect(await page.locator('.chart').count()).toBe(0);
    expect(await page.locator('[data-action="export-stats"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/statistics-not-enough-fr.png` });
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/statistics-not-enough-ar.png` });
    await page.getByRole('button', { name: 'Français' }).click();

    // The fifth interview finished: now there is something to show.
    await page.locator('.statistics .actions .button--secondary').click();
    await page.locator('[data-action="resume"]').click();
    await runInterview(page, answers);
    await page.locator('.result .actions .button--secondary').last().click();
    await openStatistics(page);
    expect(await page.getByTestId('stats-total').textContent()).toBe(fr.stats.total.replace('{{count}}', '5'));
    expect(await page.locator('.chart').count()).toBeGreaterThan(5);
    // Every category listed, the empty ones as "< 5" like the small ones.
    const sexRows = await page.locator('.chart', { hasText: fr.stats.sexTitle }).locator('tbody tr').count();
    expect(sexRows).toBe(4);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await noSidewaysScrolling(page);
    await page.screenshot({ path: `${SHOTS}/statistics-fr-landscape.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-stats"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('yearOfRegistration,gender,ageBroad,majorityStatus,citizenshipRegion,outcome448_1,typeOfExploitation,meansOfControl,count');
    for (const row of csv.slice(1)) expect(Number(row.split(',').at(-1)) % 5).toBe(0);
    expect(csv.join('\n')).not.toMatch(/STAT-MARKER|TR-/);

    // A tablet held upright, in French and in Arabic: nothing scrolls sideways.
    await page.setViewportSize({ width: 768, height: 1024 });
    await noSidewaysScrolling(page);
    await page.screenshot({ path: `${SHOTS}/statistics-fr-portrait.png`, fullPage: true });
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    await noSidewaysScrolling(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/statistics-ar-portrait.png`, fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await noSidewaysScrolling(page);
    await page.screenshot({ path: `${SHOTS}/statistics-ar-landscape.png`, fullPage: true });
    await context.close();
  }, 400_000);
});
