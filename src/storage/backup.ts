/**
 * Encrypted backups of every real case, protected by a passphrase the officer
 * chooses for the file (not the tablet's): restoring on another device needs
 * only the file and that passphrase.
 *
 * Format version 2 (JSON): a header in clear — format, version, key-derivation
 * parameters — and the cases in chunks of CASES_PER_CHUNK, each an AES-256-GCM
 * ciphertext whose associated data is the header, the chunk count and the
 * chunk's position, so changing any byte of the header, a chunk, their order or
 * their number makes the file refuse to open. Version 1 (one ciphertext) is
 * still read.
 *
 * A restore opens and checks the whole file before anything is written — a
 * strict schema per case (backup-schema.ts), no two cases with the same id or
 * printed reference, no case whose printed reference belongs to another case of
 * this tablet — then plans: cases new to this tablet are added; a case already
 * here with the same content is left; a case here with different content is a
 * conflict the officer settles (keep this tablet's copy, the file's, or both —
 * the file's then under a new id). Nothing is replaced without that choice.
 */
import { checkKdfParams, MIN_PBKDF2_ITERATIONS, type KdfParams } from '../crypto/envelope';
import { ImportError, issueToError, parseJsonFile, type ImportProblem } from '../content/import-check';
import { CASES_PER_CHUNK, chunkBodySchema, backupBodySchema, headerV1Schema, headerV2Schema, MAX_BACKUP_BYTES } from './backup-schema';
import type { CaseSource, CaseStore, ImportProgress } from './case-store';
import { sealerOf, type RestoreWrite } from './case-seal';
import { newCaseId } from './records';
import { referenceOf, type BackupCase, type CaseOutcome, type CaseStatus, type ReferralStatus } from './types';

export const BACKUP_FORMAT = 'screening-448-1-backup';
export const BACKUP_VERSION = 2;
export { MAX_BACKUP_BYTES } from './backup-schema';
export type { BackupCase } from './types';

/** A refused backup: the file, the field when there is one, and the problem, for the screen to say in its language. */
export class BackupError extends ImportError {
  constructor(file: string, field: string | null, problem: ImportProblem, limit: string | null = null) {
    super(file, field, problem, limit);
    this.name = 'BackupError';
  }
}

const encoder = new TextEncoder();
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Native base64 where the browser has it (Chromium 140+, Safari 18.2+): a 100 MB backup is decoded in a blink, not a loop. */
const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

function toBase64(bytes: Uint8Array): string {
  const fast = (bytes as unknown as { toBase64?: () => string }).toBase64;
  if (fast) return fast.call(bytes);
  // In slices: spreading a large backup into one call would overflow the stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (native.fromBase64) return native.fromBase64(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function fileKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  checkKdfParams(kdf);
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: kdf.salt, iterations: kdf.iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function chunkContext(header: { format: string; version: number; kdf: { algorithm: string; iterations: number; salt: string } }, count: number, index: number): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify([header.format, header.version, header.kdf.algorithm, header.kdf.iterations, header.kdf.salt, count, index]));
}

function v1Context(file: { format: string; version: number; createdAt: number; kdf: { algorithm: string; iterations: number; salt: string }; iv: string }): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify([file.format, file.version, file.createdAt, file.kdf.algorithm, file.kdf.iterations, file.kdf.salt, file.iv]));
}

export async function createBackup(cases: BackupCase[], passphrase: string, onProgress?: ImportProgress): Promise<string> {
  const header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { algorithm: 'PBKDF2-SHA-256' as const, iterations: MIN_PBKDF2_ITERATIONS, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) },
  };
  const key = await fileKey(passphrase, { algorithm: 'PBKDF2-SHA-256', iterations: header.kdf.iterations, salt: fromBase64(header.kdf.salt) });
  const count = Math.max(1, Math.ceil(cases.length / CASES_PER_CHUNK));
  const chunks: { iv: string; data: string }[] = [];
  for (let index = 0; index < count; index++) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plaintext = encoder.encode(JSON.stringify({ cases: cases.slice(index * CASES_PER_CHUNK, (index + 1) * CASES_PER_CHUNK) }));
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: chunkContext(header, count, index) }, key, plaintext));
    chunks.push({ iv: toBase64(iv), data: toBase64(data) });
    onProgress?.(Math.min((index + 1) * CASES_PER_CHUNK, cases.length), cases.length);
    await nextTick();
  }
  return JSON.stringify({ ...header, chunks });
}

