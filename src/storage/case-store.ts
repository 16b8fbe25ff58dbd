/**
 * Case repository: every read and write of a real case goes through here, sealed
 * with the data key of the unlocked vault. Lists, the home screen, retention and
 * statistics read the sealed case index (case-index.ts) held in memory after
 * unlock; opening a case decrypts that case only.
 */
import { appendAudit, readAudit, verifyAudit, type AuditAction, type AuditEntry, type ChainCheck } from './audit';
import { CaseIndex, chunkByShard, nextTask, openHead, sealHead, type IndexWrite, type Lookup } from './case-index';
import type { ContentRow, ScreeningDb } from './db';
import type { Envelope } from '../crypto/envelope';
import { listedDetails, openContent, sealCase, sealContent, sealerOf, type CaseSealer, type RestoreWrite } from './case-seal';
import { openPack, type PackMember } from './case-pack';
import { readPolicy, writePolicy, type DevicePolicy } from './device';
import { holdStagingLock, stagingUnderWay } from './staging-lock';
import { legacyEntry, migrate, readMeta, sealMeta } from './migration';
import { describeFailure, newCaseId, StorageError } from './records';
import { STAGING_MARK } from './names';
import { getTrainingDb, TrainingStore } from './training-store';
import { HandoverStore } from './handover-store';
import { caseOfficer, recordEdit, sameOfficer } from './editors';
import { referenceOf, type BackupCase, type CaseContent, type CaseIndexEntry, type CaseListItem, type CaseStatus, type CaseSummary, type Officer, type StoreChange } from './types';

export { newCaseId, StorageError } from './records';
export { referenceOf } from './types';
export { openContent } from './case-seal';
export type { BackupCase, CaseContent, CaseIndexEntry, CaseListItem, CaseSummary, Officer, Referral, ReferralBasis, ReferralStatus, StoreChange } from './types';

const DAY = 24 * 60 * 60 * 1000;
/** Cases written or deleted per transaction in bulk (restore, retention): whole shards at a time, about this many. */
const BULK_CHUNK = 1000;

/** How long a list already worked out (days left, retention) is drawn again as it is. */
const LIST_FRESH_MS = 60_000;

const expiredAt = (entry: CaseIndexEntry, retentionDays: number, now: number) => entry.closedAt !== null && entry.closedAt + retentionDays * DAY <= now;

function toItem(entry: CaseIndexEntry, retentionDays: number, now = Date.now()): CaseListItem {
  return {
    ...entry,
    reference: referenceOf(entry.id),
    daysLeft: entry.closedAt === null ? null : Math.max(0, Math.ceil((entry.closedAt + retentionDays * DAY - now) / DAY)),
  };
}

export type ImportProgress = (done: number, total: number) => void;

/** Where a restore's cases come from, checked and decrypted. */
export interface CaseSource {
  seal: CaseSealer;
  /**
   * Cases the source already added to this tablet's content table while the
   * file was checked (restore-staging.ts), waiting for their index entries:
   * their ids, and their entries in the order asked.
   */
  staged?: { ids: ReadonlySet<string>; entries: (ids: string[]) => Promise<CaseIndexEntry[]> };
}

/** A restore staging its new cases (beginStaging): the data key to seal them, and the database to add them to. */
export interface RestoreStaging {
  key: CryptoKey;
  database: string;
  /**
   * Ends the staging: the staged rows (a restore's packs) among `ids` that no
   * index entry names are deleted, then the mark. `null` (which rows were staged
   * is not known): the mark stays, and the next unlock deletes every row the
   * index does not list or name.
   */
  end(ids: Iterable<string> | null): Promise<void>;
}

/** Restore packs kept decrypted in memory (about 350 KB each), until the next lock. */
const PACKS_KEPT_OPEN = 4;

export class CaseStore {
  private officerCache: Officer | null | undefined;
  private readonly index: CaseIndex;
  private readying: Promise<void> | null = null;
  /** Set once no clear row of a version before 3 is left (ready() ran the migration): saves stop looking for one. */
  private migrated = false;
  private sorted: { version: number; retentionDays: number; at: number; entries: CaseIndexEntry[]; items?: { source: CaseIndexEntry[]; list: CaseListItem[] } } | null = null;
  /** The last preview() read, valid until a case is written here (index.writes) or a minute passes. */
  private previewed: { at: number; writes: number; items: CaseListItem[] } | null = null;
  private previewing: { writes: number; promise: Promise<CaseListItem[] | null> } | null = null;
  private handoverStore: HandoverStore | undefined;
  /** Set on lock (close()): a restore ending after it leaves its staged rows to the next unlock. */
  private closed = false;
  /** Every local change, announced after it is written (team sync pushes it). Carries ids only. */
  readonly changes = new EventTarget();

  constructor(
    private readonly db: ScreeningDb,
    private readonly key: CryptoKey,
  ) {
    this.index = new CaseIndex(db, key);
  }

  /** Service keys, referrals received and packages sent (the encrypted hand-over), sealed with the same key. */
  handover(): HandoverStore {
    this.handoverStore ??= new HandoverStore(this.db, this.key);
    return this.handoverStore;
  }

