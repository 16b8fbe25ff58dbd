/** The interview can be run with the keyboard alone, with the focus always visible. */
import type { Browser } from 'playwright-core';
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

describe('keyboard', () => {
  it('answers questions with Tab and Enter only, the focus moving to each new question and always visible', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-question-id]').waitFor();
    for (let i = 0; i < 4; i++) {
      const before = await currentStep(page);
      // The new question's heading has the focus; the first answer is the next stop.
      expect(await page.evaluate(() => document.activeElement?.classList.contains('question__text'))).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { value: el.getAttribute('data-value'), outline: style.outlineStyle, width: style.outlineWidth };
      });
      expect(focused.value).toBe('yes');
      expect(focused.outline).not.toBe('none');
      expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      expect(await page.locator(`[data-question-id="${before.questionId}"] [data-value="yes"]`).getAttribute('aria-pressed')).toBe('true');
      // Through "no", "don't know", "prefers not to answer" and "back" to "next".
      for (let k = 0; k < 5; k++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Next');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.querySelector('[data-question-id]')?.getAttribute('data-question-id') !== id, before.questionId);
    }
    await context.close();
  });
});
