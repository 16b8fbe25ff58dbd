/**
 * Leaving the app must leave nothing behind, with the browser's back/forward
 * cache ON as on a real tablet (Playwright turns it off by default): an officer
 * opens a case summary, goes to another page in the same tab, comes Back after
 * the grace period — and finds the unlock screen, with no decrypted text in the
 * page and no key to use. Hide drops the key at once (the PIN cannot reopen),
 * and Lock and Hide reach every open tab of the app.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked } from '../helpers/browser';
import { PASSPHRASE, runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const MARKER = 'QZX-RETOUR-8812';
let browser: Browser;
let elsewhere: Server;
let elsewhereURL: string;

/** Records, in every page, whether it was shown from the back/forward cache. */
const RECORD_RESTORE = `addEventListener('pageshow', (event) => { window.__fromBackForwardCache = event.persisted; });`;
/**
 * Chrome on Android and Safari keep a page in the back/forward cache whatever
 * its `unload` listener: to test that case here, the page's own `unload`
 * listeners are dropped, so Chromium caches the app page as those browsers would.
 */
const IGNORE_UNLOAD = `{
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) { if (type !== 'unload') return add.call(this, type, ...rest); };
}`;

beforeAll(async () => {
  browser = await launchBrowser({ backForwardCache: true });
  // Another site, to leave the app for (a page of another origin in the same tab).
  elsewhere = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><title>${request.url === '/second' ? 'Second' : 'Elsewhere'}</title><h1>Elsewhere</h1><a href="/second">next</a>`);
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const address = elsewhere.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  // localhost, not 127.0.0.1: another origin than the app's.
  elsewhereURL = `http://localhost:${address.port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => elsewhere?.close(resolve));
});

const fromCache = (page: Page) => page.evaluate(() => (window as unknown as { __fromBackForwardCache?: boolean }).__fromBackForwardCache ?? null);
const notRestoredReasons = (page: Page) => page.evaluate(() => JSON.stringify((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & { notRestoredReasons?: unknown })?.notRestoredReasons ?? null));
const wholePage = (page: Page) => page.evaluate(() => `${document.title}\n${document.documentElement.outerHTML}`);

/** Unlocks, sets a 1-second grace period, and opens the summary of a case whose notes carry the marker. */
async function summaryOnScreen(page: Page): Promise<void> {
  await page.goto(`${baseURL}?lang=en`);
  await unlock(page);
  await page.locator('[data-action="settings"]').click();
  await page.getByLabel(/hidden longer than/).fill('1');
  await page.getByLabel(/hidden longer than/).locator('xpath=ancestor::form').getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').first().waitFor();
  await page.getByRole('button', { name: 'Back to the home screen' }).click();
  await page.locator('.home-actions .button--primary').click();
  await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'yes', 'safety.has_safe_place': 'yes', 'person.age_years': 29, 'closing.officer_notes': `Met at the port — ${MARKER}` });
  await page.locator('[data-action="summary"]').click();
  await page.locator('.summary-document', { hasText: MARKER }).waitFor();
}

/** Leaves for another page in the same tab, waits past the grace period, comes Back. */
async function leaveAndComeBack(page: Page): Promise<void> {
  await page.goto(elsewhereURL);
  await page.getByRole('heading', { name: 'Elsewhere' }).waitFor();
  await page.waitForTimeout(2_500);
  await page.goBack({ waitUntil: 'commit' });
  await page.locator('input[type="password"]').first().waitFor();
}

async function expectLockedAndEmpty(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Unlock' }).waitFor();
  const html = await wholePage(page);
  expect(html).not.toContain(MARKER);
  expect(html).not.toContain('Met at the port');
  expect(html).not.toMatch(/TR-[0-9A-Z]{4}-/); // no case reference either
  // Nothing that needs the key is offered: no Lock, no Settings, no screen behind the unlock form.
  expect(await page.locator('[data-action="lock"], [data-action="settings"], .summary-document, [data-question-id]').count()).toBe(0);
  // The passphrase is needed: a wrong one opens nothing...
  await page.locator('input[type="password"]').fill('not the passphrase at all');
  await page.locator('form button[type="submit"]').click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/does not open this tablet/);
  // ...and the right one brings the officer back, with everything saved.
  await unlock(page);
  await page.locator('[data-action="cases"]').click();
  await page.locator('.case').first().waitFor();
}

