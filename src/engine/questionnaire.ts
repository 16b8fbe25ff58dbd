/**
 * The questionnaire as data: its shape (zod), and the checks zod cannot express
 * (ids, references, codes, translations). The same function runs at build
 * (vite plugin), in tests, in `npm run validate` and when the app loads it, so a
 * broken file never reaches an officer. Errors name the file, the question id and
 * the field.
 */
import { z } from 'zod';
import { ALL_CODES, CONTEXT_CODES, AGGRAVATING_CODES, ELEMENT_GROUPS, CODES_BY_GROUP, isElementGroup, isFactCode, type FactCode } from './codes';
import { InputError, ProblemList } from './errors';
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
  // Model v2: under 18 when it began (a yes/no, or the age then as a number).
  'child_at_events',
  'age_at_start',
  // Questionnaire v2: who the information comes from; the person alone with the officer; why the officer went on if not.
  'information_source',
  'privacy',
  'privacy_reason',
  // Questionnaire v2: the officer chose to ask a child the questions that only establish the means (al. 2).
  'means_for_child',
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
  /** 'officer': the officer's own check or observation — never read aloud, no "don't know" offered on screen. */
  audience: z.enum(['person', 'officer']).optional(),
  /** Questionnaire v2: the question only establishes the means, which a child does not need (al. 2). */
  meansOnly: z.boolean().optional(),
  /**
   * The question asks about the facts it sets as a whole (the person's own reading:
   * "could you have changed your situation?"), not about one concrete form of them.
   * Its "no" against a concrete "yes" is a point to clarify (a contradiction, §3.1);
   * a "no" about one concrete form (no threat of the police) beside another form
   * that happened (passport withheld) is not.
   */
  overall: z.boolean().optional(),
};
const option = z.strictObject({
  value: z.string().regex(/^[a-z][a-z0-9_]*$/),
  sets: effect.optional(),
  indicator: indicator.optional(),
  /** "None of these": cannot be chosen together with another option. */
  exclusive: z.boolean().optional(),
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
  z.strictObject({ ...base, type: z.literal('text'), maxLength: z.number().int().positive().max(5000) }),
]);

const SECTION_IDS = [
  // Version 1: the legal elements in order.
  'consent',
  'safety',
  'person',
  'act',
  'means',
  'purpose',
  'threshold',
  'context',
  'aggravating',
  'closing',
  // Version 2: the person's story in order (LEGAL.md §9.1), before and after it what the interview needs.
  'source',
  'privacy',
  'recruitment',
  'journey',
  'arrival',
  'work',
  'control',
  'leaving',
  'others',
  'observations',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

const questionnaireSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().positive(),
  /** Codes no answer of this version can establish (v1 predates them): listed, so the gap is reviewed, not silent. */
  codesNotAsked: z.array(code).optional(),
  sections: z.array(z.strictObject({ id: z.enum(SECTION_IDS), questions: z.array(question).min(1) })).min(1),
});

