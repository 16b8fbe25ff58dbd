import { describe, expect, it } from 'vitest';
import { assessFactSet, parseFactsDocument, type Assessment } from '.';

/** Assess a facts document as the command line would. */
function assess(facts: Record<string, string>, person: { ageYears?: number | null; mayBeChild?: boolean | null; childAtEvents?: boolean | null } = { ageYears: 30 }): Assessment {
  return assessFactSet(parseFactsDocument({ ageYears: person.ageYears ?? null, mayBeChild: person.mayBeChild ?? null, childAtEvents: person.childAtEvents ?? null, facts }));
}

const ADULT_FULL = {
  'act.recruit': 'yes',
  'means.deception': 'yes',
  'purpose.forced_labour': 'yes',
  'threshold.will_alienated': 'yes',
  'threshold.no_freedom_to_change': 'yes',
  'threshold.dignity_violated': 'yes',
};

describe('element status from facts (LEGAL.md §3)', () => {
  it('an element is indicated when any of its codes is yes, even with others no', () => {
    const a = assess({ 'act.recruit': 'no', 'act.transport': 'yes' });
    expect(a.elements.act).toBe('indicated');
    expect(a.reasons.find((r) => r.element === 'act')).toMatchObject({ codes: ['act.transport'], article: '448-1 al. 1' });
  });

  it('an element is not indicated only when every one of its codes is no', () => {
    const allButOne = { 'act.recruit': 'no', 'act.lure': 'no', 'act.transport': 'no', 'act.transfer': 'no', 'act.harbour': 'no', 'act.receive': 'no' };
    expect(assess(allButOne).elements.act).toBe('unknown');
    expect(assess({ ...allButOne, 'act.intermediary': 'no' }).elements.act).toBe('not_indicated');
  });

  it('a group name sets the element directly', () => {
    expect(assess({ means: 'no' }).elements.means).toBe('not_indicated');
    expect(assess({ means: 'yes' }).elements.means).toBe('indicated');
    expect(assess({ purpose: 'unknown' }).elements.purpose).toBe('unknown');
  });

  it('the threshold needs all three para. 4 effects ("et"), and one no rules it out', () => {
    const two = { 'threshold.will_alienated': 'yes', 'threshold.no_freedom_to_change': 'yes' };
    expect(assess(two).elements.threshold).toBe('unknown');
    expect(assess({ ...two, 'threshold.dignity_violated': 'yes' }).elements.threshold).toBe('indicated');
    const ruledOut = assess({ ...two, 'threshold.dignity_violated': 'no' });
    expect(ruledOut.elements.threshold).toBe('not_indicated');
    expect(ruledOut.reasons.find((r) => r.element === 'threshold')).toMatchObject({ codes: ['threshold.dignity_violated'], article: '448-1 al. 4' });
  });
});

describe('outcome levels', () => {
  it('all four elements indicated for an adult: presumed victim', () => {
    expect(assess(ADULT_FULL).outcome).toBe('presumed_victim');
  });

  it('one element unknown and others indicated: possible victim', () => {
    const { 'means.deception': _, ...noMeans } = ADULT_FULL;
    expect(assess(noMeans).outcome).toBe('possible_victim');
  });

  it('act, means or purpose ruled out: not indicated, even with the rest indicated', () => {
    const { 'act.recruit': _, ...noAct } = ADULT_FULL;
    expect(assess({ ...noAct, act: 'no' }).outcome).toBe('not_indicated');
    const { 'means.deception': __, ...noMeans } = ADULT_FULL;
    expect(assess({ ...noMeans, means: 'no' }).outcome).toBe('not_indicated');
  });

  it('nothing indicated and nothing ruled out: insufficient', () => {
    expect(assess({}).outcome).toBe('insufficient');
    expect(assess({ 'act.recruit': 'no', 'context.needs_shelter': 'yes' }).outcome).toBe('insufficient');
  });
});

