/**
 * Training mode as a workshop uses it, in Chromium against the built app: a
 * trainee practises a built-in scenario with the scripted answers on request,
 * states a reading before seeing the tool's, and gets a debrief that marks the
 * wrong element; a second trainee follows on the same tablet; the trainer sees
 * the table of what the group missed. Nothing of it reaches the real cases.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, rawIndexedDb, smallTouchTargets } from '../helpers/browser';
import { andSaved, answerQuestion, currentStep, runInterview, startNewInterview, unlock } from '../helpers/interview-driver';
import { stateReading } from '../helpers/training-driver';

const baseURL = inject('baseURL');
const SHOTS = 'test-results/screens';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

interface ScenarioFile {
  id: string;
  answers: Record<string, string | number | string[]>;
  keyQuestions: string[];
  expected: { outcome: string; elements: Record<string, string>; flags: string[] };
}
const readScenario = (id: string): ScenarioFile => JSON.parse(readFileSync(join('questionnaires/scenarios', `${id}.json`), 'utf8'));
const fr = JSON.parse(readFileSync('src/i18n/locales/fr.json', 'utf8'));
const trainingFr = JSON.parse(readFileSync('src/i18n/locales/training/fr.json', 'utf8'));
const teaching = (flags: string[]) => [...new Set(flags.map((f) => (f.startsWith('aggravating:') ? 'aggravating' : f)))];

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  expect(await smallTouchTargets(page), `touch targets on ${name}`).toEqual([]);
  // A label pointing at a duplicated id names the wrong field for a screen reader.
  const duplicateIds = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicateIds, `duplicate ids on ${name}`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

async function bannerShown(page: Page): Promise<boolean> {
  return page.locator('[data-testid="simulation-banner"]').isVisible();
}

async function startPractice(page: Page, scenarioId: string, trainee: string, workshop?: string): Promise<void> {
  await page.locator(`[data-scenario-id="${scenarioId}"] [data-action="choose-scenario"]`).click();
  await page.locator('[data-step="practice-setup"]').waitFor();
  await page.getByLabel(trainingFr.trainee, { exact: true }).fill(trainee);
  if (workshop !== undefined) await page.getByLabel(trainingFr.workshop, { exact: true }).fill(workshop);
  await page.locator('[data-action="start-practice"]').click();
  await page.locator('[data-question-id]').waitFor();
}

describe('training mode', () => {
  it('a workshop on one tablet: two practices, a debrief that names the missed element, the table of what the group got wrong, and no trace among real cases', async () => {
    const scenario = readScenario('child-domestic-servitude');
    expect(scenario.expected.elements.means).toBe('not_required');
    const { page, requests, consoleErrors } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);

    // One real case on the tablet, to tell apart from the practices.
    await startNewInterview(page);
    const first = await currentStep(page);
    expect(first.questionId).toBe('source.from');
    await andSaved(page, () => answerQuestion(page, first.questionId!, 'person'));
    await page.locator('[data-action="close-interview"]').click();

    await page.locator('[data-action="training"]').click();
    await page.locator('[data-training-view="library"]').waitFor();
    expect(await bannerShown(page)).toBe(true);
    await checkScreen(page, 'training-library-fr');

    // The library filters by form of exploitation.
    await page.getByLabel(trainingFr.filterForm).selectOption('domestic_servitude');
    const shownIds = await page.locator('[data-scenario-id]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-scenario-id')));
    expect(shownIds).toContain(scenario.id);
    expect(shownIds).not.toContain('kidney-sale-broker');

    // Trainee 1 asks for the scripted answer of the first question, then answers the rest, but reads the child as needing means.
    await startPractice(page, scenario.id, 'Amina', 'Tanger 28/11');
    expect(await bannerShown(page)).toBe(true);
    expect(await page.locator('.panel').count(), 'the live element statuses would give the reading away').toBe(0);
    const q1 = (await currentStep(page)).questionId!;
    await page.locator('[data-action="reveal-script"]').click();
    await expect.poll(() => page.locator('[data-testid="scripted-answer"]').textContent()).toContain('Dans le scénario');
    await andSaved(page, () => page.locator('[data-action="use-script"]').click());
    expect(await page.locator(`[data-question-id="${q1}"] [data-value="${scenario.answers[q1]}"]`).getAttribute('aria-pressed')).toBe('true');
    await checkScreen(page, 'training-question-fr');
    // The child exception is what this scenario teaches: the practice must not name it before the reading.
    // Version 2 asks the officer whether to put the means questions to a child; in practice the
    // question is there (it is part of the interview) but, guidance closed, it names no article.
    await runInterview(page, scenario.answers, (s) => s.questionId === 'person.ask_means_for_child');
    expect(await page.locator('.guidance').isHidden()).toBe(true);
    expect(await page.locator('main').innerText()).not.toMatch(/448-1|al\. 2/);
    await runInterview(page, scenario.answers);
    expect((await currentStep(page)).step).toBe('practice-end');
    await page.locator('[data-step="conclusion"]').waitFor();
    await checkScreen(page, 'training-conclusion-fr');
    expect(await page.locator('[data-outcome]').count(), 'no result before the reading').toBe(0);

    const wrongReading = { elements: { ...scenario.expected.elements, means: 'indicated' }, outcome: scenario.expected.outcome, flags: teaching(scenario.expected.flags).filter((f) => f !== 'child') };
    // A double tap on the button records one result.
    await stateReading(page, wrongReading, { doubleTap: true });
    expect(await page.locator('tr[data-element="means"]').getAttribute('data-verdict')).toBe('wrong');
    for (const element of ['act', 'purpose', 'threshold', 'outcome']) expect(await page.locator(`tr[data-element="${element}"]`).getAttribute('data-verdict'), element).toBe('right');
    expect(await page.locator('[data-testid="missed"]').textContent()).toContain(fr.element.means);
    expect(await page.locator('tr[data-flag="child"]').getAttribute('data-verdict')).toBe('missed');
    expect(await page.locator('tr[data-question]').count()).toBe(scenario.keyQuestions.length);
    expect(await page.locator(`tr[data-question="${scenario.keyQuestions[0]}"]`).getAttribute('data-verdict')).toBe('asked');
    await checkScreen(page, 'training-debrief-fr');
    // Tablets are held upright too: the side-by-side tables must still fit and stay readable.
    await page.setViewportSize({ width: 768, height: 1024 });
    await checkScreen(page, 'training-debrief-fr-portrait');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling').toBe(true);
    await page.setViewportSize({ width: 1024, height: 768 });

    // Printed, the debrief carries the SIMULATION watermark and banner.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.simulation-watermark').evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await bannerShown(page)).toBe(true);
    await page.pdf({ path: `${SHOTS}/training-debrief-fr.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-result"]').click()]);
    const resultFile = readFileSync((await download.path())!, 'utf8');
    const exported = JSON.parse(resultFile);
    expect(exported.format).toBe('screening-448-1-training-results');
    expect(exported.results[0]).toMatchObject({ trainee: 'Amina', scenarioId: scenario.id, elements: { means: { reading: 'indicated', expected: 'not_required', correct: false } } });

    // Trainee 2, same tablet, reads it right.
    await page.locator('[data-action="back-to-training"]').click();
    await page.locator('[data-training-view="library"]').waitFor();
    await startPractice(page, scenario.id, 'Youssef');
    await runInterview(page, scenario.answers);
    await stateReading(page, { elements: scenario.expected.elements, outcome: scenario.expected.outcome, flags: teaching(scenario.expected.flags) });
    expect(await page.locator('[data-verdict="wrong"]').count()).toBe(0);
    const [points, max] = (await page.locator('[data-testid="score"]').textContent())!.match(/\d+/g)!.map(Number);
    expect(points).toBe(max);

    // The trainer's table: both trainees, the means missed once; importing Amina's file again adds nothing.
    await page.locator('[data-action="back-to-training"]').click();
    await page.locator('[data-action="training-workshop"]').click();
    await page.locator('[data-step="workshop"]').waitFor();
    expect(await page.locator('[data-testid="workshop-table"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-miss="means"] td').textContent()).toBe('1');
    expect(await page.locator('[data-trainee="Amina"]').textContent()).toContain(fr.element.means);
    await page.locator('[data-action="import-results"]').setInputFiles({ name: 'amina.json', mimeType: 'application/json', buffer: Buffer.from(resultFile) });
    await expect.poll(() => page.locator('[role="status"].notice').textContent()).toContain('0');
    expect(await page.locator('[data-testid="workshop-table"] tbody tr').count()).toBe(2);
    await page.locator('[data-action="import-results"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(resultFile.replace('"not_required"', '"perhaps"')) });
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toMatch(/broken\.json.*champ.*results › 1 › elements › means › expected.*valeur que l’application n’accepte pas/);
    await checkScreen(page, 'training-workshop-fr');
    await page.setViewportSize({ width: 768, height: 1024 });
    await checkScreen(page, 'training-workshop-fr-portrait');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling').toBe(true);
    await page.setViewportSize({ width: 1024, height: 768 });
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-workshop-csv"]').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv.some((line) => line.startsWith('Tanger 28/11,Amina,child-domestic-servitude'))).toBe(true);

    // Back among real cases: only the real one, no simulation reference, and the main database holds one case.
    await page.locator('[data-action="leave-training"]').click();
    expect(await bannerShown(page)).toBe(false);
    await page.locator('[data-action="cases"]').click();
    // The count appears once the whole list is read.
    await page.getByTestId('case-count').waitFor();
    const listText = await page.locator('main').textContent();
    expect(listText).not.toContain('SIM-');
    expect(await page.locator('.case').count()).toBe(1);
    const counts = await page.evaluate(async () => {
      const count = (name: string, store: string) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => {
            const request = open.result.transaction(store, 'readonly').objectStore(store).count();
            request.onsuccess = () => {
              resolve(request.result);
              open.result.close();
            };
            request.onerror = () => reject(request.error);
          };
          open.onerror = () => reject(open.error);
        });
      return { real: await count('screening-448-1', 'content'), practices: await count('screening-448-1-training', 'practices') };
    });
    expect(counts).toEqual({ real: 1, practices: 2 });
    const raw = await rawIndexedDb(page);
    expect(raw).not.toContain('Amina');
    expect(raw).not.toContain('Youssef');

    expect(requests.filter((url) => !url.startsWith(baseURL))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("in Arabic: the library, a trainer's own scenario (a bad file refused naming the field), and a practice's reading screen pass axe right to left", async () => {
    const base = readScenario('agreed-but-deceived-domestic-worker');
    const { page } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=ar`);
    await unlock(page);
    await page.locator('[data-action="training"]').click();
    await page.locator('[data-training-view="library"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await checkScreen(page, 'training-library-ar');

    await page.locator('[data-action="training-editor"]').click();
    const own = { ...base, id: 'own-tanger-port', title: { ar: 'في ميناء طنجة المتوسط' }, learningGoal: { ar: 'رصد الخداع' }, narrative: { ar: 'تصل امرأة إلى الميناء.' }, teachingPoint: { ar: 'لا عبرة بالموافقة.' } };
    const wrong = { ...own, expected: { ...own.expected, elements: { ...own.expected.elements, means: 'not_indicated' } } };
    await page.locator('[data-action="import-scenario"]').setInputFiles({ name: 'port.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toMatch(/port\.json.*الحقل.*expected › elements › means.*أجوبة السيناريو/);
    await page.locator('[data-action="import-scenario"]').setInputFiles({ name: 'port.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
    await page.locator('[data-scenario-id="own-tanger-port"]').waitFor();
    // The same id again replaces nothing: it is refused, naming the file and the field.
    await page.locator('[data-action="import-scenario"]').setInputFiles({ name: 'port-v2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...own, title: { ar: 'نسخة ثانية' } })) });
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toMatch(/port-v2\.json.*«id».*own-tanger-port/);
    expect(await page.locator('[data-scenario-id="own-tanger-port"]').textContent()).toContain('في ميناء طنجة المتوسط');
    await checkScreen(page, 'training-editor-ar');

    await page.locator('[data-action="training-library"]').click();
    await page.locator('[data-scenario-id="own-tanger-port"] [data-action="choose-scenario"]').click();
    await page.locator('[data-step="practice-setup"] input').first().fill('سلمى');
    await page.locator('[data-action="start-practice"]').click();
    await page.locator('[data-question-id]').waitFor();
    await runInterview(page, base.answers);
    await page.locator('[data-step="conclusion"]').waitFor();
    await checkScreen(page, 'training-conclusion-ar');
    await page.locator('[data-action="state-reading"]').click();
    expect(await page.locator('[data-step="conclusion"] [role="alert"]').textContent(), 'an incomplete reading is refused').toBeTruthy();
    await stateReading(page, { elements: base.expected.elements, outcome: base.expected.outcome, flags: teaching(base.expected.flags) });
    await checkScreen(page, 'training-debrief-ar');
  });

  it("a trainer records a new scenario's script by running the interview; it joins the library with the reading the law gives on it", async () => {
    const story = readScenario('kidney-sale-broker');
    const { page, consoleErrors } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('[data-action="training"]').click();
    await page.locator('[data-action="training-editor"]').click();

    // Texts missing: refused before anything starts.
    await page.locator('[data-action="record-script"]').click();
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toBe(trainingFr.textsRequired);
    await page.getByLabel(trainingFr.field.title).fill('Un rein contre une dette');
    await page.getByLabel(trainingFr.field.learningGoal).fill("Reconnaître le prélèvement d'organes comme finalité");
    await page.getByLabel(trainingFr.field.narrative).fill('Un homme de 30 ans rencontre un intermédiaire à Casablanca…');
    await page.getByLabel(trainingFr.field.teachingPoint).fill("Le prélèvement d'organes est une exploitation au sens de l'art. 448-1 al. 3.");
    await page.getByLabel(trainingFr.base).selectOption('');
    await page.locator('[data-action="record-script"]').click();
    await page.locator('[data-question-id]').waitFor();
    expect(await bannerShown(page)).toBe(true);
    await runInterview(page, story.answers);
    await page.locator('[data-step="authoring"]').waitFor();
    await checkScreen(page, 'training-authoring-fr');
    await page.locator('[data-action="save-recorded-scenario"]').click();

    await page.locator('[data-training-view="library"]').waitFor();
    const card = page.locator('[data-scenario-id^="own-un-rein-contre-une-dette-"]');
    await card.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button').nth(1).click()]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.title).toEqual({ fr: 'Un rein contre une dette' });
    expect(saved.answers).toEqual(story.answers);
    expect({ ...saved.expected, flags: [...saved.expected.flags].sort() }).toEqual({ ...story.expected, flags: [...story.expected.flags].sort() });
    expect(saved.keyQuestions.length).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });
});
