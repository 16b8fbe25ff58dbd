/// <reference lib="webworker" />
/**
 * Opens a backup off the screen's thread: reads the file, derives its key,
 * decrypts and checks every chunk (backup.ts, the same code as on the screen's
 * thread), then seals the cases asked for with the tablet's data key, and adds
 * those new to the tablet to its content table itself. The screen's thread only
 * updates the case index, so a 20,000-case restore keeps the screen answering
 * and does not wait for a slow tablet's main thread.
 *
 * The decrypted cases live here until the screen's thread terminates this
 * worker: after the write, on cancel, on lock.
 */
import { ImportError } from '../content/import-check';
import { openBackup, sortAgainstTablet, type BackupCase } from './backup';
import { sealerOf, type CaseSealer, type RestoreWrite, type SealedCase } from './case-seal';
import { addContentRows } from './add-rows';
import type { CaseIndexEntry } from './types';

export type RestoreRequest =
  | { op: 'open'; file: Blob; fileName: string; passphrase: string; known: [string, number][]; tabletIds: string[] }
  | { op: 'seal'; job: number; key: CryptoKey; writes: RestoreWrite[] }
  | { op: 'add'; job: number; key: CryptoKey; database: string; writes: RestoreWrite[] };

/** A refusal as plain data (a class does not cross to another thread): rebuilt as a BackupError on the other side. */
export type RestoreFailure = { file: string; field: string | null; problem: ImportError['problem']; limit: string | null } | { message: string };

export type RestoreReply =
  | { op: 'progress'; done: number; total: number }
  | { op: 'opened'; total: number; fresh: string[]; existing: BackupCase[] }
  | { op: 'sealed'; job: number; sealed: SealedCase[] }
  | { op: 'added'; job: number; entries: CaseIndexEntry[] }
  | { op: 'failed'; job: number | null; failure: RestoreFailure };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let seal: CaseSealer | null = null;

const failure = (error: unknown): RestoreFailure =>
  error instanceof ImportError ? { file: error.file, field: error.field, problem: error.problem, limit: error.limit } : { message: error instanceof Error ? error.message : String(error) };

scope.onmessage = async (event: MessageEvent<RestoreRequest>) => {
  const request = event.data;
  if (request.op === 'open') {
    try {
      const known = new Set(request.known.map(([id, version]) => `${id}\u0000${version}`));
      const cases = await openBackup(await request.file.text(), request.passphrase, {
        file: request.fileName,
        knownQuestionnaire: (id, version) => known.has(`${id}\u0000${version}`),
        onProgress: (done, total) => scope.postMessage({ op: 'progress', done, total } satisfies RestoreReply),
      });
      const { fresh, existing } = sortAgainstTablet(cases, request.tabletIds, request.fileName);
      seal = sealerOf(cases);
      scope.postMessage({ op: 'opened', total: cases.length, fresh, existing } satisfies RestoreReply);
    } catch (error) {
      scope.postMessage({ op: 'failed', job: null, failure: failure(error) } satisfies RestoreReply);
    }
    return;
  }
  try {
    if (!seal) throw new Error('no backup is open');
    const sealed = await seal(request.key, request.writes);
    if (request.op === 'add') {
      await addContentRows(request.database, sealed.map((s) => s.row));
      scope.postMessage({ op: 'added', job: request.job, entries: sealed.map((s) => s.entry) } satisfies RestoreReply);
      return;
    }
    // The ciphertexts move to the screen's thread rather than being copied.
    const buffers = sealed.flatMap(({ row }) => [row.content.iv.buffer, row.content.data.buffer, ...(row.head ? [row.head.iv.buffer, row.head.data.buffer] : [])]);
    scope.postMessage({ op: 'sealed', job: request.job, sealed } satisfies RestoreReply, buffers);
  } catch (error) {
    scope.postMessage({ op: 'failed', job: request.job, failure: failure(error) } satisfies RestoreReply);
  }
};