describe('the child exception (448-1 al. 2)', () => {
  it('a child needs no means: act and purpose make a presumed victim', () => {
    const a = assess({ 'act.recruit': 'yes', means: 'no', 'purpose.begging': 'yes' }, { ageYears: 16 });
    expect(a.elements.means).toBe('not_required');
    expect(a.outcome).toBe('presumed_victim');
    expect(a.flags).toContain('child');
    expect(a.reasons.find((r) => r.element === 'means')?.article).toBe('448-1 al. 2');
  });

  it('for a child the para. 4 threshold is recorded but does not block a presumption', () => {
    const a = assess({ 'act.transport': 'yes', 'purpose.servitude': 'yes', 'threshold.dignity_violated': 'no' }, { ageYears: 12 });
    expect(a.elements.threshold).toBe('not_indicated');
    expect(a.outcome).toBe('presumed_victim');
  });

  it('the same facts for an adult without means are not a presumption', () => {
    const a = assess({ 'act.recruit': 'yes', means: 'no', 'purpose.begging': 'yes' }, { ageYears: 19 });
    expect(a.outcome).toBe('not_indicated');
    expect(a.flags).not.toContain('child');
  });

  it('17 is a child and 18 is not', () => {
    expect(assess({}, { ageYears: 17 }).person.treatedAsChild).toBe(true);
    expect(assess({}, { ageYears: 18 }).person.treatedAsChild).toBe(false);
  });

  it('evidence of means still counts as evidence for a child: never "insufficient" where an adult would be a possible victim', () => {
    const facts = { 'means.force': 'yes' };
    expect(assess(facts, { ageYears: 30 }).outcome).toBe('possible_victim');
    expect(assess(facts, { ageYears: 15 }).outcome).toBe('possible_victim');
  });
});