export interface OpenOptions {
  /** The file's name, for messages. */
  file?: string;
  /** Whether this build has a questionnaire (id, version): a case answered with one it lacks could not be opened. */
  knownQuestionnaire?: (id: string, version: number) => boolean;
  /** Chunks checked so far, out of all. */
  onProgress?: ImportProgress;
  /**
   * Each chunk's cases once they have passed every check a case can pass before
   * the whole file is read (its schema, its questionnaire, no id or printed
   * reference twice so far), with the position of the first; awaited before the
   * next chunk is checked. A later chunk may still refuse the file: what is done
   * here must be undone then (the restore worker stages new cases this way).
   */
  onChunk?: (cases: BackupCase[], offset: number) => Promise<void> | void;
}

/** Decrypted text → JSON, with the refusal an officer can act on. */
function parseBody(plaintext: ArrayBuffer, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    throw new BackupError(file, null, 'body_not_json');
  }
}

function checkCases(body: unknown, schema: typeof chunkBodySchema | typeof backupBodySchema, file: string, offset: number): BackupCase[] {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...issue.path];
    if (path[0] === 'cases' && typeof path[1] === 'number') path[1] += offset;
    throw rethrow(file, { ...issue, path } as typeof issue);
  }
  return parsed.data.cases as BackupCase[];
}

/** Opens and checks a backup completely; throws BackupError with the reason, and writes nothing. */
export async function openBackup(text: string, passphrase: string, options: OpenOptions = {}): Promise<BackupCase[]> {
  const file = options.file ?? 'backup';
  const doc = (() => {
    try {
      return parseJsonFile(text, file, MAX_BACKUP_BYTES);
    } catch (error) {
      if (error instanceof ImportError && error.problem === 'not_json') throw new BackupError(file, null, 'not_backup');
      throw error;
    }
  })() as { format?: unknown; version?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== BACKUP_FORMAT) throw new BackupError(file, null, 'not_backup');
  if (doc.version !== 1 && doc.version !== 2) throw new BackupError(file, 'version', 'unknown_version', String(doc.version).slice(0, 20));
  let cases: BackupCase[] = [];
  const ids = new Set<string>();
  const references = new Set<string>();
  /** The checks of each case against the file's others so far and this build: before onChunk sees it. */
  const checkEach = async (checked: BackupCase[], offset: number) => {
    for (const [i, c] of checked.entries()) {
      const index = offset + i;
      const reference = referenceOf(c.id);
      // Two cases sharing a printed reference is how a file would try every id behind a printed one.
      if (ids.has(c.id) || references.has(reference)) throw new BackupError(file, `cases › ${index + 1} › id`, 'duplicate');
      ids.add(c.id);
      references.add(reference);
      if (options.knownQuestionnaire && !options.knownQuestionnaire(c.questionnaireId, c.questionnaireVersion)) {
        throw new BackupError(file, `cases › ${index + 1} › questionnaireVersion`, 'unknown_questionnaire', `${c.questionnaireId} v${c.questionnaireVersion}`);
      }
    }
    await options.onChunk?.(checked, offset);
  };
  if (doc.version === 2) {
    const header = headerV2Schema.safeParse(doc);
    if (!header.success) throw rethrow(file, header.error.issues[0]!);
    const { kdf, chunks } = header.data;
    const key = await fileKey(passphrase, { ...kdf, salt: fromBase64(kdf.salt) });
    for (const [index, chunk] of chunks.entries()) {
      let data: Uint8Array<ArrayBuffer>;
      try {
        data = fromBase64(chunk.data);
      } catch {
        throw new BackupError(file, `chunks › ${index + 1} › data`, 'bad_format');
      }
      let plaintext: ArrayBuffer;
      try {
        plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(chunk.iv), additionalData: chunkContext(header.data, chunks.length, index) }, key, data);
      } catch {
        throw new BackupError(file, null, 'wrong_passphrase');
      }
      const checked = checkCases(parseBody(plaintext, file), chunkBodySchema, file, cases.length);
      await checkEach(checked, cases.length);
      cases.push(...checked);
      options.onProgress?.(index + 1, chunks.length);
      // Between chunks the screen draws the progress and answers a tap.
      await nextTick();
    }
  } else {
    const header = headerV1Schema.safeParse(doc);
    if (!header.success) throw rethrow(file, header.error.issues[0]!);
    const { kdf } = header.data;
    const key = await fileKey(passphrase, { ...kdf, salt: fromBase64(kdf.salt) });
    let plaintext: ArrayBuffer;
    try {
      plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(header.data.iv), additionalData: v1Context(header.data) }, key, fromBase64(header.data.data));
    } catch {
      // Not base64, or not opening: either way the file does not open with this passphrase.
      throw new BackupError(file, null, 'wrong_passphrase');
    }
    cases = checkCases(parseBody(plaintext, file), backupBodySchema, file, 0);
    await checkEach(cases, 0);
    options.onProgress?.(1, 1);
  }
  return cases;
}

