/**
 * Properties of the decision model that must hold for every combination of facts,
 * not just the examples in assess.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_CODES,
  and3,
  assessFactSet,
  CODES_BY_GROUP,
  ELEMENT_GROUPS,
  groupOf,
  not3,
  or3,
  type FactCode,
  THRESHOLD_FEEDERS,
  type FactSet,
  type Outcome,
  type Tri,
} from '.';

const tri = fc.constantFrom<Tri>('yes', 'no', 'unknown');
const known = fc.constantFrom<Tri>('yes', 'no');
const RANK: Record<Outcome, number> = { not_indicated: 0, insufficient: 1, possible_victim: 2, presumed_victim: 3 };

const factValues = fc.dictionary(fc.constantFrom(...ALL_CODES), tri) as fc.Arbitrary<Partial<Record<FactCode, Tri>>>;
type Who = { ageYears: number | null; mayBeChild: boolean | 'unknown' | null; childAtEvents: boolean | null };
const person = fc.record({
  ageYears: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  mayBeChild: fc.option(fc.constantFrom<boolean | 'unknown'>(true, false, 'unknown'), { nil: null }),
  childAtEvents: fc.option(fc.boolean(), { nil: null }),
});

function factSet(values: Partial<Record<FactCode, Tri>>, who: Who): FactSet {
  const facts: FactSet['facts'] = {};
  for (const [code, value] of Object.entries(values) as [FactCode, Tri][]) facts[code] = { value, sources: [] };
  return { ...who, ageQuestions: [], facts, groups: {} };
}

const outcomeOf = (values: Partial<Record<FactCode, Tri>>, who: Who) => assessFactSet(factSet(values, who)).outcome;

describe('three-valued logic', () => {
  it('agrees with boolean logic on known values', () => {
    fc.assert(
      fc.property(fc.array(known, { minLength: 1, maxLength: 6 }), (values) => {
        expect(and3(...values)).toBe(values.every((v) => v === 'yes') ? 'yes' : 'no');
        expect(or3(...values)).toBe(values.some((v) => v === 'yes') ? 'yes' : 'no');
      }),
    );
  });

  it('is commutative and satisfies De Morgan', () => {
    fc.assert(
      fc.property(tri, tri, (a, b) => {
        expect(and3(a, b)).toBe(and3(b, a));
        expect(or3(a, b)).toBe(or3(b, a));
        expect(not3(and3(a, b))).toBe(or3(not3(a), not3(b)));
      }),
    );
  });

  it('learning a fact never contradicts what was already known: a known result stays when an unknown is resolved', () => {
    fc.assert(
      fc.property(fc.array(tri, { minLength: 1, maxLength: 6 }), fc.nat(), known, (values, index, resolved) => {
        const i = index % values.length;
        if (values[i] !== 'unknown') return;
        const refined = values.map((v, j) => (j === i ? resolved : v));
        for (const op of [and3, or3]) {
          const before = op(...values);
          if (before !== 'unknown') expect(op(...refined)).toBe(before);
        }
      }),
    );
  });
});

describe('decision model', () => {
  it('a "no" never raises the outcome', () => {
    fc.assert(
      fc.property(factValues, person, fc.constantFrom(...ALL_CODES), (values, who, code) => {
        const before = outcomeOf({ ...values, [code]: 'unknown' }, who);
        const after = outcomeOf({ ...values, [code]: 'no' }, who);
        expect(RANK[after]).toBeLessThanOrEqual(RANK[before]);
      }),
    );
  });

  it('a "yes" never lowers the outcome', () => {
    fc.assert(
      fc.property(factValues, person, fc.constantFrom(...ALL_CODES), (values, who, code) => {
        const before = outcomeOf({ ...values, [code]: 'unknown' }, who);
        const after = outcomeOf({ ...values, [code]: 'yes' }, who);
        expect(RANK[after]).toBeGreaterThanOrEqual(RANK[before]);
      }),
    );
  });

  it('changing one fact moves only the element it belongs to, and para. 4 when it feeds an effect (§3.2)', () => {
    const feeds = (code: FactCode) => Object.values(THRESHOLD_FEEDERS).some((list) => list.includes(code)) || code === 'context.exploitation_not_started';
    fc.assert(
      fc.property(factValues, person, fc.constantFrom(...ALL_CODES), tri, (values, who, code, value) => {
        const before = assessFactSet(factSet(values, who));
        const after = assessFactSet(factSet({ ...values, [code]: value }, who));
        for (const group of ELEMENT_GROUPS) {
          if (group !== groupOf(code) && !(group === 'threshold' && feeds(code))) expect(after.elements[group]).toBe(before.elements[group]);
        }
      }),
    );
  });

  it('context and aggravating facts never change the outcome, only the flags — except "intercepted before the exploitation", which never lowers it', () => {
    const nonElement = ALL_CODES.filter((c) => groupOf(c) === null && c !== 'context.exploitation_not_started');
    fc.assert(
      fc.property(factValues, person, fc.constantFrom(...nonElement), tri, (values, who, code, value) => {
        expect(outcomeOf({ ...values, [code]: value }, who)).toBe(outcomeOf(values, who));
      }),
    );
    fc.assert(
      fc.property(factValues, person, (values, who) => {
        const before = outcomeOf({ ...values, 'context.exploitation_not_started': 'no' }, who);
        expect(RANK[outcomeOf({ ...values, 'context.exploitation_not_started': 'yes' }, who)]).toBeGreaterThanOrEqual(RANK[before]);
      }),
    );
  });

  it('a child never reads lower than an adult with the same answers (a child now, a presumed one, or a child when it began)', () => {
    fc.assert(
      fc.property(factValues, (values) => {
        const adult = outcomeOf(values, { ageYears: 30, mayBeChild: false, childAtEvents: false });
        for (const who of [
          { ageYears: 15, mayBeChild: null, childAtEvents: null },
          { ageYears: null, mayBeChild: 'unknown' as const, childAtEvents: null },
          { ageYears: 22, mayBeChild: false, childAtEvents: true },
        ]) {
          expect(RANK[outcomeOf(values, who)]).toBeGreaterThanOrEqual(RANK[adult]);
        }
      }),
    );
  });

  it('a flag appears only beside the outcomes its row of §3.5 allows', () => {
    const only: Record<string, Outcome[]> = {
      consent_irrelevant: ['presumed_victim', 'possible_victim'],
      threshold_disputed: ['possible_victim'],
      non_punishment: ['presumed_victim', 'possible_victim'],
      duress: ['not_indicated', 'insufficient'],
      labour_exploitation: ['not_indicated', 'insufficient'],
      other_offences: ['not_indicated', 'insufficient'],
    };
    fc.assert(
      fc.property(factValues, person, (values, who) => {
        const a = assessFactSet(factSet(values, who));
        for (const flag of a.flags) {
          const allowed = flag.startsWith('aggravating:') ? ['presumed_victim', 'possible_victim'] : only[flag];
          if (allowed) expect(allowed).toContain(a.outcome);
        }
        if (a.flags.includes('urgent_needs')) expect(a.flags[0]).toBe('urgent_needs');
      }),
    );
  });

  it('a presumed victim has every required element indicated, and not_indicated always has one ruled out', () => {
    fc.assert(
      fc.property(factValues, person, (values, who) => {
        const a = assessFactSet(factSet(values, who));
        const required = a.person.treatedAsChild ? (['act', 'purpose'] as const) : ELEMENT_GROUPS;
        if (a.outcome === 'presumed_victim') for (const g of required) expect(a.elements[g]).toBe('indicated');
        if (a.outcome === 'not_indicated') expect(required.some((g) => a.elements[g] === 'not_indicated')).toBe(true);
        // Para. 4 disputed (§3.4): never "not indicated" on the threshold alone when act, means and purpose are indicated.
        if (!a.person.treatedAsChild && a.elements.act === 'indicated' && a.elements.means === 'indicated' && a.elements.purpose === 'indicated') expect(a.outcome).not.toBe('not_indicated');
        if (a.outcome === 'insufficient') expect(Object.values(a.elements)).not.toContain('indicated');
      }),
    );
  });

  it('every element reason names only codes of its own element', () => {
    fc.assert(
      fc.property(factValues, person, (values, who) => {
        for (const reason of assessFactSet(factSet(values, who)).reasons) {
          for (const code of reason.codes) expect([reason.element, ...CODES_BY_GROUP[reason.element]]).toContain(code);
        }
      }),
    );
  });
});
