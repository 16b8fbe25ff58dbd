/**
 * The art. 448-1 questionnaire: it loads, it covers the law, and a broken copy is
 * refused with the file, the question id and what is wrong.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_CODES,
  InputError,
  answersToFacts,
  assessAnswers,
  loadQuestionnaire,
  questionText,
  visibleQuestionIds,
  type AnswerMap,
  type QuestionnaireSource,
} from '../../src/engine';
import { findQuestionnaire, QUESTIONNAIRE_SOURCES } from '../../src/content/questionnaires';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON, broken on purpose below
type RawJson = any;

// Version 1: cases answered with it stay readable. Version 2 has its own file (questionnaire-v2.test.ts).
const questionnaire = findQuestionnaire('art-448-1', 1);
const source = QUESTIONNAIRE_SOURCES[0]!;

/** A deep copy of the shipped questionnaire with one change, to check the loader's errors. */
function broken(change: (json: RawJson, locales: Record<string, RawJson>) => void): QuestionnaireSource {
  const json = structuredClone(source.json);
  const locales = Object.fromEntries(Object.entries(source.locales).map(([lang, l]) => [lang, { file: l.file, json: structuredClone(l.json) }]));
  change(json, Object.fromEntries(Object.entries(locales).map(([lang, l]) => [lang, l.json])));
  return { file: source.file, json, locales: locales as QuestionnaireSource['locales'] };
}
const questionById = (json: RawJson, id: string) => json.sections.flatMap((s: RawJson) => s.questions).find((q: RawJson) => q.id === id);

describe('the art. 448-1 questionnaire, version 1', () => {
  it('has between 50 and 90 questions, in the order of the interview', () => {
    expect(questionnaire.questions.length).toBeGreaterThanOrEqual(50);
    expect(questionnaire.questions.length).toBeLessThanOrEqual(90);
    expect(questionnaire.sections.map((s) => s.id)).toEqual(['consent', 'safety', 'person', 'act', 'means', 'purpose', 'threshold', 'context', 'aggravating', 'closing']);
  });

  it('reaches every element, context and aggravating code as "yes" from some answer', () => {
    const reached = new Set<string>();
    for (const q of questionnaire.questions) {
      const effects = q.type === 'yes_no' ? [q.sets?.yes, q.sets?.no] : 'options' in q ? q.options.map((o) => o.sets) : [];
      for (const e of effects) for (const [code, value] of Object.entries(e ?? {})) if (value === 'yes') reached.add(code);
    }
    // Version 1 predates the model-v2 context codes, and says so in "codesNotAsked"; its "had to obey"
    // question no longer counts as abuse of authority (LEGAL.md §9.7), so it cannot establish that means.
    expect(ALL_CODES.filter((code) => !reached.has(code))).toEqual(ALL_CODES.filter((code) => questionnaire.codesNotAsked.includes(code)));
    expect(questionnaire.codesNotAsked.filter((code) => !code.startsWith('context.'))).toEqual(['means.abuse_of_power']);
  });

  it('has text, guidance and option labels for every question in French, Arabic and English', () => {
    for (const lang of ['fr', 'ar', 'en'] as const) {
      for (const q of questionnaire.questions) {
        const text = questionnaire.locales[lang].questions[q.id]!;
        expect(text.text.trim().length, `${lang} ${q.id}`).toBeGreaterThan(3);
        expect(text.guidance.trim().length, `${lang} ${q.id}`).toBeGreaterThan(3);
        if ('options' in q) for (const o of q.options) expect(text.options?.[o.value], `${lang} ${q.id} ${o.value}`).toBeTruthy();
      }
    }
  });

  it('marks the officer\'s own checks as such, and keeps instructions to the officer out of the question read aloud', () => {
    const officerItems = questionnaire.questions.filter((q) => q.audience === 'officer').map((q) => q.id);
    expect(officerItems).toEqual(['consent.explained', 'safety.private', 'person.may_be_child', 'closing.officer_notes']);
    for (const lang of ['fr', 'ar', 'en'] as const) {
      const activities = questionnaire.locales[lang].questions['purpose.activities']!;
      expect(activities.text, lang).not.toMatch(/[()]/);
      expect(activities.instruction, lang).toBeTruthy();
    }
  });

  it('picks the child\'s or the third person\'s wording when written, the question\'s own text otherwise', () => {
    const locale = { ...questionnaire.locales.en, questions: { 'means.debt': { text: 'Did you owe them money?', guidance: 'g', textChild: 'Did they say you owed them money?', textThirdPerson: 'Did the person owe them money?' } } };
    expect(questionText(locale, 'means.debt', { child: false, thirdPerson: false })).toBe('Did you owe them money?');
    expect(questionText(locale, 'means.debt', { child: true, thirdPerson: false })).toBe('Did they say you owed them money?');
    // Information about a child from someone else is not read to the child: the third person's wording wins.
    expect(questionText(locale, 'means.debt', { child: true, thirdPerson: true })).toBe('Did the person owe them money?');
    expect(questionText(questionnaire.locales.en, 'means.debt', { child: true, thirdPerson: true })).toBe(questionnaire.locales.en.questions['means.debt']!.text);
  });

  it('puts no legal jargon to the person: the words of the article stay in the officer guidance', () => {
    const jargon = /\b(trafficking|recruit|exploitation|coercion|harbour|intermediary|448-1)\b/i;
    const offenders = questionnaire.questions.filter((q) => jargon.test(questionnaire.locales.en.questions[q.id]!.text)).map((q) => q.id);
    expect(offenders).toEqual([]);
  });
});

