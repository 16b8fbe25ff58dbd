/**
 * The first question sooner and saves that never hold up the screen (issue 17):
 * "unlock and start" goes straight to a new interview's first question, a new
 * case is drawn before it is written, and answers given as fast as a finger can
 * go survive a reload straight after the last one — every answer that was on
 * screen before the reload is there after unlocking.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets } from '../helpers/browser';
import { chooseLanguage, currentStep, PASSPHRASE, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const key = (page: Page) => currentStep(page).then((s) => `${s.step}|${s.questionId}`);

/** Taps an answer and moves on (by itself, or with "next"), waiting for nothing but the next screen. */
async function answerFast(page: Page, questionId: string, value: string): Promise<void> {
  const before = await key(page);
  await page.locator(`[data-question-id="${questionId}"] [data-value="${value}"]`).click();
  await page.locator(`[data-question-id="${questionId}"] [data-value="${value}"][aria-pressed="true"]`).or(page.locator(`[data-question-id]:not([data-question-id="${questionId}"]), [data-step]:not([data-step="source"]):not([data-step="privacy"]):not([data-step="consent"]):not([data-step="safety"])`)).first().waitFor();
  if ((await key(page)) === before) await page.locator('.actions .button--primary').last().click();
  await page.waitForFunction((b) => `${document.querySelector('[data-step]')?.getAttribute('data-step')}|${document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? null}` !== b, before);
}

async function unlockAndStart(page: Page): Promise<void> {
  await page.locator('input[type="password"]').fill(PASSPHRASE);
  await page.locator('[data-action="unlock-and-start"]').click();
}

describe('first question and saves', () => {
  it('"unlock and start" draws the first question without the home screen, and passes axe', async () => {
    const { page, context, consoleErrors } = await openTracked(browser);
    await page.goto(baseURL);
    await unlock(page); // first use: the passphrase is set
    await page.reload();
    await page.locator('[data-action="unlock-and-start"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/unlock-and-start-fr.png' });
    // Watch for the home screen ever being drawn between the tap and the first question.
    await page.evaluate(() => {
      const seen = ((window as unknown as { homeSeen: boolean }).homeSeen = false);
      void seen;
      new MutationObserver(() => {
        if (document.querySelector('.home-actions')) (window as unknown as { homeSeen: boolean }).homeSeen = true;
      }).observe(document, { subtree: true, childList: true });
    });
    await unlockAndStart(page);
    // A new case's first screen: the person's language, then the first question.
    await page.locator('[data-step="language"]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { homeSeen: boolean }).homeSeen)).toBe(false);
    await chooseLanguage(page);
    await page.locator('[data-question-id]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { homeSeen: boolean }).homeSeen)).toBe(false);
    expect(await currentStep(page)).toEqual({ step: 'source', questionId: 'source.from' });
    const reference = (await page.locator('.interview__side [dir="ltr"]').textContent())!.trim();
    expect(reference).toMatch(/^TR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The case is written in the background: after a reload it is the interview that comes back.
    await page.locator('[data-question-id="source.from"] [data-value="person"][aria-pressed="false"]').waitFor();
    await answerFast(page, 'source.from', 'person');
    await page.reload();
    await unlock(page);
    expect((await page.locator('.interview__side [dir="ltr"]').textContent())!.trim()).toBe(reference);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('answers given quickly, then a reload at once: every answer shown before the reload is there after unlocking', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(baseURL);
    await unlock(page);
    // From the home screen this time: "new interview" draws the first question before the case is written.
    await page.locator('.home-actions .button--primary').click();
    await chooseLanguage(page);
    await page.locator('[data-question-id]').waitFor();
    const given: [string, string][] = [
      ['source.from', 'person'],
      ['privacy.alone', 'yes'],
      ['consent.explained', 'yes'],
      ['consent.interview', 'yes'],
      ['consent.record', 'yes'],
      ['consent.share_referral', 'no'],
      ['consent.statistics', 'dont_know'],
      ['safety.in_danger', 'no'],
    ];
    for (const [id, value] of given) {
      expect((await currentStep(page)).questionId).toBe(id);
      await answerFast(page, id, value);
    }
    // No wait for any save.
    await page.reload();
    await unlock(page);
    // Walk back from where the interview resumed, reading each answer as drawn.
    const found = new Map<string, string | null>();
    for (let i = 0; i < 12 && found.size < given.length; i++) {
      const { questionId } = await currentStep(page);
      if (questionId && given.some(([id]) => id === questionId)) {
        found.set(questionId, await page.locator(`[data-question-id="${questionId}"] [aria-pressed="true"]`).first().getAttribute('data-value').catch(() => null));
      }
      if (questionId === 'source.from') break;
      const before = await key(page);
      await page.locator('.actions .button--secondary').first().click();
      await page.waitForFunction((b) => `${document.querySelector('[data-step]')?.getAttribute('data-step')}|${document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? null}` !== b, before);
    }
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(given));
    await context.close();
  });
});
