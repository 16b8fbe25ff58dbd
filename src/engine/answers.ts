/**
 * Answers → facts. Which questions apply (show-if), what each answer establishes,
 * and the ILO indicators it carries. An answer to a question that is hidden by
 * the other answers is kept by the caller but ignored here: it no longer applies.
 */
import { CODES_BY_GROUP, type FactCode } from './codes';
import { describe, InputError, ProblemList } from './errors';
import { readIndicators } from './indicators';
import { or3, type Tri } from './logic';
import type { Assessment, Fact, FactSet, FactSource, IndicatorHit, IloDimension } from './model';
import { readPerson, type PersonInput, type PersonReading } from './person';
import { assessFactSet } from './assess';
import {
  DONT_KNOW,
  REFUSED,
  type Condition,
  type Effect,
  type IndicatorDefinition,
  type LoadedQuestion,
  type Questionnaire,
} from './questionnaire';

export type AnswerValue = string | number | string[];
export type AnswerMap = Readonly<Record<string, AnswerValue>>;

export interface AnswersDocument {
  questionnaire: string;
  version: number;
  answers: AnswerMap;
}

export interface ParsedAnswers extends AnswersDocument {
  /** Answers kept but not used because the other answers hide their question: reported, never an error. */
  warnings: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isAnswersDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'answers' in doc;
}

/**
 * Check an answers document against the questionnaire it names. Every problem is
 * listed (not only the first); answers to questions that the other answers hide
 * come back as warnings.
 */
export function parseAnswersDocument(doc: unknown, questionnaire: Questionnaire, where: string[] = []): ParsedAnswers {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(`expected an object with "questionnaire", "version" and "answers", found ${describe(doc)}`, where);
  }
  const record = doc as Record<string, unknown>;
  const problems = new ProblemList();
  if (record.questionnaire !== questionnaire.id) {
    problems.add(`"questionnaire" is ${describe(record.questionnaire)}; this build knows "${questionnaire.id}"`, where);
  }
  if (record.version !== questionnaire.version) {
    problems.add(`"version" is ${describe(record.version)}; this build has version ${questionnaire.version} of "${questionnaire.id}"`, where);
  }
  const answers = record.answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    problems.add(`"answers" must be an object of question id → answer, found ${describe(answers)}`, where);
    problems.throwIfAny();
  }
  for (const [id, value] of Object.entries(answers as Record<string, unknown>)) {
    const q = questionnaire.byId.get(id);
    if (!q) {
      problems.add(`answer to question "${id}", which does not exist in ${questionnaire.id} v${questionnaire.version}`, [...where, 'answers']);
      continue;
    }
    const problem = answerProblem(q, value);
    if (problem) problems.add(problem, [...where, 'answers', `"${id}"`]);
  }
  problems.throwIfAny();
  const valid = answers as AnswerMap;
  const visible = visibleQuestionIds(questionnaire, valid);
  const warnings = Object.keys(valid)
    .filter((id) => !visible.has(id))
    .map((id) => [...where, 'answers', `"${id}"`, 'answered, but the other answers hide this question: the answer is kept and not used'].join(': '));
  return { questionnaire: questionnaire.id, version: questionnaire.version, answers: valid, warnings };
}

