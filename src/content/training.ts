/**
 * The debrief of a practice run and the workshop table built from many of them.
 *
 * A trainee's reading is compared with the scenario's expected assessment (what
 * the law gives on the scripted facts), not with what the tool made of the
 * trainee's own answers: a trainee who skipped the key questions gets a tool
 * result that is "right" on too little, and the debrief must show that too.
 *
 * The score rewards legal reasoning, never speed: each element read right, the
 * outcome, and each of the eight points to flag judged right (child exception,
 * consent, smuggling against trafficking, non-punishment...): ticked when the
 * facts support it, left when they do not. A wrong tick costs exactly what a
 * miss costs, so ticking every box never beats the right reading and is no
 * safer than ticking none.
 */
import { z } from 'zod';
import {
  assessAnswers,
  DONT_KNOW,
  ELEMENT_GROUPS,
  OUTCOMES,
  REFUSED,
  treatedAsChild,
  visibleQuestionIds,
  type AnswerMap,
  type AnswerValue,
  type Assessment,
  type ElementGroup,
  type ElementStatus,
  type Flag,
  type Outcome,
  type Questionnaire,
} from '../engine';
import { findQuestionnaire } from './questionnaires';
import { checkWith, isPlausibleDate, NO_CONTROL, parseJsonFile } from './import-check';
import type { Scenario } from './scenarios';

/**
 * The flags a trainee is asked about; every aggravating circumstance counts as one.
 * Model 2's flags are here too (others still at risk, a child when it began, paragraph 4
 * disputed, acts under constraint, other offences): each changes what the officer does next.
 * Left out: "not interviewed", which the scenario's own source says.
 */
export const TEACHING_FLAGS = [
  'urgent_needs',
  'others_at_risk',
  'child',
  'child_at_events',
  'age_uncertain',
  'consent_irrelevant',
  'threshold_disputed',
  'smuggling',
  'non_punishment',
  'duress',
  'labour_exploitation',
  'other_offences',
  'aggravating',
] as const;
export type TeachingFlag = (typeof TEACHING_FLAGS)[number];

export const ELEMENT_STATUSES: readonly ElementStatus[] = ['indicated', 'not_indicated', 'unknown', 'not_required'];

export const POINTS = { element: 2, outcome: 4, flag: 1 } as const;

/** What the trainee concludes before seeing the tool's result. */
export interface Reading {
  outcome: Outcome | null;
  elements: Record<ElementGroup, ElementStatus | null>;
  flags: TeachingFlag[];
}

export const emptyReading = (): Reading => ({ outcome: null, elements: { act: null, means: null, purpose: null, threshold: null }, flags: [] });

export function isReadingComplete(reading: Reading): boolean {
  return reading.outcome !== null && ELEMENT_GROUPS.every((g) => reading.elements[g] !== null);
}

export function teachingFlags(flags: readonly (Flag | string)[]): TeachingFlag[] {
  const found = new Set(flags.map((f) => (f.startsWith('aggravating:') ? 'aggravating' : f)));
  return TEACHING_FLAGS.filter((f) => found.has(f));
}

export interface ElementLine {
  element: ElementGroup;
  reading: ElementStatus | null;
  tool: ElementStatus;
  expected: ElementStatus;
  correct: boolean;
}

export interface FlagLine {
  flag: TeachingFlag;
  reading: boolean;
  tool: boolean;
  expected: boolean;
  /** caught: expected and ticked; missed: expected, not ticked; wrong: ticked, not expected. */
  verdict: 'caught' | 'missed' | 'wrong';
}

export interface KeyQuestionLine {
  id: string;
  scripted: AnswerValue | undefined;
  given: AnswerValue | undefined;
  asked: boolean;
  /** The trainee recorded what the person says in the scenario. */
  matches: boolean;
  /** The trainee looked at the scripted answer during the practice. */
  revealed: boolean;
  /**
   * Left out by the interview's design, not by the trainee: the means questions of a
   * child (skipped by default, art. 448-1 al. 2), or a question the script's own
   * answers hide. Never counted as "not asked".
   */
  skippedByDesign: boolean;
}

/** A part of the reading: an element, or the outcome. */
export type ReadingPart = ElementGroup | 'outcome';

/**
 * Questions the trainee did not record as the person says in the scenario (not
 * asked, "don't know", or recorded differently) which, recorded as scripted, put
 * the tool's reading right where it was wrong. `together` when no single one
 * does it and only the group does (a question and the one its show-if depends on).
 */
export interface DecisiveQuestions {
  questions: { id: string; scripted: AnswerValue; given: AnswerValue | undefined }[];
  /** The parts of the tool's reading they put right. */
  fixes: ReadingPart[];
  together: boolean;
}

