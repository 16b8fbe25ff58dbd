/**
 * The sealed case index: every case's head (dates, status, outcome, place,
 * person's language, latest referral, statistics record) in SHARD_COUNT sealed
 * shards, keyed by a hash of the case id. Opened once after unlock into memory,
 * so that the case list, the home screen, retention and statistics never decrypt
 * a case; a save re-seals the one shard its case falls in, in the same
 * transaction as the case's own rows.
 *
 * Writes are queued one after another in this tab, and each transaction checks
 * that the shards it replaces are those it read (their IV), so a save in another
 * tab is never overwritten: the write is prepared again on top of it. Other tabs
 * are told which shards changed (BroadcastChannel, shard numbers only) and read
 * them again before their next list.
 *
 * The heads sealed per case (and in each restore pack, case-pack.ts) are the
 * truth; the index can be rebuilt from them, and is, when a shard does not open
 * or does not count the cases there are.
 *
 * One more sealed row, after the shards, holds the RECENT_COUNT most recently
 * changed cases: the case list draws its first rows from it right after unlock,
 * while the shards are still opening (at 20,000 cases that takes about a second
 * on a slow tablet). It is a cache, rewritten from the open index a moment after
 * the writes stop; the list shows the whole index as soon as it is open.
 */
import type { Table } from 'dexie';
import { open, seal, type Envelope } from '../crypto/envelope';
import type { IndexShardRow, ScreeningDb } from './db';
import { SCHEMA_VERSION, STAGING_MARK } from './names';
import { StorageError, describeFailure } from './records';
import type { CaseIndexEntry } from './types';
import { openHead, pack, unpack, type Packed } from './index-entry';
import { isPackId, openPack, PACK_PREFIX } from './case-pack';

export { HEAD_PAD, headAddress, openHead, pack, sealHead, unpack } from './index-entry';

/** What opening the index does with content rows it does not list (see CaseIndex.open). */
export type Unlisted = 'rebuild' | 'drop' | 'keep';

/** 64 shards: a save re-seals about 1/64 of the index (some 300 entries at 20,000 cases). */
export const SHARD_COUNT = 64;
/** Shards and heads are padded: their length does not tell a status or a referral. */
const SHARD_PAD = 4096;
/** The row after the shards: the most recently changed cases (see above). */
const RECENT_ROW = SHARD_COUNT;
/** More than a tablet's screen holds (some six rows). */
export const RECENT_COUNT = 50;
/** The recent row is rewritten this long after the last write (a burst of answers writes it once). */
const RECENT_DELAY_MS = 1000;

/** FNV-1a of the id: ids from a backup file need not be uniformly random in their first letter. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARD_COUNT;
}

/**
 * Splits many cases into chunks of whole shards (about `size` cases each), so that
 * a bulk write or delete seals each shard once, not once per chunk.
 */
