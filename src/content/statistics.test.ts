import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers } from '../engine';
import { findQuestionnaire } from './questionnaires';
import { AGE_BANDS, aggregate, ageBand, exportCsv, filterRecords, REGIONS, shownCount, statsRecord, type StatsRecord } from './statistics';

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
      for (const row of rows) expect(Number(row.split(',').at(-1))).toBeGreaterThanOrEqual(threshold);
      const total = rows.reduce((sum, row) => sum + Number(row.split(',').at(-1)), 0);
      expect(total).toBeLessThanOrEqual(common.length);
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
