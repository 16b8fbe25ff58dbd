/**
 * Opening a backup for a restore: in the restore worker where the browser has
 * module workers (the file is read, decrypted, checked and sealed there), on
 * this thread otherwise (tests in Node, the command line).
 */
import { BackupError, openBackup, openedHere, type OpenedBackup } from './backup';
import type { RestoreWrite, SealedCase } from './case-seal';
import type { CaseStore, ImportProgress } from './case-store';
import type { CaseIndexEntry } from './types';
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

/** Opens and checks a backup file whole, and sorts its cases against this tablet's; writes nothing. */
export async function openForRestore(store: CaseStore, file: File, passphrase: string, options: RestoreOpenOptions): Promise<OpenedBackup> {
  const tabletIds = (await store.entries()).map((e) => e.id);
  if (typeof Worker === 'undefined') {
    const known = (id: string, version: number) => options.known.some(([k, v]) => k === id && v === version);
    const cases = await openBackup(await file.text(), passphrase, { file: file.name, knownQuestionnaire: known, onProgress: options.onProgress });
    return openedHere(cases, tabletIds, file.name);
  }
  const worker = new Worker(new URL('./restore.worker.ts', import.meta.url), { type: 'module', name: 'restore' });
  // Each job's reply is checked where it is used (writeSealed): here only routed.
  const jobs = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  let nextJob = 0;
  let closed = false;
  const close = (error = new Error('the restore was stopped')) => {
    closed = true;
    worker.terminate();
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
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
      close(error);
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
        resolve({
          total: reply.total,
          fresh: reply.fresh,
          existing: reply.existing,
          seal: (key, writes: RestoreWrite[]) => ask<SealedCase[]>((job) => ({ op: 'seal', job, key, writes })),
          sealAndAdd: (key, database, writes) => ask<CaseIndexEntry[]>((job) => ({ op: 'add', job, key, database, writes })),
          close: () => close(),
        });
      } else if (reply.op === 'sealed' || reply.op === 'added') {
        jobs.get(reply.job)?.resolve((reply.op === 'sealed' ? reply.sealed : reply.entries) as never);
        jobs.delete(reply.job);
      } else if (reply.job === null) fail(asError(reply.failure));
      else {
        jobs.get(reply.job)?.reject(asError(reply.failure));
        jobs.delete(reply.job);
      }
    };
    worker.postMessage({ op: 'open', file, fileName: file.name, passphrase, known: options.known, tabletIds } satisfies RestoreRequest);
  });
}