/** A header problem, as a backup refusal (the iteration count in particular, named with its field). */
function rethrow(file: string, issue: Parameters<typeof issueToError>[1]): BackupError {
  const error = issueToError(file, issue);
  return new BackupError(file, error.field, error.problem, error.limit);
}

/** What one side of a conflict looks like, for the officer to choose. */
export interface CaseSide {
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  answered: number;
  place: string | null;
  referral: { serviceName: string; status: ReferralStatus } | null;
}

export interface RestoreConflict {
  id: string;
  reference: string;
  device: CaseSide;
  file: CaseSide;
}

export type ConflictChoice = 'device' | 'file' | 'both';

export interface RestorePlan {
  /** Ids of the file's cases not on this tablet: added. */
  fresh: string[];
  /** Cases already here with the same content: left as they are. */
  same: number;
  /** Cases here with different content: the officer chooses for each. */
  conflicts: RestoreConflict[];
  /** Where the file's cases are held, checked and decrypted, until they are written. */
  source: OpenedBackup;
}

/**
 * A checked backup, held where it was opened (this thread, or the restore
 * worker) until its cases are written or the officer cancels.
 */
export interface OpenedBackup extends CaseSource {
  /** How many cases the file holds. */
  total: number;
  /** Ids of the file's cases that are not on this tablet. */
  fresh: string[];
  /** The file's copy of each case that is on this tablet, to compare with it. */
  existing: BackupCase[];
  /**
   * Forgets the decrypted cases (and stops the worker holding them), and deletes
   * the cases it staged that were not written to the index; resolves once done.
   */
  close(): Promise<void>;
}

/**
 * Sorts a checked file's cases against the ids on this tablet: those it lacks,
 * and those it has (to compare). A case whose printed reference belongs to
 * another case here is refused: a file must not replace a case by its reference.
 */
export function sortAgainstTablet(cases: BackupCase[], tabletIds: Iterable<string>, file: string): { fresh: string[]; existing: BackupCase[] } {
  const sort = tabletSorter(tabletIds, file);
  return sort(cases, 0);
}

/**
 * sortAgainstTablet a chunk at a time (cases from `offset` on in the file): the
 * tablet's ids are gathered once, not once per chunk.
 */
export function tabletSorter(tabletIds: Iterable<string>, file: string): (cases: BackupCase[], offset: number) => { fresh: string[]; existing: BackupCase[] } {
  const byId = new Set(tabletIds);
  const byReference = new Map([...byId].map((id) => [referenceOf(id), id]));
  return (cases, offset) => {
    const fresh: string[] = [];
    const existing: BackupCase[] = [];
    for (const [index, c] of cases.entries()) {
      const reference = referenceOf(c.id);
      const holder = byReference.get(reference);
      if (holder !== undefined && holder !== c.id) throw new BackupError(file, `cases › ${offset + index + 1} › id`, 'reference_clash', reference);
      if (byId.has(c.id)) existing.push(c);
      else fresh.push(c.id);
    }
    return { fresh, existing };
  };
}

