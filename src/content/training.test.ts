import { describe, expect, it } from 'vitest';
import { assessAnswers, InputError, type AnswerMap } from '../engine';
import { findQuestionnaire } from './questionnaires';
import { builtInScenarios } from './scenario-library';
import { parseScenario, type Scenario } from './scenarios';
import { debrief, MAX_RESULTS_BYTES, TEACHING_FLAGS, parseResultsFile, resultOf, resultsFile, summariseWorkshop, teachingFlags, workshopCsv, type PracticeResult, type Reading } from './training';

const byId = (id: string) => builtInScenarios().find((s) => s.id === id)!;
const toolOn = (scenario: Scenario, answers: AnswerMap) => assessAnswers(findQuestionnaire(scenario.questionnaire, scenario.version), answers);
const expectedReading = (scenario: Scenario): Reading => ({ outcome: scenario.expected.outcome, elements: { ...scenario.expected.elements }, flags: teachingFlags(scenario.expected.flags) });

describe('the debrief of a practice run', () => {
  it('the expected reading on the scripted answers scores full marks for every built-in scenario', () => {
    for (const scenario of builtInScenarios()) {
      const d = debrief(scenario, toolOn(scenario, scenario.answers), scenario.answers, expectedReading(scenario), []);
      expect(d.score.points, scenario.id).toBe(d.score.max);
      expect(d.elements.every((e) => e.correct && e.tool === e.expected), scenario.id).toBe(true);
      expect(d.keyQuestions.every((q) => q.asked && q.matches), scenario.id).toBe(true);
    }
  });

  it('a child read as needing means is marked wrong on the means, the outcome and the child exception, and names them', () => {
    const scenario = byId('child-domestic-servitude');
    expect(scenario.expected.elements.means).toBe('not_required');
    const reading: Reading = { ...expectedReading(scenario), outcome: 'not_indicated', elements: { ...scenario.expected.elements, means: 'not_indicated' }, flags: [] };
    const d = debrief(scenario, toolOn(scenario, scenario.answers), scenario.answers, reading, []);
    expect(d.elements.filter((e) => !e.correct).map((e) => e.element)).toEqual(['means']);
    expect(d.outcome).toMatchObject({ correct: false, reading: 'not_indicated', expected: scenario.expected.outcome });
    expect(d.flags.find((f) => f.flag === 'child')?.verdict).toBe('missed');
    // Three elements right; of the points to flag, only those that apply were missed.
    expect(d.score.points).toBe(3 * 2 + (TEACHING_FLAGS.length - teachingFlags(scenario.expected.flags).length));
  });

  it('a wrong tick costs what a miss costs: ticking every box never beats the right reading, and is no better than chance', () => {
    const score = (scenario: Scenario, flags: Reading['flags']) => debrief(scenario, toolOn(scenario, scenario.answers), scenario.answers, { ...expectedReading(scenario), flags }, []).score;
    const every: Reading['flags'] = [...TEACHING_FLAGS];
    for (const scenario of builtInScenarios()) {
      const right = teachingFlags(scenario.expected.flags);
      const wrongOne = every.find((f) => !right.includes(f))!;
      const best = score(scenario, right);
      expect(best.points, scenario.id).toBe(best.max);
      expect(score(scenario, every).points, scenario.id).toBe(best.max - (every.length - right.length));
      expect(score(scenario, []).points, scenario.id).toBe(best.max - right.length);
      if (right.length > 0) expect(score(scenario, [...right, wrongOne]).points, scenario.id).toBe(score(scenario, right.slice(1)).points);
    }
    // With nothing to flag, ticking every box loses every flag point.
    const quiet = byId('little-information-insufficient');
    expect(teachingFlags(quiet.expected.flags)).toEqual([]);
    expect(score(quiet, every).points).toBe(score(quiet, []).points - TEACHING_FLAGS.length);
  });

  it('key questions never asked show as not asked, and the tool on those answers can differ from the expected reading', () => {
    const scenario = byId('agreed-but-deceived-domestic-worker');
    // The trainee never asked how it started or what kept her there.
    const skippedChapter = (id: string) => id.startsWith('recruitment.') || id.startsWith('control.') || id === 'work.could_refuse';
    const skipped = Object.fromEntries(Object.entries(scenario.answers).filter(([id]) => !skippedChapter(id)));
    const d = debrief(scenario, toolOn(scenario, skipped), skipped, expectedReading(scenario), ['control.debt']);
    const notAsked = d.keyQuestions.filter((q) => skippedChapter(q.id));
    expect(notAsked.length).toBeGreaterThan(0);
    expect(notAsked.every((q) => !q.asked && !q.matches)).toBe(true);
    expect(d.elements.find((e) => e.element === 'means')).toMatchObject({ tool: 'unknown', expected: 'indicated', correct: true });
    expect(d.outcome.tool).not.toBe(d.outcome.expected);
  });

  it('an answer recorded differently from the script is asked but does not match; a looked-at script is recorded', () => {
    const scenario = byId('agreed-but-deceived-domestic-worker');
    const answers = { ...scenario.answers, 'control.debt': 'no' };
    const d = debrief(scenario, toolOn(scenario, answers), answers, expectedReading(scenario), ['control.debt']);
    expect(d.keyQuestions.find((q) => q.id === 'control.debt')).toMatchObject({ asked: true, matches: false, revealed: true, scripted: 'yes', given: 'no' });
    expect(resultOf({ id: 'x', workshop: '', trainee: 'A', scenario, completedAt: 0, debrief: d }).keyQuestions).toEqual({ asked: scenario.keyQuestions.length, total: scenario.keyQuestions.length, scriptLookedAt: 1 });
  });
});

