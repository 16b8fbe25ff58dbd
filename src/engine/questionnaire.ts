/**
 * The questionnaire as data: its shape (zod), and the checks zod cannot express
 * (ids, references, codes, translations). The same function runs at build
 * (vite plugin), in tests, in `npm run validate` and when the app loads it, so a
 * broken file never reaches an officer. Errors name the file, the question id and
 * the field.
 */
import { z } from 'zod';
import { ALL_CODES, CONTEXT_CODES, AGGRAVATING_CODES, ELEMENT_GROUPS, CODES_BY_GROUP, isElementGroup, isFactCode, type FactCode } from './codes';
import { InputError } from './errors';
import { ILO_DIMENSIONS } from './model';

export const LANGUAGES = ['fr', 'ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Answers every question accepts besides its own values: they read as "unknown". */
export const DONT_KNOW = 'dont_know';
export const REFUSED = 'refused';

const code = z.enum(ALL_CODES as [FactCode, ...FactCode[]]);
const effect = z.partialRecord(code, z.enum(['yes', 'no']));
const strength = z.enum(['strong', 'medium', 'weak', 'absent']);
const indicator = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  dimension: z.enum(ILO_DIMENSIONS as [string, ...string[]]),
  adult: strength,
  child: strength,
});

export type Condition =
  | { question: string; equals: string | number }
  | { question: string; in: string[] }
  | { question: string; answered: boolean }
  | { question: string; lt: number }
  | { question: string; gte: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { child: boolean };

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ question: z.string(), equals: z.union([z.string(), z.number()]) }),
    z.strictObject({ question: z.string(), in: z.array(z.string()).min(1) }),
    z.strictObject({ question: z.string(), answered: z.boolean() }),
    z.strictObject({ question: z.string(), lt: z.number() }),
    z.strictObject({ question: z.string(), gte: z.number() }),
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
    z.strictObject({ child: z.boolean() }),
  ]),
);

const ROLES = [
  'age_years',
  'may_be_child',
  'consent_interview',
  'consent_record',
  'consent_share_referral',
  'consent_statistics',
  'sex',
  'nationality',
  'officer_notes',
] as const;
export type QuestionRole = (typeof ROLES)[number];

const questionId = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/, 'must look like "section.name" in lower case');
const base = {
  id: questionId,
  showIf: condition.optional(),
  role: z.enum(ROLES).optional(),
  /** 'officer': the officer's own check or observation, never read aloud, no "don't know" / "prefers not to answer". */
  audience: z.enum(['person', 'officer']).optional(),
};
const option = z.strictObject({
  value: z.string().regex(/^[a-z][a-z0-9_]*$/),
  sets: effect.optional(),
  indicator: indicator.optional(),
});

const question = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('yes_no'),
    sets: z.strictObject({ yes: effect.optional(), no: effect.optional() }).optional(),
    indicator: indicator.optional(),
    indicatorWhen: z.enum(['yes', 'no']).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('single'), options: z.array(option).min(2) }),
  z.strictObject({ ...base, type: z.literal('multiple'), options: z.array(option).min(2), exhaustive: z.boolean().optional() }),
  z.strictObject({ ...base, type: z.literal('number'), min: z.number(), max: z.number() }),
  z.strictObject({ ...base, type: z.literal('date') }),
  z.strictObject({ ...base, type: z.literal('text'), maxLength: z.number().int().positive().max(1000) }),
]);

const SECTION_IDS = ['consent', 'safety', 'person', 'act', 'means', 'purpose', 'threshold', 'context', 'aggravating', 'closing'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

const questionnaireSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().positive(),
  sections: z.array(z.strictObject({ id: z.enum(SECTION_IDS), questions: z.array(question).min(1) })).min(1),
});

const localeSchema = z.strictObject({
  title: z.string().min(1),
  sections: z.record(z.string(), z.strictObject({ title: z.string().min(1), intro: z.string().min(1).optional() })),
  questions: z.record(
    z.string(),
    z.strictObject({
      text: z.string().min(1),
      guidance: z.string().min(1),
      options: z.record(z.string(), z.string().min(1)).optional(),
      /** An instruction to the officer, shown apart from the question (e.g. "Read the whole list"). */
      instruction: z.string().min(1).optional(),
      /** Simpler wording, shown when the person is treated as a child. */
      textChild: z.string().min(1).optional(),
      /** Wording for information that comes from someone else than the person. */
      textThirdPerson: z.string().min(1).optional(),
    }),
  ),
});

export type QuestionDefinition = z.infer<typeof question>;
export type QuestionType = QuestionDefinition['type'];
export type OptionDefinition = z.infer<typeof option>;
export type IndicatorDefinition = z.infer<typeof indicator>;
export type Effect = z.infer<typeof effect>;
export type QuestionnaireLocale = z.infer<typeof localeSchema>;

