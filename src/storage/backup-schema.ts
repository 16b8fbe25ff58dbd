/**
 * The strict shape of a backup: its clear header, and each case it carries once
 * decrypted. Unknown fields are refused, every string and list is bounded,
 * dates lie between 2020 and tomorrow, statuses and outcomes are the app's own.
 * A decrypted backup is still someone else's file: it is checked like any import.
 *
 * The machine snapshot inside a case is the interview machine's own persisted
 * state; it is checked for shape and size (answers as strictly as the answers
 * themselves), and the interview falls back to the answers if it does not restore.
 *
 * If you add a field to CaseContent or CaseSummary (src/storage/types.ts), add it
 * here too: the type checks at the end of this file fail until you do.
 */
import { z } from 'zod';
import { isPlausibleDate, NO_CONTROL, type ImportProblem } from '../content/import-check';
import { CASE_STATUSES, REFERRAL_STATUSES, type CaseContent, type CaseSummary } from './types';

export const MIN_BACKUP_ITERATIONS = 600_000;
/** A header asking for more would keep a restore busy for minutes: refused. */
export const MAX_BACKUP_ITERATIONS = 10_000_000;
/** About 20,000 full cases; a bigger file is refused before it is read. */
export const MAX_BACKUP_BYTES = 400_000_000;
export const MAX_BACKUP_CASES = 50_000;
/** Cases per sealed chunk of a version 2 file: each is decrypted and checked apart, the screen drawing in between. */
export const CASES_PER_CHUNK = 500;

const problem = (name: ImportProblem, limit?: string) => ({ params: { problem: name, ...(limit ? { limit } : {}) } });

export const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const text = (max: number) => z.string().max(max).regex(NO_CONTROL);
const date = z.number().refine(isPlausibleDate, problem('date_range'));
const base64 = (maxChars: number) => z.string().max(maxChars).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const code = (max: number) => z.string().max(max).regex(/^[a-z0-9_]+([.:-][a-z0-9_]+)*$/);

const ANSWER_KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const MAX_ANSWERS = 500;
const MAX_ANSWER_TEXT = 5_000;

/**
 * Answers are the bulk of a backup (tens of thousands of cases × dozens of
 * answers): checked by one loop rather than a union per answer, with the same
 * precision in what a refusal names.
 */
const answers = z.custom<Record<string, string | number | string[]>>().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', ...problem('wrong_type') });
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_ANSWERS) ctx.addIssue({ code: 'custom', ...problem('too_many', String(MAX_ANSWERS)) });
  for (const key of keys) {
    const answer = (value as Record<string, unknown>)[key];
    const at = { path: [key] };
    if (key.length > 100 || !ANSWER_KEY.test(key)) ctx.addIssue({ code: 'custom', ...at, ...problem('bad_format') });
    else if (typeof answer === 'string') {
      if (answer.length > MAX_ANSWER_TEXT) ctx.addIssue({ code: 'custom', ...at, ...problem('too_long', String(MAX_ANSWER_TEXT)) });
      else if (!NO_CONTROL.test(answer)) ctx.addIssue({ code: 'custom', ...at, ...problem('bad_format') });
    } else if (typeof answer === 'number') {
      if (!Number.isFinite(answer) || Math.abs(answer) > 1_000_000) ctx.addIssue({ code: 'custom', ...at, ...problem('too_big', '1000000') });
    } else if (Array.isArray(answer)) {
      if (answer.length > 100) ctx.addIssue({ code: 'custom', ...at, ...problem('too_many', '100') });
      else if (!answer.every((v) => typeof v === 'string' && v.length <= 100 && ANSWER_KEY.test(v))) ctx.addIssue({ code: 'custom', ...at, ...problem('bad_format') });
    } else ctx.addIssue({ code: 'custom', ...at, ...problem('wrong_type') });
  }
});

/** Any JSON within bounds: depth, string length, list and object sizes; no "__proto__" key. */
function boundedJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= 1_000;
  if (depth >= 8) return false;
  if (Array.isArray(value)) return value.length <= 200 && value.every((v) => boundedJson(v, depth + 1));
  if (typeof value !== 'object') return false;
  const keys = Object.keys(value);
  return keys.length <= 100 && keys.every((k) => k !== '__proto__' && k.length <= 100 && boundedJson((value as Record<string, unknown>)[k], depth + 1));
}
const json = z.unknown().refine(boundedJson, problem('invalid'));