/** A checked file opened on this thread (tests, the command line, a browser without module workers). */
export function openedHere(cases: BackupCase[], tabletIds: Iterable<string>, file = 'backup'): OpenedBackup {
  const { fresh, existing } = sortAgainstTablet(cases, tabletIds, file);
  return { total: cases.length, fresh, existing, seal: sealerOf(cases), close: async () => undefined };
}

export interface RestoreReport {
  added: number;
  /** Cases replaced by the file's copy, as the officer chose. */
  updated: number;
  /** File copies added under a new id ("keep both"). */
  copied: number;
  /** Conflicts where this tablet's copy was kept. */
  kept: number;
  unchanged: number;
}

/**
 * JSON with keys in a fixed order, and an empty optional field (null) the same as
 * an absent one: the file's key order or a null written by another version must
 * not make equal cases look different.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined && (value as Record<string, unknown>)[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function side(c: BackupCase): CaseSide {
  return {
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    status: c.status,
    outcome: c.summary.outcome,
    answered: c.summary.answered,
    place: c.content.details?.place?.trim() || null,
    referral: c.summary.referral ?? null,
  };
}

/** Compares a checked file with this tablet; writes nothing. */
export async function planRestore(store: CaseStore, opened: OpenedBackup | BackupCase[], options: { file?: string } = {}): Promise<RestorePlan> {
  const source = Array.isArray(opened) ? openedHere(opened, (await store.entries()).map((e) => e.id), options.file) : opened;
  const plan: RestorePlan = { fresh: [...source.fresh], same: 0, conflicts: [], source };
  const { existing } = source;
  for (let i = 0; i < existing.length; i += 200) {
    const slice = existing.slice(i, i + 200);
    const local = await store.exportMany(slice.map((c) => c.id));
    slice.forEach((c, j) => {
      const mine = local[j];
      if (!mine) plan.fresh.push(c.id);
      else if (canonical(mine) === canonical(c)) plan.same++;
      else plan.conflicts.push({ id: c.id, reference: referenceOf(c.id), device: side(mine), file: side(c) });
    });
    await nextTick();
  }
  return plan;
}

/** Writes what the plan and the officer's choices say (a conflict not chosen keeps this tablet's copy). */
export async function applyRestore(store: CaseStore, plan: RestorePlan, choices: Record<string, ConflictChoice>, onProgress?: ImportProgress): Promise<RestoreReport> {
  const report: RestoreReport = { added: plan.fresh.length, updated: 0, copied: 0, kept: 0, unchanged: plan.same };
  const known = new Set((await store.entries()).map((e) => e.id));
  const writes: RestoreWrite[] = plan.fresh.map((id) => ({ id, as: id }));
  for (const conflict of plan.conflicts) {
    const choice = choices[conflict.id] ?? 'device';
    if (choice === 'file') {
      writes.push({ id: conflict.id, as: conflict.id });
      report.updated++;
    } else if (choice === 'both') {
      let id = newCaseId();
      while (known.has(id)) id = newCaseId();
      known.add(id);
      writes.push({ id: conflict.id, as: id });
      report.copied++;
    } else report.kept++;
  }
  try {
    // A new case written here since the plan (the team, another tab) keeps the tablet's copy.
    const { keptHere } = await store.writeSealed(writes, plan.source, onProgress);
    report.added -= keptHere;
    report.kept += keptHere;
  } finally {
    await plan.source.close();
  }
  await store.audit('import', `${writes.length}`);
  return report;
}

export async function exportCases(store: CaseStore, passphrase: string, onProgress?: ImportProgress): Promise<string> {
  const cases = await store.exportAll();
  const file = await createBackup(cases, passphrase, onProgress);
  await store.audit('export', `${cases.length}`);
  await store.markBackup();
  return file;
}

/**
 * Opens, plans and applies in one call, for callers that settle conflicts in
 * advance (a conflict not named keeps this tablet's copy: nothing is replaced
 * silently). The settings screen calls the three steps itself, to ask.
 */
export async function restoreCases(store: CaseStore, text: string, passphrase: string, choices: Record<string, ConflictChoice> = {}, options: OpenOptions = {}): Promise<RestoreReport> {
  const cases = await openBackup(text, passphrase, options);
  const plan = await planRestore(store, cases, options);
  return applyRestore(store, plan, choices);
}