export type LoadedQuestion = QuestionDefinition & { section: SectionId; index: number };

export interface Questionnaire {
  id: string;
  version: number;
  sections: { id: SectionId; questions: LoadedQuestion[] }[];
  questions: LoadedQuestion[];
  byId: ReadonlyMap<string, LoadedQuestion>;
  locales: Record<Language, QuestionnaireLocale>;
  /** Question ids that read the age; the child exception depends on them. */
  ageQuestionIds: string[];
}

export interface QuestionnaireSource {
  /** Path shown in errors, e.g. questionnaires/art-448-1/v1/questionnaire.json */
  file: string;
  json: unknown;
  locales: Record<Language, { file: string; json: unknown }>;
}

function zodError(file: string, error: z.ZodError, doc: unknown): InputError {
  const issue = error.issues[0]!;
  const where = [file, ...locate(doc, issue.path)];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const inEffect = issue.path.includes('sets') || issue.path.at(-2) === 'options';
    return new InputError(inEffect ? `unknown code ${keys}` : `unknown field ${keys}`, where);
  }
  return new InputError(issue.message, where);
}

/** Turn a zod path into the words a person editing the file uses: a question id, then the field. */
function locate(doc: unknown, path: readonly PropertyKey[]): string[] {
  const parts: string[] = [];
  let node: unknown = doc;
  const fields: string[] = [];
  for (const key of path) {
    const next = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const id = next && typeof next === 'object' && 'id' in next ? (next as { id: unknown }).id : undefined;
    if (typeof id === 'string' && Array.isArray(node)) {
      parts.splice(0, parts.length, `${'type' in (next as object) ? 'question' : 'section'} "${id}"`);
      fields.length = 0;
    } else if (typeof key === 'number' && fields.length > 0) {
      fields[fields.length - 1] += `[${key}]`;
    } else {
      fields.push(String(key));
    }
    node = next;
  }
  if (fields.length > 0) parts.push(`field "${fields.join('.')}"`);
  return parts;
}

export function loadQuestionnaire(source: QuestionnaireSource): Questionnaire {
  const parsed = questionnaireSchema.safeParse(source.json);
  if (!parsed.success) throw zodError(source.file, parsed.error, source.json);
  const doc = parsed.data;
  const fail = (message: string, ...where: string[]): never => {
    throw new InputError(message, [source.file, ...where]);
  };

  const questions: LoadedQuestion[] = [];
  const byId = new Map<string, LoadedQuestion>();
  const sectionIds = new Set<string>();
  for (const section of doc.sections) {
    if (sectionIds.has(section.id)) fail('duplicate section id', `section "${section.id}"`);
    sectionIds.add(section.id);
    for (const definition of section.questions) {
      if (byId.has(definition.id)) fail('duplicate question id', `question "${definition.id}"`);
      if (isFactCode(definition.id) || isElementGroup(definition.id)) {
        fail('a question id must not be an element code: reasons list both, and they must not be confused', `question "${definition.id}"`);
      }
      const loaded = { ...definition, section: section.id, index: questions.length } as LoadedQuestion;
      if (definition.showIf) checkCondition(definition.showIf, byId, (message) => fail(message, `question "${definition.id}"`, 'field "showIf"'));
      if ('options' in definition) {
        const values = new Set<string>();
        for (const opt of definition.options) {
          if (values.has(opt.value) || opt.value === DONT_KNOW || opt.value === REFUSED) {
            fail(`option value "${opt.value}" is duplicated or reserved`, `question "${definition.id}"`, 'field "options"');
          }
          values.add(opt.value);
        }
      }
      questions.push(loaded);
      byId.set(definition.id, loaded);
    }
  }

  const roleCount = new Map<string, number>();
  for (const q of questions) if (q.role) roleCount.set(q.role, (roleCount.get(q.role) ?? 0) + 1);
  for (const [role, count] of roleCount) if (count > 1) fail(`role "${role}" is given to ${count} questions; it must be unique`);
  const ageQuestion = questions.find((q) => q.role === 'age_years');
  const mayBeChildQuestion = questions.find((q) => q.role === 'may_be_child');
  if (!ageQuestion || ageQuestion.type !== 'number') fail('one question of type "number" must have role "age_years"');
  if (!mayBeChildQuestion || mayBeChildQuestion.type !== 'yes_no') fail('one question of type "yes_no" must have role "may_be_child"');

  const unreachable = unreachableCodes(questions);
  if (unreachable.length > 0) fail(`no answer establishes ${unreachable.map((c) => `"${c}"`).join(', ')} as "yes"`);

  const locales = {} as Record<Language, QuestionnaireLocale>;
  for (const lang of LANGUAGES) {
    const localeSource = source.locales[lang];
    const result = localeSchema.safeParse(localeSource.json);
    if (!result.success) throw zodError(localeSource.file, result.error, localeSource.json);
    checkLocale(result.data, doc.sections, questions, (message, ...where) => {
      throw new InputError(message, [localeSource.file, ...where]);
    });
    locales[lang] = result.data;
  }

  return {
    id: doc.id,
    version: doc.version,
    sections: doc.sections.map((section) => ({ id: section.id, questions: questions.filter((q) => q.section === section.id) })),
    questions,
    byId,
    locales,
    ageQuestionIds: [ageQuestion!.id, mayBeChildQuestion!.id],
  };
}

