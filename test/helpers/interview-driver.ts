/**
 * Drives the interview screen like an officer: reads the question on screen and
 * taps the answer a script gives (or skips it), until the result.
 */
import type { Page } from 'playwright-core';

export type ScriptedAnswers = Record<string, string | number | string[]>;

export const PASSPHRASE = 'quatre mots pour la tablette';

export async function currentStep(page: Page): Promise<{ step: string; questionId: string | null }> {
  await page.locator('[data-step]').first().waitFor();
  return page.evaluate(() => ({
    step: document.querySelector('[data-step]')!.getAttribute('data-step')!,
    questionId: document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? null,
  }));
}

async function primary(page: Page): Promise<void> {
  const before = await currentStep(page);
  await page.locator('.actions .button--primary').last().click();
  await page.waitForFunction(
    ([step, questionId]) =>
      document.querySelector('[data-step]')?.getAttribute('data-step') !== step ||
      (document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? null) !== questionId,
    [before.step, before.questionId] as const,
  );
}

export async function answerQuestion(page: Page, questionId: string, value: string | number | string[]): Promise<void> {
  const question = page.locator(`[data-question-id="${questionId}"]`);
  if (Array.isArray(value)) {
    for (const v of value) await question.locator(`[data-value="${v}"]`).click();
  } else if (typeof value === 'number') {
    await question.locator('input').fill(String(value));
  } else if ((await question.locator('textarea').count()) > 0 && value !== 'refused') {
    await question.locator('textarea').fill(value);
  } else {
    await question.locator(`[data-value="${value}"]`).click();
  }
}

/** Answers until `until` says stop (or the result), returning the questions seen. */
export async function runInterview(page: Page, answers: ScriptedAnswers, until: (step: { step: string; questionId: string | null }) => boolean = () => false): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    const now = await currentStep(page);
    // A practice run ends where the trainee states a reading, not at the result.
    if (until(now) || now.step === 'result' || now.step === 'declined' || now.step === 'practice-end') return seen;
    if (now.questionId) {
      seen.push(now.questionId);
      const value = answers[now.questionId];
      if (value !== undefined) await answerQuestion(page, now.questionId, value);
    }
    await primary(page);
  }
  throw new Error(`the interview did not end; questions seen: ${seen.join(', ')}`);
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  const confirm = page.locator('input[autocomplete="new-password"]');
  await page.locator('input[type="password"]').first().fill(passphrase);
  if ((await confirm.count()) > 1) await confirm.nth(1).fill(passphrase);
  await page.locator('form button[type="submit"]').click();
  await page.locator('input[type="password"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  await nameOfficerIfAsked(page);
}

export const TEST_OFFICER = { name: 'Insp. Nadia Alaoui', service: 'Brigade des mineurs, Tanger' };

/**
 * Right after the passphrase is set (or whenever no officer is named) the app asks
 * who is screening before anything else: answer it, so that tests start where an
 * officer would, on the screen that follows.
 */
export async function nameOfficerIfAsked(page: Page, officer: { name: string; service: string } = TEST_OFFICER): Promise<void> {
  // Whatever comes after the unlock screen draws a heading (or an interview step) once loaded.
  await page.locator('main h1, main [data-step]').first().waitFor({ timeout: 30_000 });
  const form = page.locator('[data-first-use="officer"]');
  if ((await form.count()) === 0) return;
  await form.locator('input').nth(0).fill(officer.name);
  await form.locator('input').nth(1).fill(officer.service);
  await form.locator('[data-action="save-officer"]').click();
  await form.waitFor({ state: 'detached' });
}

/** Does something that changes an answer, and waits until the encrypted save of it has landed. */
export async function andSaved(page: Page, action: () => Promise<void>): Promise<void> {
  // Under Playwright's fake clock the page records no performance marks: fall back to a pause.
  const marksWork = await page.evaluate(() => {
    performance.mark('probe:marks');
    return performance.getEntriesByName('probe:marks').length > 0;
  });
  const before = await page.evaluate(() => performance.getEntriesByName('screening:saved').length);
  await action();
  if (marksWork) await page.waitForFunction((count) => performance.getEntriesByName('screening:saved').length > count, before);
  else await page.waitForTimeout(1_000);
}