  private announce(change: StoreChange): void {
    this.changes.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: change }));
  }

  /** The training database, under the same key: a separate database that nothing here reads. */
  training(db = getTrainingDb()): TrainingStore {
    return new TrainingStore(db, this.key);
  }

  /**
   * Seals what a version before 3 left in clear (once, resumably), then opens the
   * case index. Everything that lists cases waits for it; opening or saving one
   * case does not. Call it right after unlock, without waiting, to have the list
   * ready by the time it is asked for.
   */
  ready(): Promise<void> {
    this.readying ??= (async () => {
      await migrate(this.db, this.key, this.index);
      this.migrated = true;
      // A restore's rows not yet in the index: another tab's, still staging (left alone), or
      // left by a restore the tablet stopped before applying (deleted).
      const marked = (await this.db.meta.get(STAGING_MARK)) !== undefined;
      const unlisted = !marked ? 'rebuild' : (await stagingUnderWay()) ? 'keep' : 'drop';
      await this.index.open(unlisted);
      if (unlisted === 'drop') await this.db.meta.delete(STAGING_MARK);
    })().catch((error: unknown) => {
      this.readying = null;
      throw error;
    });
    return this.readying;
  }

  /**
   * A real case. Practice runs never come here: they live in the training database (training()).
   * The officer named in Settings now is recorded as the one who interviewed, unless the content names one.
   * `id` (from newCaseId) and `createdAt` let the interview draw a new case before it is written.
   */
  async create(input: { questionnaireId: string; questionnaireVersion: number; content: CaseContent; summary: CaseSummary; id?: string; createdAt?: number }): Promise<string> {
    const id = input.id ?? newCaseId();
    const now = input.createdAt ?? Date.now();
    const officer = input.content.officer !== undefined ? input.content.officer : await this.newCaseOfficer();
    const content: CaseContent = { ...input.content, officer };
    const entry: CaseIndexEntry = {
      id,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      status: 'in_progress',
      questionnaireId: input.questionnaireId,
      questionnaireVersion: input.questionnaireVersion,
      summary: input.summary,
      ...listedDetails(content),
    };
    const sealedContent = await sealContent(this.key, id, content);
    await this.index.write(async () => {
      const head = await sealHead(this.key, entry);
      return { put: [entry], tables: [this.db.content], apply: () => [this.db.content.put({ id, content: sealedContent, head })] };
    });
    this.announce({ kind: 'case', id });
    return id;
  }

  /**
   * Who a case started now records as its officer: the one named in Settings (null
   * when nobody is). An interview that starts before its case is written holds it
   * in its content, as one that loaded its case does.
   */
  async newCaseOfficer(): Promise<CaseContent['officer']> {
    return caseOfficer(await this.officer());
  }

  /** Saves the interview as it stands. On failure the previous save is kept and the error says why. */
  async save(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }): Promise<void> {
    await this.saveCase(id, update);
  }

  /** Saves and returns the content as written (with who interviewed and who edited as the store keeps them). */
  private async saveCase(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }, previous?: CaseContent): Promise<CaseContent> {
    // The officer interviewing their own open case is the common path: nothing more to read
    // (callers pass the content they loaded, officer included). Anyone else, or any change
    // once the case is closed, is recorded as a later edit, on the stored content.
    const me = await this.officer();
    let content = update.content;
    // With nobody named in Settings and nobody recorded in the case, it is the same nobody.
    const mine = sameOfficer(update.content.officer, me) || (caseOfficer(me) === null && update.content.officer === null);
    if (previous || !mine || (this.index.peek(id) ?? (await this.index.entry(id)) ?? (await this.headOf(id)))?.status !== 'in_progress') {
      const stored = previous ?? (await this.contentOf(id));
      if (stored) content = recordEdit(stored, update.content, me, Date.now());
    }
    // Sealed while the index entry is prepared: the content, the case's head and its index
    // shard are encrypted side by side, then written in one transaction.
    const sealingContent = sealContent(this.key, id, content);
    sealingContent.catch(() => undefined); // awaited below; a failure is reported there
    const migrated = this.migrated;
    // A case a restore packed gets a row of its own first, with the rest of its pack.
    await this.expandPacks([id]);
    await this.index.write(async (lookup) => {
      const existing = (await lookup(id)) ?? (await this.headOf(id));
      if (!existing) throw new StorageError(`case ${referenceOf(id)} no longer exists on this device`);
      // Written to its own row below: an entry naming a pack here would leave two copies.
      if (existing.pack !== undefined) throw new StorageError(`case ${referenceOf(id)} is still in a restore's pack: nothing was saved`);
      const status = update.status ?? existing.status;
      const now = Date.now();
      const closedAt = status === 'in_progress' ? null : status !== existing.status || existing.closedAt === null ? now : existing.closedAt;
      const entry: CaseIndexEntry = { ...existing, status, updatedAt: now, closedAt, summary: update.summary, ...listedDetails(content) };
      let row: ContentRow | undefined;
      const sealing = Promise.all([sealingContent, sealHead(this.key, entry)]).then(([sealedContent, head]) => (row = { id, content: sealedContent, head }));
      return {
        put: [entry],
        tables: migrated ? [this.db.content] : [this.db.content, this.db.cases],
        sealing,
        // The clear row a version before 3 left, if the migration has not reached it yet, goes with this save.
        apply: () => [this.db.content.put(row!), !migrated && this.db.cases.delete(id)],
      };
    });
    this.announce({ kind: 'case', id });
    return content;
  }

  /** A case's content as stored, or null when it is not on this device. */
  private async contentOf(id: string): Promise<CaseContent | null> {
    const row = await this.db.content.get(id);
    if (row) return openContent(this.key, id, row.content);
    return (await this.packed(id))?.content ?? null;
  }

  /** A case's content and entry as stored (its own row, or its restore pack), or null when it is not on this device. */
  private async stored(id: string): Promise<{ content: CaseContent; entry: CaseIndexEntry } | null> {
    const row = await this.db.content.get(id);
    if (row) {
      const [content, entry] = await Promise.all([openContent(this.key, id, row.content), this.headOf(id, row)]);
      return entry ? { content, entry } : null;
    }
    const member = await this.packed(id);
    return member ? { content: member.content, entry: member.entry } : null;
  }

  /** A case in a restore's pack (case-pack.ts): its content, and its entry as the index holds it. */
  private async packed(id: string): Promise<PackMember | null> {
    const listed = this.index.peek(id) ?? (await this.index.entry(id));
    if (listed?.pack === undefined) return null;
    const member = (await this.packMembers(listed.pack))?.get(id);
    return member ? { content: member.content, entry: listed } : null;
  }

  /** Whether a pack's row is still there (its key only: a pack is deleted, never changed). */
  private async packExists(pack: string): Promise<boolean> {
    return (await this.db.content.where(':id').equals(pack).count()) === 1;
  }

  /** A pack's cases, or null when the pack is no longer there. */
  private async packMembers(pack: string): Promise<Map<string, PackMember> | null> {
    // Opened already: only its presence is read (a pack is deleted, never changed).
    const opened = this.packsOpen.get(pack);
    if (opened) return (await this.packExists(pack)) ? opened : null;
    const row = await this.db.content.get(pack);
    return row ? this.openPackRow(pack, row.content) : null;
  }

  /**
   * Gives the cases of every pack that holds one of `ids` rows of their own, and
   * deletes those packs: before any change to one of them, so that a case is
   * only ever in one place and a deleted case leaves no copy in a pack. Cases in
   * `dropping` (about to be deleted) are left out, their entries removed, in the
   * same transaction.
   */
  private async expandPacks(ids: Iterable<string>, dropping: ReadonlySet<string> = new Set()): Promise<void> {
    const packs = new Set<string>();
    for (const id of ids) {
      const pack = (this.index.peek(id) ?? (await this.index.entry(id)))?.pack;
      if (pack !== undefined) packs.add(pack);
    }
    for (const pack of packs) await this.expandPack(pack, dropping);
  }

  /**
   * One pack's cases to rows of their own, and the pack deleted (see expandPacks).
   * A case with a row of its own already (written since the pack was staged) or
   * listed in another pack keeps that copy: the pack's goes. A case this tab does
   * not list is kept too, listed from the pack's own entry, once its shard is
   * checked to be as read: a case is never dropped for not being in memory here.
   */
  private async expandPack(pack: string, dropping: ReadonlySet<string>): Promise<void> {
    const exists = () => this.packExists(pack);
    await this.index.write(async (lookup) => {
      const row = await this.db.content.get(pack);
      // Another tab moved them out first.
      if (!row) return {};
      let members: Map<string, PackMember>;
      try {
        members = await this.openPackRow(pack, row.content);
      } catch (error) {
        // A pack that does not open: none of its cases can be read or saved, but those being
        // deleted are (their entries); the others stay listed, unreadable. The pack itself, and
        // its ciphertext, goes with the last case listed from it.
        const removed: string[] = [];
        for (const id of dropping) if ((await lookup(id))?.pack === pack) removed.push(id);
        if (removed.length === 0) throw new StorageError(`The cases of a restore could not be read (${describeFailure(error)}). Nothing was changed.`, error);
        // Decided on the lookups (whose shards the transaction checks), not on the scan.
        const others: string[] = [];
        for (const id of await this.index.namingPack(pack)) if (!dropping.has(id) && (await lookup(id))?.pack === pack) others.push(id);
        return { remove: removed, tables: [this.db.content], verify: exists, apply: () => [others.length === 0 && this.db.content.delete(pack)] };
      }
      const ids = [...members.keys()];
      const ownKeys = async () => new Set((await this.db.content.where(':id').anyOf(ids).primaryKeys()) as string[]);
      const own = await ownKeys();
      // A content of null: the case has a row of its own, only its entry is written.
      const kept: { entry: CaseIndexEntry; content: CaseContent | null }[] = [];
      const removed: string[] = [];
      for (const [id, member] of members) {
        const listed = await lookup(id);
        if (own.has(id)) {
          // Its own row is the case; an entry still naming this pack would name a pack that is
          // gone: it is written again from the row's head (a case being deleted too, so that
          // its row and its entry go together, in the delete's own transaction).
          if (listed?.pack === pack) {
            const { pack: _inPack, ...fromPack } = listed;
            kept.push({ entry: (await this.headOf(id)) ?? fromPack, content: null });
          }
          continue;
        }
        if (listed?.pack !== undefined && listed.pack !== pack) continue;
        if (dropping.has(id)) {
          if (listed) removed.push(id);
          continue;
        }
        const { pack: _inPack, ...entry } = listed ?? member.entry;
        kept.push({ entry, content: member.content });
      }
      const rows: ContentRow[] = await Promise.all(
        kept.flatMap(({ entry, content }) =>
          content === null
            ? []
            : [
                (async () => {
                  const [sealed, head] = await Promise.all([sealContent(this.key, entry.id, content), sealHead(this.key, entry)]);
                  return { id: entry.id, content: sealed, head };
                })(),
              ],
        ),
      );
      return {
        put: kept.map((k) => k.entry),
        remove: removed,
        tables: [this.db.content],
        // Still there, and no case of it given a row of its own meanwhile (that row would be overwritten).
        verify: async () => (await exists()) && [...(await ownKeys())].every((id) => own.has(id)),
        apply: () => [this.db.content.bulkPut(rows), this.db.content.delete(pack)],
      };
    });
    this.packsOpen.delete(pack);
  }

  /** Packs are never changed, only deleted: the last few opened are kept, keyed by id (planRestore and sync read cases one by one). */
  private readonly packsOpen = new Map<string, Promise<Map<string, PackMember>>>();

  /** A pack's cases from those kept open, else decrypted from `sealed` (and kept, unless locked since). */
  private openPackRow(pack: string, sealed: Envelope): Promise<Map<string, PackMember>> {
    let found = this.packsOpen.get(pack);
    if (found) this.packsOpen.delete(pack);
    else {
      found = openPack(this.key, pack, sealed);
      found.catch(() => this.packsOpen.delete(pack));
    }
    if (this.closed) return found;
    this.packsOpen.set(pack, found);
    while (this.packsOpen.size > PACKS_KEPT_OPEN) this.packsOpen.delete(this.packsOpen.keys().next().value!);
    return found;
  }

  /** A case's head from its own row (sealed, or in clear in a row written before version 3). */
  private async headOf(id: string, row?: ContentRow): Promise<CaseIndexEntry | null> {
    const found = row ?? (await this.db.content.get(id));
    if (found?.head) return openHead(this.key, id, found.head);
    const legacy = await this.db.cases.get(id);
    return legacy ? legacyEntry(this.db, this.key, legacy) : null;
  }

  async load(id: string): Promise<{ item: CaseListItem; content: CaseContent }> {
    const [found, policy] = await Promise.all([this.stored(id), readPolicy(this.db)]);
    if (!found) throw new StorageError(`case ${referenceOf(id)} is not on this device`);
    const { content, entry } = found;
    const item = toItem(entry, policy.retentionDays);
    await this.audit('open_case', item.reference);
    return { item, content };
  }

  /**
   * Every case's index entry, most recently changed first (from memory; shared, do
   * not modify). A case past its retention period is left out even before the
   * retention run deletes it.
   */
  async entries(): Promise<CaseIndexEntry[]> {
    await this.ready();
    const [entries, { retentionDays }] = await Promise.all([this.index.entries(), readPolicy(this.db)]);
    const now = Date.now();
    if (this.sorted?.version !== this.index.version || this.sorted.retentionDays !== retentionDays || now - this.sorted.at > LIST_FRESH_MS) {
      this.sorted = { version: this.index.version, retentionDays, at: now, entries: entries.filter((e) => !expiredAt(e, retentionDays, now)).sort((a, b) => b.updatedAt - a.updatedAt) };
    }
    return this.sorted.entries;
  }

  /**
   * Real cases, most recent first, from the sealed index: no case is decrypted.
   * The same array (and the same items) until a case changes or a minute passes:
   * opening the list again costs nothing. Do not modify it.
   */
  async list(): Promise<CaseListItem[]> {
    const entries = await this.entries();
    const sorted = this.sorted!;
    if (sorted.items?.source !== entries) sorted.items = { source: entries, list: entries.map((entry) => toItem(entry, sorted.retentionDays, sorted.at)) };
    return sorted.items.list;
  }

  /**
   * The case list's first rows before the index is open: the cases changed last,
   * most recent first, from one small sealed row (case-index.ts, RECENT_COUNT), so
   * that the list draws as soon after unlock with 20,000 cases as with 20. Cases
   * no longer on the device or past their retention period are left out. Null
   * when the index is already open (list() is as quick) or there is no such row.
   */
  preview(): Promise<CaseListItem[] | null> {
    if (this.index.isOpen()) return Promise.resolve(null);
    // One read at a time: the list opened while the app's own read (after the home
    // screen is drawn) is still running waits for that read rather than starting another.
    const writes = this.index.writes;
    if (this.previewing?.writes === writes) return this.previewing.promise;
    const promise = this.readPreview(writes);
    this.previewing = { writes, promise };
    const done = () => {
      if (this.previewing?.promise === promise) this.previewing = null;
    };
    promise.then(done, done);
    return promise;
  }

  private async readPreview(writes: number): Promise<CaseListItem[] | null> {
    const [recent, { retentionDays }] = await Promise.all([this.index.recent(), readPolicy(this.db)]);
    if (!recent || recent.latest.length === 0) return null;
    // The row is rewritten a moment after the last write: a case deleted just before a crash may still be in it.
    const present = await this.present(recent.latest);
    const now = Date.now();
    // Already most recent first (case-index.ts, mostRecent).
    const items = recent.latest.filter((e) => present.has(e.id) && !expiredAt(e, retentionDays, now)).map((e) => toItem(e, retentionDays, now));
    // Kept for listedNow() unless a write came in while it was read.
    this.previewed = writes === this.index.writes ? { at: now, writes, items } : null;
    return items;
  }

  /**
   * What the case list can draw in its first render, without waiting: the list
   * itself when the index is open and list() read it less than a minute ago with
   * nothing changed since, else the preview read since the last change here, else
   * null. (The app reads the preview after the home screen is drawn, so that the
   * tap on "cases" draws rows in the same frame.) The screen still asks list().
   */
  listedNow(): { list: CaseListItem[] } | { preview: CaseListItem[] } | null {
    const sorted = this.sorted;
    if (this.index.isOpen() && sorted?.items && sorted.version === this.index.version && Date.now() - sorted.at <= LIST_FRESH_MS) return { list: sorted.items.list };
    const previewed = this.previewed;
    if (previewed && previewed.writes === this.index.writes && Date.now() - previewed.at <= LIST_FRESH_MS) return { preview: previewed.items };
    return null;
  }

  /** Which of these cases are stored: in a row of their own, or in the pack their entry names. */
  private async present(entries: CaseIndexEntry[]): Promise<Set<string>> {
    const keys = new Set((await this.db.content.where(':id').anyOf([...new Set(entries.map((e) => e.pack ?? e.id))]).primaryKeys()) as string[]);
    return new Set(entries.filter((e) => keys.has(e.pack ?? e.id)).map((e) => e.id));
  }

  /**
   * What the home screen needs: how many cases there are and the latest one still
   * in progress. Right after unlock, from the recent row (one small decryption):
   * the index opens later, off the first screen's path.
   */
  async overview(): Promise<{ count: number; latestInProgress: { id: string; reference: string } | null }> {
    if (!this.index.isOpen()) {
      const recent = await this.index.recent().catch(() => null);
      const latest = recent?.latestInProgress;
      if (recent && (!latest || (await this.present([latest])).has(latest.id))) {
        return { count: recent.count, latestInProgress: latest ? { id: latest.id, reference: referenceOf(latest.id) } : null };
      }
    }
    const entries = await this.entries();
    const latest = entries.find((entry) => entry.status === 'in_progress');
    return { count: entries.length, latestInProgress: latest ? { id: latest.id, reference: referenceOf(latest.id) } : null };
  }

  async remove(id: string, action: AuditAction = 'delete'): Promise<void> {
    await this.removeMany([id], action);
  }

  /**
   * Deletes cases: one audit entry naming their references, then the rows and
   * their index entries in one transaction (callers pass whole shards at a time).
   */
  private async removeMany(ids: string[], action: AuditAction | null): Promise<void> {
    if (action) await this.audit(action, ids.map(referenceOf).join(' '));
    // Cases in a restore's pack go with it; the pack's other cases get rows of their own.
    await this.expandPacks(ids, new Set(ids));
    const openId = await this.openCase();
    const clearOpen = openId !== null && ids.includes(openId) ? await sealMeta(this.key, 'openCase', null) : null;
    await this.index.write(async (lookup) => {
      // Moved into a pack since (a restore listing it): deleting its entry would leave its copy there.
      for (const id of ids) if ((await lookup(id))?.pack !== undefined) throw new StorageError(`case ${referenceOf(id)} was restored again meanwhile: nothing was deleted. Try again.`);
      return {
        remove: ids,
        tables: [this.db.content, this.db.cases, this.db.meta],
        apply: () => [this.db.content.bulkDelete(ids), this.db.cases.bulkDelete(ids), clearOpen && this.db.meta.put(clearOpen)],
      };
    });
    for (const id of ids) this.announce({ kind: 'case', id });
  }

  /** The case that was on screen when the app was closed, to resume it after unlock (sealed). */
  async setOpenCase(id: string | null): Promise<void> {
    await this.db.meta.put(await sealMeta(this.key, 'openCase', id));
  }

  async openCase(): Promise<string | null> {
    const id = await readMeta<string>(this.db, this.key, 'openCase');
    return typeof id === 'string' ? id : null;
  }

  /** Changes a case's content outside the interview (summary details, referrals), keeping everything else. */
  async update(id: string, change: (content: CaseContent, summary: CaseSummary) => { content: CaseContent; summary: CaseSummary; status?: CaseStatus }): Promise<CaseContent> {
    const found = await this.stored(id);
    if (!found) throw new StorageError(`case ${referenceOf(id)} is not on this device`);
    const { content, entry } = found;
    const next = change(content, entry.summary);
    return this.saveCase(id, next, content);
  }

  /** The directory of services of this tablet, or null when the starter directory is still in use. Sealed. */
  async directory(): Promise<unknown[] | null> {
    const services = await readMeta<unknown[]>(this.db, this.key, 'directory');
    return Array.isArray(services) ? services : null;
  }

  async setDirectory(services: unknown[]): Promise<void> {
    await this.db.meta.put(await sealMeta(this.key, 'directory', services));
    this.announce({ kind: 'directory', id: 'team' });
  }

  /**
   * Writes cases that came from the team, keeping their ids: only where the case is
   * still as it was read (`expectedUpdatedAt`, null: absent), so that an answer saved
   * meanwhile on this tablet is never overwritten. Returns the ids not written because
   * they changed.
   */
  async putCases(cases: { value: BackupCase; expectedUpdatedAt: number | null }[]): Promise<string[]> {
    await this.ready();
    await this.expandPacks(cases.map((c) => c.value.id));
    const sealed = await Promise.all(
      cases.map(async ({ value, expectedUpdatedAt }) => ({ ...(await sealCase(this.key, value)), expectedUpdatedAt })),
    );
    const skipped: string[] = [];
    await this.index.write(async (lookup) => {
      const fit: typeof sealed = [];
      for (const item of sealed) {
        if (((await lookup(item.entry.id))?.updatedAt ?? null) === item.expectedUpdatedAt) fit.push(item);
        else skipped.push(item.entry.id);
      }
      return { put: fit.map((f) => f.entry), tables: [this.db.content], apply: () => [this.db.content.bulkPut(fit.map((f) => f.row))] };
    });
    for (const item of sealed) if (!skipped.includes(item.entry.id)) this.announce({ kind: 'case', id: item.entry.id });
    return skipped;
  }

  /** Deletes cases without an audit entry per case (leaving a team erases the team's copies; the caller audits once). */
  async forgetCases(ids: string[]): Promise<void> {
    await this.removeMany(ids, null);
  }

  /** A setting sealed under the data key (the team's settings and key), or null. */
  async sealedSetting<T>(name: `team:${string}`): Promise<T | null> {
    return (await readMeta<T>(this.db, this.key, name)) ?? null;
  }

  async setSealedSetting(name: `team:${string}`, value: unknown): Promise<void> {
    if (value === null) return void (await this.db.meta.delete(name));
    await this.db.meta.put(await sealMeta(this.key, name, value));
  }

  /** Replaces the directory with an imported one the officer confirmed, with an audit entry saying how much changed. */
  async importDirectory(services: unknown[], changes: { added: number; changed: number; removed: number }): Promise<void> {
    await this.setDirectory(services);
    await this.audit('directory_import', `+${changes.added} ~${changes.changed} -${changes.removed}`);
  }

  /** One case as a backup carries it, decrypted; null when it is not on this device. */
  async exportCase(id: string): Promise<BackupCase | null> {
    const found = await this.stored(id);
    return found ? toBackupCase(found.entry, found.content) : null;
  }

  /**
   * Several cases as a backup carries them, in the order asked (null where one is
   * not on this device): read pack by pack, so that each restore pack is decrypted
   * once whatever the order (sync after a restore asks for thousands by date).
   */
  async exportMany(ids: string[]): Promise<(BackupCase | null)[]> {
    const packs = await Promise.all(ids.map(async (id) => (this.index.peek(id) ?? (await this.index.entry(id)))?.pack ?? ''));
    const order = ids.map((_, i) => i).sort((a, b) => (packs[a]! < packs[b]! ? -1 : packs[a]! > packs[b]! ? 1 : a - b));
    const out: (BackupCase | null)[] = new Array<BackupCase | null>(ids.length).fill(null);
    for (const i of order) out[i] = await this.exportCase(ids[i]!);
    return out;
  }

  /** Every real case, decrypted, for an encrypted backup. */
  async exportAll(onProgress?: ImportProgress): Promise<BackupCase[]> {
    const entries = await this.entries();
    const contents = new Map<string, CaseContent>();
    // Cases with a row of their own, 500 at a time; then each restore pack, opened once.
    const own = entries.filter((e) => e.pack === undefined);
    const byPack = new Map<string, CaseIndexEntry[]>();
    for (const entry of entries) if (entry.pack !== undefined) byPack.set(entry.pack, [...(byPack.get(entry.pack) ?? []), entry]);
    let done = 0;
    for (let i = 0; i < own.length; i += 500) {
      const slice = own.slice(i, i + 500);
      const rows = await this.db.content.bulkGet(slice.map((e) => e.id));
      const opened = await Promise.all(rows.map((row, j) => (row ? openContent(this.key, slice[j]!.id, row.content) : null)));
      opened.forEach((content, j) => content && contents.set(slice[j]!.id, content));
      done += slice.length;
      onProgress?.(done, entries.length);
      await nextTask();
    }
    for (const [pack, packed] of byPack) {
      const row = await this.db.content.get(pack);
      const members = row ? await openPack(this.key, pack, row.content) : null;
      for (const entry of packed) {
        // Not in its pack (another tab moved the pack's cases to their own rows since the list was read): its own row.
        const content = members?.get(entry.id)?.content ?? (await this.contentOf(entry.id));
        if (content) contents.set(entry.id, content);
      }
      done += packed.length;
      onProgress?.(done, entries.length);
      await nextTask();
    }
    const out: BackupCase[] = [];
    for (const entry of entries) {
      const content = contents.get(entry.id);
      if (content) out.push(toBackupCase(entry, content));
    }
    return out;
  }

  /**
   * Writes cases exactly as given (new ones added, existing ids replaced): the
   * restore calls it once the officer has chosen, for each case that differs,
   * which copy to keep (backup.ts). Cases are sealed outside the transactions and
   * written a few index shards at a time, one transaction each.
   */
  async writeCases(cases: BackupCase[], onProgress?: ImportProgress): Promise<void> {
    // Nothing is staged here: every case is written, none kept.
    await this.writeSealed(
      cases.map((c) => ({ id: c.id, as: c.id })),
      { seal: sealerOf(cases) },
      onProgress,
    );
  }

  /**
   * Writes a restore's cases, a chunk of whole shards per transaction, the next
   * chunk sealed while this one is written.
   *
   * A case that replaces one on this tablet is written with its index shard in
   * one transaction. Cases new to this tablet may already be in the content
   * table, staged by the source while the file was checked (the restore
   * worker): only their index entries are written here. Returns how many of
   * those were found here meanwhile (the team, another tab) and kept as they are.
   */
  async writeSealed(writes: RestoreWrite[], source: CaseSource, onProgress?: ImportProgress): Promise<{ keptHere: number }> {
    await this.ready();
    const here = new Set((await this.index.entries()).map((e) => e.id));
    const staged = source.staged;
    const isStaged = (w: RestoreWrite) => staged !== undefined && w.as === w.id && staged.ids.has(w.id);
    // A case new when the plan was made and written here since (the team, another tab): the
    // tablet's copy is kept, as for any case whose copies differ and that nobody chose for.
    const adding = writes.filter((w) => isStaged(w) && !here.has(w.id));
    let keptHere = writes.filter(isStaged).length - adding.length;
    const together = writes.filter((w) => !isStaged(w));
    // A case replaced here may be in a pack of an earlier restore: it gets its own row first.
    await this.expandPacks(together.map((w) => w.as));
    const total = writes.length;
    let done = 0;
    onProgress?.(0, total);
    const matches = (ids: string[], part: RestoreWrite[]) => ids.length === part.length && ids.every((id, i) => id === part[i]!.as);
    // What is written is what was asked for, under the id asked for: a source answers for its chunk, no more.
    const mismatch = () => new StorageError('the sealed cases do not match the cases asked for');
    // `ahead` chunks are asked for before the first is written: the restore worker seals
    // the next chunk while IndexedDB still writes the one before.
    const chunked = async <T>(items: RestoreWrite[], seal: (part: RestoreWrite[]) => Promise<T>, write: (sealed: T, part: RestoreWrite[]) => Promise<void>, ahead: number) => {
      const chunks = chunkByShard(items, (w) => w.as, BULK_CHUNK);
      const asked: Promise<T>[] = [];
      const ask = (i: number) => {
        if (i >= chunks.length) return;
        asked[i] = seal(chunks[i]!);
        // A failed chunk must not leave the next ones' sealing as unhandled rejections.
        asked[i]!.catch(() => undefined);
      };
      for (let i = 0; i < ahead; i++) ask(i);
      for (let i = 0; i < chunks.length; i++) {
        const sealed = await asked[i]!;
        ask(i + ahead);
        await write(sealed, chunks[i]!);
        done += chunks[i]!.length;
        onProgress?.(done, total);
        // Let the screen draw the progress and answer a tap between chunks.
        await nextTask();
      }
    };
    if (staged && adding.length > 0) {
      const entriesOf = async (ids: string[]) => {
        const out: CaseIndexEntry[] = [];
        for (let i = 0; i < ids.length; i += BULK_CHUNK) out.push(...(await staged.entries(ids.slice(i, i + BULK_CHUNK))));
        return out;
      };
      const entries = await entriesOf(adding.map((w) => w.id));
      if (!matches(entries.map((e) => e.id), adding)) throw mismatch();
      const adds = new Set(adding.map((w) => w.id));
      // Staged cases that are not added: a case of that id was here when the plan was made.
      const unseen = await entriesOf([...staged.ids].filter((id) => !adds.has(id)));
      // The listing may be prepared more than once (another tab wrote a shard): the last one counts.
      let listedHere = 0;
      await this.index.write(async (lookup) => this.listStaged(entries, unseen, lookup, (found) => (listedHere = found)));
      keptHere += listedHere;
      done += adding.length;
      onProgress?.(done, total);
      await nextTask();
    }
    await chunked(
      together,
      (part) => source.seal(this.key, part),
      async (sealed, part) => {
        if (!matches(sealed.map((s) => s.row.id), part) || !matches(sealed.map((s) => s.entry.id), part)) throw mismatch();
        // ready() has run the migration: no clear row of a version before 3 is left to remove.
        await this.index.write(async () => ({ put: sealed.map((s) => s.entry), tables: [this.db.content], apply: () => [this.db.content.bulkPut(sealed.map((s) => s.row))] }));
      },
      1,
    );
    return { keptHere };
  }

  /**
   * Lists a restore's staged cases, in one transaction: a restore stopped half-way
   * would leave a pack whose cases are partly listed, the rest kept in it unseen.
   * A pack that holds a case that is not listed from it (here before the restore,
   * or written here since the plan: by the team, another tab) would keep a copy
   * of that case unseen, there after it is deleted: its other cases get rows of
   * their own instead, and it is deleted, in the same transaction.
   */
  private async listStaged(entries: CaseIndexEntry[], unseen: CaseIndexEntry[], lookup: Lookup, foundHere: (count: number) => void): Promise<IndexWrite> {
    const here = new Set<string>();
    for (const [i, entry] of entries.entries()) {
      if (await lookup(entry.id)) here.add(entry.id);
      if (i % 2000 === 1999) await nextTask();
    }
    foundHere(here.size);
    const mixed = new Set<string>();
    for (const entry of [...unseen, ...entries.filter((e) => here.has(e.id))]) if (entry.pack !== undefined) mixed.add(entry.pack);
    const put: CaseIndexEntry[] = [];
    const rows: ContentRow[] = [];
    for (const entry of entries) if (!here.has(entry.id) && (entry.pack === undefined || !mixed.has(entry.pack))) put.push(entry);
    for (const pack of mixed) {
      const members = await this.packMembers(pack);
      if (!members) throw new StorageError('the cases this restore wrote are no longer on the tablet: nothing was added');
      for (const entry of entries) {
        if (entry.pack !== pack || here.has(entry.id)) continue;
        const member = members.get(entry.id);
        if (!member) throw new StorageError(`case ${referenceOf(entry.id)} is not among the cases this restore wrote: nothing was added`);
        const { pack: _inPack, ...own } = entry;
        const [content, head] = await Promise.all([sealContent(this.key, own.id, member.content), sealHead(this.key, own)]);
        rows.push({ id: own.id, content, head });
        put.push(own);
      }
    }
    const named = [...new Set(put.flatMap((e) => (e.pack === undefined ? [] : [e.pack])))];
    return {
      put,
      tables: [this.db.content],
      // Every pack named or taken apart is still there, and no row of those given their own is.
      // (Keys only: a count over anyOf() reads every row's value, 70 MB of packs at 20,000 cases.)
      verify: async () =>
        (await this.db.content.where(':id').anyOf([...named, ...mixed]).primaryKeys()).length === named.length + mixed.size &&
        (rows.length === 0 || (await this.db.content.where(':id').anyOf(rows.map((r) => r.id)).primaryKeys()).length === 0),
      apply: () => [rows.length > 0 && this.db.content.bulkPut(rows), mixed.size > 0 && this.db.content.bulkDelete([...mixed])],
    };
  }

  /**
   * Before a restore adds rows ahead of their index entries (restore-staging.ts):
   * takes the staging lock (waiting for another tab's restore) and leaves a
   * sealed mark, so that a tablet stopping before the restore is applied
   * deletes those rows at its next unlock instead of listing them.
   */
  async beginStaging(): Promise<RestoreStaging> {
    await this.ready();
    const release = await holdStagingLock();
    try {
      // A mark left by a restore of this session stopped before it said what it staged: its rows go first.
      if (await this.db.meta.get(STAGING_MARK)) await this.index.dropUnlisted();
      await this.db.meta.put(await sealMeta(this.key, STAGING_MARK, { at: Date.now() }));
    } catch (error) {
      release();
      throw error;
    }
    let ended = false;
    return {
      key: this.key,
      database: this.db.name,
      end: async (ids) => {
        if (ended) return;
        ended = true;
        try {
          // Not known, or locked since (nothing is decrypted again for this): the next unlock deletes them.
          const indexed = ids === null || this.closed ? null : this.index.listedAmong(ids);
          if (ids === null || indexed === null) return;
          const unlisted = [...ids].filter((id) => !indexed.has(id));
          for (let i = 0; i < unlisted.length; i += BULK_CHUNK) await this.db.content.bulkDelete(unlisted.slice(i, i + BULK_CHUNK));
          await this.db.meta.delete(STAGING_MARK);
        } finally {
          release();
        }
      },
    };
  }

  /** Adds the cases whose id is not on this device; never replaces one. (A restore goes through backup.ts, which asks.) */
  async importAll(cases: BackupCase[]): Promise<{ added: number; updated: number; unchanged: number }> {
    const known = new Set((await this.entries()).map((e) => e.id));
    const fresh = cases.filter((c) => !known.has(c.id));
    await this.writeCases(fresh);
    await this.audit('import', `${fresh.length}`);
    return { added: fresh.length, updated: 0, unchanged: cases.length - fresh.length };
  }

  /** When the last backup file was made (sealed). */
  async lastBackup(): Promise<number | null> {
    const at = await readMeta<number>(this.db, this.key, 'lastBackup');
    return typeof at === 'number' ? at : null;
  }

  async markBackup(): Promise<void> {
    await this.db.meta.put(await sealMeta(this.key, 'lastBackup', Date.now()));
  }

  /**
   * Deletes closed cases whose retention period has passed, from the sealed index
   * (no table scan), a few shards per transaction; returns how many. Lists do not
   * wait for it: they leave out what it is about to delete.
   */
  async applyRetention(now = Date.now()): Promise<number> {
    await this.ready();
    const { retentionDays } = await readPolicy(this.db);
    const expired = (await this.index.entries()).filter((e) => expiredAt(e, retentionDays, now)).map((e) => e.id);
    for (const chunk of chunkByShard(expired, (id) => id, 200)) {
      await this.removeMany(chunk, 'retention_delete');
      await nextTask();
    }
    return expired.length;
  }

  async audit(action: AuditAction, subject: string | null): Promise<void> {
    const officer = await this.officer();
    await appendAudit(this.db, this.key, action, { officer: officer ? `${officer.name}${officer.service ? ` (${officer.service})` : ''}` : null, subject });
  }

  /** The latest audit entries first; `limit` of them, or all. */
  auditLog(limit?: number): Promise<AuditEntry[]> {
    return readAudit(this.db, this.key, limit);
  }

  verifyAudit(): Promise<ChainCheck> {
    return verifyAudit(this.db, this.key);
  }

  /** The officer named in settings: recorded in the audit log. Sealed, like case content. */
  async officer(): Promise<Officer | null> {
    if (this.officerCache !== undefined) return this.officerCache;
    this.officerCache = await readMeta<Officer>(this.db, this.key, 'officer');
    return this.officerCache;
  }

  async setOfficer(officer: Officer): Promise<void> {
    await this.db.meta.put(await sealMeta(this.key, 'officer', officer));
    this.officerCache = officer;
    await this.audit('settings', null);
  }

  policy(): Promise<DevicePolicy> {
    return readPolicy(this.db);
  }

  async setPolicy(policy: DevicePolicy): Promise<void> {
    await writePolicy(this.db, policy);
    await this.audit('settings', null);
  }

  /** Drops the decrypted index and caches (on lock); the store must not be used afterwards. */
  close(): void {
    this.closed = true;
    this.index.forget();
    this.sorted = null;
    this.previewed = null;
    this.previewing = null;
    this.packsOpen.clear();
    this.officerCache = undefined;
    this.readying = null;
  }
}

function toBackupCase(entry: CaseIndexEntry, content: CaseContent): BackupCase {
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    ...(entry.closedAt === null ? {} : { closedAt: entry.closedAt }),
    status: entry.status,
    questionnaireId: entry.questionnaireId,
    questionnaireVersion: entry.questionnaireVersion,
    summary: entry.summary,
    content,
  };
}