describe('the debrief says what the trainee could not have asked, and what would have changed the reading', () => {
  // Questions version 2 leaves out for a child unless the officer opens them (al. 2).
  const meansOnly = (id: string) => ['recruitment.job_different', 'recruitment.pay_different', 'recruitment.papers_promise', 'recruitment.family_paid', 'recruitment.hardship_used', 'recruitment.authority_used'].includes(id);

  it('the means of a child, skipped by the interview by default, are never "not asked" and never count against the trainee', () => {
    const base = byId('child-domestic-servitude');
    // A key question that only establishes a means, as a trainer could choose.
    const scenario = { ...base, keyQuestions: [...base.keyQuestions, 'recruitment.papers_promise'] };
    // What a practice records when the officer leaves the means questions closed for the child.
    const answers = { ...Object.fromEntries(Object.entries(scenario.answers).filter(([id]) => !meansOnly(id))), 'person.ask_means_for_child': 'no' };
    const d = debrief(scenario, toolOn(scenario, answers), answers, expectedReading(scenario), []);
    const papers = d.keyQuestions.find((q) => q.id === 'recruitment.papers_promise')!;
    expect(papers).toMatchObject({ asked: false, skippedByDesign: true });
    // The scenario's own means key question (her family's poverty used to recruit her) is skipped by design too; nothing else is.
    expect(d.keyQuestions.filter((q) => q.skippedByDesign).map((q) => q.id).sort()).toEqual(['recruitment.hardship_used', 'recruitment.papers_promise']);
    const result = resultOf({ id: 'x', workshop: '', trainee: 'A', scenario, completedAt: 0, debrief: d });
    expect(result.keyQuestions).toMatchObject({ asked: scenario.keyQuestions.length - 2, total: scenario.keyQuestions.length - 2 });
    // Nothing to name: for a child the means are not required, and the tool's reading is the expected one.
    expect(d.decisive).toEqual([]);
  });

  it('an adult\'s means skipped by the trainee are "not asked": the exception is for children only', () => {
    const scenario = byId('agreed-but-deceived-domestic-worker');
    const answers = Object.fromEntries(Object.entries(scenario.answers).filter(([id]) => !meansOnly(id)));
    const d = debrief(scenario, toolOn(scenario, answers), answers, expectedReading(scenario), []);
    const means = d.keyQuestions.filter((q) => meansOnly(q.id));
    expect(means.length).toBeGreaterThan(0);
    expect(means.every((q) => !q.asked && !q.skippedByDesign)).toBe(true);
  });

  it('names the para. 4 question the trainee skipped, which left the tool at "possible victim"', () => {
    const scenario = byId('unknown-age-adult-begging-disability');
    const { 'control.humiliated': skipped, ...answers } = scenario.answers;
    expect(skipped).toBe('yes');
    const tool = toolOn(scenario, answers);
    expect(tool.elements.threshold).toBe('unknown');
    expect(tool.outcome).toBe('possible_victim');
    const d = debrief(scenario, tool, answers, { ...expectedReading(scenario), outcome: 'possible_victim', elements: { ...scenario.expected.elements, threshold: 'unknown' } }, []);
    expect(d.decisive).toEqual([{ questions: [{ id: 'control.humiliated', scripted: 'yes', given: undefined }], fixes: ['threshold', 'outcome'], together: false }]);
  });

  it('a question hidden by an unanswered one is named with it, as a group, and "don\'t know" counts as not recorded', () => {
    const scenario = byId('agreed-but-deceived-domestic-worker');
    // The work (a list) was never asked, so the questions shown only for some kinds of work never were either.
    const { 'work.activities': _a, 'work.always_available': _b, 'work.could_refuse': _c, ...answers } = scenario.answers;
    const d = debrief(scenario, toolOn(scenario, answers), answers, expectedReading(scenario), []);
    expect(d.decisive).toHaveLength(1);
    expect(d.decisive[0]!.together).toBe(true);
    const ids = d.decisive[0]!.questions.map((q) => q.id);
    expect(ids[0]).toBe('work.activities');
    expect(ids.slice(1).every((id) => ['work.always_available', 'work.could_refuse'].includes(id))).toBe(true);
    expect(d.decisive[0]!.fixes).toEqual(['purpose', 'outcome']);
    const other = byId('unknown-age-adult-begging-disability');
    const unsure = { ...other.answers, 'control.humiliated': 'dont_know' };
    const named = debrief(other, toolOn(other, unsure), unsure, expectedReading(other), []).decisive;
    expect(named).toEqual([{ questions: [{ id: 'control.humiliated', scripted: 'yes', given: 'dont_know' }], fixes: ['threshold', 'outcome'], together: false }]);
    // When the tool's reading is right there is nothing to name, whatever the trainee concluded.
    expect(debrief(scenario, toolOn(scenario, scenario.answers), scenario.answers, { ...expectedReading(scenario), outcome: 'insufficient' }, []).decisive).toEqual([]);
  });
});