/**
 * The wording to show for a question: the child's when the person is treated as a
 * child, the third person's when the information comes from someone else, the
 * question's own text otherwise (or when the variant is not written).
 */
export function questionText(locale: QuestionnaireLocale, questionId: string, { child, thirdPerson }: { child: boolean; thirdPerson: boolean }): string {
  const text = locale.questions[questionId];
  if (!text) return '';
  if (thirdPerson && text.textThirdPerson) return text.textThirdPerson;
  if (child && text.textChild) return text.textChild;
  return text.text;
}

function checkCondition(cond: Condition, earlier: ReadonlyMap<string, LoadedQuestion>, fail: (message: string) => never): void {
  if ('all' in cond) return cond.all.forEach((c) => checkCondition(c, earlier, fail));
  if ('any' in cond) return cond.any.forEach((c) => checkCondition(c, earlier, fail));
  if ('not' in cond) return checkCondition(cond.not, earlier, fail);
  if ('child' in cond) return;
  const target = earlier.get(cond.question);
  if (!target) fail(`names question "${cond.question}", which does not exist before this question`);
  const q = target!;
  const allowed = allowedValues(q);
  const values = 'equals' in cond ? [cond.equals] : 'in' in cond ? cond.in : [];
  for (const value of values) {
    if (allowed && !allowed.includes(String(value))) {
      fail(`"${String(value)}" is not an answer of question "${q.id}" (answers: ${allowed.join(', ')})`);
    }
  }
  if (('lt' in cond || 'gte' in cond) && q.type !== 'number') fail(`compares question "${q.id}" as a number but it is "${q.type}"`);
}

function allowedValues(q: LoadedQuestion): string[] | null {
  if (q.type === 'yes_no') return ['yes', 'no', DONT_KNOW, REFUSED];
  if (q.type === 'single' || q.type === 'multiple') return [...q.options.map((o) => o.value), DONT_KNOW, REFUSED];
  return null;
}

/** Every code must be reachable as "yes" from some answer, or the law has a hole in the questionnaire. */
function unreachableCodes(questions: readonly LoadedQuestion[]): FactCode[] {
  const reachable = new Set<string>();
  for (const q of questions) {
    const effects: (Effect | undefined)[] =
      q.type === 'yes_no' ? [q.sets?.yes, q.sets?.no] : 'options' in q ? q.options.map((o) => o.sets) : [];
    for (const e of effects) for (const [c, v] of Object.entries(e ?? {})) if (v === 'yes') reachable.add(c);
  }
  const required: FactCode[] = [...ELEMENT_GROUPS.flatMap((g) => CODES_BY_GROUP[g]), ...CONTEXT_CODES, ...AGGRAVATING_CODES];
  return required.filter((c) => !reachable.has(c));
}

function checkLocale(
  locale: QuestionnaireLocale,
  sections: readonly { id: string }[],
  questions: readonly LoadedQuestion[],
  fail: (message: string, ...where: string[]) => never,
): void {
  for (const section of sections) if (!locale.sections[section.id]) fail('missing translation of the section title', `section "${section.id}"`);
  for (const q of questions) {
    const text = locale.questions[q.id];
    if (!text) fail('missing translation (text and guidance)', `question "${q.id}"`);
    if ('options' in q) {
      for (const opt of q.options) {
        if (!text!.options?.[opt.value]) fail(`missing translation of option "${opt.value}"`, `question "${q.id}"`, 'field "options"');
      }
      for (const key of Object.keys(text!.options ?? {})) {
        if (!q.options.some((o) => o.value === key)) fail(`translation of option "${key}", which the question does not have`, `question "${q.id}"`);
      }
    }
  }
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(locale.questions)) if (!known.has(id)) fail('translation of a question that does not exist', `question "${id}"`);
  const knownSections = new Set(sections.map((s) => s.id));
  for (const id of Object.keys(locale.sections)) if (!knownSections.has(id)) fail('translation of a section that does not exist', `section "${id}"`);
}
