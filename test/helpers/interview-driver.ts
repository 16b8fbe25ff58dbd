/**
 * Drives the interview screen like an officer: reads the question on screen and
 * taps the answer a script gives (or skips it), until the result. A yes/no or
 * single-choice answer is one tap that also moves on; a multiple choice, a
 * number or a text is followed by "Next". Every tap is counted in `taps`, so a
 * test can check that the interview takes no more than that.
 */
import type { Locator, Page } from 'playwright-core';

export type ScriptedAnswers = Record<string, string | number | string[]>;

export const PASSPHRASE = 'quatre mots pour la tablette';

/** One tap of the driver: on which question (null between questions) and on what. */
export interface Tap {
  questionId: string | null;
  what: string;
}

/** Every tap the driver made since the last resetTaps(). */
export const taps: Tap[] = [];

export function resetTaps(): void {
  taps.length = 0;
}

async function tap(locator: Locator, questionId: string | null, what: string): Promise<void> {
  taps.push({ questionId, what });
  await locator.click();
}

export async function currentStep(page: Page): Promise<{ step: string; questionId: string | null }> {
  await page.locator('[data-step]').first().waitFor();
  return page.evaluate(() => ({
    step: document.querySelector('[data-step]')!.getAttribute('data-step')!,
    questionId: document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? null,
  }));
}

/** Waits until the screen shows another step or another question than `before`. */
export async function movedFrom(page: Page, before: { step: string; questionId: string | null }): Promise<void> {
  await page.waitForFunction(
    ([step, questionId]) =>
      document.querySelector('[data-step]')?.getAttribute('data-step') !== step ||
      (document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? null) !== questionId,
    [before.step, before.questionId] as const,
  );
}

export interface LanguageChoice {
  /** fr, ar, en, darija, tamazight or other; the screen's language when left out. */
  language?: string;
  otherName?: string;
  interpreter?: 'yes' | 'no';
  role?: 'professional' | 'ngo' | 'relative' | 'other';
}

/** The first screen of a new interview: the person's language and the interpreter. */
export async function chooseLanguage(page: Page, choice: LanguageChoice = {}): Promise<void> {
  const form = page.locator('[data-step="language"]');
  await form.waitFor();
  const language = choice.language ?? (await page.getAttribute('html', 'lang')) ?? 'fr';
  await tap(form.locator(`[data-field="language"] input[value="${language}"]`), null, `language ${language}`);
  if (choice.otherName !== undefined) await form.locator('[data-field="language"] input:not([type="radio"])').fill(choice.otherName);
  await tap(form.locator(`[data-field="interpreter"] input[value="${choice.interpreter ?? 'no'}"]`), null, 'interpreter');
  if (choice.role) await tap(form.locator(`[data-field="role"] input[value="${choice.role}"]`), null, `role ${choice.role}`);
  await tap(form.locator('[data-action="language-done"]'), null, 'start');
  await form.waitFor({ state: 'detached' });
}

/** From the home screen: a new case, through its first screen (the person's language), to the first question. */
export async function startNewInterview(page: Page, choice: LanguageChoice = {}): Promise<void> {
  await page.locator('.home-actions .button--primary').click();
  await chooseLanguage(page, choice);
  await page.locator('[data-question-id]').waitFor();
}

/**
 * Gives an answer to the question on screen. A tap on yes/no, a single choice,
 * "don't know" or "prefers not to answer" records it and moves on (resolves once
 * the next screen is there); ticking a multiple choice or typing stays on the
 * question. Returns whether the screen moved on.
 */
export async function answerQuestion(page: Page, questionId: string, value: string | number | string[]): Promise<boolean> {
  const question = page.locator(`[data-question-id="${questionId}"]`);
  if (Array.isArray(value)) {
    for (const v of value) await tap(question.locator(`[data-value="${v}"]`), questionId, `tick ${v}`);
    return false;
  }
  if (typeof value === 'number') {
    await question.locator('input').fill(String(value));
    return false;
  }
  if ((await question.locator('textarea').count()) > 0 && value !== 'refused') {
    await question.locator('textarea').fill(value);
    return false;
  }
  const before = await currentStep(page);
  await tap(question.locator(`[data-value="${value}"]`), questionId, `answer ${value}`);
  await movedFrom(page, before);
  return true;
}

/** On from the screen shown: "Next" (keeping the answer) or "Skip" on a question, the main button elsewhere. */
async function advance(page: Page): Promise<void> {
  const before = await currentStep(page);
  if (before.questionId) {
    const next = page.locator('.interview__main [data-action="next"]:enabled');
    const button = (await next.count()) > 0 ? next : page.locator('.interview__main [data-action="skip"]');
    await tap(button, before.questionId, (await next.count()) > 0 ? 'next' : 'skip');
  } else {
    await tap(page.locator('.actions .button--primary').last(), null, `continue ${before.step}`);
  }
  await movedFrom(page, before);
}

/**
 * What the driver answers when a script is silent on it: the person speaks for
 * themselves, is alone with the officer, and agrees to be interviewed and
 * recorded. Version 2 ends the interview on anything but a "yes" to those
 * consents (LEGAL.md §9.2), so a script that wants a refusal says "no".
 * Sharing and statistics consents are left to each script.
 */
export const INTERVIEW_DEFAULTS: ScriptedAnswers = {
  'source.from': 'person',
  'privacy.alone': 'yes',
  'consent.explained': 'yes',
  'consent.interview': 'yes',
  'consent.record': 'yes',
};

/** Answers until `until` says stop (or the result), returning the questions seen. */
export async function runInterview(page: Page, answers: ScriptedAnswers, until: (step: { step: string; questionId: string | null }) => boolean = () => false): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 300; i++) {
    const now = await currentStep(page);
    // A practice run ends where the trainee states a reading, not at the result.
    if (until(now) || now.step === 'result' || now.step === 'declined' || now.step === 'declinedEnd' || now.step === 'practice-end') return seen;
    if (now.step === 'language') {
      await chooseLanguage(page);
      continue;
    }
    if (now.questionId) {
      seen.push(now.questionId);
      const value = answers[now.questionId] ?? INTERVIEW_DEFAULTS[now.questionId];
      if (value !== undefined && (await answerQuestion(page, now.questionId, value))) continue;
    }
    await advance(page);
  }
  throw new Error(`the interview did not end; questions seen: ${seen.join(', ')}`);
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  const fields = page.locator('input[type="password"]');
  await fields.first().fill(passphrase);
  // First use asks for the passphrase twice.
  if ((await fields.count()) > 1) await fields.nth(1).fill(passphrase);
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
export async function andSaved(page: Page, action: () => Promise<unknown>): Promise<void> {
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
