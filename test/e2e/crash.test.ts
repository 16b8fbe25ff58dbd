/**
 * A screen that fails to draw — a hostile record, a bug, a chunk that cannot
 * load — must never leave a blank page with the key still in memory: the
 * session is locked, a neutral screen says so, Hide still works, and starting
 * again needs the passphrase (even with a PIN set).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const MARKER = 'QZX-PANNE-5530';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The summary screen's code, as served, throws when it runs: whatever made a
 * screen fail, React sees a render error. (The service worker is blocked so
 * that every request reaches the test's route.)
 */
async function withBrokenSummary(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
  await context.route(/\/assets\/summary-screen-[\w-]+\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new TypeError("Cannot read properties of undefined (reading \'map\')");' }),
  );
  const page = await context.newPage();
  await page.goto(`${baseURL}?lang=en`);
  await unlock(page);
  await page.locator('[data-action="settings"]').click();
  await page.locator('input[inputmode="numeric"][type="password"]').fill('1357');
  await page.getByRole('button', { name: 'Set the PIN' }).click();
  await page.getByText('PIN set for this shift.').waitFor();
  await page.getByRole('button', { name: 'Back to the home screen' }).click();
  await page.locator('.home-actions .button--primary').click();
  await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'yes', 'safety.has_safe_place': 'yes', 'person.age_years': 31, 'closing.officer_notes': MARKER });
  await page.locator('[data-action="summary"]').click();
  await page.getByTestId('crash-screen').waitFor();
  return page;
}

describe('a screen that fails to draw', () => {
  it('locks the session and shows a neutral screen, never a blank page; starting again needs the passphrase, not the PIN', async () => {
    const page = await withBrokenSummary();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toMatch(/This screen could not be shown/);
    expect(text).toMatch(/the tablet has been locked/);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('Cannot read properties'); // the error itself is not shown: it could quote what was on screen
    // Locked: nothing that needs the key is offered any more.
    expect(await page.locator('[data-action="lock"], [data-action="settings"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/crash-en.png' });

    await page.locator('[data-action="restart"]').click();
    await page.getByRole('heading', { name: 'Unlock' }).waitFor();
    expect(await page.getByLabel('PIN for this shift', { exact: true }).count()).toBe(0);
    await unlock(page);
    await page.locator('[data-action="cases"]').waitFor();
    await page.context().close();
  });

  it('Hide still works from the crash screen', async () => {
    const page = await withBrokenSummary();
    await page.locator('[data-action="quick-hide"]').click();
    await page.locator('.neutral').waitFor();
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/could not be shown|448|trafficking/i);
    await page.locator('.neutral__open').click();
    await page.getByRole('heading', { name: 'Unlock' }).waitFor();
    await page.context().close();
  });
});