describe('disputed and unknown age', () => {
  it('unknown age with a reason to think the person may be a child: treated as a child and flagged', () => {
    const a = assess({ 'act.recruit': 'yes', 'purpose.begging': 'yes' }, { ageYears: null, mayBeChild: true });
    expect(a.person.treatedAsChild).toBe(true);
    expect(a.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
    expect(a.outcome).toBe('presumed_victim');
  });

  it('mayBeChild wins over a stated adult age (a disputed age)', () => {
    const a = assess({ 'act.recruit': 'yes', 'purpose.begging': 'yes' }, { ageYears: 19, mayBeChild: true });
    expect(a.person.treatedAsChild).toBe(true);
    expect(a.flags).toEqual(expect.arrayContaining(['child', 'age_uncertain']));
  });

  it('unknown age, and the officer sees no reason to think the person may be a child: flagged for assessment, adult rules apply', () => {
    const a = assess({ 'act.recruit': 'yes', 'purpose.begging': 'yes' }, { ageYears: null, mayBeChild: false });
    expect(a.person.treatedAsChild).toBe(false);
    expect(a.flags).toContain('age_uncertain');
    expect(a.flags).not.toContain('child');
    expect(a.elements.means).toBe('unknown');
  });

  it('a stated child age needs no age assessment', () => {
    expect(assess({}, { ageYears: 15 }).flags).not.toContain('age_uncertain');
  });
});

describe('consent', () => {
  it('consent never lowers the outcome where a means was used, and is flagged as irrelevant', () => {
    const withConsent = assess({ ...ADULT_FULL, 'context.consent_claimed': 'yes' });
    expect(withConsent.outcome).toBe(assess(ADULT_FULL).outcome);
    expect(withConsent.flags).toContain('consent_irrelevant');
    expect(withConsent.flagReasons.find((r) => r.flag === 'consent_irrelevant')?.codes).toEqual(['context.consent_claimed', 'means.deception']);
  });

  it('consent by a child is irrelevant too', () => {
    expect(assess({ 'act.recruit': 'yes', 'context.consent_claimed': 'yes' }, { ageYears: 14 }).flags).toContain('consent_irrelevant');
  });

  it('consent with no means and an adult is recorded, not flagged as irrelevant', () => {
    expect(assess({ 'context.consent_claimed': 'yes', means: 'no' }).flags).not.toContain('consent_irrelevant');
  });
});

describe('smuggling', () => {
  it('smuggling alone is flagged but is not trafficking', () => {
    const a = assess({ 'context.paid_for_crossing': 'yes', 'context.ended_on_arrival': 'yes', 'act.transport': 'yes', means: 'no', purpose: 'no' });
    expect(a.flags).toContain('smuggling');
    expect(a.outcome).toBe('not_indicated');
    expect(a.flagReasons.find((r) => r.flag === 'smuggling')?.codes).toEqual(['context.paid_for_crossing', 'context.ended_on_arrival']);
  });

  it('smuggling followed by exploitation: the smuggling flag stands beside a presumed victim', () => {
    const a = assess({ ...ADULT_FULL, 'context.paid_for_crossing': 'yes', 'context.ended_on_arrival': 'no' });
    expect(a.outcome).toBe('presumed_victim');
    expect(a.flags).toContain('smuggling');
  });
});

describe('other flags', () => {
  it('non-punishment beside a possible victim who committed offences under coercion', () => {
    expect(assess({ 'act.recruit': 'yes', 'context.offence_under_coercion': 'yes' }).flags).toContain('non_punishment');
    expect(assess({ 'act.recruit': 'yes', 'context.offence_under_coercion': 'no' }).flags).not.toContain('non_punishment');
  });

  it('urgent needs come first among the flags, whatever the outcome', () => {
    for (const need of ['context.needs_medical', 'context.needs_safety', 'context.needs_shelter']) {
      const a = assess({ [need]: 'yes', 'context.offence_under_coercion': 'yes' }, { ageYears: 10 });
      expect(a.flags[0]).toBe('urgent_needs');
    }
    expect(assess({ 'context.needs_medical': 'no' }).flags).not.toContain('urgent_needs');
  });

  it('one aggravating flag per aggravating code, plus the child victim', () => {
    const a = assess({ 'act.harbour': 'yes', 'aggravating.weapon': 'yes', 'aggravating.group': 'yes', 'aggravating.transnational': 'no' }, { ageYears: 9 });
    expect(a.flags.filter((f) => f.startsWith('aggravating:')).sort()).toEqual(['aggravating:child', 'aggravating:group', 'aggravating:weapon']);
  });

  it('aggravating circumstances never change the outcome', () => {
    const base = { 'act.recruit': 'yes' };
    expect(assess({ ...base, 'aggravating.violence': 'yes', 'aggravating.death_or_harm': 'yes' }).outcome).toBe(assess(base).outcome);
  });
});

describe('facts file contract', () => {
  it('accepts the example of DESIGN.md', () => {
    const a = assessFactSet(
      parseFactsDocument({
        ageYears: 16,
        mayBeChild: null,
        facts: { 'act.recruit': 'yes', means: 'no', 'purpose.begging': 'yes', 'threshold.will_alienated': 'unknown', 'context.consent_claimed': 'yes' },
      }),
    );
    expect(a.outcome).toBe('presumed_victim');
    expect(a.elements).toEqual({ act: 'indicated', means: 'not_required', purpose: 'indicated', threshold: 'unknown' });
    expect(a.flags).toEqual(['child', 'consent_irrelevant', 'aggravating:child']);
    expect(a.indicators.evaluated).toBe(false);
  });

  it.each([
    [{ facts: { 'act.recruitment': 'yes' } }, /unknown code "act.recruitment"/],
    [{ facts: { 'act.recruit': 'maybe' } }, /"act.recruit" must be "yes", "no" or "unknown"; found "maybe"/],
    [{ facts: { means: 'no', 'means.force': 'yes' } }, /"means" sets the whole element and "means.force" one of its codes/],
    [{ ageYears: 'sixteen', facts: {} }, /"ageYears" must be a number/],
    [{ ageYears: -1, facts: {} }, /"ageYears" must be a number/],
    [{ mayBeChild: 'yes', facts: {} }, /"mayBeChild" must be true, false or null/],
    [{ facts: {}, name: 'A.B.' }, /unknown field "name"/],
    [{ facts: [] }, /"facts" must be an object/],
    [[], /expected an object/],
  ])('refuses %j with a message naming the problem', (doc, message) => {
    expect(() => parseFactsDocument(doc)).toThrow(message);
  });
});
