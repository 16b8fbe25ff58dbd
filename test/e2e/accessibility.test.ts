/** Every screen, in French and in Arabic, passes axe with no violation. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, type AxeViolation } from '../helpers/browser';
import { answerQuestion, chooseLanguage, runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['fr', 'ar'] as const)('axe in %s', (lang) => {
  it('finds no violation on any screen', async () => {
    const { page, context } = await openTracked(browser);
    const found: Record<string, AxeViolation[]> = {};
    const check = async (screen: string) => {
      const violations = await axeViolations(page);
      if (violations.length > 0) found[screen] = violations;
    };
    const answerUntil = async (answers: Record<string, string | number | string[]>, stop: (s: { step: string; questionId: string | null }) => boolean) => runInterview(page, answers, stop);

    await page.goto(`${baseURL}?lang=${lang}`);
    await page.locator('h1').waitFor();
    await check('first use');
    await unlock(page);
    await page.locator('#overview-heading').waitFor();
    await check('home');
    for (const [action, screen] of [['directory', 'directory'], ['statistics', 'statistics'], ['settings', 'settings'], ['cases', 'cases']] as const) {
      await page.goto(`${baseURL}?lang=${lang}`);
      await unlock(page);
      await page.locator(`[data-action="${action}"]`).click();
      await page.locator('main h1').waitFor();
      await page.waitForTimeout(200);
      await check(screen);
    }
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await page.locator('[data-step="language"]').waitFor();
    await check("the person's language");
    await chooseLanguage(page, { language: 'other', otherName: 'Pidgin', interpreter: 'yes', role: 'relative' });
    await page.locator('[data-question-id]').waitFor();
    await check('question (yes/no)');
    const answers = { 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.share_referral': 'yes', 'safety.needs_doctor': 'yes', 'person.nationality': 'other', 'work.activities': ['begging'] };
    await answerUntil(answers, (s) => s.step === 'urgent');
    await check('urgent needs');
    await page.locator('.actions .button--primary').last().click();
    await answerQuestion(page, 'person.age_years', 15);
    await check('question (number)');
    await answerUntil(answers, (s) => s.questionId === 'person.sex');
    await check('question (single choice)');
    await answerUntil(answers, (s) => s.questionId === 'person.nationality_other');
    await check('question (text)');
    await answerUntil(answers, (s) => s.questionId === 'person.ask_means_for_child');
    await page.locator('[data-question-id="person.ask_means_for_child"] button[aria-controls$="-guidance"]').click();
    await check('means questions for a child, with the guidance open');
    await answerUntil(answers, (s) => s.questionId === 'work.activities');
    await check('question (multiple choice)');
    await answerUntil(answers, (s) => s.step === 'review');
    await check('review');
    await page.locator('.actions .button--primary').last().click();
    await page.locator('[data-step="result"]').waitFor();
    await check('result');
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();
    await check('referral summary');
    await page.locator('[data-action="lock"]').click();
    await page.locator('input[type="password"]').first().waitFor();
    await check('unlock');
    await unlock(page);
    await page.locator('[data-action="quick-hide"]').click();
    await page.locator('.neutral').waitFor();
    await check('quick-hide page');
    expect(found).toEqual({});
    await context.close();
  });
});