export interface Debrief {
  outcome: { reading: Outcome | null; tool: Outcome; expected: Outcome; correct: boolean };
  elements: ElementLine[];
  flags: FlagLine[];
  keyQuestions: KeyQuestionLine[];
  /** When the tool's reading of the trainee's answers differs from the expected one: the questions that would have changed it. */
  decisive: DecisiveQuestions[];
  score: { points: number; max: number };
}

const same = (a: AnswerValue | undefined, b: AnswerValue | undefined) => JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

function skippedByDesign(questionnaire: Questionnaire, scenario: Scenario, answers: AnswerMap, id: string): boolean {
  if (answers[id] !== undefined) return false;
  const question = questionnaire.byId.get(id);
  if (!question) return false;
  // The interview skips the means of a child by default: the law does not require them (version 1's
  // means section; version 2's questions that only establish the means, until the officer opens them).
  if ((question.section === 'means' || question.meansOnly === true) && treatedAsChild(questionnaire, answers)) return true;
  return !visibleQuestionIds(questionnaire, scenario.answers).has(id);
}

/** The parts of `tool` that differ from the scenario's expected reading. */
function wrongParts(scenario: Scenario, tool: Assessment): ReadingPart[] {
  return [...ELEMENT_GROUPS.filter((g) => tool.elements[g] !== scenario.expected.elements[g]), ...(tool.outcome !== scenario.expected.outcome ? (['outcome'] as const) : [])];
}

function partsFixed(scenario: Scenario, questionnaire: Questionnaire, answers: AnswerMap, wrong: readonly ReadingPart[]): ReadingPart[] {
  const after = assessAnswers(questionnaire, answers);
  return wrong.filter((part) => (part === 'outcome' ? after.outcome === scenario.expected.outcome : after.elements[part] === scenario.expected.elements[part]));
}

/**
 * Which of the questions the trainee left open or recorded differently would have
 * put the tool's reading right: each alone first; when none alone does, the
 * smallest group found by dropping from all of them whatever is not needed.
 */
export function decisiveQuestions(scenario: Scenario, tool: Assessment, answers: AnswerMap, questionnaire: Questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version)): DecisiveQuestions[] {
  const wrong = wrongParts(scenario, tool);
  if (wrong.length === 0) return [];
  const candidates = Object.keys(scenario.answers).filter((id) => {
    const given = answers[id];
    return given === undefined || given === DONT_KNOW || given === REFUSED || !same(given, scenario.answers[id]);
  });
  const line = (id: string) => ({ id, scripted: scenario.answers[id]!, given: answers[id] });
  const alone: DecisiveQuestions[] = [];
  for (const id of candidates) {
    const fixes = partsFixed(scenario, questionnaire, { ...answers, [id]: scenario.answers[id]! }, wrong);
    if (fixes.length > 0) alone.push({ questions: [line(id)], fixes, together: false });
  }
  const fixedAlone = new Set(alone.flatMap((d) => d.fixes));
  const rest = wrong.filter((part) => !fixedAlone.has(part));
  if (rest.length === 0) return alone;
  const withAll = (ids: readonly string[]) => ({ ...answers, ...Object.fromEntries(ids.map((id) => [id, scenario.answers[id]!])) });
  const target = partsFixed(scenario, questionnaire, withAll(candidates), rest);
  if (target.length === 0) return alone;
  let group = [...candidates];
  for (const id of candidates) {
    const without = group.filter((g) => g !== id);
    if (partsFixed(scenario, questionnaire, withAll(without), target).length === target.length) group = without;
  }
  return [...alone, { questions: group.map(line), fixes: target, together: true }];
}

