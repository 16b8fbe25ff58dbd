/**
 * What every imported file goes through before anything reads it: a size limit,
 * a JSON parse that cannot throw a raw SyntaxError at the officer, and one strict
 * zod schema (unknown fields refused, every string and list bounded, dates within
 * the possible range). A refusal names the file, the field and the problem as
 * codes, so that the screen says it in its own language (src/components/import-error.ts);
 * the English message is for the command line and the logs.
 */
import type { z } from 'zod';
import { InputError } from '../engine';

export type ImportProblem =
  | 'not_json'
  | 'file_too_large'
  | 'missing'
  | 'wrong_type'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'too_few'
  | 'too_big'
  | 'too_small'
  | 'bad_format'
  | 'unknown_field'
  | 'not_allowed'
  | 'date_range'
  | 'duplicate'
  | 'invalid'
  // Training scenarios (src/content/scenarios.ts): the script does not lead to the reading the file expects.
  | 'expected_mismatch'
  // Backups (src/storage/backup.ts):
  | 'not_backup'
  | 'unknown_version'
  | 'wrong_passphrase'
  | 'body_not_json'
  | 'reference_clash'
  | 'unknown_questionnaire';

const ENGLISH: Record<ImportProblem, (limit: string) => string> = {
  not_json: () => 'not a file of this kind, or it is incomplete',
  file_too_large: (limit) => `the file is larger than ${limit} MB`,
  missing: () => 'missing',
  wrong_type: () => 'not of the expected kind',
  too_long: (limit) => `longer than ${limit} characters`,
  too_short: (limit) => `shorter than ${limit} characters`,
  too_many: (limit) => `more than ${limit} entries`,
  too_few: (limit) => `fewer than ${limit} entries`,
  too_big: (limit) => `above ${limit}`,
  too_small: (limit) => `below ${limit}`,
  bad_format: () => 'not in the expected format',
  unknown_field: () => 'a field this app does not know',
  not_allowed: () => 'a value this app does not accept',
  date_range: () => 'a date outside the possible range',
  duplicate: () => 'appears twice',
  invalid: () => 'not valid',
  expected_mismatch: (limit) => `the scripted answers give "${limit}", not what the file expects`,
  not_backup: () => 'this is not a backup file of this app',
  unknown_version: (limit) => `this backup has format version ${limit}, which this app does not read`,
  wrong_passphrase: () => 'the backup does not open: wrong passphrase, or the file was altered or damaged',
  body_not_json: () => 'the backup opens with this passphrase but what it holds is not readable: it was not made by this app, or it is damaged',
  reference_clash: (limit) => `a case of this file has the reference ${limit} of another case on this tablet: the file is refused`,
  unknown_questionnaire: (limit) => `a case uses questionnaire ${limit}, which this version of the app does not have`,
};

/** A refused import: which file, which field (null for the whole file), what is wrong. */
export class ImportError extends InputError {
  constructor(
    readonly file: string,
    readonly field: string | null,
    readonly problem: ImportProblem,
    readonly limit: string | null = null,
  ) {
    super(ENGLISH[problem](limit ?? ''), field ? [file, `field "${field}"`] : [file]);
    this.name = 'ImportError';
  }
}

/** The earliest date a record of this app can carry (before the app existed is a forgery or a damage). */
export const MIN_DATE = Date.UTC(2020, 0, 1);
/** Clocks differ between tablets: a day ahead is tolerated, not more. */
export const maxDate = () => Date.now() + 24 * 60 * 60 * 1000;
export function isPlausibleDate(value: number): boolean {
  return Number.isSafeInteger(value) && value >= MIN_DATE && value <= maxDate();
}

/** A field path as a person reads it: list positions counted from 1. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? String(part + 1) : String(part))).join(' › ');
}

export function issueToError(file: string, issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): ImportError {
  const path = [...prefix, ...issue.path];
  const custom = (issue as { params?: { problem?: ImportProblem; limit?: string } }).params;
  if (custom?.problem) return new ImportError(file, fieldName(path) || null, custom.problem, custom.limit ?? null);
  const field = fieldName(path) || null;
  switch (issue.code) {
    case 'invalid_type':
      return new ImportError(file, field, issue.input === undefined ? 'missing' : 'wrong_type');
    case 'too_big': {
      const limit = String(issue.maximum);
      if (issue.origin === 'string') return new ImportError(file, field, 'too_long', limit);
      if (issue.origin === 'array' || issue.origin === 'set') return new ImportError(file, field, 'too_many', limit);
      return new ImportError(file, field, 'too_big', issue.origin === 'int' ? null : limit);
    }
    case 'too_small': {
      const limit = String(issue.minimum);
      if (issue.origin === 'string') return new ImportError(file, field, 'too_short', limit);
      if (issue.origin === 'array' || issue.origin === 'set') return new ImportError(file, field, 'too_few', limit);
      return new ImportError(file, field, 'too_small', limit);
    }
    case 'invalid_format':
      return new ImportError(file, field, 'bad_format');
    case 'unrecognized_keys':
      return new ImportError(file, fieldName([...path, issue.keys[0] ?? '']), 'unknown_field');
    case 'invalid_value':
      return new ImportError(file, field, 'not_allowed');
    case 'invalid_key':
      return new ImportError(file, field, 'bad_format');
    case 'invalid_union':
    case 'invalid_element':
      return new ImportError(file, field, 'wrong_type');
    default:
      return new ImportError(file, field, 'invalid');
  }
}

/** Parses with a schema; the first problem found is thrown as an ImportError. */
export function checkWith<S extends z.ZodType>(schema: S, value: unknown, file: string, prefix: readonly PropertyKey[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw issueToError(file, parsed.error.issues[0]!, prefix);
  return parsed.data;
}

/** JSON text of at most `maxBytes` (UTF-16 length, a safe upper bound for what was read), parsed without a raw SyntaxError. */
export function parseJsonFile(text: string, file: string, maxBytes: number): unknown {
  if (text.length > maxBytes) throw new ImportError(file, null, 'file_too_large', megabytes(maxBytes));
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError(file, null, 'not_json');
  }
}

/** Refuses a file before reading it when it is larger than the import allows. */
export function checkFileSize(file: { name: string; size: number }, maxBytes: number): void {
  if (file.size > maxBytes) throw new ImportError(file.name, null, 'file_too_large', megabytes(maxBytes));
}

const megabytes = (bytes: number) => (bytes >= 10_000_000 ? String(Math.round(bytes / 1_000_000)) : (bytes / 1_000_000).toFixed(1));

/** A string typed by a person: bounded, without control characters (which hide text or break a CSV row). */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