describe('workshop results', () => {
  const scenario = byId('child-domestic-servitude');
  /** A result's id is its practice's random id: here one made from the trainee's name, in the same alphabet. */
  const idOf = (text: string) => `R${[...text.toUpperCase()].filter((c) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.includes(c)).join('')}0000000000`.slice(0, 10);
  const make = (trainee: string, reading: Reading, id = idOf(trainee)): PracticeResult =>
    resultOf({ id, workshop: 'Tanger 28/11', trainee, scenario, completedAt: Date.UTC(2026, 10, 28, 10), debrief: debrief(scenario, toolOn(scenario, scenario.answers), scenario.answers, reading, []) });
  const right = make('Amina', expectedReading(scenario));
  const wrong = make('=HYPERLINK("x")', { ...expectedReading(scenario), elements: { ...scenario.expected.elements, means: 'indicated' }, flags: [] });

  it('counts what the group missed most, by element, outcome and flag', () => {
    const summary = summariseWorkshop([right, wrong, make('Youssef', { ...expectedReading(scenario), elements: { ...scenario.expected.elements, means: 'not_indicated' } })]);
    expect(summary.results).toBe(3);
    expect(summary.trainees).toBe(3);
    expect(summary.misses[0]).toEqual({ key: 'means', count: 2 });
    expect(summary.misses).toContainEqual({ key: 'flag:child', count: 1 });
    expect(summary.scenarios).toEqual([expect.objectContaining({ scenarioId: scenario.id, results: 3, outcomeCorrect: 3 })]);
  });

  it('the CSV has one row per result and no cell a spreadsheet would run as a formula', () => {
    const csv = workshopCsv([right, wrong, make('a\r=1+2', expectedReading(scenario), idOf('cr'))]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"a\r=1+2"');
    const lines = csv.trim().split('\n').slice(0, 3);
    expect(lines[0]!.split(',')).toContain('means_correct');
    const header = lines[0]!.split(',');
    const row = lines[2]!;
    expect(row.startsWith('Tanger 28/11,"\'=HYPERLINK(""x"")"')).toBe(true);
    expect(row.split(',')[header.indexOf('means_reading')]).toBe('indicated');
    expect(row.split(',')[header.indexOf('flags_missed')]).toContain('child');
  });

  it('a result file goes back and forth unchanged; a damaged one is refused naming the file and the field', () => {
    expect(parseResultsFile(resultsFile([right, wrong]), 'amina.json')).toEqual([right, wrong]);
    const broken = JSON.parse(resultsFile([right]));
    broken.results[0].elements.means.reading = 'maybe';
    expect(() => parseResultsFile(JSON.stringify(broken), 'amina.json')).toThrow(/amina\.json: field "results › 1 › elements › means › reading"/);
    expect(() => parseResultsFile('{"format":"screening-448-1-backup","version":1}', 'b.json')).toThrow(/b\.json: field "format"/);
    expect(() => parseResultsFile('not json', 'c.json')).toThrow(InputError);
    const hidden = JSON.parse(resultsFile([right]));
    hidden.results[0].trainee = 'Amina\u0007';
    expect(() => parseResultsFile(JSON.stringify(hidden), 'd.json')).toThrow(/d\.json: field "results › 1 › trainee": not in the expected format/);
    // Limits: dates that cannot be (9e15 broke the CSV export), titles a screen cannot hold, ids that are not a practice's, files too big.
    const future = JSON.parse(resultsFile([right]));
    future.results[0].completedAt = 9e15;
    expect(() => parseResultsFile(JSON.stringify(future), 'e.json')).toThrow(expect.objectContaining({ field: 'results › 1 › completedAt', problem: 'date_range' }));
    const titled = JSON.parse(resultsFile([right]));
    titled.results[0].scenarioTitle.fr = 'x'.repeat(30_000);
    expect(() => parseResultsFile(JSON.stringify(titled), 'f.json')).toThrow(expect.objectContaining({ field: 'results › 1 › scenarioTitle › fr', problem: 'too_long' }));
    const named = JSON.parse(resultsFile([right]));
    named.results[0].id = 'Amina-2026-11-28';
    expect(() => parseResultsFile(JSON.stringify(named), 'g.json')).toThrow(expect.objectContaining({ field: 'results › 1 › id', problem: 'bad_format' }));
    expect(() => parseResultsFile(' '.repeat(MAX_RESULTS_BYTES + 1), 'h.json')).toThrow(expect.objectContaining({ problem: 'file_too_large' }));
  });
});

describe("a trainer's own scenario", () => {
  const base = byId('agreed-but-deceived-domestic-worker');
  const own = { ...base, id: 'own-port-case', title: { fr: 'Au port de Tanger Med' }, learningGoal: { fr: 'Repérer la tromperie' }, narrative: { fr: 'Une femme arrive au port.' }, teachingPoint: { fr: 'Le consentement ne compte pas.' } };

  it('may be written in one language only, but not in none', () => {
    expect(parseScenario(own, 'own.json', { trainer: true }).title).toEqual({ fr: 'Au port de Tanger Med' });
    expect(() => parseScenario(own, 'own.json')).toThrow(/own\.json: field "title › ar": missing/);
    expect(() => parseScenario({ ...own, narrative: { fr: ' ' } }, 'own.json', { trainer: true })).toThrow(/own\.json: field "narrative": missing/);
  });

  it('is refused when its scripted answers do not lead to its expected reading, naming the element', () => {
    const wrongExpectation = { ...own, expected: { ...own.expected, elements: { ...own.expected.elements, means: 'not_indicated' } } };
    expect(() => parseScenario(wrongExpectation, 'own.json', { trainer: true })).toThrow(/own\.json: field "expected › elements › means": the scripted answers give "indicated"/);
    const wrongFlags = { ...own, expected: { ...own.expected, flags: ['child'] } };
    expect(() => parseScenario(wrongFlags, 'own.json', { trainer: true })).toThrow(/field "expected › flags"/);
  });

  it('is refused when a text is longer than a scenario needs (a 40 MB narrative froze the screens)', () => {
    const long = { ...own, narrative: { fr: 'x'.repeat(20_001) } };
    expect(() => parseScenario(long, 'own.json', { trainer: true })).toThrow(expect.objectContaining({ field: 'narrative › fr', problem: 'too_long', limit: '20000' }));
    expect(() => parseScenario({ ...own, title: { fr: 'x'.repeat(201) } }, 'own.json', { trainer: true })).toThrow(/field "title › fr": longer than 200 characters/);
  });

  it('names an unknown question in its answers', () => {
    expect(() => parseScenario({ ...own, answers: { ...own.answers, 'means.telepathy': 'yes' } }, 'own.json', { trainer: true })).toThrow(/own\.json.*means\.telepathy/);
  });
});

