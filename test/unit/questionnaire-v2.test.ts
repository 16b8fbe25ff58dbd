/**
 * Questionnaire art-448-1 version 2 does what LEGAL.md §9 asks, point by point,
 * and the review tables of §9.12 are generated for every version.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerProblem, assessAnswers, CODES_BY_GROUP, ELEMENT_GROUPS, LANGUAGES, THRESHOLD_CODES, THRESHOLD_FEEDERS, visibleQuestionIds, type AnswerMap, type FactCode } from '../../src/engine';
import { allQuestionnaires, currentQuestionnaire, findQuestionnaire } from '../../src/content/questionnaires';
import { answerLinksTable, factLinksTable, linksByFact } from '../../src/content/review-tables';

const v2 = findQuestionnaire('art-448-1', 2);
const personQuestions = v2.questions.filter((q) => q.audience !== 'officer');
const ids = v2.questions.map((q) => q.id);
const PERSON: AnswerMap = { 'source.from': 'person', 'privacy.alone': 'yes', 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.record': 'yes' };

describe('questionnaire art-448-1 version 2 (LEGAL.md §9)', () => {
  it('is the one new interviews use, and version 1 stays readable', () => {
    expect(currentQuestionnaire()).toBe(v2);
    expect(allQuestionnaires().map((q) => q.version)).toEqual([1, 2]);
  });

  it('§9.1 follows the story: recruitment, journey, arrival, work and living, control, leaving — each chapter with an open invitation in every language', () => {
    const sections = v2.sections.map((s) => s.id);
    const chapters = ['recruitment', 'journey', 'arrival', 'work', 'control', 'leaving'] as const;
    expect(chapters.map((c) => sections.indexOf(c))).toEqual([...chapters.map((c) => sections.indexOf(c))].sort((a, b) => a - b));
    for (const lang of LANGUAGES) {
      for (const chapter of chapters) {
        const locale = v2.locales[lang].sections[chapter]!;
        expect(locale.invitation, `${lang} ${chapter}`).toBeTruthy();
        expect(locale.invitationChild, `${lang} ${chapter}`).toBeTruthy();
        expect(locale.invitationThirdPerson, `${lang} ${chapter}`).toBeTruthy();
      }
    }
  });

  it('§9.1 the "what was mentioned" checklists are not read out, and unticked means not mentioned (never "no")', () => {
    const checklists = v2.questions.filter((q) => q.id.endsWith('.mentioned'));
    expect(checklists.map((q) => q.section)).toEqual(['recruitment', 'journey', 'arrival', 'control']);
    for (const q of checklists) {
      expect(q.type).toBe('multiple');
      expect(q.audience).toBe('officer');
      expect('exhaustive' in q && q.exhaustive).toBeFalsy();
    }
    // A closed follow-up is asked only for what was not mentioned.
    expect(visibleQuestionIds(v2, { ...PERSON, 'control.mentioned': ['papers_kept'] }).has('control.papers_kept')).toBe(false);
    expect(visibleQuestionIds(v2, { ...PERSON, 'control.mentioned': [] }).has('control.papers_kept')).toBe(true);
  });

  it('§9.2 privacy comes before consent, and both are the first things asked of the person', () => {
    expect(ids.indexOf('privacy.alone')).toBeLessThan(ids.indexOf('consent.interview'));
    expect(v2.roles.privacy).toBe('privacy.alone');
    expect(v2.roles.privacy_reason).toBe('privacy.reason');
  });

  it('§9.2 privacy and consent are asked unless the information is known to come from someone else (a skipped source is no reason to skip consent)', () => {
    for (const source of [undefined, 'person', 'dont_know', 'refused']) {
      const visible = visibleQuestionIds(v2, source === undefined ? {} : { 'source.from': source });
      expect(visible.has('privacy.alone'), String(source)).toBe(true);
      expect(visible.has('consent.interview'), String(source)).toBe(true);
    }
    expect(visibleQuestionIds(v2, { 'source.from': 'online' }).has('consent.interview')).toBe(false);
  });

  it('§9.3 the source of the information is asked once, first; any source but the person raises not_interviewed', () => {
    expect(ids[0]).toBe('source.from');
    const third = assessAnswers(v2, { 'source.from': 'relative', 'person.age_years': 30, 'person.may_be_child': 'no' });
    expect(third.flags).toContain('not_interviewed');
    expect(assessAnswers(v2, { ...PERSON, 'person.age_years': 30, 'person.may_be_child': 'no' }).flags).not.toContain('not_interviewed');
  });

  it('§9.3 and §9.9 every question read to the person has a third-person and a child wording in every language', () => {
    const missing: string[] = [];
    for (const lang of LANGUAGES) {
      for (const q of personQuestions) {
        const text = v2.locales[lang].questions[q.id]!;
        // Consent is asked of the person only; a child's wording is the point there.
        if (!text.textThirdPerson && q.section !== 'consent') missing.push(`${lang} ${q.id} third person`);
        // The age itself and the "other country" field are the same words for a child.
        if (!text.textChild && !['person.age_years', 'person.nationality_other', 'others.own_children', 'person.age_at_start'].includes(q.id)) missing.push(`${lang} ${q.id} child`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('§9.4 groups and others at risk: others still inside or the person\'s own children raise others_at_risk', () => {
    const base = { ...PERSON, 'person.age_years': 30, 'person.may_be_child': 'no' };
    expect(assessAnswers(v2, { ...base, 'others.count': 'many', 'others.still_there': 'yes' }).flags).toContain('others_at_risk');
    expect(assessAnswers(v2, { ...base, 'others.own_children': 'yes' }).flags).toContain('others_at_risk');
    expect(assessAnswers(v2, { ...base, 'others.count': 'few', 'others.still_there': 'no', 'others.own_children': 'no' }).flags).not.toContain('others_at_risk');
  });

  it('§9.5 holds the facts version 1 could not', () => {
    const answerFor: [string, string | string[]][] = [
      ['work.pay', 'never'],
      ['work.as_property', 'yes'],
      ['control.oath_or_curse', 'yes'],
      ['control.shame_threat', 'yes'],
      ['control.others_hurt', 'yes'],
      ['control.ransom', 'yes'],
      ['recruitment.papers_promise', 'yes'],
      ['work.organ', 'offered'],
      ['work.started', 'not_started'],
      ['person.age_at_start', '15'],
      ['person.with_guardian', 'no'],
      ['recruitment.who', 'agent'],
    ];
    for (const [id] of answerFor) expect(ids, id).toContain(id);
    const base = { ...PERSON, 'person.age_years': 30, 'person.may_be_child': 'no' };
    expect(assessAnswers(v2, { ...base, 'control.ransom': 'yes' }).facts['context.ransom_or_extortion']?.value).toBe('yes');
    expect(assessAnswers(v2, { ...base, 'work.organ': 'offered' }).facts['purpose.organs']?.value).toBe('yes');
    expect(assessAnswers(v2, { ...base, 'work.started': 'not_started' }).facts['context.exploitation_not_started']?.value).toBe('yes');
    expect(assessAnswers(v2, { ...base, 'person.age_at_start': 15 }).flags).toContain('child_at_events');
    expect(assessAnswers(v2, { ...PERSON, 'person.age_years': 14, 'person.with_guardian': 'no' }).facts['context.unaccompanied_child']?.value).toBe('yes');
  });

  it('§9.5 the "could you refuse" follow-up does not depend on the kind of work', () => {
    for (const activity of ['housework', 'farm_or_fishing', 'begging', 'sex_with_clients', 'filmed', 'scams', 'crime', 'armed_group', 'other_work']) {
      expect(visibleQuestionIds(v2, { ...PERSON, 'work.started': 'ongoing', 'work.activities': [activity] }).has('work.could_refuse'), activity).toBe(true);
    }
    expect(visibleQuestionIds(v2, { ...PERSON, 'work.started': 'ongoing', 'work.activities': ['none'] }).has('work.could_refuse')).toBe(false);
  });

  it('§9.6 no element and no para-4 effect rests on one question: each has several concrete answers behind it, and only an overall question can rule an effect out', () => {
    const links = linksByFact(v2);
    const yesQuestions = (code: FactCode) => new Set((links.get(code) ?? []).filter((l) => l.value === 'yes').map((l) => l.question));
    for (const group of ELEMENT_GROUPS) {
      const behind = new Set(CODES_BY_GROUP[group].flatMap((code) => [...yesQuestions(code)]));
      expect(behind.size, group).toBeGreaterThanOrEqual(3);
    }
    for (const effect of THRESHOLD_CODES) {
      const behind = new Set([...yesQuestions(effect), ...THRESHOLD_FEEDERS[effect].flatMap((code) => [...yesQuestions(code)])]);
      expect(behind.size, effect).toBeGreaterThanOrEqual(3);
      // A concrete question never says "no" to a para-4 effect: only the person's overall reading does.
      for (const link of (links.get(effect) ?? []).filter((l) => l.value === 'no')) expect(link.overall, `${effect} ← ${link.question}`).toBe(true);
    }
    // "Could you have left?" is never asked as such (§9.6): concrete facts are.
    expect(ids.some((id) => /could_(leave|change)/.test(id))).toBe(false);
  });

  it('§9.7 having to obey is not abuse of authority, and first contact online is not luring', () => {
    const links = linksByFact(v2);
    expect([...new Set((links.get('means.abuse_of_power') ?? []).map((l) => l.question))]).toEqual(['recruitment.authority_used']);
    expect((links.get('act.lure') ?? []).some((l) => /online/.test(l.question) || /online/.test(l.answer))).toBe(false);
  });

  it('§9.8 questions that could incriminate the person are preceded by a sentence read aloud, in every language', () => {
    for (const id of ['journey.paid_to_cross', 'control.offences', 'leaving.without_papers', 'control.drugs', 'work.activities']) {
      for (const lang of LANGUAGES) expect(v2.locales[lang].questions[id]?.instruction, `${lang} ${id}`).toBeTruthy();
    }
  });

  it('§9.9 no question about sexual acts is put to a child under 12; the officer records what is known instead', () => {
    const ten = visibleQuestionIds(v2, { ...PERSON, 'person.age_years': 10 });
    expect(ten.has('work.sexual_acts')).toBe(false);
    expect(ten.has('work.sexual_known')).toBe(true);
    expect(v2.byId.get('work.sexual_known')?.audience).toBe('officer');
    const fifteen = visibleQuestionIds(v2, { ...PERSON, 'person.age_years': 15 });
    expect(fifteen.has('work.sexual_acts')).toBe(true);
    expect(fifteen.has('person.trusted_adult')).toBe(true);
  });

  it('§9.10 the officer\'s observations are recorded as the officer\'s', () => {
    expect(v2.byId.get('observations.seen')?.audience).toBe('officer');
  });

  it('§9.11 "none of these" with another option is refused', () => {
    const q = v2.byId.get('work.activities')!;
    expect(answerProblem(q, ['none', 'begging'])).toMatch(/"none" cannot be given together with another option/);
    expect(answerProblem(q, ['none'])).toBeNull();
    expect(answerProblem(v2.byId.get('leaving.what_if_left')!, ['nothing', 'hurt'])).toMatch(/cannot be given together/);
  });

  it('officer items never offer "prefers not to answer" as a legal answer, and "can\'t tell" is the officer\'s own answer about the age', () => {
    const mayBe = v2.byId.get('person.may_be_child')!;
    expect(mayBe.audience).toBe('officer');
    expect(mayBe.type === 'single' && mayBe.options.map((o) => o.value)).toEqual(['yes', 'no', 'cannot_tell']);
    expect(assessAnswers(v2, { ...PERSON, 'person.age_years': 'dont_know', 'person.may_be_child': 'cannot_tell' }).person.treatedAsChild).toBe(true);
  });

  it('§9.12 writes the review tables: which answers feed which fact (v1 and v2), and which facts feed which element and para-4 effect', () => {
    const text = ['# Review tables for the legal reading', '', 'Generated by test/unit/questionnaire-v2.test.ts from the questionnaires and the engine.', '', answerLinksTable(allQuestionnaires()), '', factLinksTable(), ''].join('\n');
    expect(text).toContain('`threshold.no_freedom_to_change`');
    expect(text).toMatch(/control\.papers_kept=yes/);
    expect(text).toMatch(/means\.documents_kept=yes/);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/answer-links.md', text);
  });
});
