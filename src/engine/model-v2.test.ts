/**
 * Decision model version 2 (LEGAL.md §3), rule by rule: a test per rule of
 * §3.1–3.4, per row of the flag table (§3.5) and per row of "what changed" (§3.6).
 * Facts files exercise the model; a small inline questionnaire exercises what
 * only answers can show (several answers behind one fact).
 */
import { describe, expect, it } from 'vitest';
import { ALL_CODES, assessAnswers, assessFactSet, loadQuestionnaire, parseFactsDocument, type AnswerMap, type Assessment, type Flag, type Outcome } from '.';

type Person = { ageYears?: number | null; mayBeChild?: boolean | null; childAtEvents?: boolean | null };
function assess(facts: Record<string, string>, person: Person = { ageYears: 30 }): Assessment {
  return assessFactSet(parseFactsDocument({ ageYears: person.ageYears ?? null, mayBeChild: person.mayBeChild ?? null, childAtEvents: person.childAtEvents ?? null, facts }));
}

const EFFECTS = { 'threshold.will_alienated': 'yes', 'threshold.no_freedom_to_change': 'yes', 'threshold.dignity_violated': 'yes' };
const ADULT_FULL = { 'act.recruit': 'yes', 'means.deception': 'yes', 'purpose.forced_labour': 'yes', ...EFFECTS };
/** Everything of the offence except para. 4, which one answer rules out. */
const THRESHOLD_RULED_OUT = { 'act.recruit': 'yes', 'means.coercion': 'yes', 'purpose.servitude': 'yes', 'threshold.no_freedom_to_change': 'no' };

/** A small questionnaire: two questions behind the same fact, and the age questions. */
const small = loadQuestionnaire({
  file: 'small.json',
  json: {
    id: 'small',
    version: 1,
    // A fixture, not a questionnaire: it asks only what these tests need.
    codesNotAsked: ALL_CODES.filter((code) => !['means.coercion', 'threshold.no_freedom_to_change', 'means.force', 'threshold.dignity_violated', 'act.recruit', 'purpose.servitude'].includes(code)),
    sections: [
      {
        id: 'person',
        questions: [
          { id: 'person.age', type: 'number', min: 0, max: 120, role: 'age_years' },
          { id: 'person.may_be_child', type: 'yes_no', role: 'may_be_child', audience: 'officer' },
          { id: 'person.age_then', type: 'number', min: 0, max: 120, role: 'age_at_start' },
        ],
      },
      {
        id: 'control',
        questions: [
          { id: 'control.passport_kept', type: 'yes_no', sets: { yes: { 'means.coercion': 'yes', 'threshold.no_freedom_to_change': 'yes' } } },
          { id: 'control.could_leave', type: 'yes_no', overall: true, sets: { yes: { 'threshold.no_freedom_to_change': 'no' }, no: { 'threshold.no_freedom_to_change': 'yes' } } },
          { id: 'control.hit', type: 'yes_no', sets: { yes: { 'means.force': 'yes', 'threshold.dignity_violated': 'yes' } } },
          { id: 'control.recruited', type: 'yes_no', sets: { yes: { 'act.recruit': 'yes' } } },
          { id: 'control.housework', type: 'yes_no', sets: { yes: { 'purpose.servitude': 'yes' } } },
        ],
      },
    ],
  },
  locales: Object.fromEntries(
    (['fr', 'ar', 'en'] as const).map((lang) => [
      lang,
      {
        file: `small.${lang}.json`,
        json: {
          title: 'Small',
          sections: { person: { title: 'P' }, control: { title: 'C' } },
          questions: Object.fromEntries(
            ['person.age', 'person.may_be_child', 'person.age_then', 'control.passport_kept', 'control.could_leave', 'control.hit', 'control.recruited', 'control.housework'].map((id) => [id, { text: id, guidance: id }]),
          ),
        },
      },
    ]),
  ) as never,
});
const answer = (answers: AnswerMap) => assessAnswers(small, answers);