/** Why a value is not a valid answer to a question, or null when it is. */
export function answerProblem(q: LoadedQuestion, value: unknown): string | null {
  const special = value === DONT_KNOW || value === REFUSED;
  switch (q.type) {
    case 'yes_no':
      return value === 'yes' || value === 'no' || special ? null : `expected "yes", "no", "dont_know" or "refused", found ${describe(value)}`;
    case 'single':
      return special || q.options.some((o) => o.value === value)
        ? null
        : `expected one of ${q.options.map((o) => `"${o.value}"`).join(', ')}, "dont_know" or "refused", found ${describe(value)}`;
    case 'multiple': {
      if (special) return null;
      if (!Array.isArray(value)) return `expected a list of options, "dont_know" or "refused", found ${describe(value)}`;
      const bad = value.find((v) => !q.options.some((o) => o.value === v));
      if (bad !== undefined) return `${describe(bad)} is not an option (options: ${q.options.map((o) => o.value).join(', ')})`;
      if (new Set(value).size !== value.length) return 'an option is given twice';
      const exclusive = q.options.find((o) => o.exclusive && value.includes(o.value));
      if (exclusive && value.length > 1) return `"${exclusive.value}" cannot be given together with another option (${value.filter((v) => v !== exclusive.value).map((v) => `"${String(v)}"`).join(', ')})`;
      return null;
    }
    case 'number':
      if (special) return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, "dont_know" or "refused", found ${describe(value)}`;
      return value < q.min || value > q.max ? `${value} is outside ${q.min}–${q.max}` : null;
    case 'date':
      if (special) return null;
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : `expected a date as YYYY-MM-DD, found ${describe(value)}`;
    case 'text':
      if (typeof value !== 'string') return `expected text, found ${describe(value)}`;
      return value.length > q.maxLength ? `text is ${value.length} characters; at most ${q.maxLength}` : null;
  }
}

/** The age reading from the answers (LEGAL.md §3.3): what the person says, the officer's judgement, the age when it began. */
function personOf(questionnaire: Questionnaire, answers: AnswerMap, visible: ReadonlySet<string>): PersonInput {
  const answer = (id: string | undefined) => (id && visible.has(id) ? answers[id] : undefined);
  const age = answer(questionnaire.roles.age_years);
  const mayBe = answer(questionnaire.roles.may_be_child);
  const atStart = answer(questionnaire.roles.age_at_start);
  const childThen = answer(questionnaire.roles.child_at_events);
  // The age when it began, or a yes/no about it; a "yes" from either wins (benefit of the doubt).
  const readings = [typeof atStart === 'number' ? atStart < 18 : null, childThen === 'yes' ? true : childThen === 'no' ? false : null].filter((v): v is boolean => v !== null);
  return {
    ageYears: typeof age === 'number' ? age : null,
    // "Can't tell" (or, in version 1, "don't know" or refused) on the officer's own judgement: the officer cannot tell.
    mayBeChild: mayBe === 'yes' ? true : mayBe === 'no' ? false : mayBe === undefined ? null : 'unknown',
    childAtEvents: readings.length === 0 ? null : readings.includes(true),
    ageAsked: age !== undefined || mayBe !== undefined,
  };
}

/** Whether the answers so far make the person a child for the law (used by show-if and the interview). */
export function treatedAsChild(questionnaire: Questionnaire, answers: AnswerMap): boolean {
  const visible = visibleQuestionIds(questionnaire, answers);
  return readPerson(personOf(questionnaire, answers, visible)).child;
}

/** How the answers so far read the person's age (LEGAL.md §3.3). */
export function readPersonFromAnswers(questionnaire: Questionnaire, answers: AnswerMap): PersonReading {
  const visible = visibleQuestionIds(questionnaire, answers);
  return readPerson(personOf(questionnaire, answers, visible));
}

function evaluate(cond: Condition, answers: AnswerMap, visible: ReadonlySet<string>, child: () => boolean): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluate(c, answers, visible, child));
  if ('any' in cond) return cond.any.some((c) => evaluate(c, answers, visible, child));
  if ('not' in cond) return !evaluate(cond.not, answers, visible, child);
  if ('child' in cond) return child() === cond.child;
  // An answer to a question that is itself hidden does not count.
  const value = visible.has(cond.question) ? answers[cond.question] : undefined;
  if ('answered' in cond) return (value !== undefined) === cond.answered;
  if (value === undefined) return false;
  if ('equals' in cond) return Array.isArray(value) ? value.includes(String(cond.equals)) : value === cond.equals;
  if ('in' in cond) return Array.isArray(value) ? value.some((v) => cond.in.includes(v)) : cond.in.includes(String(value));
  if ('lt' in cond) return typeof value === 'number' && value < cond.lt;
  return typeof value === 'number' && value >= cond.gte;
}

/**
 * The questions that apply, in order. Show-if may only name earlier questions
 * (the loader checks it), so one pass in order settles everything.
 */
export function visibleQuestionIds(questionnaire: Questionnaire, answers: AnswerMap): Set<string> {
  const visible = new Set<string>();
  let childCache: boolean | undefined;
  const child = () => {
    childCache ??= readPerson(personOf(questionnaire, answers, visible)).child;
    return childCache;
  };
  for (const q of questionnaire.questions) {
    if (!q.showIf || evaluate(q.showIf, answers, visible, child)) {
      visible.add(q.id);
      childCache = undefined;
    }
  }
  return visible;
}

/** The effects a question can have, so that "don't know" can mark each of them unknown. */
function touchedCodes(q: LoadedQuestion): FactCode[] {
  const effects: (Effect | undefined)[] = q.type === 'yes_no' ? [q.sets?.yes, q.sets?.no] : 'options' in q ? q.options.map((o) => o.sets) : [];
  return [...new Set(effects.flatMap((e) => Object.keys(e ?? {}) as FactCode[]))];
}

function contributions(q: LoadedQuestion, value: AnswerValue): [FactCode, Tri][] {
  if (value === DONT_KNOW || value === REFUSED) return touchedCodes(q).map((c) => [c, 'unknown']);
  const entries = (e: Effect | undefined) => Object.entries(e ?? {}) as [FactCode, Tri][];
  if (q.type === 'yes_no') return value === 'yes' ? entries(q.sets?.yes) : value === 'no' ? entries(q.sets?.no) : [];
  if (q.type === 'single') return entries(q.options.find((o) => o.value === value)?.sets);
  if (q.type === 'multiple' && Array.isArray(value)) {
    const chosen = q.options.filter((o) => value.includes(o.value));
    const result = chosen.flatMap((o) => entries(o.sets));
    if (q.exhaustive) {
      // A checklist read out in full: what the person did not choose is a "no".
      const set = new Set(result.map(([c]) => c));
      for (const o of q.options) {
        if (value.includes(o.value)) continue;
        for (const [c, v] of entries(o.sets)) if (v === 'yes' && !set.has(c)) result.push([c, 'no']);
      }
    }
    return result;
  }
  return [];
}

function indicatorsOf(q: LoadedQuestion, value: AnswerValue): IndicatorDefinition[] {
  if (q.type === 'yes_no') return q.indicator && value === (q.indicatorWhen ?? 'yes') ? [q.indicator] : [];
  if ((q.type === 'single' || q.type === 'multiple') && value !== DONT_KNOW && value !== REFUSED) {
    const chosen = Array.isArray(value) ? value : [value];
    return q.options.filter((o) => o.indicator && chosen.includes(o.value)).map((o) => o.indicator!);
  }
  return [];
}

export interface DerivedFacts {
  factSet: FactSet;
  hits: IndicatorHit[];
  /** ILO dimensions with at least one indicator question given a real answer (§4: never "negative" for what was not asked). */
  assessed: Set<IloDimension>;
  /** Treated as a child and none of the questions behind the means answered (§4: the reading is partial). */
  meansSkipped: boolean;
  visible: Set<string>;
  /** Answers kept for questions that no longer apply (the caller decides whether to drop them). */
  ignored: string[];
}

/**
 * The ILO dimensions an answer shows were asked about: a yes/no or a single choice
 * answered asks about every indicator it carries; a checklist of what the person
 * mentioned asks only about what was ticked, unless it was read out in full
 * (exhaustive), when what was not ticked was asked too.
 */
function dimensionsAsked(q: LoadedQuestion, value: AnswerValue): IloDimension[] {
  let defs: (IndicatorDefinition | undefined)[] = [];
  if (q.type === 'yes_no') defs = [q.indicator];
  else if (q.type === 'single') defs = q.options.map((o) => o.indicator);
  else if (q.type === 'multiple') defs = q.options.filter((o) => q.exhaustive || (Array.isArray(value) && value.includes(o.value))).map((o) => o.indicator);
  return [...new Set(defs.filter((d): d is IndicatorDefinition => d !== undefined).map((d) => d.dimension as IloDimension))];
}

/**
 * A question the child exception lets the officer leave out (al. 2): version 1's
 * means section, version 2's questions that only establish the means.
 */
function meansQuestion(q: LoadedQuestion): boolean {
  return q.meansOnly === true || q.section === 'means';
}

export function answersToFacts(questionnaire: Questionnaire, answers: AnswerMap): DerivedFacts {
  const visible = visibleQuestionIds(questionnaire, answers);
  const person = personOf(questionnaire, answers, visible);
  const child = readPerson(person).child;
  const sources = new Map<FactCode, FactSource[]>();
  const hits: IndicatorHit[] = [];
  const assessed = new Set<IloDimension>();
  const ignored: string[] = [];
  let meansAnswered = false;

  for (const q of questionnaire.questions) {
    const value = answers[q.id];
    if (value === undefined) continue;
    if (!visible.has(q.id)) {
      ignored.push(q.id);
      continue;
    }
    const answer = Array.isArray(value) ? value.join(',') : String(value);
    const definite = value !== DONT_KNOW && value !== REFUSED;
    if (definite) {
      for (const dimension of dimensionsAsked(q, value)) assessed.add(dimension);
      if (meansQuestion(q)) meansAnswered = true;
    }
    for (const [code, tri] of contributions(q, value)) {
      const list = sources.get(code) ?? [];
      list.push(q.overall ? { question: q.id, answer, value: tri, overall: true } : { question: q.id, answer, value: tri });
      sources.set(code, list);
    }
    for (const ind of indicatorsOf(q, value)) {
      const strength = child ? ind.child : ind.adult;
      if (strength !== 'absent') hits.push({ indicator: ind.id, dimension: ind.dimension as IloDimension, strength, question: q.id });
    }
  }

  const facts: FactSet['facts'] = {};
  for (const [code, list] of sources) {
    // One "yes" establishes the fact; it is ruled out only when every answer rules it out (§3.1).
    const value = or3(...list.map((s) => s.value));
    const fact: Fact = { value, sources: list };
    if (value === 'unknown') fact.unknownReason = list.every((s) => s.answer === REFUSED || s.value !== 'unknown') ? 'refused' : 'dont_know';
    facts[code] = fact;
  }

  const ageQuestions = questionnaire.ageQuestionIds.filter((id) => visible.has(id) && answers[id] !== undefined);
  // Which of them make the person a child: an age under 18 (now or when it began), the officer's "may be"
  // or "can't tell", or — with nobody judging — the age asked and not known.
  const { roles } = questionnaire;
  const childQuestions = ageQuestions.filter((id) => {
    const value = answers[id];
    if (id === roles.age_years) return typeof value === 'number' ? value < 18 : person.mayBeChild === null;
    if (id === roles.may_be_child) return person.mayBeChild === true || person.mayBeChild === 'unknown';
    if (id === roles.age_at_start) return typeof value === 'number' && value < 18;
    if (id === roles.child_at_events) return value === 'yes';
    return false;
  });
  return {
    factSet: { ...person, ageQuestions, childQuestions, facts, groups: {} },
    hits,
    assessed,
    meansSkipped: child && !meansAnswered,
    visible,
    ignored,
  };
}

export function assessAnswers(questionnaire: Questionnaire, answers: AnswerMap): Assessment {
  const derived = answersToFacts(questionnaire, answers);
  const purposes = CODES_BY_GROUP.purpose.filter((code) => derived.factSet.facts[code]?.value === 'yes');
  return assessFactSet(
    derived.factSet,
    readIndicators({ hits: derived.hits, assessed: derived.assessed, child: readPerson(derived.factSet).child, purposes, meansSkipped: derived.meansSkipped }),
  );
}