const localeText = z.string().min(1);
const localeSchema = z.strictObject({
  title: localeText,
  sections: z.record(
    z.string(),
    z.strictObject({
      title: localeText,
      intro: localeText.optional(),
      /** Version 2: the open invitation read aloud at the start of a chapter, and its child and third-person wordings. */
      invitation: localeText.optional(),
      invitationChild: localeText.optional(),
      invitationThirdPerson: localeText.optional(),
    }),
  ),
  questions: z.record(
    z.string(),
    z.strictObject({
      text: localeText,
      guidance: localeText,
      /** An instruction to the officer, shown apart from the question ("read the whole list"). */
      instruction: localeText.optional(),
      /** Simpler words for a child (shown when the person is treated as a child). */
      textChild: localeText.optional(),
      /** Words for information that comes from someone else (a relative, a video, a hotline call). */
      textThirdPerson: localeText.optional(),
      options: z.record(z.string(), localeText).optional(),
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
  /** Question ids that read the age (age, may be a child, child when it began); the child exception depends on them. */
  ageQuestionIds: string[];
  /** The question that carries each role, when the questionnaire has one. */
  roles: Partial<Record<QuestionRole, string>>;
  /** Codes this version cannot establish (it predates them). */
  codesNotAsked: FactCode[];
}

export interface QuestionnaireSource {
  /** Path shown in errors, e.g. questionnaires/art-448-1/v1/questionnaire.json */
  file: string;
  json: unknown;
  locales: Record<Language, { file: string; json: unknown }>;
}

/** Every zod issue, each as the words a person editing the file uses. */
function zodErrors(file: string, error: z.ZodError, doc: unknown): InputError[] {
  return error.issues.map((issue) => {
    const where = [file, ...locate(doc, issue.path)];
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      const inEffect = issue.path.includes('sets') || issue.path.at(-2) === 'options';
      return new InputError(inEffect ? `unknown code ${keys}` : `unknown field ${keys}`, where);
    }
    return new InputError(issue.message, where);
  });
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

/** The type each role needs. */
const ROLE_TYPES: Partial<Record<QuestionRole, QuestionType | readonly QuestionType[]>> = {
  age_years: 'number',
  // Version 2 asks it as a choice with "can't tell", the officer's own answer (§3.3).
  may_be_child: ['yes_no', 'single'],
  child_at_events: 'yes_no',
  age_at_start: 'number',
  information_source: 'single',
  privacy: 'yes_no',
  privacy_reason: 'text',
  means_for_child: 'yes_no',
  consent_interview: 'yes_no',
  consent_record: 'yes_no',
};

/**
 * Loads and checks a questionnaire with its translations. Every problem in the
 * files is listed (not only the first), each naming the file, the question and the field.
 */
export function loadQuestionnaire(source: QuestionnaireSource): Questionnaire {
  const parsed = questionnaireSchema.safeParse(source.json);
  if (!parsed.success) throw InputError.many(zodErrors(source.file, parsed.error, source.json));
  const doc = parsed.data;
  const problems = new ProblemList();
  const fail = (message: string, ...where: string[]) => problems.add(message, [source.file, ...where]);

  const questions: LoadedQuestion[] = [];
  const byId = new Map<string, LoadedQuestion>();
  const sectionIds = new Set<string>();
  for (const section of doc.sections) {
    if (sectionIds.has(section.id)) fail('duplicate section id', `section "${section.id}"`);
    sectionIds.add(section.id);
    for (const definition of section.questions) {
      if (byId.has(definition.id)) {
        fail('duplicate question id', `question "${definition.id}"`);
        continue;
      }
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
          if (opt.exclusive && definition.type !== 'multiple') fail(`option "${opt.value}" is marked exclusive, which only a multiple choice can be`, `question "${definition.id}"`, 'field "options"');
        }
      }
      questions.push(loaded);
      byId.set(definition.id, loaded);
    }
  }

  const roles: Partial<Record<QuestionRole, string>> = {};
  for (const q of questions) {
    if (!q.role) continue;
    if (roles[q.role]) fail(`role "${q.role}" is given to "${roles[q.role]}" and "${q.id}"; it must be unique`);
    else roles[q.role] = q.id;
    const needed = ROLE_TYPES[q.role];
    const types: readonly QuestionType[] = needed === undefined ? [] : typeof needed === 'string' ? [needed] : needed;
    if (types.length > 0 && !types.includes(q.type)) fail(`role "${q.role}" needs a question of type ${types.map((t) => `"${t}"`).join(' or ')}, not "${q.type}"`, `question "${q.id}"`);
    if (q.role === 'may_be_child' && q.type === 'single' && !['yes', 'no'].every((v) => q.options.some((o) => o.value === v))) {
      fail('role "may_be_child" as a choice needs the options "yes" and "no" (and may have "cannot_tell")', `question "${q.id}"`);
    }
  }
  if (!roles.age_years) fail('one question of type "number" must have role "age_years"');
  if (!roles.may_be_child) fail('one question must have role "may_be_child"');

  const notAsked = doc.codesNotAsked ?? [];
  const unreachable = unreachableCodes(questions);
  const unlisted = unreachable.filter((c) => !notAsked.includes(c));
  if (unlisted.length > 0) fail(`no answer establishes ${unlisted.map((c) => `"${c}"`).join(', ')} as "yes" (list it in "codesNotAsked" if this version cannot ask it)`);
  const reachableButListed = notAsked.filter((c) => !unreachable.includes(c));
  if (reachableButListed.length > 0) fail(`${reachableButListed.map((c) => `"${c}"`).join(', ')} is listed in "codesNotAsked" but an answer establishes it`, 'field "codesNotAsked"');

  const locales = {} as Record<Language, QuestionnaireLocale>;
  for (const lang of LANGUAGES) {
    const localeSource = source.locales[lang];
    const result = localeSchema.safeParse(localeSource.json);
    if (!result.success) {
      for (const error of zodErrors(localeSource.file, result.error, localeSource.json)) problems.addError(error);
      continue;
    }
    checkLocale(result.data, doc.sections, questions, (message, ...where) => problems.add(message, [localeSource.file, ...where]));
    locales[lang] = result.data;
  }
  problems.throwIfAny();

  const ageQuestionIds = [roles.age_years, roles.may_be_child, roles.age_at_start, roles.child_at_events].filter((id): id is string => id !== undefined);
  return {
    id: doc.id,
    version: doc.version,
    sections: doc.sections.map((section) => ({ id: section.id, questions: questions.filter((q) => q.section === section.id) })),
    questions,
    byId,
    locales,
    ageQuestionIds,
    roles,
    codesNotAsked: notAsked,
  };
}

function checkCondition(cond: Condition, earlier: ReadonlyMap<string, LoadedQuestion>, fail: (message: string) => void): void {
  if ('all' in cond) return cond.all.forEach((c) => checkCondition(c, earlier, fail));
  if ('any' in cond) return cond.any.forEach((c) => checkCondition(c, earlier, fail));
  if ('not' in cond) return checkCondition(cond.not, earlier, fail);
  if ('child' in cond) return;
  const target = earlier.get(cond.question);
  if (!target) return fail(`names question "${cond.question}", which does not exist before this question`);
  const allowed = allowedValues(target);
  const values = 'equals' in cond ? [cond.equals] : 'in' in cond ? cond.in : [];
  for (const value of values) {
    if (allowed && !allowed.includes(String(value))) {
      fail(`"${String(value)}" is not an answer of question "${target.id}" (answers: ${allowed.join(', ')})`);
    }
  }
  if (('lt' in cond || 'gte' in cond) && target.type !== 'number') fail(`compares question "${target.id}" as a number but it is "${target.type}"`);
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
  fail: (message: string, ...where: string[]) => void,
): void {
  for (const section of sections) if (!locale.sections[section.id]) fail('missing translation of the section title', `section "${section.id}"`);
  for (const q of questions) {
    const text = locale.questions[q.id];
    if (!text) {
      fail('missing translation (text and guidance)', `question "${q.id}"`);
      continue;
    }
    if ('options' in q) {
      for (const opt of q.options) {
        if (!text.options?.[opt.value]) fail(`missing translation of option "${opt.value}"`, `question "${q.id}"`, 'field "options"');
      }
      for (const key of Object.keys(text.options ?? {})) {
        if (!q.options.some((o) => o.value === key)) fail(`translation of option "${key}", which the question does not have`, `question "${q.id}"`);
      }
    }
  }
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(locale.questions)) if (!known.has(id)) fail('translation of a question that does not exist', `question "${id}"`);
  const knownSections = new Set(sections.map((s) => s.id));
  for (const id of Object.keys(locale.sections)) if (!knownSections.has(id)) fail('translation of a section that does not exist', `section "${id}"`);
}

export interface TextVariant {
  /** Treated as a child: simpler words where the questionnaire has them. */
  child: boolean;
  /** The information comes from someone else: third-person words where the questionnaire has them. */
  thirdPerson: boolean;
}

/** The words of a question for this interview: third person first (it changes who is asked), then a child's wording. */
export function questionText(locale: QuestionnaireLocale, questionId: string, variant: TextVariant): string {
  const text = locale.questions[questionId];
  if (!text) return questionId;
  if (variant.thirdPerson && text.textThirdPerson) return text.textThirdPerson;
  if (variant.child && text.textChild) return text.textChild;
  return text.text;
}

/** The open invitation of a chapter for this interview, when it has one. */
export function sectionInvitation(locale: QuestionnaireLocale, sectionId: string, variant: TextVariant): string | null {
  const section = locale.sections[sectionId];
  if (!section?.invitation) return null;
  if (variant.thirdPerson && section.invitationThirdPerson) return section.invitationThirdPerson;
  if (variant.child && section.invitationChild) return section.invitationChild;
  return section.invitation;
}