export function chunkByShard<T>(items: T[], idOf: (item: T) => string, size: number): T[][] {
  const byShard = new Map<number, T[]>();
  for (const item of items) {
    const shard = shardOf(idOf(item));
    const list = byShard.get(shard);
    if (list) list.push(item);
    else byShard.set(shard, [item]);
  }
  const chunks: T[][] = [];
  let chunk: T[] = [];
  for (const shard of [...byShard.keys()].sort((a, b) => a - b)) {
    chunk.push(...byShard.get(shard)!);
    if (chunk.length >= size) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

const shardAddress = (shard: number) => ({ table: 'caseIndex', id: String(shard), schema: SCHEMA_VERSION });
const recentAddress = { table: 'caseIndex', id: 'recent', schema: SCHEMA_VERSION };

/** The recent row (see above), as the case list and the home screen read it right after unlock. */
export interface RecentCases {
  /** The RECENT_COUNT cases changed last, most recent first. */
  latest: CaseIndexEntry[];
  latestInProgress: CaseIndexEntry | null;
  count: number;
}
type PackedRecent = { latest: Packed[]; latestInProgress: Packed | null; count: number };

/** The `count` entries changed last, most recent first, without sorting them all (n log count). */
export function mostRecent(entries: Iterable<CaseIndexEntry>, count: number): CaseIndexEntry[] {
  // Kept oldest first, so that the one to drop is at the start.
  const top: CaseIndexEntry[] = [];
  for (const entry of entries) {
    if (top.length === count && entry.updatedAt <= top[0]!.updatedAt) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (top[middle]!.updatedAt < entry.updatedAt) low = middle + 1;
      else high = middle;
    }
    top.splice(low, 0, entry);
    if (top.length > count) top.shift();
  }
  return top.reverse();
}

interface Shard {
  entries: Map<string, CaseIndexEntry>;
  /** The IV of the sealed row these entries came from (null: no row yet). */
  iv: Uint8Array | null;
  /** The cross-tab generation this shard was read at. */
  generation: number;
}

/** Shard generations per database, bumped when another tab says it wrote a shard. */
const generations = new Map<string, Uint32Array>();
const generationsOf = (name: string) => {
  let found = generations.get(name);
  if (!found) generations.set(name, (found = new Uint32Array(SHARD_COUNT)));
  return found;
};
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('screening-case-index');
channel?.addEventListener('message', (event: MessageEvent<{ db?: unknown; shards?: unknown }>) => {
  const { db, shards } = event.data ?? {};
  if (typeof db !== 'string' || !Array.isArray(shards)) return;
  const gens = generationsOf(db);
  for (const shard of shards) if (Number.isInteger(shard) && shard >= 0 && shard < SHARD_COUNT) gens[shard]!++;
});
// In Node (tests, the command line) the channel must not keep the process alive.
(channel as unknown as { unref?: () => void } | null)?.unref?.();

function sameIv(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class ShardChanged extends Error {}

/** A new task: lets the screen draw and answer a tap in the middle of a long job. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What one index write changes, prepared (sealed) before its transaction opens. */
export interface IndexWrite {
  put?: CaseIndexEntry[];
  remove?: string[];
  /** The other tables the transaction writes (cases, content, meta…). */
  tables?: Table[];
  /**
   * Runs inside the transaction, after the shards are checked: puts and deletes
   * only, no WebCrypto. It returns the writes it made, every one of them made
   * before it returns: the transaction is committed right after, and a write made
   * later (after an await) would fail once the others were already committed.
   * Returning a list, not a promise, is what keeps an `async` function out.
   */
  apply?: () => readonly (Promise<unknown> | false | null)[];
  /** What `apply` writes, still being sealed: sealed alongside the shards, before the transaction opens. */
  sealing?: Promise<unknown>;
  /**
   * Runs inside the transaction before `apply`, reads only: false when a row the
   * change was prepared from is gone (another tab moved a pack's cases out), and
   * the change is prepared again.
   */
  verify?: () => Promise<boolean>;
}

export type Lookup = (id: string) => Promise<CaseIndexEntry | undefined>;

export class CaseIndex {
  private readonly shards: (Shard | undefined)[] = new Array<Shard | undefined>(SHARD_COUNT).fill(undefined);
  private opening: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private fullyOpen = false;
  private recentTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set on lock: nothing is opened or written for the recent row any more. */
  private closed = false;
  /** What the recent row holds as far as this tab knows (packed, as JSON): it is not rewritten unchanged. */
  private recentWritten: string | null = null;
  /** Bumped whenever the entries in memory change: lets callers cache what they derive. */
  version = 0;

  constructor(
    private readonly db: ScreeningDb,
    private readonly key: CryptoKey,
  ) {}

  /** Runs jobs one after another; a failed job does not stop the next. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads and opens every shard, once. Cases whose shard does not open are found
   * again from their heads. `unlisted` says what to do with content rows the
   * index does not list: rebuild the index from every case's head (a bulk write
   * stopped between its rows and its index), delete them (a restore's staged
   * rows, left by a tablet that stopped before the restore was applied), or
   * leave them (another tab is staging a restore now). The first call decides.
   */
  open(unlisted: Unlisted = 'rebuild'): Promise<void> {
    this.opening ??= this.enqueue(() => this.openAll(unlisted)).catch((error: unknown) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  private async openAll(unlisted: Unlisted): Promise<void> {
    // The generations as they were before the rows are read: a shard another tab writes while
    // this one decrypts must not be stamped as current.
    const gens = Uint32Array.from(generationsOf(this.db.name));
    // The content's ids (only when rows may be deleted: else the count of cases' own rows and
    // the restore packs' ids) in the same transaction as the shards, so that a case another
    // tab writes meanwhile is in neither.
    const [rows, contentIds, ownCount, packIds] = await this.db.transaction('r', [this.db.caseIndex, this.db.content], async () => {
      if (unlisted === 'drop') {
        const [shardRows, ids] = await Promise.all([this.db.caseIndex.toArray(), this.db.content.toCollection().primaryKeys() as Promise<string[]>]);
        return [shardRows, ids, ids.filter((id) => !isPackId(id)).length, ids.filter(isPackId)] as const;
      }
      const [shardRows, own, packs] = await Promise.all([
        this.db.caseIndex.toArray(),
        this.db.content.where(':id').below(PACK_PREFIX).count(),
        this.db.content.where(':id').aboveOrEqual(PACK_PREFIX).primaryKeys() as Promise<string[]>,
      ]);
      return [shardRows, null, own, packs] as const;
    });
    const broken = await this.openChanged(rows, gens);
    for (let shard = 0; shard < SHARD_COUNT; shard++) {
      if (!this.shards[shard] && !broken.has(shard) && !rows.some((r) => r.shard === shard)) this.shards[shard] = { entries: new Map(), iv: null, generation: gens[shard]! };
    }
    let counted = 0;
    for (const shard of this.shards) counted += shard?.entries.size ?? 0;
    // The cases stored: each own row, and each case the index places in a pack that is there.
    let caseCount = ownCount;
    if (packIds.length > 0) {
      const packs = new Set(packIds);
      for (const shard of this.shards) if (shard) for (const entry of shard.entries.values()) if (entry.pack !== undefined && packs.has(entry.pack)) caseCount++;
    }
    // (Packs no entry names do not count: they are looked for whenever there are packs.)
    if (contentIds && (counted !== caseCount || packIds.length > 0)) caseCount -= await this.deleteUnlisted(broken, contentIds);
    // A shard that does not open, or an index that does not count every case, is
    // rebuilt from the cases' own sealed heads: the index is never the only copy.
    const recount = counted !== caseCount && unlisted !== 'keep';
    if (broken.size > 0 || recount) await this.rebuild(recount ? null : broken);
    this.fullyOpen = true;
    this.version++;
    // Another tab, or a tab closed before its timer ran, may have left the recent row behind:
    // written now (queued after this opening), so that the next unlock has it.
    void this.writeRecent().catch(() => undefined);
  }

  /**
   * What the recent row holds: the most recently changed cases, most recent
   * first, the latest case still in progress and how many cases there were —
   * read without opening the shards; null when there is no such row or it does
   * not open. It may be a moment behind the index (see RECENT_DELAY_MS), and may
   * name a case deleted since: callers check.
   */
  async recent(): Promise<RecentCases | null> {
    const row = await this.db.caseIndex.get(RECENT_ROW);
    if (!row) return null;
    try {
      const packed = await open<PackedRecent>(this.key, row.sealed, recentAddress);
      this.recentWritten ??= JSON.stringify(packed);
      return { latest: packed.latest.map(unpack), latestInProgress: packed.latestInProgress ? unpack(packed.latestInProgress) : null, count: packed.count };
    } catch {
      return null;
    }
  }

  /** Rewrites the recent row a moment after the last write (a burst of saves writes it once). */
  private scheduleRecent(): void {
    if (this.recentTimer !== null) clearTimeout(this.recentTimer);
    this.recentTimer = setTimeout(() => {
      this.recentTimer = null;
      void this.writeRecent().catch(() => undefined);
    }, RECENT_DELAY_MS);
    // In Node (tests, the command line) the timer must not keep the process alive.
    (this.recentTimer as unknown as { unref?: () => void }).unref?.();
  }

  private writeRecent(): Promise<void> {
    return this.enqueue(async () => {
      // Only the whole index knows which cases are the latest: until it is open, its opening will write the row.
      if (!this.fullyOpen || this.closed) return;
      const all = function* (shards: (Shard | undefined)[]) {
        for (const shard of shards) if (shard) yield* shard.entries.values();
      };
      let count = 0;
      let latestInProgress: CaseIndexEntry | null = null;
      for (const entry of all(this.shards)) {
        count++;
        if (entry.status === 'in_progress' && (!latestInProgress || entry.updatedAt > latestInProgress.updatedAt)) latestInProgress = entry;
      }
      const packed: PackedRecent = { latest: mostRecent(all(this.shards), RECENT_COUNT).map(pack), latestInProgress: latestInProgress && pack(latestInProgress), count };
      const json = JSON.stringify(packed);
      if (json === this.recentWritten) return;
      const sealed = count > 0 ? await seal(this.key, packed, recentAddress, SHARD_PAD) : null;
      if (!this.fullyOpen || this.closed) return; // locked meanwhile: nothing is written after a lock
      await this.db.transaction('rw', this.db.caseIndex, async () => {
        // A device wiped meanwhile (no shard left) gets nothing back.
        if (sealed && (await this.db.caseIndex.where('shard').below(RECENT_ROW).count()) > 0) await this.db.caseIndex.put({ shard: RECENT_ROW, sealed });
        else await this.db.caseIndex.delete(RECENT_ROW);
      });
      this.recentWritten = json;
    });
  }

  /**
   * Deletes the content rows the index does not list: a restore's staged rows
   * that never reached it (see CaseStore.beginStaging), and its packs that no
   * entry names. In a shard that does not open every row is kept: its rebuild
   * lists them; with any such shard, every pack is kept. `ids` are the content's
   * ids read in the same transaction as the shards in memory. Returns how many
   * cases' own rows went.
   */
  private async deleteUnlisted(broken: ReadonlySet<number>, ids: readonly string[]): Promise<number> {
    const unlisted = ids.filter((id) => !isPackId(id) && !broken.has(shardOf(id)) && !this.shards[shardOf(id)]?.entries.has(id));
    const named = broken.size > 0 ? null : this.namedPacks();
    const packs = named ? ids.filter((id) => isPackId(id) && !named.has(id)) : [];
    const going = [...unlisted, ...packs];
    for (let i = 0; i < going.length; i += 1000) await this.db.content.bulkDelete(going.slice(i, i + 1000));
    return unlisted.length;
  }

  /**
   * The cases the index places in a pack, every shard read as it is now. Not queued:
   * for a write's `prepare`, which runs in the queue.
   */
  async namingPack(pack: string): Promise<string[]> {
    const ids: string[] = [];
    for (let shard = 0; shard < SHARD_COUNT; shard++) for (const entry of (await this.shard(shard)).entries.values()) if (entry.pack === pack) ids.push(entry.id);
    return ids;
  }

  /**
   * The packs named by the shards other than `only`: those in memory, and those on
   * disk not yet read (opened here directly, not through shard(), which would
   * rebuild a broken one again from inside this rebuild).
   */
  private async packsNamedOutside(only: Set<number> | null): Promise<Set<string>> {
    const named = this.namedPacks();
    if (!only) return named;
    for (const row of await this.db.caseIndex.toArray()) {
      if (row.shard < 0 || row.shard >= SHARD_COUNT || only.has(row.shard) || this.shards[row.shard]) continue;
      const entries = await this.openShard(row).catch(() => null);
      for (const entry of entries?.values() ?? []) if (entry.pack !== undefined) named.add(entry.pack);
    }
    return named;
  }

  /** The packs the entries in memory name (case-pack.ts). */
  private namedPacks(): Set<string> {
    const packs = new Set<string>();
    for (const shard of this.shards) if (shard) for (const entry of shard.entries.values()) if (entry.pack !== undefined) packs.add(entry.pack);
    return packs;
  }

  /**
   * Which of `ids` (cases, or restore packs) the open index lists or names, from
   * memory; null when it is not open (locked): nothing is read or decrypted for it.
   */
  listedAmong(ids: Iterable<string>): Set<string> | null {
    if (!this.fullyOpen || this.closed) return null;
    const listed = new Set<string>();
    let named: Set<string> | null = null;
    for (const id of ids) {
      if (isPackId(id)) {
        named ??= this.namedPacks();
        if (named.has(id)) listed.add(id);
      } else if (this.shards[shardOf(id)]?.entries.has(id)) listed.add(id);
    }
    return listed;
  }

  /**
   * deleteUnlisted() on the open index, queued after the writes before it. Every
   * shard is first checked against its row on disk, not against what another tab
   * said it wrote: a tab that stopped between applying a restore and taking its
   * mark away, or a message that did not arrive, must not make this tab delete
   * cases that tab listed. A shard that does not open keeps its rows.
   */
  async dropUnlisted(): Promise<number> {
    await this.open();
    return this.enqueue(async () => {
      const gens = Uint32Array.from(generationsOf(this.db.name));
      // One transaction: a case another tab writes meanwhile (its row and its shard together) is in neither.
      const [rows, ids] = await this.db.transaction('r', [this.db.caseIndex, this.db.content], () =>
        Promise.all([this.db.caseIndex.toArray(), this.db.content.toCollection().primaryKeys() as Promise<string[]>]),
      );
      return this.deleteUnlisted(await this.openChanged(rows, gens), ids);
    });
  }

  /**
   * Opens each shard row whose IV is not that of the shard in memory, stamped with
   * the generations `gens` read before the rows; returns the shards that do not open.
   */
  private async openChanged(rows: IndexShardRow[], gens: Uint32Array): Promise<Set<number>> {
    const broken = new Set<number>();
    await Promise.all(
      rows.map(async (row) => {
        if (row.shard < 0 || row.shard >= SHARD_COUNT || sameIv(this.shards[row.shard]?.iv ?? null, row.sealed.iv)) return;
        try {
          this.shards[row.shard] = { entries: await this.openShard(row), iv: row.sealed.iv, generation: gens[row.shard]! };
          this.version++;
        } catch {
          broken.add(row.shard);
        }
      }),
    );
    return broken;
  }

  private async openShard(row: IndexShardRow): Promise<Map<string, CaseIndexEntry>> {
    const list = await open<Packed[]>(this.key, row.sealed, shardAddress(row.shard));
    const entries = new Map<string, CaseIndexEntry>();
    for (const packed of list) if (shardOf(packed[0]) === row.shard) entries.set(packed[0], unpack(packed));
    return entries;
  }

  /** Rebuilds the given shards (all when null) from the heads sealed in each case's row, and in each restore pack. */
  private async rebuild(only: Set<number> | null): Promise<void> {
    const all = (await this.db.content.toCollection().primaryKeys()) as string[];
    const own = new Set(all.filter((id) => !isPackId(id)));
    const ids = [...own].filter((id) => !only || only.has(shardOf(id)));
    const byShard = new Map<number, Map<string, CaseIndexEntry>>();
    for (let shard = 0; shard < SHARD_COUNT; shard++) if (!only || only.has(shard)) byShard.set(shard, new Map());
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.content.bulkGet(ids.slice(i, i + 500));
      const entries = await Promise.all(rows.map((row) => (row?.head ? openHead(this.key, row.id, row.head).catch(() => null) : null)));
      for (const entry of entries) if (entry) byShard.get(shardOf(entry.id))!.set(entry.id, entry);
    }
    // A pack's cases, each entry naming the pack (a case with a row of its own is never in one).
    // While a restore's mark is there, a pack no shard in memory names may be a restore's
    // staged cases, not yet anyone's: left out (a pack's hundred cases fall in many shards).
    const named = (await this.db.meta.get(STAGING_MARK)) ? await this.packsNamedOutside(only) : null;
    for (const packId of all.filter((id) => isPackId(id) && (!named || named.has(id)))) {
      const row = await this.db.content.get(packId);
      const members = row ? await openPack(this.key, packId, row.content).catch(() => null) : null;
      for (const [id, member] of members ?? []) {
        const shard = byShard.get(shardOf(id));
        // A case with a row of its own: that row is the case, the pack's copy is older.
        if (shard && !shard.has(id) && !own.has(id)) shard.set(id, member.entry);
      }
    }
    const sealed = await Promise.all([...byShard].map(async ([shard, entries]) => ({ shard, entries, sealed: await this.sealShard(shard, entries) })));
    await this.db.transaction('rw', this.db.caseIndex, () => this.db.caseIndex.bulkPut(sealed.map(({ shard, sealed: s }) => ({ shard, sealed: s }))));
    const gens = generationsOf(this.db.name);
    for (const { shard, entries, sealed: s } of sealed) this.shards[shard] = { entries, iv: s.iv, generation: ++gens[shard]! };
    this.version++;
    channel?.postMessage({ db: this.db.name, shards: sealed.map((s) => s.shard) });
    this.scheduleRecent();
  }

  private sealShard(shard: number, entries: Map<string, CaseIndexEntry>): Promise<Envelope> {
    return seal(this.key, [...entries.values()].map(pack), shardAddress(shard), SHARD_PAD);
  }

  /** One shard as it is now: from memory when no other tab changed it, else read again. */
  private async shard(shard: number): Promise<Shard> {
    const gens = generationsOf(this.db.name);
    const known = this.shards[shard];
    if (known && known.generation === gens[shard]) return known;
    const generation = gens[shard]!;
    const row = await this.db.caseIndex.get(shard);
    if (!row) return (this.shards[shard] = { entries: new Map(), iv: null, generation });
    if (known && sameIv(known.iv, row.sealed.iv)) return (this.shards[shard] = { ...known, generation });
    try {
      this.shards[shard] = { entries: await this.openShard(row), iv: row.sealed.iv, generation };
    } catch {
      await this.rebuild(new Set([shard]));
    }
    this.version++;
    return this.shards[shard]!;
  }

  /** Every case, as the index holds it. Shards another tab changed are read again first. */
  async entries(): Promise<CaseIndexEntry[]> {
    await this.open();
    const gens = generationsOf(this.db.name);
    const stale = this.shards.flatMap((s, shard) => (s && s.generation === gens[shard] ? [] : [shard]));
    if (stale.length > 0) await this.enqueue(() => Promise.all(stale.map((shard) => this.shard(shard))));
    const out: CaseIndexEntry[] = [];
    for (const shard of this.shards) if (shard) for (const entry of shard.entries.values()) out.push(entry);
    return out;
  }

  /** One case's entry if its shard is in memory and current, without waiting for the queue (undefined: not known here). */
  peek(id: string): CaseIndexEntry | undefined {
    const shard = shardOf(id);
    const known = this.shards[shard];
    return known && known.generation === generationsOf(this.db.name)[shard] ? known.entries.get(id) : undefined;
  }

  /** One case's entry, reading only its shard (the index need not be open). */
  entry(id: string): Promise<CaseIndexEntry | undefined> {
    return this.enqueue(async () => (await this.shard(shardOf(id))).entries.get(id));
  }

  /** How many writes this tab made (a change of what cases there are, or of what the list shows). */
  get writes(): number {
    return this.writeCount;
  }
  private writeCount = 0;

  isOpen(): boolean {
    return this.fullyOpen;
  }

  /** Drops every decrypted entry (on lock). */
  forget(): void {
    // Nothing is written after a lock (a wipe may follow it): the next open rewrites the recent row.
    if (this.recentTimer !== null) clearTimeout(this.recentTimer);
    this.recentTimer = null;
    this.recentWritten = null;
    this.closed = true;
    this.shards.fill(undefined);
    this.opening = null;
    this.fullyOpen = false;
    this.version++;
  }

  /**
   * Writes a change of cases and their index entries in one transaction. `prepare`
   * runs in the queue (it sees every earlier write of this tab) and seals what it
   * writes; if another tab changed a shard meanwhile, it is prepared again.
   */
  write(prepare: (lookup: Lookup) => Promise<IndexWrite>): Promise<void> {
    return this.enqueue(async () => {
      for (let attempt = 0; attempt < 8; attempt++) {
        // Every shard the change was prepared from, as first read: the transaction checks
        // them all, written or not, so that nothing is decided on an entry another tab
        // changed meanwhile (a case listed since, a case deleted since).
        const seen = new Map<number, Uint8Array | null>();
        const lookup: Lookup = async (id) => {
          const found = await this.shard(shardOf(id));
          if (!seen.has(shardOf(id))) seen.set(shardOf(id), found.iv);
          return found.entries.get(id);
        };
        const change = await prepare(lookup);
        const touched = new Map<number, { base: Shard; next: Map<string, CaseIndexEntry> }>();
        let moved = false;
        const edit = async (id: string) => {
          const shard = shardOf(id);
          let found = touched.get(shard);
          if (!found) {
            const base = await this.shard(shard);
            if (seen.has(shard) && !sameIv(seen.get(shard), base.iv)) moved = true;
            touched.set(shard, (found = { base, next: new Map(base.entries) }));
          }
          return found.next;
        };
        // A restore's write puts 20,000 entries: the screen gets a turn every few thousand.
        let edits = 0;
        const breathe = async () => {
          if (++edits % 2000 === 0) await nextTask();
        };
        for (const entry of change.put ?? []) {
          (await edit(entry.id)).set(entry.id, entry);
          await breathe();
        }
        for (const id of change.remove ?? []) {
          (await edit(id)).delete(id);
          await breathe();
        }
        // One shard after another: each is turned to JSON on this thread, and a restore's write
        // of all 64 at once would hold the screen for a second on a slow tablet.
        const sealingShards = (async () => {
          const out: { shard: number; base: Shard; next: Map<string, CaseIndexEntry>; sealed: Envelope }[] = [];
          for (const [shard, t] of touched) out.push({ shard, ...t, sealed: await this.sealShard(shard, t.next) });
          return out;
        })();
        const [sealed] = await Promise.all([sealingShards, change.sealing]);
        // A shard changed between the change's preparing and now: prepared again on top of it.
        if (moved) continue;
        const read = new Map([...seen].filter(([shard]) => !touched.has(shard)));
        try {
          await this.db.transaction('rw', [this.db.caseIndex, ...(change.tables ?? [])], async (tx) => {
            const current = await this.db.caseIndex.bulkGet([...sealed.map((s) => s.shard), ...read.keys()]);
            sealed.forEach((s, i) => {
              if (!sameIv(current[i]?.sealed.iv ?? null, s.base.iv)) throw new ShardChanged();
            });
            [...read.values()].forEach((iv, i) => {
              if (!sameIv(current[sealed.length + i]?.sealed.iv ?? null, iv)) throw new ShardChanged();
            });
            if (change.verify && !(await change.verify())) throw new ShardChanged();
            const writing = Promise.all([this.db.caseIndex.bulkPut(sealed.map((s) => ({ shard: s.shard, sealed: s.sealed }))), ...(change.apply?.() ?? [])]);
            // Committed as soon as every write is handed over. Otherwise the commit waits until
            // this thread has run each write's success event in turn, and right after an answer
            // it is busy drawing the next question (the save's latency doubled under load).
            // Still all or nothing: a write refused as it is made (apply throws) stops before
            // this line, and a full disk or a failing disk aborts the whole transaction. (A put
            // or delete by primary key on these tables, which have no unique index, has no
            // error of its own to fail with.)
            tx.idbtrans.commit?.();
            await writing;
          });
        } catch (error) {
          if (error instanceof ShardChanged || (error as { inner?: unknown })?.inner instanceof ShardChanged) {
            // Another tab wrote one of these shards: read them again and prepare again.
            const gens = generationsOf(this.db.name);
            for (const s of sealed) gens[s.shard]!++;
            for (const shard of read.keys()) gens[shard]!++;
            continue;
          }
          throw new StorageError(`The change could not be saved (${describeFailure(error)}). The last saved version is kept.`, error);
        }
        // Bumped here too, so that another store of this tab on the same database reads the shard again.
        const gens = generationsOf(this.db.name);
        for (const s of sealed) this.shards[s.shard] = { entries: s.next, iv: s.sealed.iv, generation: ++gens[s.shard]! };
        this.writeCount++;
        if (sealed.length > 0) {
          this.version++;
          channel?.postMessage({ db: this.db.name, shards: sealed.map((s) => s.shard) });
          this.scheduleRecent();
        }
        return;
      }
      throw new StorageError('The change could not be saved: the case index kept changing in another tab. The last saved version is kept.');
    });
  }
}