const stateValue = z.union([z.string().max(60), z.record(z.string().max(60), z.union([z.string().max(60), z.record(z.string().max(60), z.string().max(60))]))]);
const snapshot = z
  .strictObject({
    status: z.enum(['active', 'done', 'error', 'stopped']),
    value: stateValue,
    historyValue: z.record(z.string().max(200), json),
    context: z.looseObject({ answers, questionId: z.string().max(100).nullable().optional() }).refine((c) => Object.keys(c).length <= 20 && Object.entries(c).every(([k, v]) => k === 'answers' || boundedJson(v)), problem('invalid')),
    children: z.strictObject({}),
    output: json.optional(),
    error: json.optional(),
  })
  .nullable();

const referralStatus = z.enum(REFERRAL_STATUSES as [string, ...string[]]);
const referral = z.strictObject({
  id: z.string().max(64).regex(/^[A-Za-z0-9-]+$/),
  serviceId: z.string().max(80).regex(/^[a-z0-9-]+$/),
  serviceName: text(160),
  at: date,
  method: z.enum(['phone', 'in_person', 'letter', 'email', 'package']),
  basis: z.enum(['consent', 'child', 'danger_to_life']),
  status: referralStatus,
  notes: z.array(z.strictObject({ at: date, text: text(2_000) })).max(200),
  packageId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).optional(),
});

// Team sync's stamps (src/storage/types.ts: Stamp, CaseTeamRecord): who set a value, when, over what.
const tabletId = z.string().max(64).regex(/^[A-Za-z0-9_-]+$/);
const stampFields = {
  at: date,
  by: tabletId,
  who: text(120).nullable().optional(),
  over: z.strictObject({ at: date, by: tabletId }).nullable().optional(),
};
const stamp = z.strictObject(stampFields);
const answerStamp = z.strictObject({ ...stampFields, by: tabletId.optional() });
const hashedStamp = z.strictObject({ ...stampFields, hash: z.string().max(128).regex(/^[A-Za-z0-9+/=_-]*$/) });
const valueStamp = z.strictObject({ value: json, stamp });
const teamRecord = z.strictObject({
  origin: tabletId.optional(),
  fieldMeta: z.record(z.string().max(100).regex(/^[A-Za-z0-9_.:-]+$/), hashedStamp).refine((m) => Object.keys(m).length <= 100, problem('too_many', '100')).optional(),
  summaryMeta: hashedStamp.optional(),
  history: z.array(z.strictObject({ key: z.string().max(120).regex(/^[A-Za-z0-9_.:-]+$/), value: json, stamp })).max(5_000),
  merges: z
    .array(
      z.strictObject({
        id: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/),
        at: date,
        changes: z.array(z.strictObject({ questionId: z.string().max(100).regex(ANSWER_KEY), kept: valueStamp, replaced: valueStamp })).max(MAX_ANSWERS),
        added: z.array(z.strictObject({ questionId: z.string().max(100).regex(ANSWER_KEY), stamp })).max(MAX_ANSWERS),
      }),
    )
    .max(1_000),
});

const ORG_TYPES = ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'] as const;

export const contentSchema = z.strictObject({
  answers,
  snapshot,
  interviewLanguage: z.string().regex(/^[a-z]{2,3}$/),
  details: z
    .strictObject({
      place: text(200),
      interpreter: z.enum(['yes', 'no']).nullable(),
      interpreterRole: z.enum(['professional', 'ngo', 'relative', 'other']).nullable().optional(),
      personLanguage: z.string().max(40).regex(/^[a-z_-]+$/).nullable().optional(),
      personLanguageOther: text(80).nullable().optional(),
    })
    .optional(),
  referWithoutConsent: z.enum(['child', 'danger_to_life']).nullable().optional(),
  referrals: z.array(referral).max(100).optional(),
  officer: z.strictObject({ name: text(120), service: text(160), orgType: z.enum(ORG_TYPES).optional() }).nullable().optional(),
  editors: z.array(z.strictObject({ name: text(120), service: text(160), at: date })).max(500).optional(),
  notes: z.array(z.strictObject({ id: z.string().max(64).regex(/^[A-Za-z0-9-]+$/), at: date, questionId: z.string().max(100).regex(ANSWER_KEY).nullable(), text: text(MAX_ANSWER_TEXT) })).max(1_000).optional(),
  answerMeta: z.record(z.string().max(100).regex(ANSWER_KEY), answerStamp).refine((m) => Object.keys(m).length <= MAX_ANSWERS, problem('too_many', String(MAX_ANSWERS))).optional(),
  team: teamRecord.optional(),
});