describe('§3.1 a fact fed by several answers', () => {
  it('a fact is yes when any answer behind it is yes, and the disagreement is kept as a contradiction', () => {
    // The domestic worker of §3.6: passport withheld, and "I could have changed my situation".
    const a = answer({ 'person.age': 34, 'control.passport_kept': 'yes', 'control.could_leave': 'yes' });
    expect(a.facts['threshold.no_freedom_to_change']?.value).toBe('yes');
    expect(a.contradictions).toEqual([{ fact: 'threshold.no_freedom_to_change', for: ['control.passport_kept'], against: ['control.could_leave'] }]);
  });

  it('a fact is no only when an answer behind it is no and none is yes', () => {
    expect(answer({ 'person.age': 34, 'control.could_leave': 'yes' }).facts['threshold.no_freedom_to_change']?.value).toBe('no');
    expect(answer({ 'person.age': 34, 'control.could_leave': 'dont_know' }).facts['threshold.no_freedom_to_change']?.value).toBe('unknown');
  });

  it('two answers about different concrete forms never contradict each other', () => {
    // Hit (force), but the passport was kept: both concrete, no "no" about the fact as a whole.
    const a = answer({ 'person.age': 34, 'control.passport_kept': 'yes', 'control.hit': 'no' });
    expect(a.contradictions).toEqual([]);
  });

  it('no contradiction when the answers agree', () => {
    expect(answer({ 'person.age': 34, 'control.passport_kept': 'yes', 'control.could_leave': 'no' }).contradictions).toEqual([]);
  });

  it('an element lists as support only the answers that say what its status says', () => {
    const a = answer({ 'person.age': 34, 'control.passport_kept': 'yes', 'control.could_leave': 'yes', 'control.hit': 'no' });
    expect(a.reasons.find((r) => r.element === 'means')?.questions).toEqual(['control.passport_kept']);
  });
});

describe('§3.2 para. 4 effects fed by the listed facts', () => {
  it.each([
    ['means.abduction', 'threshold.no_freedom_to_change'],
    ['means.abduction', 'threshold.will_alienated'],
    ['means.force', 'threshold.will_alienated'],
    ['means.threat', 'threshold.will_alienated'],
    ['purpose.prostitution', 'threshold.dignity_violated'],
    ['purpose.pornography', 'threshold.dignity_violated'],
    ['purpose.organs', 'threshold.dignity_violated'],
  ])('%s yes makes %s yes', (feeder, effect) => {
    const a = assess({ [feeder]: 'yes' });
    expect(a.facts[effect]?.value).toBe('yes');
    expect(a.facts[effect]?.sources).toContainEqual(expect.objectContaining({ via: feeder }));
  });

  it('a feeding fact outweighs a "no" on the effect, and the disagreement is listed', () => {
    const a = assess({ 'means.force': 'yes', 'threshold.will_alienated': 'no' });
    expect(a.facts['threshold.will_alienated']?.value).toBe('yes');
    expect(a.contradictions).toEqual([{ fact: 'threshold.will_alienated', for: ['means.force'], against: ['threshold.will_alienated'] }]);
  });

  it('through answers: being hit counts for will alienated (force) and for dignity', () => {
    const a = answer({ 'person.age': 30, 'control.hit': 'yes' });
    expect(a.facts['threshold.will_alienated']?.sources).toEqual([{ question: 'control.hit', answer: 'yes', value: 'yes', via: 'means.force' }]);
    expect(a.facts['threshold.dignity_violated']?.value).toBe('yes');
  });

  it('only "yes" propagates: a feeder ruled out says nothing about the effect', () => {
    expect(assess({ 'means.force': 'no' }).facts['threshold.will_alienated']).toBeUndefined();
  });

  it('exploitation not begun: an effect ruled out is read as unknown, not as not indicated', () => {
    const stopped = { 'act.recruit': 'yes', 'means.deception': 'yes', 'means.coercion': 'yes', 'threshold.no_freedom_to_change': 'no' };
    expect(assess(stopped).elements.threshold).toBe('not_indicated');
    const a = assess({ ...stopped, 'context.exploitation_not_started': 'yes' });
    expect(a.elements.threshold).toBe('unknown');
    expect(a.facts['threshold.no_freedom_to_change']).toMatchObject({ value: 'unknown', unknownReason: 'exploitation_not_started' });
    expect(a.outcome).toBe('possible_victim');
  });

  it('exploitation not begun leaves an established effect as it is', () => {
    expect(assess({ 'threshold.dignity_violated': 'yes', 'context.exploitation_not_started': 'yes' }).facts['threshold.dignity_violated']?.value).toBe('yes');
  });
});

