/**
 * Staging a restore: the cases new to this tablet are sealed and added to the
 * content table while the rest of the file is still being checked, so that
 * IndexedDB writes (the slowest part of a large restore) run beside the
 * decryption and checking instead of after them. They are written a hundred to
 * a row (case-pack.ts): IndexedDB's cost is per row.
 *
 * Staged rows are invisible: nothing lists a case the index does not hold, and
 * the index is only written when the restore is applied. Before the first
 * row, the screen's thread leaves a sealed mark (CaseStore.beginStaging); if
 * the file is refused the stager deletes every row it added, and if the tablet
 * stops first, the next unlock finds the mark and deletes the rows the index
 * does not list. A staged row is only ever added (`add`, never `put`), and only
 * rows whose add committed are ever deleted: nothing already on the tablet is
 * touched.
 *
 * Runs in the restore worker, and in Node for the tests (raw IndexedDB).
 */
import { addContentRows, deleteContentRows } from './add-rows';
import { openBackup, tabletSorter, type OpenOptions } from './backup';
import { PACK_SIZE, sealPack } from './case-pack';
import type { BackupCase, CaseIndexEntry } from './types';

/** Cases per transaction (ten packs): the checking of the file stays this close ahead of the writing. */
const ROWS_PER_WRITE = 1000;
/** Writes queued behind IndexedDB at once: checking stays this far ahead of writing, and no further. */
const WRITES_AHEAD = 2;

export class RestoreStager {
  /** Cases whose pack's add committed, by id, with their entries (which name the pack). */
  private readonly staged = new Map<string, CaseIndexEntry>();
  /** Packs whose add committed: the only rows discard() deletes. */
  private readonly packs = new Set<string>();
  private waiting: BackupCase[] = [];
  private readonly writing: Promise<void>[] = [];
  private failure: unknown = null;

  constructor(
    private readonly key: CryptoKey,
    private readonly database: string,
  ) {}

  /**
   * Queues cases new to this tablet; resolves once their sealing and writing is
   * under way, waiting first while WRITES_AHEAD batches are still being sealed or
   * written (the checking of the file never runs further ahead than that).
   */
  async stage(cases: BackupCase[]): Promise<void> {
    this.waiting.push(...cases);
    while (this.waiting.length >= ROWS_PER_WRITE) await this.write(this.waiting.splice(0, ROWS_PER_WRITE));
  }

  /** Writes what is still queued and waits for every write: throws the first failure. */
  async settled(): Promise<number> {
    if (this.waiting.length > 0) await this.write(this.waiting.splice(0));
    await Promise.all(this.writing.splice(0));
    if (this.failure) throw this.failure;
    return this.staged.size;
  }

  /** The index entries of staged cases, in the order asked; refuses an id that was not staged. */
  entries(ids: string[]): CaseIndexEntry[] {
    return ids.map((id) => {
      const entry = this.staged.get(id);
      if (!entry) throw new Error(`case ${id} was not staged`);
      return entry;
    });
  }

  /** The rows staged (packs): what must be deleted unless the index comes to name them. */
  rows(): string[] {
    return [...this.packs];
  }

  /** Takes back every staged row (the file was refused): waits for writes still running first. */
  async discard(): Promise<void> {
    this.waiting = [];
    await Promise.allSettled(this.writing.splice(0));
    const ids = [...this.packs];
    await deleteContentRows(this.database, ids);
    for (const id of ids) this.packs.delete(id);
    this.staged.clear();
  }

  private async write(cases: BackupCase[]): Promise<void> {
    while (this.writing.length >= WRITES_AHEAD) await this.writing.shift();
    if (this.failure) throw this.failure;
    // Sealed (WebCrypto works on its own threads) and written while the file's next chunks are checked.
    const job = (async () => {
      const groups: BackupCase[][] = [];
      for (let i = 0; i < cases.length; i += PACK_SIZE) groups.push(cases.slice(i, i + PACK_SIZE));
      const sealed = await Promise.all(groups.map((group) => sealPack(this.key, group)));
      await addContentRows(
        this.database,
        sealed.map((s) => s.row),
      );
      for (const s of sealed) {
        this.packs.add(s.row.id);
        for (const entry of s.entries) this.staged.set(entry.id, entry);
      }
    })().catch((error: unknown) => {
      this.failure ??= error;
    });
    this.writing.push(job);
  }
}
export type StagedOpening =
  | { ok: true; cases: BackupCase[]; fresh: string[]; existing: BackupCase[]; stager: RestoreStager | null }
  /** `rowsLeft`: staged rows could not all be taken back (the next unlock deletes them). */
  | { ok: false; error: unknown; rowsLeft: boolean };

/**
 * Opens and checks a backup file (backup.ts) and sorts its cases against the
 * tablet's ids a chunk at a time; with `stage`, stages each chunk's new cases as
 * soon as it is checked. Refused, it takes back what it staged before saying so.
 */
export async function openAndStage(text: string, passphrase: string, options: OpenOptions & { tabletIds: Iterable<string>; stage: { key: CryptoKey; database: string } | null }): Promise<StagedOpening> {
  const stager = options.stage ? new RestoreStager(options.stage.key, options.stage.database) : null;
  const sort = tabletSorter(options.tabletIds, options.file ?? 'backup');
  const fresh: string[] = [];
  const existing: BackupCase[] = [];
  try {
    const cases = await openBackup(text, passphrase, {
      ...options,
      onChunk: async (chunk, offset) => {
        const sorted = sort(chunk, offset);
        fresh.push(...sorted.fresh);
        existing.push(...sorted.existing);
        if (stager && sorted.fresh.length > 0) {
          const isFresh = new Set(sorted.fresh);
          await stager.stage(chunk.filter((c) => isFresh.has(c.id)));
        }
      },
    });
    await stager?.settled();
    return { ok: true, cases, fresh, existing, stager };
  } catch (error) {
    const rowsLeft = stager ? await stager.discard().then(() => false, () => true) : false;
    return { ok: false, error, rowsLeft };
  }
}