describe('a malformed questionnaire is refused with file, question and field', () => {
  it.each<[string, (json: RawJson, locales: Record<string, RawJson>) => void, RegExp]>([
    ['an unknown code', (j) => (questionById(j, 'means.hurt').sets.yes = { 'means.violence': 'yes' }), /questionnaire\.json: question "means\.hurt": field "sets\.yes": unknown code "means\.violence"/],
    ['a show-if naming a missing question', (j) => (questionById(j, 'means.situation_used').showIf = { question: 'means.hardship', equals: 'yes' }), /questionnaire\.json: question "means\.situation_used": field "showIf": names question "means\.hardship", which does not exist/],
    ['a show-if with an answer the question does not have', (j) => (questionById(j, 'means.situation_used').showIf = { question: 'means.hard_situation', equals: 'often' }), /question "means\.situation_used": field "showIf": "often" is not an answer of question "means\.hard_situation"/],
    ['a duplicate id', (j) => j.sections[1].questions.push(structuredClone(questionById(j, 'consent.interview'))), /questionnaire\.json: question "consent\.interview": duplicate question id/],
    ['a missing translation', (_j, l) => delete l.ar.questions['means.debt'], /locales\/ar\.json: question "means\.debt": missing translation/],
    ['a missing option label', (_j, l) => delete l.fr.questions['person.sex'].options.female, /locales\/fr\.json: question "person\.sex": field "options": missing translation of option "female"/],
    ['a wrong answer type', (j) => (questionById(j, 'means.debt').type = 'yes_or_no'), /questionnaire\.json: question "means\.debt": field "type"/],
    ['an unknown audience', (j) => (questionById(j, 'consent.explained').audience = 'prosecutor'), /questionnaire\.json: question "consent\.explained": field "audience"/],
    ['a code no answer can establish', (j) => (questionById(j, 'purpose.body_parts').sets = { no: { 'purpose.organs': 'no' } }), /no answer establishes "purpose\.organs"/],
  ])('%s', (_name, change, message) => {
    expect(() => loadQuestionnaire(broken(change))).toThrow(message);
  });

  it('lists every problem of the files, not only the first', () => {
    let error: unknown;
    try {
      loadQuestionnaire(
        broken((j, l) => {
          questionById(j, 'means.situation_used').showIf = { question: 'means.hardship', equals: 'yes' };
          questionById(j, 'purpose.body_parts').sets = { no: { 'purpose.organs': 'no' } };
          delete l.ar.questions['means.debt'];
          delete l.fr.questions['person.sex'].options.female;
        }),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/means\.hardship/);
    expect(problems.join('\n')).toMatch(/purpose\.organs/);
    expect(problems.join('\n')).toMatch(/ar\.json: question "means\.debt"/);
    expect(problems.join('\n')).toMatch(/fr\.json: question "person\.sex"/);
  });

  it('refuses "none of these" marked exclusive on a question that is not a multiple choice', () => {
    expect(() => loadQuestionnaire(broken((j) => (questionById(j, 'person.sex').options[0].exclusive = true)))).toThrow(/option "female" is marked exclusive, which only a multiple choice can be/);
  });
});

describe('answers → facts', () => {
  const base: AnswerMap = { 'consent.interview': 'yes', 'person.age_years': 30, 'person.may_be_child': 'no' };

  it('a yes establishes a fact and names the question behind it', () => {
    const { factSet } = answersToFacts(questionnaire, { ...base, 'means.documents_kept': 'yes' });
    expect(factSet.facts['means.coercion']).toMatchObject({ value: 'yes', sources: [{ question: 'means.documents_kept', answer: 'yes', value: 'yes' }] });
  });

  it('one yes wins over other answers for the same code; a code is ruled out only when every answer rules it out', () => {
    const noes = { 'means.documents_kept': 'no', 'means.debt': 'no', 'means.free_to_leave': 'yes', 'means.watched': 'no', 'means.threat_police': 'no' };
    expect(answersToFacts(questionnaire, { ...base, ...noes }).factSet.facts['means.coercion']?.value).toBe('no');
    expect(answersToFacts(questionnaire, { ...base, ...noes, 'means.debt': 'yes' }).factSet.facts['means.coercion']?.value).toBe('yes');
    expect(answersToFacts(questionnaire, { ...base, ...noes, 'means.debt': 'dont_know' }).factSet.facts['means.coercion']?.value).toBe('unknown');
  });

  it('an inverted question reads the right way round ("could you leave?" no → coercion)', () => {
    expect(answersToFacts(questionnaire, { ...base, 'means.free_to_leave': 'no' }).factSet.facts['means.coercion']?.value).toBe('yes');
    expect(answersToFacts(questionnaire, { ...base, 'safety.has_safe_place': 'no' }).factSet.facts['context.needs_shelter']?.value).toBe('yes');
  });

  it('"don\'t know", "refused" and "not asked" are all unknown, and stay distinguishable', () => {
    const { factSet } = answersToFacts(questionnaire, { ...base, 'means.hurt': 'dont_know', 'means.threatened': 'refused' });
    expect(factSet.facts['means.force']).toMatchObject({ value: 'unknown', unknownReason: 'dont_know' });
    expect(factSet.facts['means.threat']).toMatchObject({ value: 'unknown', unknownReason: 'refused' });
    expect(factSet.facts['means.abduction']).toBeUndefined();
    expect(assessAnswers(questionnaire, base).facts['means.abduction']).toBeUndefined();
  });

  it('a checklist read in full makes what was not chosen a "no"', () => {
    const { factSet } = answersToFacts(questionnaire, { ...base, 'purpose.activities': ['begging'] });
    expect(factSet.facts['purpose.begging']?.value).toBe('yes');
    expect(factSet.facts['purpose.prostitution']?.value).toBe('no');
    expect(factSet.facts['purpose.armed_conflict']?.value).toBe('no');
  });

  it('show-if hides follow-ups, and an answer to a hidden question is kept aside, not used', () => {
    const answers = { ...base, 'means.hard_situation': 'no', 'means.situation_used': 'yes' };
    expect(visibleQuestionIds(questionnaire, answers).has('means.situation_used')).toBe(false);
    const derived = answersToFacts(questionnaire, answers);
    expect(derived.ignored).toEqual(['means.situation_used']);
    expect(derived.factSet.facts['means.abuse_of_vulnerability']?.value).toBe('no');
    const shown = answersToFacts(questionnaire, { ...answers, 'means.hard_situation': 'yes' });
    expect(shown.factSet.facts['means.abuse_of_vulnerability']?.value).toBe('yes');
  });

  it('reads the age and the "may be under 18" observation, with the child exception following', () => {
    const child = assessAnswers(questionnaire, { 'person.age_years': 15 });
    expect(child.person).toEqual({ ageYears: 15, mayBeChild: null, childAtEvents: null, treatedAsChild: true, childNow: true });
    expect(child.elements.means).toBe('not_required');
    // Under 18 by stated age, the observation question is not shown and cannot override it.
    expect(visibleQuestionIds(questionnaire, { 'person.age_years': 15 }).has('person.may_be_child')).toBe(false);
    const disputed = assessAnswers(questionnaire, { 'person.age_years': 19, 'person.may_be_child': 'yes' });
    expect(disputed.person.treatedAsChild).toBe(true);
    expect(disputed.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
    const unknown = assessAnswers(questionnaire, { 'person.age_years': 'dont_know', 'person.may_be_child': 'no' });
    expect(unknown.person).toEqual({ ageYears: null, mayBeChild: false, childAtEvents: null, treatedAsChild: false, childNow: false });
    expect(unknown.flags).toContain('age_uncertain');
    // Model v2 (§3.3): an officer who cannot tell gives the benefit of the doubt.
    const cannotTell = assessAnswers(questionnaire, { 'person.age_years': 'dont_know', 'person.may_be_child': 'dont_know' });
    expect(cannotTell.person).toMatchObject({ mayBeChild: 'unknown', treatedAsChild: true });
    expect(cannotTell.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
  });

  it('questions shown only for a child appear when the age makes the person a child', () => {
    expect(visibleQuestionIds(questionnaire, { 'person.age_years': 12 }).has('context.no_school')).toBe(true);
    expect(visibleQuestionIds(questionnaire, { 'person.age_years': 40, 'person.may_be_child': 'no' }).has('context.no_school')).toBe(false);
  });

  it('reads ILO indicators from the answers, on the child list for a child', () => {
    const answers = { 'means.documents_kept': 'yes', 'means.debt': 'yes', 'context.long_hours': 'yes', 'context.low_pay': 'yes' };
    const adult = assessAnswers(questionnaire, { ...base, ...answers });
    expect(adult.indicators).toMatchObject({ evaluated: true, list: 'adult', reading: 'exploitation_only' });
    expect(adult.indicators.dimensions.coercion_at_destination).toBe('positive');
    const child = assessAnswers(questionnaire, { 'person.age_years': 13, ...answers });
    expect(child.indicators).toMatchObject({ list: 'child', reading: 'trafficking' });
  });
});
