/**
 * Training scenarios: a narrative, the person's scripted answers and the
 * assessment the law expects. They teach, and they test the engine: every
 * scenario must reproduce its expected assessment.
 */
import { z } from 'zod';
import { assessAnswers, ELEMENT_GROUPS, InputError, LANGUAGES, parseAnswersDocument, type AnswerMap, type Language } from '../engine';
import { checkWith, fieldName, ImportError, NO_CONTROL } from './import-check';
import { findQuestionnaire } from './questionnaires';

/** A scenario file is a story and a script: far below this. A bigger one is refused before it is read. */
export const MAX_SCENARIO_BYTES = 1_000_000;
/** Per text: a title is a line, a narrative a page or two. Longer texts made the training screens crawl. */
const LIMITS = { title: 200, learningGoal: 2_000, narrative: 20_000, teachingPoint: 5_000 } as const;
const bounded = (max: number) => z.string().max(max).regex(NO_CONTROL);

const textOf = (max: number) => z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, bounded(max).min(1)])) as Record<Language, z.ZodString>);
/**
 * A trainer's own scenario may be written in one language only: the screens show
 * it in that language and say so. Built-in scenarios must have all three.
 */
const someTextOf = (max: number) =>
  z
    .strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, bounded(max).optional()])) as Record<Language, z.ZodOptional<z.ZodString>>)
    .refine((t) => LANGUAGES.some((lang) => (t[lang] ?? '').trim() !== ''), { message: `write it in at least one of ${LANGUAGES.join(', ')}`, params: { problem: 'missing' } });
const status = z.enum(['indicated', 'not_indicated', 'unknown', 'not_required']);
export const SCENARIO_FORMS = [
  'domestic_servitude',
  'forced_labour',
  'sexual_exploitation',
  'forced_begging',
  'forced_criminality',
  'organ_removal',
  'forced_marriage',
  'smuggling',
  'labour_law',
  'other',
] as const;

export const SCENARIO_DIFFICULTIES = ['introductory', 'intermediate', 'advanced'] as const;

const questionId = z.string().max(100).regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/);
const scenarioSchema = z.strictObject({
  id: z.string().max(80).regex(/^[a-z0-9-]+$/),
  questionnaire: z.string().max(40).regex(/^[a-z0-9-]+$/),
  version: z.number().int().min(1).max(999),
  form: z.enum(SCENARIO_FORMS),
  difficulty: z.enum(SCENARIO_DIFFICULTIES),
  title: textOf(LIMITS.title),
  learningGoal: textOf(LIMITS.learningGoal),
  narrative: textOf(LIMITS.narrative),
  teachingPoint: textOf(LIMITS.teachingPoint),
  answers: z.record(questionId, z.union([bounded(5_000), z.number().min(-1e6).max(1e6), z.array(z.string().max(100)).max(100)])).refine((a) => Object.keys(a).length <= 500, { params: { problem: 'too_many', limit: '500' } }),
  /** Questions whose answers decide the reading; the debrief checks whether they were asked. */
  keyQuestions: z.array(questionId).min(1).max(100),
  expected: z.strictObject({
    outcome: z.enum(['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']),
    elements: z.strictObject(Object.fromEntries(ELEMENT_GROUPS.map((g) => [g, status])) as Record<(typeof ELEMENT_GROUPS)[number], typeof status>),
    flags: z.array(z.string().max(80)).max(50),
  }),
});

const trainerScenarioSchema = scenarioSchema.extend({
  title: someTextOf(LIMITS.title),
  learningGoal: someTextOf(LIMITS.learningGoal),
  narrative: someTextOf(LIMITS.narrative),
  teachingPoint: someTextOf(LIMITS.teachingPoint),
});

export type Scenario = Omit<z.infer<typeof trainerScenarioSchema>, 'answers'> & { answers: AnswerMap };
export type ScenarioForm = (typeof SCENARIO_FORMS)[number];
export type ScenarioText = Partial<Record<Language, string>>;

/** A scenario text in the reader's language, or in the first language it exists in. */
export function scenarioText(text: ScenarioText, language: string): { text: string; language: Language } {
  const wanted = LANGUAGES.find((lang) => lang === language && (text[lang] ?? '').trim() !== '');
  const found = wanted ?? LANGUAGES.find((lang) => (text[lang] ?? '').trim() !== '') ?? 'fr';
  return { text: text[found] ?? '', language: found };
}

export function isScenarioDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'narrative' in doc && 'expected' in doc;
}

/**
 * Checks a scenario against the schema and its questionnaire. `trainer: true`
 * accepts texts in one language only (a trainer's own scenario); built-in ones
 * need all three.
 */
export function parseScenario(doc: unknown, file: string, options: { trainer?: boolean } = {}): Scenario {
  const scenario = checkWith(options.trainer ? trainerScenarioSchema : scenarioSchema, doc, file);
  const questionnaire = (() => {
    try {
      return findQuestionnaire(scenario.questionnaire, scenario.version);
    } catch {
      throw new ImportError(file, 'version', 'unknown_questionnaire', `${scenario.questionnaire} v${scenario.version}`);
    }
  })();
  try {
    parseAnswersDocument({ questionnaire: scenario.questionnaire, version: scenario.version, answers: scenario.answers }, questionnaire, [file]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // The engine says which answer in English; the screen needs the question and a problem code.
    const id = /"([a-z0-9_.]+)"/.exec(error.message)?.[1] ?? /"([a-z0-9_.]+)"/.exec(error.where.join(' '))?.[1] ?? '';
    throw new ImportError(file, fieldName(['answers', id]), error.message.includes('does not exist') ? 'unknown_field' : 'not_allowed');
  }
  for (const [index, id] of scenario.keyQuestions.entries()) {
    if (!questionnaire.byId.has(id)) throw new ImportError(file, fieldName(['keyQuestions', index]), 'unknown_field');
  }
  // A debrief compares the trainee with `expected`: a scenario whose own answers
  // do not lead there would teach the wrong reading.
  const assessment = assessAnswers(questionnaire, scenario.answers);
  if (assessment.outcome !== scenario.expected.outcome) {
    throw new ImportError(file, fieldName(['expected', 'outcome']), 'expected_mismatch', assessment.outcome);
  }
  for (const group of ELEMENT_GROUPS) {
    if (assessment.elements[group] !== scenario.expected.elements[group]) {
      throw new ImportError(file, fieldName(['expected', 'elements', group]), 'expected_mismatch', assessment.elements[group]);
    }
  }
  const given = [...assessment.flags].sort().join(', ');
  if (given !== [...scenario.expected.flags].sort().join(', ')) {
    throw new ImportError(file, fieldName(['expected', 'flags']), 'expected_mismatch', given || '—');
  }
  return scenario;
}
