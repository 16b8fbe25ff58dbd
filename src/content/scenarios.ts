/**
 * Training scenarios: a narrative, the person's scripted answers and the
 * assessment the law expects. They teach, and they test the engine: every
 * scenario must reproduce its expected assessment.
 */
import { z } from 'zod';
import { assessAnswers, ELEMENT_GROUPS, InputError, LANGUAGES, parseAnswersDocument, ProblemList, type AnswerMap, type Language } from '../engine';
import { findQuestionnaire } from './questionnaires';

const text = z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, z.string().min(1)])) as Record<Language, z.ZodString>);
/**
 * A trainer's own scenario may be written in one language only: the screens show
 * it in that language and say so. Built-in scenarios must have all three.
 */
const someText = z
  .strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, z.string().optional()])) as Record<Language, z.ZodOptional<z.ZodString>>)
  .refine((t) => LANGUAGES.some((lang) => (t[lang] ?? '').trim() !== ''), { message: `write it in at least one of ${LANGUAGES.join(', ')}` });
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

const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  questionnaire: z.string(),
  version: z.number().int(),
  form: z.enum(SCENARIO_FORMS),
  difficulty: z.enum(SCENARIO_DIFFICULTIES),
  title: text,
  learningGoal: text,
  narrative: text,
  teachingPoint: text,
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  /** Questions whose answers decide the reading; the debrief checks whether they were asked. */
  keyQuestions: z.array(z.string()).min(1),
  expected: z.strictObject({
    outcome: z.enum(['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']),
    elements: z.strictObject(Object.fromEntries(ELEMENT_GROUPS.map((g) => [g, status])) as Record<(typeof ELEMENT_GROUPS)[number], typeof status>),
    flags: z.array(z.string()),
  }),
});

const trainerScenarioSchema = scenarioSchema.extend({ title: someText, learningGoal: someText, narrative: someText, teachingPoint: someText });

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
  const parsed = (options.trainer ? trainerScenarioSchema : scenarioSchema).safeParse(doc);
  // Every problem of the file is listed, not only the first.
  if (!parsed.success) throw InputError.many(parsed.error.issues.map((issue) => new InputError(issue.message, [file, `field "${issue.path.join('.')}"`])));
  const scenario = parsed.data;
  const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
  const problems = new ProblemList();
  problems.check(() => parseAnswersDocument({ questionnaire: scenario.questionnaire, version: scenario.version, answers: scenario.answers }, questionnaire, [file]));
  for (const id of scenario.keyQuestions) {
    if (!questionnaire.byId.has(id)) problems.add(`key question "${id}" does not exist`, [file, 'field "keyQuestions"']);
  }
  problems.throwIfAny();
  // A debrief compares the trainee with `expected`: a scenario whose own answers
  // do not lead there would teach the wrong reading.
  const assessment = assessAnswers(questionnaire, scenario.answers);
  if (assessment.outcome !== scenario.expected.outcome) {
    problems.add(`the scripted answers give "${assessment.outcome}", not "${scenario.expected.outcome}"`, [file, 'field "expected.outcome"']);
  }
  for (const group of ELEMENT_GROUPS) {
    if (assessment.elements[group] !== scenario.expected.elements[group]) {
      problems.add(`the scripted answers give "${assessment.elements[group]}", not "${scenario.expected.elements[group]}"`, [file, `field "expected.elements.${group}"`]);
    }
  }
  const given = [...assessment.flags].sort().join(', ');
  if (given !== [...scenario.expected.flags].sort().join(', ')) {
    problems.add(`the scripted answers raise [${given}], not [${[...scenario.expected.flags].sort().join(', ')}]`, [file, 'field "expected.flags"']);
  }
  problems.throwIfAny();
  return scenario;
}