describe('§3.3 who is a child', () => {
  it('under 18 when it began: treated as a child for para. 2, flagged child_at_events, not referred as a child today', () => {
    const a = assess({ 'act.recruit': 'yes', means: 'no', 'purpose.prostitution': 'yes' }, { ageYears: 19, childAtEvents: true });
    expect(a.elements.means).toBe('not_required');
    expect(a.outcome).toBe('presumed_victim');
    expect(a.flags).toContain('child_at_events');
    expect(a.flags).not.toContain('child');
    expect(a.person).toMatchObject({ treatedAsChild: true, childNow: false, childAtEvents: true });
  });

  it('"may be a child: don\'t know" (the officer cannot tell) is treated as a child, with the age flagged', () => {
    const facts = { 'person.age': 'dont_know', 'person.may_be_child': 'dont_know', 'control.recruited': 'yes', 'control.housework': 'yes' } as AnswerMap;
    const a = answer(facts);
    expect(a.person.mayBeChild).toBe('unknown');
    expect(a.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
    expect(a.outcome).toBe('presumed_victim');
  });

  it('"may be a child: don\'t know" beside a stated adult age still gives the benefit of the doubt', () => {
    const a = answer({ 'person.age': 22, 'person.may_be_child': 'dont_know' });
    expect(a.person.treatedAsChild).toBe(true);
    expect(a.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
  });

  it('a facts file with an unknown age that nobody could judge (both null) is treated as a child', () => {
    const a = assess({}, { ageYears: null, mayBeChild: null });
    expect(a.person.treatedAsChild).toBe(true);
    expect(a.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
  });

  it('answers that never reached the age questions (a refused interview) flag the age, without treating the person as a child', () => {
    const a = answer({ 'control.recruited': 'yes' });
    expect(a.person.treatedAsChild).toBe(false);
    expect(a.flags).toContain('age_uncertain');
    // Asked, and unknown, with nobody judging: the benefit of the doubt.
    expect(answer({ 'person.age': 'dont_know', 'control.recruited': 'yes' }).person.treatedAsChild).toBe(true);
  });

  it('with a stated adult age, a null mayBeChild means "not asked": adult rules, no age flag', () => {
    const a = assess({}, { ageYears: 30, mayBeChild: null });
    expect(a.person.treatedAsChild).toBe(false);
    expect(a.flags).not.toContain('age_uncertain');
  });

  it('a stated child age that the officer doubts the other way is flagged, and stays a child', () => {
    const a = assess({}, { ageYears: 16, mayBeChild: false });
    expect(a.person.treatedAsChild).toBe(true);
    expect(a.flags).toContain('age_uncertain');
  });

  it('a stated adult age with mayBeChild true: a child, age flagged', () => {
    expect(assess({}, { ageYears: 20, mayBeChild: true }).flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
  });

  it('from answers, the age when it began makes childAtEvents', () => {
    const a = answer({ 'person.age': 19, 'person.may_be_child': 'no', 'person.age_then': 16 });
    expect(a.person.childAtEvents).toBe(true);
    expect(a.flags).toContain('child_at_events');
    expect(answer({ 'person.age': 19, 'person.may_be_child': 'no', 'person.age_then': 18 }).person.childAtEvents).toBe(false);
  });
});

describe('§3.4 combining, and para. 4 disputed', () => {
  it('an adult with act, means and purpose indicated and only para. 4 ruled out is a possible victim, with threshold_disputed', () => {
    const a = assess(THRESHOLD_RULED_OUT);
    expect(a.elements.threshold).toBe('not_indicated');
    expect(a.outcome).toBe('possible_victim');
    expect(a.flags).toContain('threshold_disputed');
    expect(a.outcomeBasis.thresholdDisputed).toBe(true);
  });

  it('the same with means ruled out is not indicated: para. 4 disputed needs the three other elements', () => {
    const { 'means.coercion': _, ...noMeans } = THRESHOLD_RULED_OUT;
    const ruled = assess({ ...noMeans, means: 'no' });
    expect(ruled.outcome).toBe('not_indicated');
    expect(ruled.flags).not.toContain('threshold_disputed');
  });

  it('means evidence alone makes a child a possible victim, never a presumed one', () => {
    const a = assess({ 'means.deception': 'yes' }, { ageYears: 15 });
    expect(a.outcome).toBe('possible_victim');
    expect(assess({ 'means.deception': 'yes', 'act.recruit': 'yes' }, { ageYears: 15 }).outcome).toBe('possible_victim');
  });

  it('consent never lowers the outcome', () => {
    expect(assess({ ...ADULT_FULL, 'context.consent_claimed': 'yes' }).outcome).toBe('presumed_victim');
    expect(assess({ ...THRESHOLD_RULED_OUT, 'context.consent_claimed': 'yes' }).outcome).toBe('possible_victim');
  });
});

/** Flags that may appear beside each outcome (§3.5, "with which outcomes"). */
const ALLOWED: Record<string, readonly Outcome[]> = {
  consent_irrelevant: ['presumed_victim', 'possible_victim'],
  threshold_disputed: ['possible_victim'],
  non_punishment: ['presumed_victim', 'possible_victim'],
  duress: ['not_indicated', 'insufficient'],
  labour_exploitation: ['not_indicated', 'insufficient'],
  other_offences: ['not_indicated', 'insufficient'],
};
const allowedFor = (flag: Flag): readonly Outcome[] =>
  flag.startsWith('aggravating:') ? ['presumed_victim', 'possible_victim'] : (ALLOWED[flag] ?? ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']);

describe('§3.5 the flags, each beside the outcomes its row allows', () => {
  it('urgent_needs: with every outcome, always first', () => {
    for (const facts of [ADULT_FULL, THRESHOLD_RULED_OUT, { act: 'no' }, {}] as Record<string, string>[]) {
      const a = assess({ ...facts, 'context.needs_shelter': 'yes', 'context.others_at_risk': 'yes' });
      expect(a.flags[0]).toBe('urgent_needs');
    }
  });

  it('others_at_risk: with every outcome, right after urgent needs', () => {
    const a = assess({ 'context.needs_safety': 'yes', 'context.others_at_risk': 'yes', 'act.recruit': 'yes' }, { ageYears: 12 });
    expect(a.flags.slice(0, 3)).toEqual(['urgent_needs', 'others_at_risk', 'child']);
    expect(assess({ act: 'no', 'context.others_at_risk': 'yes' }).flags).toContain('others_at_risk');
  });

  it('child: with every outcome', () => {
    expect(assess({ act: 'no' }, { ageYears: 10 }).flags).toContain('child');
    expect(assess({ act: 'no' }, { ageYears: 10 }).outcome).toBe('not_indicated');
  });

  it('not_interviewed: with every outcome', () => {
    expect(assess({ ...ADULT_FULL, 'context.not_interviewed': 'yes' }).flags).toContain('not_interviewed');
    expect(assess({ act: 'no', 'context.not_interviewed': 'yes' }).flags).toContain('not_interviewed');
  });

  it('smuggling: with every outcome; "turned into trafficking" only beside a presumed victim who was not free on arrival', () => {
    const presumed = assess({ ...ADULT_FULL, 'context.paid_for_crossing': 'yes', 'context.ended_on_arrival': 'no' });
    expect(presumed.flagReasons.find((r) => r.flag === 'smuggling')?.turnedIntoTrafficking).toBe(true);
    const possible = assess({ 'act.transport': 'yes', 'context.paid_for_crossing': 'yes', 'context.ended_on_arrival': 'no' });
    expect(possible.flagReasons.find((r) => r.flag === 'smuggling')?.turnedIntoTrafficking).toBe(false);
    const freed = assess({ ...ADULT_FULL, 'context.paid_for_crossing': 'yes', 'context.ended_on_arrival': 'yes' });
    expect(freed.flagReasons.find((r) => r.flag === 'smuggling')?.turnedIntoTrafficking).toBe(false);
    expect(assess({ act: 'no', 'context.paid_for_crossing': 'yes' }).flags).toContain('smuggling');
  });

  it('consent_irrelevant: only beside a presumed or possible victim', () => {
    expect(assess({ ...ADULT_FULL, 'context.consent_claimed': 'yes' }).flags).toContain('consent_irrelevant');
    // A seasonal worker's labour dispute (§3.6): means claimed, but the purpose is ruled out.
    const dispute = assess({ 'act.recruit': 'yes', 'means.deception': 'yes', purpose: 'no', 'context.consent_claimed': 'yes' });
    expect(dispute.outcome).toBe('not_indicated');
    expect(dispute.flags).not.toContain('consent_irrelevant');
  });

  it('threshold_disputed: only beside a possible victim', () => {
    expect(assess(THRESHOLD_RULED_OUT).flags).toContain('threshold_disputed');
    expect(assess(THRESHOLD_RULED_OUT, { ageYears: 16 }).flags).not.toContain('threshold_disputed');
    expect(assess(THRESHOLD_RULED_OUT, { ageYears: 16 }).outcome).toBe('presumed_victim');
  });

  it('non_punishment beside a victim; duress instead short of trafficking', () => {
    expect(assess({ ...ADULT_FULL, 'context.offence_under_coercion': 'yes' }).flags).toContain('non_punishment');
    const none = assess({ act: 'no', 'context.offence_under_coercion': 'yes' });
    expect(none.flags).toContain('duress');
    expect(none.flags).not.toContain('non_punishment');
    expect(assess({ 'context.offence_under_coercion': 'yes' }).flags).toEqual(expect.arrayContaining(['duress']));
  });

  it('aggravating:* only beside a presumed or possible victim', () => {
    expect(assess({ ...ADULT_FULL, 'aggravating.weapon': 'yes' }).flags).toContain('aggravating:weapon');
    // A child stowaway with no exploitation (§3.6).
    const stowaway = assess({ 'act.transport': 'yes', purpose: 'no', 'aggravating.transnational': 'yes' }, { ageYears: 15 });
    expect(stowaway.outcome).toBe('not_indicated');
    expect(stowaway.flags.filter((f) => f.startsWith('aggravating:'))).toEqual([]);
  });

  it('labour_exploitation: short of trafficking only, for labour purposes or conditions only', () => {
    expect(assess({ act: 'no', 'context.exploitative_conditions': 'yes' }).flags).toContain('labour_exploitation');
    expect(assess({ act: 'no', 'purpose.begging': 'yes' }).flags).toContain('labour_exploitation');
    expect(assess({ 'purpose.forced_labour': 'yes' }).outcome).toBe('possible_victim');
    expect(assess({ 'purpose.forced_labour': 'yes' }).flags).not.toContain('labour_exploitation');
    for (const purpose of ['purpose.organs', 'purpose.criminal', 'purpose.prostitution', 'purpose.sexual_other']) {
      expect(assess({ act: 'no', [purpose]: 'yes' }).flags).not.toContain('labour_exploitation');
    }
  });

  it('other_offences: short of trafficking, listing what it points to', () => {
    const a = assess({ act: 'no', 'purpose.organs': 'yes', 'context.ransom_or_extortion': 'yes', 'aggravating.weapon': 'yes' });
    expect(a.outcome).toBe('not_indicated');
    const reason = a.flagReasons.find((r) => r.flag === 'other_offences');
    expect(reason?.offences?.map((o) => o.offence)).toEqual(['weapon', 'organ_removal', 'extortion']);
    expect(reason?.offences?.find((o) => o.offence === 'organ_removal')?.article).toBe('Loi 16-98 [src]');
  });

  it('other_offences beside a victim: kept in the assessment for the element table, not raised as a flag', () => {
    const a = assess({ ...ADULT_FULL, 'means.force': 'yes' });
    expect(a.outcome).toBe('presumed_victim');
    expect(a.flags).not.toContain('other_offences');
    expect(a.otherOffences.map((o) => o.offence)).toContain('violence');
  });

  it('other_offences: a child in danger points to child protection; not for an adult', () => {
    const child = assess({ act: 'no', 'context.unaccompanied_child': 'yes' }, { ageYears: 14 });
    expect(child.flagReasons.find((r) => r.flag === 'other_offences')?.offences?.map((o) => o.offence)).toEqual(['child_in_danger']);
    expect(assess({ act: 'no', 'context.unaccompanied_child': 'yes' }, { ageYears: 30 }).flags).not.toContain('other_offences');
  });

  it('every flag is beside an outcome its row allows, on a spread of cases', () => {
    const cases: [Record<string, string>, Person][] = [];
    const extras = { 'context.consent_claimed': 'yes', 'context.offence_under_coercion': 'yes', 'context.exploitative_conditions': 'yes', 'aggravating.group': 'yes', 'means.force': 'yes', 'purpose.organs': 'yes', 'context.paid_for_crossing': 'yes' };
    for (const base of [ADULT_FULL, THRESHOLD_RULED_OUT, { act: 'no' }, { 'purpose.begging': 'no', 'act.recruit': 'yes' }, {}] as Record<string, string>[]) {
      for (const person of [{ ageYears: 30 }, { ageYears: 12 }, { ageYears: 20, childAtEvents: true }, { ageYears: null }]) cases.push([{ ...base, ...extras }, person]);
    }
    for (const [facts, person] of cases) {
      const a = assess(facts, person);
      for (const flag of a.flags) expect(allowedFor(flag), `${flag} beside ${a.outcome}`).toContain(a.outcome);
    }
  });
});

describe('§3.6 what changed from model v1, case by case', () => {
  it('the domestic worker whose passport was withheld and who "could have left": possible victim, not "not indicated"', () => {
    const a = answer({ 'person.age': 34, 'control.recruited': 'yes', 'control.passport_kept': 'yes', 'control.could_leave': 'yes', 'control.housework': 'yes' });
    expect(a.outcome).not.toBe('not_indicated');
    expect(a.contradictions).toHaveLength(1);
  });

  it('the woman stopped at the border with a false job offer and her papers held: not "not indicated"', () => {
    const a = assess({ 'act.recruit': 'yes', 'means.deception': 'yes', 'means.coercion': 'yes', 'threshold.will_alienated': 'no', 'threshold.no_freedom_to_change': 'no', 'threshold.dignity_violated': 'no', 'context.exploitation_not_started': 'yes' });
    expect(a.elements.threshold).toBe('unknown');
    expect(a.outcome).toBe('possible_victim');
  });

  it('the boy filmed begging, age unknown: read as a child', () => {
    const a = answer({ 'person.age': 'dont_know', 'person.may_be_child': 'dont_know', 'control.recruited': 'yes' });
    expect(a.person.treatedAsChild).toBe(true);
    expect(a.elements.means).toBe('not_required');
  });

  it('the woman of 19 trafficked at 16: means not required', () => {
    expect(assess({ 'act.recruit': 'yes', 'purpose.prostitution': 'yes' }, { ageYears: 19, mayBeChild: false, childAtEvents: true }).outcome).toBe('presumed_victim');
  });

  it('labour_exploitation never for organ removal, sexual coercion or forced criminality: those go to other_offences', () => {
    const organs = assess({ act: 'no', 'purpose.organs': 'yes' });
    expect(organs.flags).not.toContain('labour_exploitation');
    expect(organs.flags).toContain('other_offences');
  });

  it('non_punishment never beside "not indicated": duress there', () => {
    const a = assess({ purpose: 'no', 'context.offence_under_coercion': 'yes' });
    expect(a.outcome).toBe('not_indicated');
    expect(a.flags).toEqual(['duress']);
  });
});
