/**
 * Anonymous statistics for coordinators. Each case contributes one coarse record
 * — quarter, age band, sex, citizenship region, outcome, forms of exploitation,
 * means, flags, referral status — and only if the person agreed to be counted.
 * Tables are counts; any count below the threshold is suppressed, as the
 * Counter-Trafficking Data Collaborative does (k-anonymity), and the export never
 * has a row per person, a case id, a date or a free-text answer.
 */
import type { AnswerMap, Assessment } from '../engine';

export const AGE_BANDS = ['0-8', '9-17', '18-20', '21-29', '30-38', '39-47', '48+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const REGIONS = ['morocco', 'north_africa', 'west_africa', 'central_africa', 'middle_east', 'asia', 'other', 'unknown'] as const;
export type Region = (typeof REGIONS)[number];

const REGION_OF: Record<string, Region> = {
  morocco: 'morocco',
  algeria: 'north_africa',
  tunisia: 'north_africa',
  sudan: 'north_africa',
  mauritania: 'west_africa',
  senegal: 'west_africa',
  mali: 'west_africa',
  guinea: 'west_africa',
  cote_divoire: 'west_africa',
  nigeria: 'west_africa',
  cameroon: 'central_africa',
  congo_drc: 'central_africa',
  syria: 'middle_east',
  yemen: 'middle_east',
  bangladesh: 'asia',
  philippines: 'asia',
  other: 'other',
  stateless: 'other',
};

export interface StatsRecord {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  ageBand: AgeBand;
  child: boolean;
  sex: 'female' | 'male' | 'other' | 'unknown';
  region: Region;
  outcome: Assessment['outcome'];
  forms: string[];
  means: string[];
  flags: string[];
  referral: 'none' | 'sent' | 'received' | 'accepted' | 'declined';
}

export function ageBand(age: number | null): AgeBand {
  if (age === null) return 'unknown';
  if (age <= 8) return '0-8';
  if (age <= 17) return '9-17';
  if (age <= 20) return '18-20';
  if (age <= 29) return '21-29';
  if (age <= 38) return '30-38';
  if (age <= 47) return '39-47';
  return '48+';
}

/** The record a case contributes, or null when the person did not agree to be counted. */
export function statsRecord(answers: AnswerMap, assessment: Assessment, createdAt: number, referral: StatsRecord['referral']): StatsRecord | null {
  if (answers['consent.statistics'] !== 'yes') return null;
  const date = new Date(createdAt);
  const yes = (prefix: string) => Object.entries(assessment.facts).filter(([code, fact]) => code.startsWith(prefix) && fact.value === 'yes').map(([code]) => code);
  const sex = answers['person.sex'];
  return {
    year: date.getUTCFullYear(),
    quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as StatsRecord['quarter'],
    ageBand: ageBand(assessment.person.ageYears),
    child: assessment.person.treatedAsChild,
    sex: sex === 'female' || sex === 'male' || sex === 'other' ? sex : 'unknown',
    region: REGION_OF[String(answers['person.nationality'])] ?? 'unknown',
    outcome: assessment.outcome,
    forms: yes('purpose.'),
    means: yes('means.'),
    flags: assessment.flags.filter((f) => !f.startsWith('aggravating:') || f === 'aggravating:child'),
    referral,
  };
}

export interface StatsFilter {
  from?: { year: number; quarter: number };
  to?: { year: number; quarter: number };
  region?: Region;
}

export type Table = { key: string; count: number }[];

export interface Dashboard {
  total: number;
  byQuarter: { period: string; outcomes: Record<string, number> }[];
  outcomes: Table;
  forms: Table;
  means: Table;
  ageBands: Table;
  children: Table;
  sex: Table;
  regions: Table;
  referrals: Table;
  flags: Table;
}

const periodIndex = (p: { year: number; quarter: number }) => p.year * 4 + p.quarter;

export function filterRecords(records: StatsRecord[], filter: StatsFilter): StatsRecord[] {
  return records.filter(
    (r) =>
      (!filter.from || periodIndex(r) >= periodIndex(filter.from)) &&
      (!filter.to || periodIndex(r) <= periodIndex(filter.to)) &&
      (!filter.region || r.region === filter.region),
  );
}

function count(values: string[], order?: readonly string[]): Table {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const keys = order ? order.filter((k) => counts.has(k)) : [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  return keys.map((key) => ({ key, count: counts.get(key)! }));
}

export function aggregate(records: StatsRecord[]): Dashboard {
  const quarters = [...new Set(records.map((r) => `${r.year}-Q${r.quarter}`))].sort();
  return {
    total: records.length,
    byQuarter: quarters.map((period) => ({
      period,
      outcomes: Object.fromEntries(count(records.filter((r) => `${r.year}-Q${r.quarter}` === period).map((r) => r.outcome)).map((e) => [e.key, e.count])),
    })),
    outcomes: count(records.map((r) => r.outcome), ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']),
    forms: count(records.flatMap((r) => r.forms)),
    means: count(records.flatMap((r) => r.means)),
    ageBands: count(records.map((r) => r.ageBand), AGE_BANDS),
    children: count(records.map((r) => (r.child ? 'minor' : r.ageBand === 'unknown' ? 'unknown' : 'adult')), ['minor', 'adult', 'unknown']),
    sex: count(records.map((r) => r.sex), ['female', 'male', 'other', 'unknown']),
    regions: count(records.map((r) => r.region), REGIONS),
    referrals: count(records.map((r) => r.referral), ['none', 'sent', 'received', 'accepted', 'declined']),
    flags: count(records.flatMap((r) => r.flags)),
  };
}

/** A count as it may be shown: below the threshold it is only "< threshold". */
export function shownCount(count: number, threshold: number): number | null {
  return count < threshold ? null : count;
}

export const MIN_THRESHOLD = 5;

/**
 * The aggregated export: one row per combination of coarse attributes (year,
 * gender, age band, majority status, citizenship region, 448-1 outcome), with
 * CTDC-style column names; rows below the threshold are left out entirely.
 */
export function exportCsv(records: StatsRecord[], threshold: number): string {
  if (threshold < MIN_THRESHOLD) throw new Error(`the threshold cannot be below ${MIN_THRESHOLD}`);
  const header = ['yearOfRegistration', 'gender', 'ageBroad', 'majorityStatus', 'citizenshipRegion', 'outcome448_1', 'typeOfExploitation', 'meansOfControl', 'count'];
  const groups = new Map<string, { row: string[]; forms: Map<string, number>; means: Map<string, number>; count: number }>();
  for (const r of records) {
    const row = [String(r.year), r.sex, r.ageBand, r.child ? 'Minor' : r.ageBand === 'unknown' ? 'Unknown' : 'Adult', r.region, r.outcome];
    const key = row.join('|');
    const group = groups.get(key) ?? { row, forms: new Map(), means: new Map(), count: 0 };
    group.count++;
    for (const f of r.forms) group.forms.set(f, (group.forms.get(f) ?? 0) + 1);
    for (const m of r.means) group.means.set(m, (group.means.get(m) ?? 0) + 1);
    groups.set(key, group);
  }
  const lines = [header.join(',')];
  for (const g of [...groups.values()].sort((a, b) => a.row.join().localeCompare(b.row.join()))) {
    if (g.count < threshold) continue;
    // Within a group, a form or means shared by fewer than the threshold is not named.
    const named = (m: Map<string, number>) => [...m].filter(([, n]) => n >= threshold).map(([k]) => k.split('.')[1]).sort().join(';');
    lines.push([...g.row, named(g.forms), named(g.means), String(g.count)].map((v) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
