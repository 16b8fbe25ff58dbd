/**
 * Encrypted backups of every real case, protected by a passphrase the officer
 * chooses for the file (not the tablet's): restoring on another device needs
 * only the file and that passphrase.
 *
 * Format (JSON, versioned): a header in clear — format, version, key-derivation
 * parameters, IV — and one AES-256-GCM ciphertext whose associated data is the
 * header itself, so changing any byte of header or body makes the file refuse
 * to open. A restore decrypts and checks the whole file before it writes
 * anything, then merges by case id: a case already on the device is replaced
 * only by a newer copy, never duplicated.
 */
import { checkKdfParams, CryptoError, MIN_PBKDF2_ITERATIONS, type KdfParams } from '../crypto/envelope';
import type { CaseContent, CaseStore, CaseSummary } from './case-store';
import type { CaseStatus } from './db';

export const BACKUP_FORMAT = 'screening-448-1-backup';
export const BACKUP_VERSION = 1;

export interface BackupCase {
  id: string;
  createdAt: number;
  updatedAt: number;
  closedAt?: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  summary: CaseSummary;
  content: CaseContent;
}

interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: number;
  kdf: { algorithm: 'PBKDF2-SHA-256'; iterations: number; salt: string };
  iv: string;
  data: string;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

function toBase64(bytes: Uint8Array): string {
  // In slices: spreading a large backup into one call would overflow the stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
function fromBase64(text: unknown, field: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new BackupError(`the backup file is damaged (field "${field}" is missing)`);
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    throw new BackupError(`the backup file is damaged (field "${field}" is not valid)`);
  }
}

function headerText(file: Omit<BackupFile, 'data'>): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([file.format, file.version, file.createdAt, file.kdf.algorithm, file.kdf.iterations, file.kdf.salt, file.iv]));
}

async function fileKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  checkKdfParams(kdf);
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: kdf.salt, iterations: kdf.iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function createBackup(cases: BackupCase[], passphrase: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = {
    format: BACKUP_FORMAT as typeof BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: Date.now(),
    kdf: { algorithm: 'PBKDF2-SHA-256' as const, iterations: MIN_PBKDF2_ITERATIONS, salt: toBase64(salt) },
    iv: toBase64(iv),
  };
  const key = await fileKey(passphrase, { algorithm: 'PBKDF2-SHA-256', iterations: header.kdf.iterations, salt });
  const plaintext = new TextEncoder().encode(JSON.stringify({ cases }));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerText(header) }, key, plaintext));
  return JSON.stringify({ ...header, data: toBase64(data) } satisfies BackupFile);
}

/** Opens and checks a backup completely; throws BackupError with the reason, and writes nothing. */
export async function openBackup(text: string, passphrase: string): Promise<BackupCase[]> {
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(text) as Partial<BackupFile>;
  } catch {
    throw new BackupError('this is not a backup file, or it is truncated');
  }
  if (file?.format !== BACKUP_FORMAT) throw new BackupError('this is not a backup file of this app');
  if (file.version !== BACKUP_VERSION) throw new BackupError(`this backup has format version ${String(file.version)}; this app reads version ${BACKUP_VERSION}`);
  if (!file.kdf || typeof file.createdAt !== 'number') throw new BackupError('the backup file is damaged (header incomplete)');
  const kdf: KdfParams = { algorithm: file.kdf.algorithm, iterations: file.kdf.iterations, salt: fromBase64(file.kdf.salt, 'kdf.salt') };
  try {
    checkKdfParams(kdf);
  } catch (error) {
    throw new BackupError(`the backup file is refused: ${(error as CryptoError).message}`);
  }
  const iv = fromBase64(file.iv, 'iv');
  const data = fromBase64(file.data, 'data');
  const key = await fileKey(passphrase, kdf);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: headerText(file as BackupFile) }, key, data);
  } catch {
    throw new BackupError('the backup does not open: wrong passphrase, or the file was altered or damaged');
  }
  const body = JSON.parse(new TextDecoder().decode(plaintext)) as { cases?: unknown };
  if (!Array.isArray(body.cases)) throw new BackupError('the backup file is damaged (no list of cases)');
  for (const [index, c] of body.cases.entries()) {
    const item = c as Partial<BackupCase>;
    if (typeof item.id !== 'string' || typeof item.updatedAt !== 'number' || !item.content || !item.summary || typeof item.questionnaireId !== 'string') {
      throw new BackupError(`the backup file is damaged (case ${index + 1} is incomplete)`);
    }
  }
  return body.cases as BackupCase[];
}

export interface RestoreReport {
  added: number;
  updated: number;
  unchanged: number;
}

export async function exportCases(store: CaseStore, passphrase: string): Promise<string> {
  const cases = await store.exportAll();
  const file = await createBackup(cases, passphrase);
  await store.audit('export', `${cases.length}`);
  await store.markBackup();
  return file;
}

export async function restoreCases(store: CaseStore, text: string, passphrase: string): Promise<RestoreReport> {
  const cases = await openBackup(text, passphrase);
  return store.importAll(cases);
}