export function debrief(scenario: Scenario, tool: Assessment, answers: AnswerMap, reading: Reading, revealed: readonly string[]): Debrief {
  const elements = ELEMENT_GROUPS.map((element) => ({
    element,
    reading: reading.elements[element],
    tool: tool.elements[element],
    expected: scenario.expected.elements[element],
    correct: reading.elements[element] === scenario.expected.elements[element],
  }));
  const expectedFlags = new Set(teachingFlags(scenario.expected.flags));
  const toolFlags = new Set(teachingFlags(tool.flags));
  const readingFlags = new Set(reading.flags);
  const flags: FlagLine[] = TEACHING_FLAGS.filter((f) => expectedFlags.has(f) || readingFlags.has(f)).map((flag) => ({
    flag,
    reading: readingFlags.has(flag),
    tool: toolFlags.has(flag),
    expected: expectedFlags.has(flag),
    verdict: expectedFlags.has(flag) ? (readingFlags.has(flag) ? 'caught' : 'missed') : 'wrong',
  }));
  const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
  const keyQuestions = scenario.keyQuestions.map((id) => ({
    id,
    scripted: scenario.answers[id],
    given: answers[id],
    asked: answers[id] !== undefined,
    matches: answers[id] !== undefined && same(answers[id], scenario.answers[id]),
    revealed: revealed.includes(id),
    skippedByDesign: skippedByDesign(questionnaire, scenario, answers, id),
  }));
  const outcomeCorrect = reading.outcome === scenario.expected.outcome;
  const flagsRight = TEACHING_FLAGS.filter((f) => expectedFlags.has(f) === readingFlags.has(f)).length;
  const points = elements.filter((e) => e.correct).length * POINTS.element + (outcomeCorrect ? POINTS.outcome : 0) + flagsRight * POINTS.flag;
  const max = ELEMENT_GROUPS.length * POINTS.element + POINTS.outcome + TEACHING_FLAGS.length * POINTS.flag;
  return {
    outcome: { reading: reading.outcome, tool: tool.outcome, expected: scenario.expected.outcome, correct: outcomeCorrect },
    elements,
    flags,
    keyQuestions,
    decisive: decisiveQuestions(scenario, tool, answers, questionnaire),
    score: { points, max },
  };
}

/**
 * One trainee's result on one scenario, as the workshop table collects it and as
 * a result file carries it from a trainee's tablet to the trainer's. It names the
 * trainee (a workshop participant), never anything from a real case.
 */
export interface PracticeResult {
  id: string;
  workshop: string;
  trainee: string;
  scenarioId: string;
  scenarioTitle: Partial<Record<'fr' | 'ar' | 'en', string>>;
  completedAt: number;
  outcome: { reading: Outcome | null; expected: Outcome; correct: boolean };
  elements: Record<ElementGroup, { reading: ElementStatus | null; expected: ElementStatus; correct: boolean }>;
  flags: { caught: TeachingFlag[]; missed: TeachingFlag[]; wrong: TeachingFlag[] };
  /** Key questions asked, out of the total, and how many of them the trainee looked up in the script. */
  keyQuestions: { asked: number; total: number; scriptLookedAt: number };
  score: { points: number; max: number };
}

export function resultOf(input: { id: string; workshop: string; trainee: string; scenario: Scenario; completedAt: number; debrief: Debrief }): PracticeResult {
  const { debrief: d, scenario } = input;
  const flagsBy = (verdict: FlagLine['verdict']) => d.flags.filter((f) => f.verdict === verdict).map((f) => f.flag);
  return {
    id: input.id,
    workshop: input.workshop,
    trainee: input.trainee,
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    completedAt: input.completedAt,
    outcome: { reading: d.outcome.reading, expected: d.outcome.expected, correct: d.outcome.correct },
    elements: Object.fromEntries(d.elements.map((e) => [e.element, { reading: e.reading, expected: e.expected, correct: e.correct }])) as PracticeResult['elements'],
    flags: { caught: flagsBy('caught'), missed: flagsBy('missed'), wrong: flagsBy('wrong') },
    // A question skipped by design was never the trainee's to ask: it counts neither way.
    keyQuestions: {
      asked: d.keyQuestions.filter((q) => q.asked).length,
      total: d.keyQuestions.filter((q) => q.asked || !q.skippedByDesign).length,
      scriptLookedAt: d.keyQuestions.filter((q) => q.revealed).length,
    },
    score: d.score,
  };
}

export const RESULTS_FORMAT = 'screening-448-1-training-results';
export const RESULTS_VERSION = 1;

const statusSchema = z.enum(['indicated', 'not_indicated', 'unknown', 'not_required']);
const outcomeSchema = z.enum(OUTCOMES as [Outcome, ...Outcome[]]);
const flagList = z.array(z.enum(TEACHING_FLAGS));
const elementResult = z.strictObject({ reading: statusSchema.nullable(), expected: statusSchema, correct: z.boolean() });
/** Names typed by people: no control characters, which could break a CSV row or hide text. */
// eslint-disable-next-line no-control-regex
const name = (min: number) => z.string().min(min).max(120).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');
const title = z.string().max(200).regex(NO_CONTROL).optional();
const count = z.number().int().min(0).max(1_000);
/** A result file holds a workshop's results: far below these. Bigger ones are refused before they are read. */
export const MAX_RESULTS_BYTES = 5_000_000;
const MAX_RESULTS = 5_000;
const resultSchema = z.strictObject({
  // A result's id is its practice's random id, kept in clear as a key on the tablet: nothing else is accepted.
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/),
  workshop: name(0),
  trainee: name(1),
  scenarioId: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/),
  scenarioTitle: z.strictObject({ fr: title, ar: title, en: title }),
  completedAt: z.number().refine(isPlausibleDate, { params: { problem: 'date_range' } }),
  outcome: z.strictObject({ reading: outcomeSchema.nullable(), expected: outcomeSchema, correct: z.boolean() }),
  elements: z.strictObject(Object.fromEntries(ELEMENT_GROUPS.map((g) => [g, elementResult])) as Record<ElementGroup, typeof elementResult>),
  flags: z.strictObject({ caught: flagList, missed: flagList, wrong: flagList }),
  keyQuestions: z.strictObject({ asked: count, total: count, scriptLookedAt: count }),
  score: z.strictObject({ points: count, max: count.min(1) }).refine((s) => s.points <= s.max, { params: { problem: 'too_big' }, path: ['points'] }),
});
const resultsFileSchema = z.strictObject({
  format: z.literal(RESULTS_FORMAT),
  version: z.literal(RESULTS_VERSION),
  results: z.array(resultSchema).min(1).max(MAX_RESULTS),
});

