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
import { stateReading } from '../helpers/training-driver';

const baseURL = inject('baseURL');
const SHOTS = 'test-results/screens';
let browser: Browser;
const scenario = JSON.parse(readFileSync(join('questionnaires/scenarios', 'child-domestic-servitude.json'), 'utf8')) as {
  id: string;
  answers: ScriptedAnswers;
  expected: { outcome: string; elements: Record<string, string>; flags: string[] };
};
const trainingFr = JSON.parse(readFileSync('src/i18n/locales/training/fr.json', 'utf8'));
const questionsFr = JSON.parse(readFileSync('questionnaires/art-448-1/v2/locales/fr.json', 'utf8')).questions;
const questionsAr = JSON.parse(readFileSync('questionnaires/art-448-1/v2/locales/ar.json', 'utf8')).questions;

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
  await runInterview(page, answers);
  await stateReading(page, reading);
}

describe('the training debrief', () => {
  it.each(['fr', 'ar'] as const)('counts the skipped means of a child as skipped by design, and names the para. 4 question that would have changed the reading (%s)', async (lang) => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    // The trainee skips every question that feeds para. 4 (could she refuse, who decided, was she afraid
    // to refuse, the control checklist): no single answer decides it in model v2, so all four are left
    // out; the tool reads para. 4 as unknown, and so does the trainee.
    const para4 = ['work.could_refuse', 'control.mentioned', 'control.decided', 'control.afraid_to_refuse'];
    // And spares the child the means questions, as the interview offers for a child (art. 448-1 para. 2).
    const answers = { ...Object.fromEntries(Object.entries(scenario.answers).filter(([id]) => !para4.includes(id))), 'person.ask_means_for_child': 'no' };
    const flags = [...new Set(scenario.expected.flags.map((f) => (f.startsWith('aggravating:') ? 'aggravating' : f)))];
    await practise(page, answers, { elements: { ...scenario.expected.elements, threshold: 'unknown' }, outcome: scenario.expected.outcome, flags });

    expect(await page.locator('tr[data-element="threshold"]').getAttribute('data-verdict')).toBe('wrong');
    // Her family's poverty used to recruit her: a means question, not asked of a child once the officer spares her the means.
    expect(await page.locator('tr[data-question="recruitment.hardship_used"]').getAttribute('data-verdict')).toBe('skippedByDesign');
    expect(await page.locator('tr[data-verdict="notAsked"]').count()).toBe(0);
    const decisive = page.getByTestId('decisive');
    // Each of the four alone would have put para. 4 right: all are named, in the order asked.
    expect(await decisive.locator('[data-decisive]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-decisive')))).toEqual(para4);
    for (const id of para4) expect(await decisive.textContent()).toContain((lang === 'fr' ? questionsFr : questionsAr)[id].text);
    if (lang === 'fr') {
      expect(await page.locator('tr[data-question="recruitment.hardship_used"]').textContent()).toContain(trainingFr.questionVerdict.skippedByDesign);
      expect(await decisive.textContent()).toContain(trainingFr.decisiveTitle);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await decisive.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/training-debrief-decisive-${lang}.png` });
    await context.close();
  }, 240_000);
});
