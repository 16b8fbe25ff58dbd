/**
 * An officer types a name in the notes by mistake and empties the field: the
 * note must be gone — from the review, from the summary and from paper — and
 * the same for an age and a country typed then erased. In French and Arabic.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked } from '../helpers/browser';
import { andSaved, currentStep, runInterview, unlock, type ScriptedAnswers } from '../helpers/interview-driver';
import { pdfText, requirePoppler } from '../helpers/pdf';

const baseURL = inject('baseURL');
let browser: Browser;
const OUT = 'test-results/clear-answer';
const child = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8')).answers as ScriptedAnswers;
const NAME = 'Fatima Zahra Benali';

beforeAll(async () => {
  requirePoppler();
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Types into the field of the question on screen, then empties it, each keystroke saved as the officer types. */
async function typeThenErase(page: Page, questionId: string, text: string): Promise<void> {
  const field = page.locator(`[data-question-id="${questionId}"]`).locator('textarea, input').first();
  await andSaved(page, () => field.fill(text));
  await andSaved(page, () => field.fill(''));
}

describe('emptying a typed answer erases it', () => {
  it.each(['fr', 'ar'] as const)('a name typed in the notes, an age and a country, then erased, are nowhere (%s)', async (lang) => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    const { 'person.age_years': _age, 'closing.officer_notes': _notes, ...rest } = child;
    const answers = { ...rest, 'person.nationality': 'other' };

    await runInterview(page, answers, (s) => s.questionId === 'person.age_years');
    await typeThenErase(page, 'person.age_years', '15');
    await runInterview(page, answers, (s) => s.questionId === 'person.nationality_other');
    await typeThenErase(page, 'person.nationality_other', 'Pays typé par erreur');
    await runInterview(page, answers, (s) => s.questionId === 'closing.officer_notes');
    await typeThenErase(page, 'closing.officer_notes', NAME);
    // The counter says 0 and the field stays empty after a reload: nothing was kept.
    await page.reload();
    await unlock(page);
    expect((await currentStep(page)).questionId).toBe('closing.officer_notes');
    expect(await page.locator('[data-question-id="closing.officer_notes"] textarea').inputValue()).toBe('');

    await runInterview(page, answers, (s) => s.step === 'review');
    const review = (await page.locator('.review').textContent())!;
    for (const gone of [NAME, 'Pays typé']) expect(review, gone).not.toContain(gone);
    // The erased age: its row says "not asked" (a "15" elsewhere, such as "15 answers of 15", is a count).
    const ageRow = (await page.locator('[data-review-question="person.age_years"]').textContent())!;
    expect(ageRow).not.toContain('15');
    expect(ageRow).toContain(lang === 'fr' ? 'Question non posée' : 'لم يُطرح السؤال');
    await page.locator('.review .actions .button--primary').click();
    await page.locator('[data-step="result"]').waitFor();
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();
    const summary = (await page.locator('.summary-document').textContent())!;
    for (const gone of [NAME, 'Pays typé']) expect(summary, gone).not.toContain(gone);
    const path = `${OUT}/erased-${lang}.pdf`;
    await page.pdf({ path, format: 'A4' });
    const paper = pdfText(path);
    for (const gone of [NAME, 'Pays typé']) expect(paper, gone).not.toContain(gone);
    await context.close();
  }, 180_000);
});
