/**
 * The interview at the pace of a conversation, on a tablet in both orientations,
 * in French and Arabic: one tap per yes/no or single-choice answer (counted),
 * "changed your mind?" to undo, the person's language with a view for the person
 * beside the officer's, numbers in Arabic-Indic digits, notes at any moment,
 * a review changed in place, and the result's next steps at the top.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked, rawIndexedDb } from '../helpers/browser';
import { checkScreen, scenario, SHOTS } from '../helpers/screen-check';
import { andSaved, chooseLanguage, currentStep, resetTaps, runInterview, startNewInterview, taps, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;

const fr = JSON.parse(readFileSync('src/i18n/locales/fr.json', 'utf8'));
const questionnaireJson = JSON.parse(readFileSync('questionnaires/art-448-1/v2/questionnaire.json', 'utf8'));
const questionTypes = new Map<string, string>(questionnaireJson.sections.flatMap((s: { questions: { id: string; type: string }[] }) => s.questions.map((q) => [q.id, q.type] as const)));
const arQuestions = JSON.parse(readFileSync('questionnaires/art-448-1/v2/locales/ar.json', 'utf8')).questions;
const frQuestions = JSON.parse(readFileSync('questionnaires/art-448-1/v2/locales/fr.json', 'utf8')).questions;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});



const PORTRAIT = { width: 768, height: 1024 };
const LANDSCAPE = { width: 1024, height: 768 };

describe('one tap per answer', () => {
  it.each([
    ['fr', LANDSCAPE, 'landscape'],
    ['ar', PORTRAIT, 'portrait'],
  ] as const)('in %s (%s): the whole sample interview takes one tap per yes/no and single-choice answer, and reads as npm run assess reads it', async (lang, viewport, orientation) => {
    const { answers, outcome } = scenario('child-domestic-servitude');
    const { page, context } = await openTracked(browser, viewport);
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    await startNewInterview(page);
    await checkScreen(page, `one-tap-${lang}-${orientation}`);
    resetTaps();
    const seen = await runInterview(page, answers, (s) => s.step === 'review');
    await page.locator('.review .actions .button--primary').click();
    await page.locator('[data-step="result"]').waitFor();
    expect(await page.getAttribute('[data-step="result"]', 'data-outcome')).toBe(outcome);

    const oneTapQuestions = seen.filter((id) => ['yes_no', 'single'].includes(questionTypes.get(id)!) && answers[id] !== undefined);
    expect(oneTapQuestions.length).toBeGreaterThan(50);
    for (const id of oneTapQuestions) {
      expect(
        taps.filter((t) => t.questionId === id),
        id,
      ).toEqual([{ questionId: id, what: `answer ${answers[id]}` }]);
    }
    // Everything else: a tick per option and "Next" for the checklist, "Next" after typing, "Skip" for what the script leaves out.
    const otherTaps = taps.filter((t) => t.questionId !== null && !oneTapQuestions.includes(t.questionId));
    const expectedOther = seen
      .filter((id) => !oneTapQuestions.includes(id))
      .reduce((sum, id) => sum + (Array.isArray(answers[id]) ? (answers[id] as string[]).length + 1 : 1), 0);
    expect(otherTaps.length).toBe(expectedOther);
    await context.close();
  }, 240_000);
});

describe('a double tap', () => {
  it('answers one question, not the one it brought up as well', async () => {
    const { page, context } = await openTracked(browser, LANDSCAPE);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await startNewInterview(page);
    await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.record': 'yes', 'consent.share_referral': 'yes', 'consent.statistics': 'yes', 'source.from': 'person', 'privacy.alone': 'yes' }, (s) => s.questionId === 'safety.in_danger');
    const box = (await page.locator('[data-question-id="safety.in_danger"] [data-value="no"]').boundingBox())!;
    // Near the top of the button: the next question's text is shorter, so its buttons sit a little higher.
    const [x, y] = [box.x + box.width / 2, box.y + 8];
    // The officer has read the question out: the touch guard of its first moment is over.
    await page.waitForTimeout(500);
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
    await page.locator('[data-question-id="safety.needs_doctor"]').waitFor();
    // The second tap fell on an answer of the new question: it was not taken as one.
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.closest('[data-question-id="safety.needs_doctor"] [data-value]') !== null, [x, y])).toBe(true);
    expect(await page.locator('[data-question-id="safety.needs_doctor"] [aria-pressed="true"]').count()).toBe(0);
    expect((await currentStep(page)).questionId).toBe('safety.needs_doctor');
    // Once settled, a tap there answers.
    await page.waitForTimeout(500);
    await page.touchscreen.tap(x, y);
    await page.locator('[data-question-id="safety.has_safe_place"]').waitFor();
    await context.close();
  }, 120_000);
});

describe("the person's language", () => {
  it('is chosen first (a relative as interpreter is a warning), the question is shown to the person in Arabic while the guidance stays French, and the case and summary record it', async () => {
    const { page, context } = await openTracked(browser, LANDSCAPE);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await page.locator('[data-step="language"]').waitFor();
    await page.locator('[data-field="language"] input[value="ar"]').check();
    await page.locator('[data-field="interpreter"] input[value="yes"]').check();
    await page.locator('[data-field="role"] input[value="relative"]').check();
    expect(await page.getByTestId('relative-interpreter-warning').textContent()).toBe(fr.conversation.language.relativeWarning);
    await checkScreen(page, 'person-language-fr-landscape');
    await page.locator('[data-action="language-done"]').click();
    // Version 2 asks first where the information comes from, then whether the person is alone with the officer.
    await page.locator('[data-question-id="source.from"]').waitFor();
    await runInterview(page, { 'source.from': 'person', 'privacy.alone': 'yes' }, (s) => s.questionId === 'consent.explained');

    // The officer's own check: no "show to the person", no "don't know".
    expect(await page.locator('.question--officer').textContent()).toContain(fr.conversation.officerCheck);
    expect(await page.locator('[data-action="show-to-person"]').count()).toBe(0);
    expect(await page.locator('[data-value="dont_know"]').count()).toBe(0);
    await runInterview(page, { 'consent.explained': 'yes' }, (s) => s.questionId === 'consent.interview');

    // The element statuses start closed, in neutral words when opened.
    const panel = page.locator('[data-action="element-panel"]');
    expect(await panel.getAttribute('aria-expanded')).toBe('false');
    await panel.click();
    const statusColour = await page.locator('.statuses dd').first().evaluate((dd) => getComputedStyle(dd).color);
    expect(statusColour).toBe('rgb(74, 88, 102)');
    expect(await page.locator('.statuses').textContent()).not.toContain(fr.status.indicated);
    await checkScreen(page, 'element-panel-open-fr-landscape');

    // Shown to the person: the Arabic question and answers in their own right-to-left block, the rest French.
    await page.locator('[data-action="show-to-person"]').click();
    const block = page.locator('.person-block');
    expect(await block.getAttribute('lang')).toBe('ar');
    expect(await block.getAttribute('dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await block.locator('h2').textContent()).toBe(arQuestions['consent.interview'].text);
    expect(await block.locator('[data-value="yes"]').textContent()).toBe('نعم');
    expect(await page.locator('.panel').count(), 'no element statuses in the view for the person').toBe(0);
    await page.getByRole('button', { name: fr.interview.showGuidance }).click();
    const guidance = page.locator('.guidance');
    expect(await guidance.textContent()).toBe(frQuestions['consent.interview'].guidance);
    expect(await guidance.evaluate((el) => el.closest('[lang="ar"]') === null && getComputedStyle(el).direction === 'ltr')).toBe(true);
    expect(await page.locator('[data-action="back"]').textContent()).toBe(fr.interview.back);
    await checkScreen(page, 'show-to-person-fr-ar-landscape');
    await page.setViewportSize(PORTRAIT);
    await checkScreen(page, 'show-to-person-fr-ar-portrait');
    await page.setViewportSize(LANDSCAPE);

    // The person answers with one tap; "changed your mind?" brings the question back with the answer.
    await block.locator('[data-value="yes"]').click();
    await page.locator('[data-question-id="consent.record"]').waitFor();
    const strip = page.getByTestId('undo-strip');
    // French typography puts narrow no-break spaces inside « »: compare with plain spaces.
    expect((await strip.textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toContain('« Oui »');
    await checkScreen(page, 'undo-strip-fr-landscape');
    await strip.locator('[data-action="undo"]').click();
    await page.locator('[data-question-id="consent.interview"]').waitFor();
    expect(await page.locator('.person-block [data-value="yes"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-action="next"]').click();

    // The officer's view, with the question alone in Arabic beside it.
    await page.locator('[data-action="show-to-person"]').click();
    await page.locator('[data-action="person-inline"]').click();
    const inline = page.locator('.question__inline-person');
    expect(await inline.getAttribute('lang')).toBe('ar');
    expect(await inline.textContent()).toBe(arQuestions['consent.record'].text);
    expect(await page.locator('.question__text').textContent()).toBe(frQuestions['consent.record'].text);

    // A note at any moment, tied to the question on screen, sealed like the answers.
    const MARKER = 'NOTE-QZ-5531 adresse rue des Oliviers';
    await page.locator('[data-action="notes"]').click();
    await page.getByLabel(fr.conversation.notes.label).fill(MARKER);
    await checkScreen(page, 'notes-drawer-fr-landscape');
    await andSaved(page, () => page.locator('[data-action="add-note"]').click());
    expect(await page.locator('.notes-drawer .note').textContent()).toContain(frQuestions['consent.record'].text);
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-action="notes"]').textContent()).toBe('Notes (1)');
    expect(await rawIndexedDb(page)).not.toContain('NOTE-QZ-5531');

    // Numbers in Arabic-Indic digits; an invalid number keeps "Next" (disabled), never "Skip".
    await runInterview(page, { 'consent.record': 'yes', 'consent.share_referral': 'yes', 'consent.statistics': 'no', 'source.from': 'person', 'privacy.alone': 'yes', 'safety.in_danger': 'no', 'safety.needs_doctor': 'no', 'safety.has_safe_place': 'yes' }, (s) => s.questionId === 'person.age_years');
    const age = page.locator('[data-question-id="person.age_years"] input');
    await age.fill('١٦ ans');
    expect(await page.locator('[data-question-id="person.age_years"] [role="alert"]').count()).toBe(1);
    expect(await page.locator('[data-action="next"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-action="skip"]').count()).toBe(0);
    await checkScreen(page, 'invalid-number-fr-landscape');
    await age.fill('١٦');
    expect(await page.locator('[data-question-id="person.age_years"] [role="alert"]').count()).toBe(0);
    expect(await page.locator('[data-action="next"]').isEnabled()).toBe(true);
    await page.locator('[data-action="next"]').click();
    // 16: a child, so the "may be under 18" check is not asked.
    await page.locator('[data-question-id="person.sex"]').waitFor();

    // The language is part of the case: after a reload it is still there.
    await page.reload();
    await unlock(page);
    expect((await page.getByTestId('person-language-line').textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toBe(`Langue : Arabe, avec interprète (${fr.conversation.language.roles.relative})`);

    const { answers } = scenario('child-domestic-servitude');
    const { 'person.age_years': _age, ...rest } = answers;
    await runInterview(page, rest, (s) => s.step === 'review');

    // Review: sections closed with their counts; an answer changed in place, at the same spot.
    expect(await page.locator('details.review-section[open]').count()).toBe(0);
    expect(await page.locator('details.review-section[data-section="person"] summary').textContent()).toMatch(/6 réponses sur 6/);
    await page.locator('details.review-section[data-section="person"] summary').click();
    expect(await page.locator('[data-review-question="person.age_years"] dd span').first().textContent()).toBe('16');
    const closed = page.locator('details.review-section:not([open]) summary');
    while ((await closed.count()) > 0) await closed.first().click();
    const row = page.locator('.review-section [data-review-question="control.humiliated"]');
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await row.locator('button[aria-expanded]').click();
    await checkScreen(page, 'review-edit-fr-landscape');
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    await row.locator('[data-value="no"]').click();
    expect(await row.locator('dd span').first().textContent()).toBe('Non');
    expect(await row.locator('button[aria-expanded]').getAttribute('aria-expanded')).toBe('false');
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);
    expect(await page.locator('.review').textContent()).toContain(MARKER);

    // Result: the referral summary and the next steps at the top.
    await page.locator('.review .actions .button--primary').click();
    await page.locator('[data-step="result"]').waitFor();
    const summaryButton = await page.locator('[data-action="summary"]').boundingBox();
    expect(summaryButton!.y + summaryButton!.height).toBeLessThan(LANDSCAPE.height);
    await page.locator('[data-action="summary"]').click();
    const summary = page.locator('.summary-document');
    await summary.waitFor();
    const text = (await summary.textContent())!;
    expect(text).toContain(`${fr.conversation.summary.personLanguage}Arabe`);
    expect(text).toContain(`${fr.summary.interpreter}Oui — ${fr.conversation.language.roles.relative}`);
    expect(text).toContain(MARKER);
    await context.close();
  }, 240_000);

  it('reads the question aloud only with a voice the device has for the language, and offers no button otherwise', async () => {
    const { page, context } = await openTracked(browser, PORTRAIT);
    // Chromium lists the voices of the system: here a network voice only, which must not be used.
    await page.addInitScript(() => {
      const voices = [{ name: 'Cloud Arabic', lang: 'ar-SA', localService: false, default: false, voiceURI: 'cloud-ar' }];
      const spoken: string[] = [];
      Object.defineProperty(window, '__spoken', { value: spoken });
      Object.defineProperty(window, '__voices', { value: voices });
      window.speechSynthesis.getVoices = () => voices as unknown as SpeechSynthesisVoice[];
      // A real utterance takes only a real voice: the stand-in records what it is given instead.
      (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
        voice: unknown = null;
        lang = '';
        constructor(public text: string) {}
      };
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void spoken.push(`${utterance.voice?.voiceURI}|${utterance.text}`);
    });
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await startNewInterview(page, { language: 'ar', interpreter: 'no' });
    await runInterview(page, { 'consent.explained': 'yes' }, (s) => s.questionId === 'consent.interview');
    await page.locator('[data-action="show-to-person"]').waitFor();
    expect(await page.locator('[data-action="read-aloud"]').count()).toBe(0);

    // A voice installed on the device for Arabic appears: now the button reads the Arabic question with it.
    await page.evaluate(() => {
      (window as unknown as { __voices: object[] }).__voices.push({ name: 'Local Arabic', lang: 'ar-MA', localService: true, default: false, voiceURI: 'local-ar' });
      window.speechSynthesis.dispatchEvent(new Event('voiceschanged'));
    });
    await page.locator('[data-action="read-aloud"]').click();
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([`local-ar|${arQuestions['consent.interview'].text}`]);
    await checkScreen(page, 'read-aloud-fr-portrait');
    // An officer's own check is never read aloud.
    await page.locator('[data-action="back"]').click();
    await page.locator('[data-question-id="consent.explained"]').waitFor();
    expect(await page.locator('[data-action="read-aloud"]').count()).toBe(0);
    expect((await currentStep(page)).questionId).toBe('consent.explained');
    await context.close();
  }, 120_000);

  it('in Arabic, with a language typed under "other": no written questions, the interpreter translates; the summary names the language', async () => {
    const { page, context } = await openTracked(browser, PORTRAIT);
    await page.goto(`${baseURL}?lang=ar`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await chooseLanguage(page, { language: 'other', otherName: 'Tagalog', interpreter: 'yes', role: 'professional' });
    await runInterview(page, { 'consent.explained': 'yes' }, (s) => s.questionId === 'consent.interview');
    expect(await page.locator('[data-action="show-to-person"]').count()).toBe(0);
    expect(await page.locator('.question-tools').textContent()).toContain('Tagalog');
    await checkScreen(page, 'other-language-ar-portrait');
    await runInterview(page, { 'consent.interview': 'yes', 'consent.share_referral': 'yes' });
    await page.locator('[data-action="summary"]').click();
    const text = (await page.locator('.summary-document').textContent())!;
    expect(text).toContain('Tagalog');
    await context.close();
  }, 180_000);
});
