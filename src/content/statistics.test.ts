import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers } from '../engine';
import { findQuestionnaire } from './questionnaires';
import { AGE_BANDS, aggregate, ageBand, countedRecords, enoughToShow, exportCsv, exportYears, filterRecords, periodsOf, REGIONS, shownCount, statsRecord, type StatsRecord } from './statistics';

const OUTCOMES = ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient'] as const;
const FORMS = ['purpose.forced_labour', 'purpose.begging', 'purpose.prostitution', 'purpose.servitude'];
const record: fc.Arbitrary<StatsRecord> = fc.record({
  year: fc.integer({ min: 2024, max: 2026 }),
  quarter: fc.constantFrom(1, 2, 3, 4),
  ageBand: fc.constantFrom(...AGE_BANDS),
  child: fc.boolean(),
  sex: fc.constantFrom('female', 'male', 'other', 'unknown'),
  region: fc.constantFrom(...REGIONS),
  outcome: fc.constantFrom(...OUTCOMES),
  forms: fc.subarray(FORMS),
  means: fc.subarray(['means.deception', 'means.coercion', 'means.force']),
  flags: fc.subarray(['child', 'smuggling', 'urgent_needs']),
  referral: fc.constantFrom('none', 'sent', 'accepted'),
});

describe('anonymous statistics', () => {
  const records = fc.sample(record, { numRuns: 3000, seed: 448 });

  it('aggregates thousands of cases exactly as a direct count does', () => {
    const d = aggregate(records);
    expect(d.total).toBe(3000);
    for (const o of OUTCOMES) expect(d.outcomes.find((e) => e.key === o)?.count ?? 0).toBe(records.filter((r) => r.outcome === o).length);
    for (const f of FORMS) expect(d.forms.find((e) => e.key === f)?.count ?? 0).toBe(records.filter((r) => r.forms.includes(f)).length);
    for (const r of REGIONS) expect(d.regions.find((e) => e.key === r)?.count ?? 0).toBe(records.filter((x) => x.region === r).length);
    expect(d.children.find((e) => e.key === 'minor')?.count).toBe(records.filter((r) => r.child).length);
    const q = d.byQuarter.find((p) => p.period === '2025-Q2')!;
    expect(q.outcomes.presumed_victim).toBe(records.filter((r) => r.year === 2025 && r.quarter === 2 && r.outcome === 'presumed_victim').length);
    const inRange = filterRecords(records, { from: { year: 2025, quarter: 1 }, to: { year: 2025, quarter: 4 }, region: 'west_africa' });
    expect(inRange.length).toBe(records.filter((r) => r.year === 2025 && r.region === 'west_africa').length);
  });

  it('hides counts below the threshold', () => {
    expect(shownCount(4, 5)).toBeNull();
    expect(shownCount(5, 5)).toBe(5);
    expect(shownCount(9, 10)).toBeNull();
  });

  it('exports only aggregated rows at or above the threshold, never below 5', () => {
    // A realistic spread: most screenings share a few profiles.
    const common = fc.sample(
      record.map((r) => ({ ...r, year: 2026, sex: r.sex === 'other' ? 'female' : r.sex, region: r.region === 'asia' ? 'morocco' : 'west_africa', ageBand: r.child ? '9-17' : '21-29', outcome: r.outcome === 'insufficient' ? 'possible_victim' : r.outcome }) as StatsRecord),
      { numRuns: 2000, seed: 27 },
    );
    expect(() => exportCsv(common, 3)).toThrow(/cannot be below 5/);
    for (const threshold of [5, 11]) {
      const csv = exportCsv(common, threshold);
      const rows = csv.trim().split('\n').slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(records.length);
      for (const row of rows) {
        const published = Number(row.split(',').at(-1));
        expect(published).toBeGreaterThanOrEqual(threshold);
        // Rounded to a multiple of the threshold, like every published count.
        expect(published % threshold).toBe(0);
      }
    }
    expect(exportCsv(records.slice(0, 4), 5).trim().split('\n')).toHaveLength(1); // header only: four people are never shown
  });

  it('coarsens a case to year and quarter, age band and citizenship region, and counts only those who agreed', () => {
    const q = findQuestionnaire('art-448-1', 1);
    const answers = {
      'consent.statistics': 'yes',
      'person.age_years': 16,
      'person.sex': 'female',
      'person.nationality': 'nigeria',
      'closing.officer_notes': 'NOTE-SECRET-991',
      'act.middleman': 'yes',
      'purpose.activities': ['begging'],
    };
    const r = statsRecord(answers, assessAnswers(q, answers), Date.UTC(2026, 4, 17), 'none')!;
    expect(r).toMatchObject({ year: 2026, quarter: 2, ageBand: '9-17', child: true, sex: 'female', region: 'west_africa' });
    expect(Object.keys(r).sort()).toEqual(['ageBand', 'child', 'flags', 'forms', 'means', 'outcome', 'quarter', 'referral', 'region', 'sex', 'year']);
    expect(JSON.stringify(r)).not.toMatch(/NOTE-SECRET|nigeria|:16\b/);
    expect(statsRecord({ ...answers, 'consent.statistics': 'no' }, assessAnswers(q, answers), Date.now(), 'none')).toBeNull();
    expect(statsRecord({ ...answers, 'consent.statistics': 'dont_know' }, assessAnswers(q, answers), Date.now(), 'none')).toBeNull();
    expect([ageBand(null), ageBand(8), ageBand(18), ageBand(60)]).toEqual(['unknown', '0-8', '18-20', '48+']);
    const csv = exportCsv(Array.from({ length: 6 }, () => r), 5);
    expect(csv).not.toMatch(/NOTE-SECRET|nigeria|TR-|2026-05/);
    expect(csv).toContain('2026,female,9-17,Minor,west_africa,');
  });
});

