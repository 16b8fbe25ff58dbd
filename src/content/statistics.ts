/**
 * Anonymous statistics for coordinators. Each case contributes one coarse record
 * — quarter, age band, sex, citizenship region, outcome, forms of exploitation,
 * means, flags, referral status — and only if the person agreed to be counted and
 * the interview was finished (completed or referred: an unfinished interview has
 * no outcome yet). The export never has a row per person, a case id, a date or a
 * free-text answer.
 *
 * What is published cannot be differenced down to one person:
 * - any count below the threshold (5 at least) shows only as "< threshold"
 *   (primary suppression, as the Counter-Trafficking Data Collaborative does);
 * - every other count — cells and totals alike, on screen and in the export — is
 *   rounded to the nearest multiple of the threshold. We chose rounding over
 *   secondary suppression: suppression protects one table at a time, but the
 *   period and region filters let anyone ask two overlapping questions (Q1, then
 *   Q1–Q2) and subtract the answers, which no per-table suppression prevents.
 *   With rounding, every published number carries an uncertainty of about half
 *   the threshold either way, so a difference of published numbers never pins
 *   one person: "total 7, women 6" publishes as 5 and 5, and the men are 0, 1
 *   or 2 for all anyone can tell (statistics.test.ts performs the attacks);
 * - every category is listed whether or not anyone falls in it, and the periods
 *   run without gaps, so a "< 5" row or a listed quarter never tells that
 *   someone is there;
 * - periods are quarters and whole years only, and the export covers whole years
 *   only, its rows keyed by year: exports over nested periods share identical rows.
 * Known limit: bounds from rounded numbers can sometimes show that a small cell
 * is not empty (1 to 4 rather than 0 to 4), never how many are in it or who;
 * raising the threshold widens every uncertainty.
 */
import { MEANS_CODES, PURPOSE_CODES, type AnswerMap, type Assessment } from '../engine';

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

/** Only finished interviews are counted: an unfinished one has no outcome yet. */
export const COUNTED_STATUSES: readonly string[] = ['completed', 'referred'];

/** The records of the cases that may be counted: finished, and the person agreed (their summary carries a record). */
export function countedRecords(cases: readonly { status: string; summary: { stats?: Record<string, unknown> | null; referral?: { status: StatsRecord['referral'] } | null } }[]): StatsRecord[] {
  return cases
    .filter((c) => COUNTED_STATUSES.includes(c.status) && c.summary.stats)
    .map((c) => ({ ...(c.summary.stats as unknown as Omit<StatsRecord, 'referral'>), referral: c.summary.referral?.status ?? 'none' }));
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

const OUTCOME_ORDER = ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient'] as const;

/** The flags a record can carry (statsRecord keeps only the child among the aggravating circumstances). */
export const STATS_FLAGS = ['urgent_needs', 'child', 'age_uncertain', 'consent_irrelevant', 'smuggling', 'non_punishment', 'labour_exploitation', 'aggravating:child'] as const;

/**
 * Counts in a fixed order with every category listed, also those nobody falls in:
 * a row that appears only when someone is in it would tell that someone is.
 * Values outside the order (a flag a later engine adds) follow it.
 */
function count(values: string[], order: readonly string[]): Table {
  const counts = new Map<string, number>(order.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([key, n]) => ({ key, count: n }));
}

export type Period = `${number}-Q${1 | 2 | 3 | 4}`;
export const periodOf = (p: { year: number; quarter: number }) => `${p.year}-Q${p.quarter}` as Period;
export const parsePeriod = (p: string) => ({ year: Number(p.slice(0, 4)), quarter: Number(p.slice(6)) });

/**
 * Every quarter from the first of the earliest year with data to the later of
 * today and the latest record: no gap, so the list itself says nothing of when
 * anyone was screened.
 */
export function periodsOf(records: readonly StatsRecord[], now = new Date()): Period[] {
  if (records.length === 0) return [];
  const first = Math.min(...records.map((r) => r.year)) * 4;
  const today = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
  const last = Math.max(today, ...records.map((r) => r.year * 4 + r.quarter - 1));
  const periods: Period[] = [];
  for (let i = first; i <= last; i++) periods.push(periodOf({ year: Math.floor(i / 4), quarter: (i % 4) + 1 }));
  return periods;
}

export function aggregate(records: StatsRecord[], periods: readonly string[] = [...new Set(records.map(periodOf))].sort()): Dashboard {
  const quarters = periods;
  return {
    total: records.length,
    byQuarter: quarters.map((period) => ({
      period,
      outcomes: Object.fromEntries(count(records.filter((r) => periodOf(r) === period).map((r) => r.outcome), OUTCOME_ORDER).map((e) => [e.key, e.count])),
    })),
    outcomes: count(records.map((r) => r.outcome), OUTCOME_ORDER),
    forms: count(records.flatMap((r) => r.forms), PURPOSE_CODES),
    means: count(records.flatMap((r) => r.means), MEANS_CODES),
    ageBands: count(records.map((r) => r.ageBand), AGE_BANDS),
    children: count(records.map((r) => (r.child ? 'minor' : r.ageBand === 'unknown' ? 'unknown' : 'adult')), ['minor', 'adult', 'unknown']),
    sex: count(records.map((r) => r.sex), ['female', 'male', 'other', 'unknown']),
    regions: count(records.map((r) => r.region), REGIONS),
    referrals: count(records.map((r) => r.referral), ['none', 'sent', 'received', 'accepted', 'declined']),
    flags: count(records.flatMap((r) => r.flags), STATS_FLAGS),
  };
}

/**
 * A count as it may be published: null ("< threshold") below the threshold, else
 * rounded to the nearest multiple of the threshold (never below it). See the
 * header for why every published number, totals included, is rounded.
 */
export function shownCount(count: number, threshold: number): number | null {
  if (count < threshold) return null;
  return Math.max(threshold, Math.round(count / threshold) * threshold);
}

export const MIN_THRESHOLD = 5;

/** Below the threshold in all, nothing is shown: a dashboard of "< 5" tells nothing and invites guessing. */
export function enoughToShow(records: readonly StatsRecord[], threshold: number): boolean {
  return records.length >= threshold;
}

/** The years an export covers: whole years around the selected quarters (rows are keyed by year). */
export function exportYears(from: string, to: string, records: readonly StatsRecord[]): { from: number; to: number } | null {
  if (records.length === 0) return null;
  const years = records.map((r) => r.year);
  return { from: from ? parsePeriod(from).year : Math.min(...years), to: to ? parsePeriod(to).year : Math.max(...years) };
}

/**
 * The aggregated export: one row per combination of coarse attributes (year,
 * gender, age band, majority status, citizenship region, 448-1 outcome), with
 * CTDC-style column names; rows below the threshold are left out entirely and
 * the others' counts are rounded like every published count. `years` limits it
 * to whole years: a row is the same in every export that includes its year.
 */
export function exportCsv(all: StatsRecord[], threshold: number, years?: { from: number; to: number }): string {
  if (threshold < MIN_THRESHOLD) throw new Error(`the threshold cannot be below ${MIN_THRESHOLD}`);
  const records = years ? all.filter((r) => r.year >= years.from && r.year <= years.to) : all;
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
    lines.push([...g.row, named(g.forms), named(g.means), String(shownCount(g.count, threshold))].map((v) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
