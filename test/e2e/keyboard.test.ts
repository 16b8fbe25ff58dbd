/** The whole interview can be run with the keyboard alone, with the focus always visible. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked } from '../helpers/browser';
import { currentStep, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses Tab until the focused element matches, checking on the way that every stop shows its focus. */
async function tabTo(page: Page, matches: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate((selector) => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { hit: el.matches(selector), visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, what: `${el.tagName} ${el.textContent?.slice(0, 30)}` };
    }, matches);
    expect(focus.visible, `focus not visible on ${focus.what}`).toBe(true);
    if (focus.hit) return;
  }
  throw new Error(`could not reach ${matches} with Tab`);
}

describe('keyboard', () => {
  it('completes a whole interview with Tab, Enter, Space and typing only: Enter on an answer records it and moves on', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await tabTo(page, '.home-actions .button--primary');
    await page.keyboard.press('Enter');

    // The person's language first: radio buttons take Space.
    await page.locator('[data-step="language"]').waitFor();
    await tabTo(page, '[data-field="language"] input');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-field="interpreter"] input');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-field="role"] input');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-action="language-done"]');
    await page.keyboard.press('Enter');
    await page.locator('[data-question-id]').waitFor();

    let answered = 0;
    let oneTap = 0;
    for (let step = 0; step < 300; step++) {
      const now = await currentStep(page);
      if (now.step === 'result') break;
      if (now.questionId) {
        // A new question takes the focus, so the keyboard starts from it.
        expect(await page.evaluate(() => document.activeElement?.classList.contains('question__text'))).toBe(true);
        const question = page.locator(`[data-question-id="${now.questionId}"]`);
        if ((await question.locator('input, textarea').count()) > 0) {
          await tabTo(page, 'input, textarea');
          // Numbers get numbers (an adult now, and when it began); text questions a word.
          const typed: Record<string, string> = { 'person.age_years': '34', 'person.age_at_start': '30' };
          await page.keyboard.type(typed[now.questionId] ?? 'noted');
          await tabTo(page, '[data-action="next"]');
          await page.keyboard.press('Enter');
        } else if ((await question.locator('.answer--check').count()) > 0) {
          await tabTo(page, '.answer--check');
          await page.keyboard.press('Enter');
          await tabTo(page, '[data-action="next"]');
          await page.keyboard.press('Enter');
        } else {
          // One key press: the answer is recorded and the next question comes.
          await tabTo(page, '.answer--main');
          await page.keyboard.press('Enter');
          oneTap++;
        }
        answered++;
      } else {
        await tabTo(page, '.actions .button--primary');
        await page.keyboard.press('Enter');
      }
      await page.waitForFunction(([step, id]) => document.querySelector('[data-step]')?.getAttribute('data-step') !== step || document.querySelector('[data-question-id]')?.getAttribute('data-question-id') !== id, [now.step, now.questionId] as const);
    }
    expect((await currentStep(page)).step).toBe('result');
    expect(answered).toBeGreaterThan(40);
    expect(oneTap).toBeGreaterThan(40);
    await context.close();
  });
});