const OUTCOMES = ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient'] as const;
const stats = z.strictObject({
  year: z.number().int().min(2020).max(2200),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  ageBand: z.enum(['0-8', '9-17', '18-20', '21-29', '30-38', '39-47', '48+', 'unknown']),
  child: z.boolean(),
  sex: z.enum(['female', 'male', 'other', 'unknown']),
  region: z.string().max(40).regex(/^[a-z_]+$/),
  outcome: z.enum(OUTCOMES).nullable(),
  forms: z.array(code(80)).max(50),
  means: z.array(code(80)).max(50),
  flags: z.array(code(80)).max(50),
  referral: z.enum(['none', ...REFERRAL_STATUSES] as [string, ...string[]]),
});

export const summarySchema = z.strictObject({
  outcome: z.enum(OUTCOMES).nullable(),
  flags: z.array(code(80)).max(50),
  section: z.string().max(40).regex(/^[A-Za-z_]*$/),
  answered: z.number().int().min(0).max(MAX_ANSWERS),
  referral: z.strictObject({ serviceName: text(160), status: referralStatus }).nullable().optional(),
  stats: stats.nullable().optional(),
});

export const backupCaseSchema = z
  .strictObject({
    id: z.string().regex(CASE_ID),
    createdAt: date,
    updatedAt: date,
    closedAt: date.optional(),
    status: z.enum(CASE_STATUSES as [string, ...string[]]),
    questionnaireId: z.string().max(40).regex(/^[a-z0-9-]+$/),
    questionnaireVersion: z.number().int().min(1).max(999),
    summary: summarySchema,
    content: contentSchema,
  })
  .superRefine((c, ctx) => {
    if (c.updatedAt < c.createdAt) ctx.addIssue({ code: 'custom', path: ['updatedAt'], ...problem('date_range') });
    if (c.closedAt !== undefined && c.closedAt < c.createdAt) ctx.addIssue({ code: 'custom', path: ['closedAt'], ...problem('date_range') });
    if (c.closedAt !== undefined && c.status === 'in_progress') ctx.addIssue({ code: 'custom', path: ['closedAt'], ...problem('not_allowed') });
  });

export const backupBodySchema = z.strictObject({ cases: z.array(backupCaseSchema).max(MAX_BACKUP_CASES) });

const kdf = z.strictObject({
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(MIN_BACKUP_ITERATIONS).max(MAX_BACKUP_ITERATIONS),
  salt: base64(88).min(24),
});

/** Version 1: one ciphertext, a creation date in clear. Still read; no longer written. */
export const headerV1Schema = z.strictObject({
  format: z.literal('screening-448-1-backup'),
  version: z.literal(1),
  createdAt: date,
  kdf,
  iv: base64(16).min(16),
  data: z.string().max(MAX_BACKUP_BYTES),
});

/** Version 2: no date in clear; the cases in sealed chunks, each bound to its position and the chunk count. */
export const headerV2Schema = z.strictObject({
  format: z.literal('screening-448-1-backup'),
  version: z.literal(2),
  kdf,
  chunks: z
    // The data is not matched by a pattern (100 MB through a regular expression): decoding it refuses what is not base64.
    .array(z.strictObject({ iv: base64(16).min(16), data: z.string().max(MAX_BACKUP_BYTES) }))
    .min(1)
    .max(Math.ceil(MAX_BACKUP_CASES / CASES_PER_CHUNK) + 1),
});

export const chunkBodySchema = z.strictObject({ cases: z.array(backupCaseSchema).max(CASES_PER_CHUNK) });

// The backup schema must name every field a case can carry, no more and no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMA_MATCHES_TYPES: [
  Same<keyof CaseContent, keyof z.output<typeof contentSchema>>,
  Same<keyof NonNullable<CaseContent['details']>, keyof NonNullable<z.output<typeof contentSchema>['details']>>,
  Same<keyof NonNullable<CaseContent['officer']>, keyof NonNullable<z.output<typeof contentSchema>['officer']>>,
  Same<keyof CaseSummary, keyof z.output<typeof summarySchema>>,
] = [true, true, true, true];
