/// <reference lib="webworker" />
/**
 * Opens a backup off the screen's thread: reads the file, derives its key,
 * decrypts and checks every chunk (backup.ts, the same code as on the screen's
 * thread). Asked to stage, it seals each checked chunk's cases new to the tablet
 * with the tablet's data key and adds them to its content table while the next
 * chunks are checked (restore-staging.ts), and takes them back if a later chunk
 * is refused. The screen's thread only writes the case index, so a 20,000-case
 * restore keeps the screen answering and does not wait for a slow tablet's main
 * thread. Cases that replace or sit beside one here are sealed on request and
 * written by the screen's thread, with their index shard.
 *
 * The decrypted cases live here until the screen's thread terminates this
 * worker: after the write, on cancel, on lock.
 */
import { ImportError } from '../content/import-check';
import type { BackupCase } from './backup';
import { sealerOf, type CaseSealer, type RestoreWrite, type SealedCase } from './case-seal';
import { openAndStage, type RestoreStager } from './restore-staging';
import { pack } from './index-entry';

export type RestoreRequest =
  | { op: 'open'; file: Blob; fileName: string; passphrase: string; known: [string, number][]; tabletIds: string[]; stage: { key: CryptoKey; database: string } | null }
  | { op: 'seal'; job: number; key: CryptoKey; writes: RestoreWrite[] }
  | { op: 'staged'; job: number; ids: string[] };

/** A refusal as plain data (a class does not cross to another thread): rebuilt as a BackupError on the other side. */
export type RestoreFailure = { file: string; field: string | null; problem: ImportError['problem']; limit: string | null } | { message: string };

export type RestoreReply =
  | { op: 'progress'; done: number; total: number }
  /** `staged`: the rows (packs) that hold every fresh case, added to the content table and waiting for their index entries; null when nothing was staged. */
  | { op: 'opened'; total: number; fresh: string[]; existing: BackupCase[]; staged: string[] | null }
  | { op: 'sealed'; job: number; sealed: SealedCase[] }
  /** The entries packed (index-entry.ts) as one JSON text: parsed on the screen's thread in a fraction of the time 1,000 objects take to arrive one by one. */
  | { op: 'entries'; job: number; entries: string }
  /** `rowsLeft`: staged rows could not all be taken back (the next unlock deletes them). */
  | { op: 'failed'; job: number | null; failure: RestoreFailure; rowsLeft?: boolean };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let seal: CaseSealer | null = null;
let stager: RestoreStager | null = null;

const failure = (error: unknown): RestoreFailure =>
  error instanceof ImportError ? { file: error.file, field: error.field, problem: error.problem, limit: error.limit } : { message: error instanceof Error ? error.message : String(error) };

scope.onmessage = async (event: MessageEvent<RestoreRequest>) => {
  const request = event.data;
  if (request.op === 'open') {
    const known = new Set(request.known.map(([id, version]) => `${id}\u0000${version}`));
    const opening = await openAndStage(await request.file.text(), request.passphrase, {
      file: request.fileName,
      knownQuestionnaire: (id, version) => known.has(`${id}\u0000${version}`),
      onProgress: (done, total) => scope.postMessage({ op: 'progress', done, total } satisfies RestoreReply),
      tabletIds: request.tabletIds,
      stage: request.stage,
    });
    if (!opening.ok) {
      // Refused (or the disk is full): what was staged was taken back before the refusal is told.
      scope.postMessage({ op: 'failed', job: null, failure: failure(opening.error), rowsLeft: opening.rowsLeft } satisfies RestoreReply);
      return;
    }
    seal = sealerOf(opening.cases);
    stager = opening.stager;
    scope.postMessage({ op: 'opened', total: opening.cases.length, fresh: opening.fresh, existing: opening.existing, staged: stager ? stager.rows() : null } satisfies RestoreReply);
    return;
  }
  try {
    if (request.op === 'staged') {
      if (!stager) throw new Error('no cases were staged');
      scope.postMessage({ op: 'entries', job: request.job, entries: JSON.stringify(stager.entries(request.ids).map(pack)) } satisfies RestoreReply);
      return;
    }
    if (!seal) throw new Error('no backup is open');
    const sealed = await seal(request.key, request.writes);
    // The ciphertexts move to the screen's thread rather than being copied.
    const buffers = sealed.flatMap(({ row }) => [row.content.iv.buffer, row.content.data.buffer, ...(row.head ? [row.head.iv.buffer, row.head.data.buffer] : [])]);
    scope.postMessage({ op: 'sealed', job: request.job, sealed } satisfies RestoreReply, buffers);
  } catch (error) {
    scope.postMessage({ op: 'failed', job: request.job, failure: failure(error) } satisfies RestoreReply);
  }
};
