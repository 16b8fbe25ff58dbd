/**
 * The training debrief as a trainee meets it: the child's means, which practice
 * skips by default, are "skipped by design", never "not asked"; and the para. 4
 * question the trainee skipped, which left the reading wrong, is named as the
 * question that would have changed it. In French and Arabic.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets } from '../helpers/browser';
import { runInterview, unlock, type ScriptedAnswers } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const SHOTS = 'test-results/screens';
let browser: Browser;
const scenario = JSON.parse(readFileSync(join('questionnaires/scenarios', 'child-domestic-servitude.json'), 'utf8')) as {
  id: string;
  answers: ScriptedAnswers;
  expected: { outcome: string; elements: Record<string, string>; flags: string[] };
};
const trainingFr = JSON.parse(readFileSync('src/i18n/locales/training/fr.json', 'utf8'));
const questionsFr = JSON.parse(readFileSync('questionnaires/art-448-1/v1/locales/fr.json', 'utf8')).questions;
const questionsAr = JSON.parse(readFileSync('questionnaires/art-448-1/v1/locales/ar.json', 'utf8')).questions;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function practise(page: Page, answers: ScriptedAnswers, reading: { elements: Record<string, string>; outcome: string; flags: string[] }): Promise<void> {
  await page.locator('[data-action="training"]').click();
  await page.locator(`[data-scenario-id="${scenario.id}"] [data-action="choose-scenario"]`).click();
  await page.locator('[data-step="practice-setup"]').waitFor();
  await page.locator('[data-step="practice-setup"] input').first().fill('Youssef');
  await page.locator('[data-action="start-practice"]').click();
  await page.locator('[data-question-id]').waitFor();
  // Past "the means questions are skipped": the default, which the trainee does not open.
  await runInterview(page, answers);
  await page.locator('[data-step="conclusion"]').waitFor();
  for (const [element, status] of Object.entries(reading.elements)) await page.locator(`[data-element="${element}"] input[value="${status}"]`).check();
  await page.locator(`[data-element="outcome"] input[value="${reading.outcome}"]`).check();
  for (const flag of reading.flags) await page.locator(`[data-element="flags"] input[value="${flag}"]`).check();
  await page.locator('[data-action="state-reading"]').click();
  await page.locator('[data-step="debrief"]').waitFor();
}

describe('the training debrief', () => {
  it.each(['fr', 'ar'] as const)('counts the skipped means of a child as skipped by design, and names the para. 4 question that would have changed the reading (%s)', async (lang) => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    // The trainee skips "could you have changed your situation?" (para. 4): the tool reads para. 4 as unknown, and so does the trainee.
    const { 'threshold.could_change': _skipped, ...answers } = scenario.answers;
    const flags = [...new Set(scenario.expected.flags.map((f) => (f.startsWith('aggravating:') ? 'aggravating' : f)))];
    await practise(page, answers, { elements: { ...scenario.expected.elements, threshold: 'unknown' }, outcome: scenario.expected.outcome, flags });

    expect(await page.locator('tr[data-element="threshold"]').getAttribute('data-verdict')).toBe('wrong');
    // Money given to the father: a means question, skipped for a child by the interview itself.
    expect(await page.locator('tr[data-question="means.family_paid"]').getAttribute('data-verdict')).toBe('skippedByDesign');
    expect(await page.locator('tr[data-verdict="notAsked"]').count()).toBe(0);
    const decisive = page.getByTestId('decisive');
    expect(await decisive.locator('[data-decisive]').first().getAttribute('data-decisive')).toBe('threshold.could_change');
    expect(await decisive.textContent()).toContain((lang === 'fr' ? questionsFr : questionsAr)['threshold.could_change'].text);
    if (lang === 'fr') {
      expect(await page.locator('tr[data-question="means.family_paid"]').textContent()).toContain(trainingFr.questionVerdict.skippedByDesign);
      expect(await decisive.textContent()).toContain(trainingFr.decisiveTitle);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await decisive.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/training-debrief-decisive-${lang}.png` });
    await context.close();
  }, 240_000);
});