describe('leaving the app', () => {
  it('the back/forward cache is really on in this browser: a plain page comes back from it', async () => {
    const context = await browser.newContext();
    await context.addInitScript(RECORD_RESTORE);
    const page = await context.newPage();
    await page.goto(elsewhereURL);
    await page.goto(`${elsewhereURL}second`);
    await page.goBack({ waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Elsewhere' }).waitFor();
    expect(await fromCache(page), await notRestoredReasons(page)).toBe(true);
    await context.close();
  });

  it('where the browser keeps the page anyway (back/forward cache, no opt-out): Back shows the unlock screen, no decrypted text, no key', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript(IGNORE_UNLOAD);
    await context.addInitScript(RECORD_RESTORE);
    const page = await context.newPage();
    await summaryOnScreen(page);
    await leaveAndComeBack(page);
    // The page really came back from the cache — the very page that showed the summary, frozen and thawed.
    expect(await fromCache(page), await notRestoredReasons(page)).toBe(true);
    await expectLockedAndEmpty(page);
    await context.close();
  }, 120_000);

  it('as built: while a key is held the app opts out of the back/forward cache, and Back shows the unlock screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript(RECORD_RESTORE);
    const page = await context.newPage();
    await summaryOnScreen(page);
    await leaveAndComeBack(page);
    // Chromium honours the opt-out: the page was loaded afresh, not thawed.
    expect(await fromCache(page)).not.toBe(true);
    expect(await notRestoredReasons(page)).toContain('unload-listener');
    await expectLockedAndEmpty(page);
    await context.close();
  }, 120_000);
});

describe('Hide and Lock', () => {
  it('Hide drops the key at once: with a PIN set, the neutral page opens onto the passphrase, not the PIN', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    await page.locator('input[inputmode="numeric"][type="password"]').fill('2468');
    await page.getByRole('button', { name: 'Set the PIN' }).click();
    await page.getByText('PIN set for this shift.').waitFor();
    expect(await page.locator('[data-action="quick-hide"]').getAttribute('title')).toMatch(/passphrase, not the PIN/);
    await page.locator('[data-action="quick-hide"]').click();
    await page.locator('.neutral').waitFor();
    // Before anyone taps the cover, the app holds nothing: no settings, no form, no officer's data.
    expect(await page.locator('[data-action="settings"], form').count()).toBe(0);
    await page.locator('.neutral__open').click();
    await page.getByRole('heading', { name: 'Unlock' }).waitFor();
    expect(await page.getByLabel('PIN for this shift', { exact: true }).count()).toBe(0);
    await unlock(page, PASSPHRASE);
    await page.locator('[data-action="settings"]').waitFor();
    await context.close();
  });

  it('Hide in one tab hides the other; Lock in one tab locks the other', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const first = await context.newPage();
    await first.goto(`${baseURL}?lang=en`);
    await unlock(first);
    const second = await context.newPage();
    await second.goto(`${baseURL}?lang=en`);
    await unlock(second);
    await second.locator('[data-action="cases"]').waitFor();

    await first.locator('[data-action="quick-hide"]').click();
    await second.locator('.neutral').waitFor();
    expect(await second.locator('[data-action="cases"], [data-action="settings"]').count()).toBe(0);
    await second.locator('.neutral__open').click();
    await second.getByRole('heading', { name: 'Unlock' }).waitFor();

    await first.locator('.neutral__open').click();
    await unlock(first);
    await unlock(second);
    await second.locator('[data-action="cases"]').waitFor();
    await first.locator('[data-action="lock"]').click();
    await second.getByRole('heading', { name: 'Unlock' }).waitFor();
    expect(await second.locator('[data-action="cases"], [data-action="settings"]').count()).toBe(0);
    await context.close();
  });
});