/**
 * The differencing attacks of issue #14: an attacker who sees every published
 * number and knows how they are published (suppressed below the threshold,
 * otherwise rounded to a multiple of it) works out the interval each hidden
 * cell must lie in. Isolating someone means narrowing a hidden cell to one value.
 */
describe('published statistics cannot be differenced down to one person', () => {
  const base: StatsRecord = { year: 2025, quarter: 1, ageBand: '21-29', child: false, sex: 'female', region: 'west_africa', outcome: 'possible_victim', forms: ['purpose.forced_labour'], means: [], flags: [], referral: 'none' };
  const K = 5;

  type Bounds = (published: number | null, k: number) => [number, number];
  /** What a published value says the true count is: "< k" is 0..k-1, n is what rounds to n (and is at least k). */
  const rounded: Bounds = (published, k) => (published === null ? [0, k - 1] : [Math.max(k, Math.ceil(published - k / 2)), Math.ceil(published + k / 2) - 1]);
  /** Suppression alone, the way it was before: a published number is the exact count. */
  const suppressOnly = (n: number, k: number) => (n < k ? null : n);
  const exact: Bounds = (published, k) => (published === null ? [0, k - 1] : [published, published]);

  /** The attacker: total minus every other cell of a table whose cells add up to the total. */
  function attackerInterval(total: number | null, others: (number | null)[], k: number, bounds: Bounds = rounded): [number, number] {
    const [tLo, tHi] = bounds(total, k);
    const lo = tLo - others.reduce<number>((sum, o) => sum + bounds(o, k)[1], 0);
    const hi = tHi - others.reduce<number>((sum, o) => sum + bounds(o, k)[0], 0);
    return [Math.max(0, lo), Math.min(k - 1, hi)];
  }

  it('total 7 and women 6: suppression alone gives the man away; rounding does not', () => {
    const records = [...Array.from({ length: 6 }, () => base), { ...base, sex: 'male' as const }];
    const d = aggregate(records);
    const cell = (key: string) => d.sex.find((e) => e.key === key)!.count;
    // Before: the table listed only women and men (the categories someone was in); total 7, women 6, so men = 1.
    const before = attackerInterval(suppressOnly(d.total, K), [suppressOnly(cell('female'), K)], K, exact);
    expect(before).toEqual([1, 1]);
    // Now: total 5, women 5, men "< 5": the men are 0, 1 or 2 for all anyone can tell.
    expect(shownCount(d.total, K)).toBe(5);
    expect(shownCount(cell('female'), K)).toBe(5);
    expect(shownCount(cell('male'), K)).toBeNull();
    const after = attackerInterval(shownCount(d.total, K), ['female', 'other', 'unknown'].map((s) => shownCount(cell(s), K)), K);
    expect(after[1] - after[0]).toBeGreaterThanOrEqual(1);
    expect(after[0]).toBeLessThanOrEqual(1);
    expect(after[1]).toBeGreaterThanOrEqual(1);
  });

  it('in thousands of small tablets, no hidden cell of any table that adds up to the total is ever narrowed to one value', () => {
    const small = fc.array(record, { minLength: 5, maxLength: 60 });
    fc.assert(
      fc.property(small, fc.constantFrom(5, 7, 11), (records, k) => {
        const d = aggregate(records);
        for (const table of [d.sex, d.ageBands, d.children, d.regions, d.outcomes, d.referrals]) {
          for (const cell of table) {
            if (shownCount(cell.count, k) !== null) continue;
            const others = table.filter((o) => o !== cell).map((o) => shownCount(o.count, k));
            const [lo, hi] = attackerInterval(shownCount(d.total, k), others, k);
            // The attacker's reasoning is sound (the truth is inside) and never pins one value.
            expect(cell.count).toBeGreaterThanOrEqual(lo);
            expect(cell.count).toBeLessThanOrEqual(hi);
            expect(hi).toBeGreaterThan(lo);
          }
        }
      }),
      { numRuns: 1000, seed: 1414 },
    );
  }, 60_000);

  it('two exports over nested periods have the same rows: no row is one person', () => {
    const records = [
      ...Array.from({ length: 7 }, () => ({ ...base, quarter: 1 as const })),
      ...Array.from({ length: 6 }, () => ({ ...base, quarter: 2 as const })),
      { ...base, quarter: 3 as const, sex: 'male' as const },
      ...Array.from({ length: 5 }, () => ({ ...base, year: 2026, quarter: 1 as const })),
    ];
    // The officer picks Q1–Q2 2025, then Q1–Q3 2025: both export the whole year 2025.
    const firstYears = exportYears('2025-Q1', '2025-Q2', records)!;
    const secondYears = exportYears('2025-Q1', '2025-Q3', records)!;
    expect(firstYears).toEqual({ from: 2025, to: 2025 });
    expect(exportCsv(records, K, firstYears)).toBe(exportCsv(records, K, secondYears));
    // 2025 alone, then 2025–2026: the 2025 rows are the same rows, the new ones are another year's.
    const one = exportCsv(records, K, { from: 2025, to: 2025 }).trim().split('\n');
    const two = exportCsv(records, K, { from: 2025, to: 2026 }).trim().split('\n');
    for (const row of one) expect(two).toContain(row);
    for (const row of two.filter((r) => !one.includes(r))) expect(row.startsWith('2026,')).toBe(true);
    // The rows' counts are rounded: 13 women in 2025 publish as 15, and the lone man is in no row.
    expect(one.slice(1)).toEqual(['2025,female,21-29,Adult,west_africa,possible_victim,forced_labour,,15']);
  });

  it('lists every category and every quarter, so that a listed row never says someone is there', () => {
    const without = Array.from({ length: 9 }, () => base);
    const withOne = [...without.slice(1), { ...base, forms: ['purpose.organs'], region: 'asia' as const, year: 2025, quarter: 3 as const }];
    const shown = (records: StatsRecord[]) => {
      const d = aggregate(records, periodsOf(records, new Date(Date.UTC(2025, 11, 1))));
      return JSON.stringify({ ...d, total: shownCount(d.total, K), ...Object.fromEntries(Object.entries(d).filter(([, v]) => Array.isArray(v) && v[0] && 'count' in v[0]).map(([k, v]) => [k, (v as { key: string; count: number }[]).map((e) => [e.key, shownCount(e.count, K)])])), byQuarter: d.byQuarter.map((p) => [p.period, Object.values(p.outcomes).map((n) => shownCount(n, K))]) });
    };
    // One person screened for organ removal, from Asia, in Q3: nothing published changes.
    expect(shown(withOne)).toBe(shown(without));
    expect(periodsOf(without, new Date(Date.UTC(2025, 11, 1)))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  });

  it('counts only finished interviews whose person agreed to be counted', () => {
    const stats = base as unknown as Record<string, unknown>;
    const records = countedRecords([
      { status: 'completed', summary: { stats } },
      { status: 'referred', summary: { stats, referral: { status: 'accepted' } } },
      { status: 'in_progress', summary: { stats } },
      { status: 'completed', summary: { stats: null } },
    ]);
    expect(records.map((r) => r.referral)).toEqual(['none', 'accepted']);
    expect(enoughToShow(records, K)).toBe(false);
  });
});
