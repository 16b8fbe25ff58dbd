/**
 * Opening a backup for a restore: in the restore worker where the browser has
 * module workers (the file is read, decrypted, checked and sealed there, and the
 * cases new to this tablet are staged in its content table as they are
 * checked: restore-staging.ts), on this thread otherwise (tests in Node, the
 * command line).
 */
import { BackupError, type OpenedBackup } from './backup';
import { sealerOf, type RestoreWrite, type SealedCase } from './case-seal';
import type { CaseStore, ImportProgress, RestoreStaging } from './case-store';
import { openAndStage } from './restore-staging';
import { unpack, type Packed } from './index-entry';
import type { RestoreFailure, RestoreReply, RestoreRequest } from './restore.worker';

export interface RestoreOpenOptions {
  /** The questionnaires (id, version) this build has: a case answered with another could not be opened. */
  known: [string, number][];
  /** Chunks of the file checked so far, out of all. */
  onProgress?: ImportProgress;
  /** Stops the opening (the screen went, the tablet locked): the worker and what it decrypted are dropped. */
  signal?: AbortSignal;
}

const asError = (failure: RestoreFailure): Error => ('message' in failure ? new Error(failure.message) : new BackupError(failure.file, failure.field, failure.problem, failure.limit));

/**
 * Opens and checks a backup file whole, and sorts its cases against this
 * tablet's. The cases new to this tablet are staged meanwhile (written, listed
 * nowhere): applying the restore lists them, close() without it deletes them.
 */
export async function openForRestore(store: CaseStore, file: File, passphrase: string, options: RestoreOpenOptions): Promise<OpenedBackup> {
  const tabletIds = (await store.entries()).map((e) => e.id);
  // Rows staged while the file is checked wait for their index entries under a mark and a lock, until end().
  const staging = await store.beginStaging();
  if (typeof Worker === 'undefined') return openOnThisThread(store, staging, file, passphrase, options, tabletIds);
  const worker = new Worker(new URL('./restore.worker.ts', import.meta.url), { type: 'module', name: 'restore' });
  // Each job's reply is checked where it is used (writeSealed): here only routed.
  const jobs = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  let nextJob = 0;
  let closed = false;
  /** Which rows (packs) the worker staged, once it has said (`opened`, or refused having taken them back). */
  let staged: Iterable<string> | null = null;
  const close = (error = new Error('the restore was stopped')) => {
    if (!closed) {
      closed = true;
      worker.terminate();
      for (const job of jobs.values()) job.reject(error);
      jobs.clear();
    }
    // Staged rows the index does not list are deleted (all of them, unless the restore was applied).
    return staging.end(staged);
  };
  const ask = <T>(request: (job: number) => RestoreRequest) =>
    new Promise<T>((resolveJob, rejectJob) => {
      if (closed) return rejectJob(new Error('the restore was stopped'));
      const job = nextJob++;
      jobs.set(job, { resolve: resolveJob as (value: never) => void, reject: rejectJob });
      worker.postMessage(request(job));
    });
  return new Promise<OpenedBackup>((resolve, reject) => {
    const fail = (error: Error) => {
      void close(error).catch(() => undefined);
      reject(error);
    };
    if (options.signal?.aborted) return fail(new Error('the restore was stopped'));
    options.signal?.addEventListener('abort', () => fail(new Error('the restore was stopped')), { once: true });
    worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(`the restore worker stopped: ${event.message}`));
    };
    worker.onmessage = (event: MessageEvent<RestoreReply>) => {
      const reply = event.data;
      if (reply.op === 'progress') options.onProgress?.(reply.done, reply.total);
      else if (reply.op === 'opened') {
        const ids = new Set(reply.staged ? reply.fresh : []);
        staged = reply.staged ?? [];
        resolve({
          total: reply.total,
          fresh: reply.fresh,
          existing: reply.existing,
          seal: (key, writes: RestoreWrite[]) => ask<SealedCase[]>((job) => ({ op: 'seal', job, key, writes })),
          ...(reply.staged ? { staged: { ids, entries: async (wanted: string[]) => (JSON.parse(await ask<string>((job) => ({ op: 'staged', job, ids: wanted }))) as Packed[]).map(unpack) } } : {}),
          close: () => close(),
        });
      } else if (reply.op === 'sealed' || reply.op === 'entries') {
        jobs.get(reply.job)?.resolve((reply.op === 'sealed' ? reply.sealed : reply.entries) as never);
        jobs.delete(reply.job);
      } else if (reply.job === null) {
        // Refused while checking: the worker took back what it staged, unless it says it could not.
        if (!reply.rowsLeft) staged = [];
        fail(asError(reply.failure));
      } else {
        jobs.get(reply.job)?.reject(asError(reply.failure));
        jobs.delete(reply.job);
      }
    };
    worker.postMessage({ op: 'open', file, fileName: file.name, passphrase, known: options.known, tabletIds, stage: { key: staging.key, database: staging.database } } satisfies RestoreRequest);
  });
}

/** The same opening and staging without a worker (Node: the tests). */
async function openOnThisThread(store: CaseStore, staging: RestoreStaging, file: File, passphrase: string, options: RestoreOpenOptions, tabletIds: string[]): Promise<OpenedBackup> {
  const known = (id: string, version: number) => options.known.some(([k, v]) => k === id && v === version);
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    await staging.end([]);
    throw error;
  }
  const opening = await openAndStage(text, passphrase, { file: file.name, knownQuestionnaire: known, onProgress: options.onProgress, tabletIds, stage: { key: staging.key, database: staging.database } });
  if (!opening.ok) {
    await staging.end(opening.rowsLeft ? null : []);
    throw opening.error;
  }
  const stager = opening.stager!;
  const ids = new Set(opening.fresh);
  const rows = stager.rows();
  return {
    total: opening.cases.length,
    fresh: opening.fresh,
    existing: opening.existing,
    seal: sealerOf(opening.cases),
    staged: { ids, entries: async (wanted) => stager.entries(wanted) },
    close: () => staging.end(rows),
  };
}
