/**
 * A person holding the tablet without the passphrase learns nothing; the officer
 * hides the screen in one gesture and finds the interview intact after unlocking.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, rawIndexedDb, smallTouchTargets } from '../helpers/browser';
import { andSaved, answerQuestion, currentStep, PASSPHRASE, runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const MARKER = 'QZX-TEMOIN-4471';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ANSWERS = { 'consent.explained': 'yes', 'consent.interview': 'yes', 'safety.has_safe_place': 'yes', 'person.age_years': 29, 'control.papers_kept': 'yes' };

async function interviewWithMarker(page: Page): Promise<void> {
  await page.goto(`${baseURL}?lang=fr`);
  await unlock(page);
  await page.locator('.home-actions .button--primary').click();
  await runInterview(page, ANSWERS, (s) => s.questionId === 'closing.officer_notes');
  await andSaved(page, () => answerQuestion(page, 'closing.officer_notes', `Rencontrée au port — ${MARKER}`));
}

const visibleText = (page: Page) => page.evaluate(() => `${document.title}\n${document.body.innerText}`);

describe('protecting the data on the device', () => {
  it('IndexedDB, read directly, holds no trace of the answers or of a typed marker', async () => {
    const { page, context, requests } = await openTracked(browser);
    await interviewWithMarker(page);
    const raw = await rawIndexedDb(page);
    expect(raw.length).toBeGreaterThan(0);
    for (const secret of [MARKER, 'Rencontrée', 'control.papers_kept', 'officer_notes', 'presumed_victim', 'possible_victim']) expect(raw).not.toContain(secret);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(MARKER);
    // Cache Storage holds the app's own files (the offline precache) and nothing else.
    const cached = await page.evaluate(async () => {
      const entries: { url: string; body: string }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) entries.push({ url: request.url, body: await (await cache.match(request))!.text() });
      }
      return entries;
    });
    for (const entry of cached) {
      expect(entry.url.startsWith(new URL(baseURL).origin)).toBe(true);
      expect(entry.body).not.toContain(MARKER);
    }
    expect(page.url()).not.toContain(MARKER);
    const origin = new URL(baseURL).origin;
    expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
    await context.close();
  });

  it('quick-hide (button or Shift three times) shows a neutral page with nothing personal, and the interview is intact after unlocking', async () => {
    const { page, context } = await openTracked(browser);
    await interviewWithMarker(page);
    const before = await currentStep(page);
    for (const hide of [() => page.locator('[data-action="quick-hide"]').click(), () => page.keyboard.press('Shift').then(() => page.keyboard.press('Shift')).then(() => page.keyboard.press('Shift'))]) {
      await hide();
      await page.locator('.neutral').waitFor();
      const text = await visibleText(page);
      expect(text).not.toContain(MARKER);
      expect(text).not.toMatch(/traite|448|dossier|TR-/i);
      expect(await page.locator('[data-question-id]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('.neutral__open').click();
      await unlock(page);
      expect(await currentStep(page)).toEqual(before);
      expect(await page.locator('textarea').inputValue()).toContain(MARKER);
    }
    await context.close();
  });

  it('locks by itself after the inactivity period, leaving no personal data on screen', async () => {
    const { page, context } = await openTracked(browser);
    await page.clock.install();
    await interviewWithMarker(page);
    const before = await currentStep(page);
    await page.clock.fastForward('05:30');
    await page.locator('input[type="password"]').first().waitFor();
    expect(await visibleText(page)).not.toContain(MARKER);
    expect(await page.locator('[data-question-id]').count()).toBe(0);
    await unlock(page);
    expect(await currentStep(page)).toEqual(before);
    await context.close();
  });

  it.each([
    ['fr', /au moins 12 caractères ou quatre mots/, 'Afficher', /Des lettres ou des mots répétés/, /mot de passe courant/],
    ['ar', /12 حرفا على الأقل أو أربع كلمات/, 'إظهار', /الحروف أو الكلمات المكررة/, /كلمة مرور شائعة/],
  ])('first use (%s): the rule in words, no verdict before typing, a show toggle, weak passphrases refused with the reason', async (lang, rule, show, repeated, common) => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=${lang}`);
    const fields = page.locator('input[type="password"]');
    await fields.nth(1).waitFor();
    expect(await page.locator('main').textContent()).toMatch(rule);
    // Nothing typed: no verdict, nothing in red.
    expect(await page.getByTestId('passphrase-verdict').textContent()).toBe('');
    expect(await page.locator('.error, [role="alert"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/first-use-rule-${lang}.png` });

    const toggle = page.getByRole('button', { name: show });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('input[data-field]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).type))).toEqual(['text', 'text']);

    for (const [weak, reason] of [['aaaaaaaaaaaa', repeated], ['password1234', common], ['ab ab ab ab', repeated]] as const) {
      await page.locator('input[data-field="passphrase"]').fill(weak);
      await page.locator('input[data-field="confirmation"]').fill(weak);
      await expect.poll(() => page.getByTestId('passphrase-verdict').textContent()).toMatch(reason);
      await page.locator('form button[type="submit"]').click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(reason);
      expect(await page.locator('[data-action="settings"]').count()).toBe(0);
    }
    await page.screenshot({ path: `test-results/screens/first-use-refused-${lang}.png` });
    await page.locator('input[data-field="passphrase"]').fill(PASSPHRASE);
    await page.locator('input[data-field="confirmation"]').fill(PASSPHRASE);
    await page.locator('form button[type="submit"]').click();
    await page.locator('[data-action="settings"]').waitFor();
    await context.close();
  });

  it('after three wrong passphrases the next attempt waits, with a countdown, even after a reload', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="lock"]').click();
    for (let i = 1; i <= 3; i++) {
      await page.locator('input[type="password"]').fill(`wrong passphrase number ${i}`);
      await page.locator('form button[type="submit"]').click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/does not open this tablet/);
      if (i < 3) expect(await page.getByTestId('unlock-wait').count()).toBe(0);
    }
    await page.getByTestId('unlock-wait').waitFor();
    expect(await page.getByRole('timer').textContent()).toMatch(/^0:(30|29|28)$/);
    expect(await page.locator('form button[type="submit"]').isDisabled()).toBe(true);
    await page.screenshot({ path: 'test-results/screens/unlock-wait-en.png' });
    await page.reload();
    await page.getByTestId('unlock-wait').waitFor();
    expect(await page.locator('form button[type="submit"]').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('a PIN reopens within the shift; a wrong passphrase opens nothing', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="lock"]').click();
    await page.locator('input[type="password"]').fill('not the passphrase at all');
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/does not open this tablet/);
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    await page.locator('input[inputmode="numeric"][type="password"]').fill('2468');
    await page.getByRole('button', { name: 'Set the PIN' }).click();
    await page.getByText('PIN set for this shift.').waitFor();
    await page.locator('[data-action="lock"]').click();
    await page.getByLabel('PIN for this shift', { exact: true }).fill('2468');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await context.close();
  });

  it('the audit log shows who did what and detects an edited entry; wipe erases everything', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    await page.getByLabel('Name', { exact: true }).fill('Insp. Amrani');
    await page.locator('form').first().getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.reload();
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    await page.getByText('The log is intact').waitFor();
    expect(await page.locator('table').textContent()).toContain('Insp. Amrani');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/settings-en-landscape.png' });

    // Someone edits an entry in the raw database: the chain no longer matches.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('screening-448-1');
        r.onsuccess = () => resolve(r.result);
      });
      const store = db.transaction('audit', 'readwrite').objectStore('audit');
      const first = await new Promise<{ entry: { data: Uint8Array } }>((resolve) => {
        const r = store.get(1);
        r.onsuccess = () => resolve(r.result);
      });
      // Only the position is in clear; the sealed entry is what someone would have to change.
      first.entry.data[0] = first.entry.data[0]! ^ 0x01;
      store.put(first);
      await new Promise((resolve) => (store.transaction.oncomplete = resolve));
      db.close();
    });
    await page.locator('[data-action="lock"]').click();
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    await page.getByText('The log has been altered').waitFor();

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Erase everything' }).click();
    await page.getByRole('heading', { name: /Protect this tablet/ }).waitFor();
    expect(await rawIndexedDb(page)).toBe('');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await context.close();
  });
});
