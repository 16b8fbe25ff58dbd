/**
 * Training scenarios: a narrative, the person's scripted answers and the
 * assessment the law expects. They teach, and they test the engine: every
 * scenario must reproduce its expected assessment.
 */
import { z } from 'zod';
import { ELEMENT_GROUPS, InputError, LANGUAGES, parseAnswersDocument, type AnswerMap, type Language } from '../engine';
import { findQuestionnaire } from './questionnaires';

const text = z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, z.string().min(1)])) as Record<Language, z.ZodString>);
const status = z.enum(['indicated', 'not_indicated', 'unknown', 'not_required']);
const FORMS = [
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

const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  questionnaire: z.string(),
  version: z.number().int(),
  form: z.enum(FORMS),
  difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
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

export type Scenario = Omit<z.infer<typeof scenarioSchema>, 'answers'> & { answers: AnswerMap };
export type ScenarioForm = (typeof FORMS)[number];

export function isScenarioDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'narrative' in doc && 'expected' in doc;
}

export function parseScenario(doc: unknown, file: string): Scenario {
  const parsed = scenarioSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, [file, `field "${issue.path.join('.')}"`]);
  }
  const scenario = parsed.data;
  const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
  parseAnswersDocument({ questionnaire: scenario.questionnaire, version: scenario.version, answers: scenario.answers }, questionnaire, [file]);
  for (const id of scenario.keyQuestions) {
    if (!questionnaire.byId.has(id)) throw new InputError(`key question "${id}" does not exist`, [file, 'field "keyQuestions"']);
  }
  return scenario;
}