export function resultsFile(results: PracticeResult[]): string {
  return `${JSON.stringify({ format: RESULTS_FORMAT, version: RESULTS_VERSION, results }, null, 2)}\n`;
}

/** Reads a trainee's result file; a wrong file is refused whole, naming the file and the field. */
export function parseResultsFile(text: string, file: string): PracticeResult[] {
  return checkWith(resultsFileSchema, parseJsonFile(text, file, MAX_RESULTS_BYTES), file).results as PracticeResult[];
}

export type MissKey = ElementGroup | 'outcome' | `flag:${TeachingFlag}`;

export interface WorkshopSummary {
  results: number;
  trainees: number;
  /** What the group got wrong, most missed first; keys with no miss are left out. */
  misses: { key: MissKey; count: number }[];
  scenarios: { scenarioId: string; title: PracticeResult['scenarioTitle']; results: number; outcomeCorrect: number; averageScore: number }[];
}

export function summariseWorkshop(results: PracticeResult[]): WorkshopSummary {
  const counts = new Map<MissKey, number>();
  const add = (key: MissKey) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const r of results) {
    for (const g of ELEMENT_GROUPS) if (!r.elements[g].correct) add(g);
    if (!r.outcome.correct) add('outcome');
    for (const f of [...r.flags.missed, ...r.flags.wrong]) add(`flag:${f}`);
  }
  const byScenario = new Map<string, PracticeResult[]>();
  for (const r of results) byScenario.set(r.scenarioId, [...(byScenario.get(r.scenarioId) ?? []), r]);
  return {
    results: results.length,
    trainees: new Set(results.map((r) => r.trainee.trim().toLowerCase())).size,
    misses: [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    scenarios: [...byScenario].map(([scenarioId, rs]) => ({
      scenarioId,
      title: rs[0]!.scenarioTitle,
      results: rs.length,
      outcomeCorrect: rs.filter((r) => r.outcome.correct).length,
      averageScore: Math.round((rs.reduce((sum, r) => sum + r.score.points / r.score.max, 0) / rs.length) * 100),
    })),
  };
}

/** A spreadsheet cell that cannot run as a formula when opened. */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per trainee and scenario, for the trainer's report. */
export function workshopCsv(results: PracticeResult[]): string {
  const header = [
    'workshop',
    'trainee',
    'scenario',
    'completed',
    'outcome_reading',
    'outcome_expected',
    'outcome_correct',
    ...ELEMENT_GROUPS.flatMap((g) => [`${g}_reading`, `${g}_expected`, `${g}_correct`]),
    'flags_caught',
    'flags_missed',
    'flags_wrong',
    'key_questions_asked',
    'key_questions_total',
    'key_questions_script_looked_at',
    'score',
    'score_max',
  ];
  const rows = results.map((r) => [
    r.workshop,
    r.trainee,
    r.scenarioId,
    new Date(r.completedAt).toISOString().slice(0, 16).replace('T', ' '),
    r.outcome.reading ?? '',
    r.outcome.expected,
    r.outcome.correct ? 1 : 0,
    ...ELEMENT_GROUPS.flatMap((g) => [r.elements[g].reading ?? '', r.elements[g].expected, r.elements[g].correct ? 1 : 0]),
    r.flags.caught.join(';'),
    r.flags.missed.join(';'),
    r.flags.wrong.join(';'),
    r.keyQuestions.asked,
    r.keyQuestions.total,
    r.keyQuestions.scriptLookedAt,
    r.score.points,
    r.score.max,
  ]);
  // The byte-order mark lets spreadsheet programs read Arabic names as UTF-8.
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}
