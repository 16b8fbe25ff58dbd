/**
 * Team sync: the one module that maps the app's store (through a SyncSource) to
 * PouchDB documents, and PouchDB replicates them with the team's CouchDB.
 *
 * Guarantees:
 * - What leaves the tablet is `{ _id, _rev, body }`: an HMAC id and one AES-GCM
 *   envelope under the team key (crypto/team-key.ts). The local PouchDB database
 *   holds the same sealed documents and nothing else; the engine's own bookkeeping
 *   (`_local/team-sync`, never replicated) is sealed too.
 * - Nothing is overwritten unseen: a local change is merged into the team's copy
 *   (merge.ts) before it is written; a document changed on two tablets is merged
 *   and its conflicting revisions removed, with the same content whichever tablet
 *   does it; the store is written only where its copy is still the one that was
 *   read (an answer saved meanwhile is merged on the next pass, never lost).
 * - A document this tablet cannot open (another team key, a rotated key) is never
 *   written over: it is counted and the status says why.
 * - Work is serialised (one pass at a time) and runs after the screen's own saves:
 *   no screen waits for the network or for sync.
 */
import { deriveTeamKeys, documentId, isSealedBody, openDocument, sealDocument, TeamKeyError, fromBase64, type TeamKeys } from '../../crypto/team-key';
import { canonical, isTombstone, mergeCase, mergeValues, same, stampLocal, updatedAtOf } from './merge';
import type { AnySyncRecord, ChangeHint, Stamp, SyncedCase, SyncKind, SyncRecord, SyncSource, SyncValues } from './records';
import type { PouchDatabase, PouchDoc, PouchFactory, PouchReplication, PouchChanges } from './pouch-types';
import { localDatabaseName, type TeamSettings } from './team';
import type { CaseStoreSource } from './case-source';
import type { StatsRecord } from '../../content/statistics';

export type SyncFailure = 'offline' | 'unreachable' | 'unauthorized' | 'forbidden' | 'not_found' | 'server' | 'wrong_key' | 'key_rotated';

export interface SyncStatus {
  state: 'starting' | 'synced' | 'pending' | 'failing' | 'stopped';
  /** Documents written here and not yet on the server. */
  pending: number;
  failure: SyncFailure | null;
  /** Documents on this tablet that its team key does not open. */
  unreadable: number;
  lastSynced: number | null;
}

interface EngineState {
  cursor: string | null;
  appliedSeq: number | string;
  dirty: string[];
  /** Which referral documents belong to which case, to give a case back a referral its store copy lost. */
  referrals: Record<string, string[]>;
  /** Referral documents whose case is not (yet) on this tablet. */
  waiting: string[];
}

/** What a document holds once opened: the type is inside, bound by GCM with the rest. */
interface Sealed {
  kind: SyncKind;
  id: string;
  value: SyncValues[SyncKind];
  updatedAt: number;
}

type Apply = { record: AnySyncRecord; expected: number | null };
type Write = { docId: string; rev?: string; kind: SyncKind; id: string; value: SyncValues[SyncKind] };

const STATE_ID = '_local/team-sync';
const winner0 = (sealed: Sealed[]) => sealed[0]!;
const BATCH = 200;

function stampGeneric<T extends { stamp: Stamp }>(local: T, team: T | null, me: string, who: string | null, at: number): T {
  if (team && same({ ...local, stamp: null }, { ...team, stamp: null })) return { ...local, stamp: team.stamp };
  if (local.stamp?.by) return local;
  return { ...local, stamp: { at: local.stamp?.at || at, by: me, who, over: team ? { at: team.stamp.at, by: team.stamp.by } : null } };
}

export function classifyFailure(error: unknown): SyncFailure {
  const status = (error as { status?: number })?.status;
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (typeof status === 'number' && status >= 500) return 'server';
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
  return 'unreachable';
}

/** Answers brought together from two copies: the outcome is read again from them, the same way on every tablet. */
function summarized(source: SyncSource, merged: SyncValues['case'], a: SyncValues['case'] | null, b: SyncValues['case'] | null): SyncValues['case'] {
  if (isTombstone(merged)) return merged;
  const differs = (x: SyncValues['case'] | null) => !x || isTombstone(x) || !same(x.answers, merged.answers);
  return differs(a) && differs(b) ? { ...merged, summary: source.summarize(merged) } : merged;
}

export class TeamSyncEngine {
  readonly local: PouchDatabase;
  readonly remote: PouchDatabase;
  private state: EngineState = { cursor: null, appliedSeq: 0, dirty: [], referrals: {}, waiting: [] };
  private stateRev: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private ownRevs = new Set<string>();
  private unreadable = new Map<string, 'wrong_key' | 'key_rotated'>();
  private replicationFailure: SyncFailure | null = null;
  private lastSynced: number | null = null;
  private listeners = new Set<(status: SyncStatus) => void>();
  private replication: PouchReplication | null = null;
  private feed: PouchChanges | null = null;
  private stopLocal: (() => void) | null = null;
  private hints: ChangeHint[] = [];
  private hintTimer: ReturnType<typeof setTimeout> | null = null;
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private started = false;
  private who: string | null = null;

  private constructor(
    private readonly pouch: PouchFactory,
    private readonly source: SyncSource,
    private settings: TeamSettings,
    private keys: TeamKeys,
    private oldKeys: TeamKeys[],
  ) {
    this.local = pouch.local(localDatabaseName(settings));
    this.remote = pouch.remote(`${settings.server.url}/${settings.server.database}`, {
      skip_setup: true,
      auth: { username: settings.server.username, password: settings.server.password },
    });
  }

  static async create(pouch: PouchFactory, source: SyncSource, settings: TeamSettings): Promise<TeamSyncEngine> {
    const all = await Promise.all(settings.keys.map((k) => deriveTeamKeys(fromBase64(k.secret), settings.teamId, k.version)));
    all.sort((a, b) => b.version - a.version);
    return new TeamSyncEngine(pouch, source, settings, all[0]!, all.slice(1));
  }

  get tabletId(): string {
    return this.settings.tabletId;
  }

  // ---------------------------------------------------------------- status

  status(): SyncStatus {
    const pending = this.state.dirty.length;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    let failure: SyncFailure | null = offline ? 'offline' : this.replicationFailure;
    if (!failure && this.unreadable.size > 0) failure = [...this.unreadable.values()].includes('key_rotated') ? 'key_rotated' : 'wrong_key';
    const state: SyncStatus['state'] = !this.running ? (this.started ? 'stopped' : 'starting') : failure ? 'failing' : pending > 0 ? 'pending' : 'synced';
    return { state, pending, failure, unreadable: this.unreadable.size, lastSynced: this.lastSynced };
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status());
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Brings the local database and the store together; with `live`, then replicates continuously. */
  async start({ live = true }: { live?: boolean } = {}): Promise<void> {
    this.started = true;
    await this.serial(async () => {
      await this.loadState();
      this.who = await this.source.who();
      await this.localPass(null);
      await this.drain();
    });
    this.running = true;
    this.emit();
    // Local changes are always collected: a pass applying the team's changes seals them first.
    this.stopLocal?.();
    this.stopLocal = this.source.onLocalChange((hint) => {
      this.hints.push(hint);
      if (!live) return;
      if (this.hintTimer) clearTimeout(this.hintTimer);
      this.hintTimer = setTimeout(() => {
        const hints = this.hints.splice(0);
        if (hints.length) void this.serial(() => this.localPass(hints));
      }, 100);
    });
    if (!live) return;
    this.feed = this.local.changes({ since: 'now', live: true }).on('change', () => this.scheduleDrain());
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onNetwork);
      window.addEventListener('offline', this.onNetwork);
    }
    this.startReplication();
  }

  /** The network came back: replicate now rather than after the back-off; it went: say so. */
  private readonly onNetwork = () => {
    if (this.running && navigator.onLine) this.startReplication();
    this.emit();
  };

  private startReplication(): void {
    this.replication?.cancel();
    this.replication = this.local
      .sync(this.remote, { live: true, retry: true, batch_size: 100, back_off_function: (delay) => (delay ? Math.min(delay * 2, 30_000) : 2_000) })
      .on('change', (info) => {
        if (info.direction === 'push') {
          const pushed = new Set((info.change?.docs ?? []).map((d) => d._id));
          this.state.dirty = this.state.dirty.filter((id) => !pushed.has(id));
        }
        this.emit();
      })
      .on('paused', (error) => {
        if (error) this.replicationFailure = classifyFailure(error);
        else if (typeof navigator === 'undefined' || navigator.onLine !== false) {
          // Idle with no error while online: PouchDB pauses only once both directions caught up.
          this.replicationFailure = null;
          this.state.dirty = [];
          this.lastSynced = Date.now();
          void this.serial(() => this.saveState());
        }
        this.emit();
      })
      .on('denied', (error) => {
        this.replicationFailure = classifyFailure(error) === 'unauthorized' ? 'unauthorized' : 'forbidden';
        this.emit();
      })
      .on('error', (error) => {
        // Retries gave up (a refused account, a database that is gone): try again later, say why meanwhile.
        this.replicationFailure = classifyFailure(error);
        this.emit();
        if (this.restartTimer) clearTimeout(this.restartTimer);
        this.restartTimer = setTimeout(() => this.running && this.startReplication(), 30_000);
      });
  }

  private scheduleDrain(): void {
    if (this.drainTimer) return;
    this.drainTimer = setTimeout(() => {
      this.drainTimer = null;
      void this.serial(() => this.drain());
    }, 100);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopLocal?.();
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onNetwork);
      window.removeEventListener('offline', this.onNetwork);
    }
    this.feed?.cancel();
    this.replication?.cancel();
    for (const timer of [this.hintTimer, this.drainTimer, this.restartTimer]) if (timer) clearTimeout(timer);
    await this.queue.catch(() => undefined);
    await this.serial(() => this.saveState()).catch(() => undefined);
    this.emit();
  }

  /** One round trip without live replication (joining, tests, the benchmark). */
  async syncOnce(): Promise<void> {
    await this.pull();
    await this.push();
  }

  async pull(): Promise<void> {
    try {
      await this.local.replicate.from(this.remote, { batch_size: 100 });
      this.replicationFailure = null;
    } catch (error) {
      this.replicationFailure = classifyFailure(error);
      this.emit();
      throw error;
    }
    await this.serial(() => this.drain());
  }

  async push(): Promise<void> {
    await this.serial(() => this.localPass(this.hints.length ? this.hints.splice(0) : null));
    try {
      await this.local.replicate.to(this.remote, { batch_size: 100 });
      this.replicationFailure = null;
      this.state.dirty = [];
      this.lastSynced = Date.now();
    } catch (error) {
      this.replicationFailure = classifyFailure(error);
      this.emit();
      throw error;
    }
    await this.serial(() => this.saveState());
    this.emit();
  }

  /** Waits until every pass queued so far has run. */
  settled(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch((error: unknown) => console.error('team sync:', error instanceof Error ? error.message : error));
    return next;
  }

  // ---------------------------------------------------------------- sealed documents

  private async openSealed(doc: PouchDoc): Promise<Sealed | null> {
    const body = doc.body;
    const keys = isSealedBody(body) ? [this.keys, ...this.oldKeys].find((k) => k.version === body.k) : undefined;
    try {
      if (!keys) throw new TeamKeyError('no key for this version');
      const sealed = await openDocument<Sealed>(keys, doc._id, body);
      this.unreadable.delete(doc._id);
      return sealed;
    } catch {
      this.unreadable.set(doc._id, isSealedBody(body) && body.k > this.keys.version ? 'key_rotated' : 'wrong_key');
      return null;
    }
  }

  private async getDoc(docId: string): Promise<PouchDoc | null> {
    try {
      return await this.local.get(docId, { conflicts: true });
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  /** The team's copy of a document, its conflicts merged away first. */
  private async teamCopy(docId: string): Promise<{ doc: PouchDoc | null; sealed: Sealed | null; readable: boolean }> {
    let doc = await this.getDoc(docId);
    if (doc?._conflicts?.length) {
      await this.resolve(doc);
      doc = await this.getDoc(docId);
    }
    if (!doc || doc._deleted) return { doc, sealed: null, readable: true };
    const sealed = await this.openSealed(doc);
    return { doc, sealed, readable: sealed !== null };
  }

  /**
   * Merges every live revision of a document into the winning one and deletes the
   * others. The merged content depends only on the revisions' contents, so two
   * tablets doing this at once write the same thing (and the next pass, finding
   * equal contents, only removes the extra revision).
   */
  private async resolve(doc: PouchDoc): Promise<void> {
    const revisions = [doc._rev!, ...(doc._conflicts ?? [])];
    const leaves = await Promise.all(revisions.map((rev) => this.local.get(doc._id, { rev })));
    const opened = await Promise.all(leaves.map((leaf) => this.openSealed(leaf)));
    // A revision this tablet cannot read is never discarded by it.
    if (opened.some((o) => o === null)) return;
    const sealed = opened as Sealed[];
    const ordered = sealed.map((s, i) => ({ s, rev: revisions[i]! })).sort((a, b) => (canonical(a.s.value) < canonical(b.s.value) ? -1 : 1));
    let merged = ordered[0]!.s.value;
    for (const { s } of ordered.slice(1)) merged = mergeValues(s.kind, merged, s.value);
    if (winner0(sealed).kind === 'case') {
      const cases = sealed.map((s) => s.value as SyncValues['case']);
      const m = merged as SyncValues['case'];
      if (!isTombstone(m) && cases.every((c) => isTombstone(c) || !same(c.answers, m.answers))) merged = { ...m, summary: this.source.summarize(m) };
    }
    const winner = winner0(sealed);
    const docs: PouchDoc[] = (doc._conflicts ?? []).map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));
    if (!same(merged, winner.value)) {
      docs.unshift({ _id: doc._id, _rev: doc._rev, body: await sealDocument(this.keys, doc._id, { kind: winner.kind, id: winner.id, value: merged, updatedAt: updatedAtOf(winner.kind, merged) } satisfies Sealed) });
    }
    await this.bulkWrite(docs);
  }

  private async bulkWrite(docs: PouchDoc[]): Promise<string[]> {
    if (docs.length === 0) return [];
    const results = await this.local.bulkDocs(docs);
    const conflicted: string[] = [];
    for (const result of results) {
      if ('ok' in result && result.ok) {
        this.ownRevs.add(`${result.id}@${result.rev}`);
        if (!this.state.dirty.includes(result.id)) this.state.dirty.push(result.id);
      } else conflicted.push(result.id);
    }
    this.emit();
    return conflicted;
  }

  private async writeAll(writes: Write[]): Promise<string[]> {
    const docs = await Promise.all(
      writes.map(async (w) => {
        // A document written under an earlier key moves to this key's id: re-sealed, the old one deleted.
        const body = await sealDocument(this.keys, w.docId, { kind: w.kind, id: w.id, value: w.value, updatedAt: updatedAtOf(w.kind, w.value) } satisfies Sealed);
        return { _id: w.docId, _rev: w.rev, body };
      }),
    );
    return this.bulkWrite(docs);
  }

  // ---------------------------------------------------------------- local → team

  /** Seals what changed in the store into the local database, merged with the team's copy. */
  private async localPass(hints: ChangeHint[] | null): Promise<void> {
    const { records, cursor } = await this.source.changesSince(this.state.cursor, hints ?? undefined);
    const writes: Write[] = [];
    const applies: Apply[] = [];
    const touchedCases = new Set<string>();
    const seenReferrals = new Set<string>();
    for (const record of records) {
      const docId = await documentId(this.keys, record.kind, record.id);
      const { doc, sealed, readable } = await this.teamCopy(docId);
      if (!readable) continue;
      const team = sealed?.value ?? null;
      const rev = doc?._rev;
      if (record.kind === 'case') {
        touchedCases.add(record.id);
        if (isTombstone(record.value)) {
          if (!team) continue;
          const tomb = { deleted: true as const, stamp: { at: record.value.stamp.at, by: this.tabletId, who: this.who } };
          const merged = mergeCase(team as SyncValues['case'], tomb);
          if (!same(merged, team)) writes.push({ docId, rev, kind: 'case', id: record.id, value: merged });
          if (!isTombstone(merged)) applies.push({ record: { kind: 'case', id: record.id, value: merged, updatedAt: updatedAtOf('case', merged) }, expected: null });
          continue;
        }
        const stamped = stampLocal(record.value, team as SyncValues['case'] | null, this.tabletId, this.who, record.updatedAt);
        const merged = team ? summarized(this.source, mergeCase(team as SyncValues['case'], stamped), team as SyncValues['case'], stamped) : stamped;
        if (!team || !same(merged, team)) writes.push({ docId, rev, kind: 'case', id: record.id, value: merged });
        if (!same(merged, stamped)) applies.push({ record: { kind: 'case', id: record.id, value: merged, updatedAt: updatedAtOf('case', merged) }, expected: record.updatedAt });
      } else if (record.kind === 'referral') {
        seenReferrals.add(docId);
        this.indexReferral(record.value.caseId, docId);
        const stamped = stampGeneric(record.value, team as SyncValues['referral'] | null, this.tabletId, this.who, record.updatedAt);
        const merged = team ? mergeValues('referral', team as SyncValues['referral'], stamped) : stamped;
        if (!team || !same(merged, team)) writes.push({ docId, rev, kind: 'referral', id: record.id, value: merged });
        if (!same(merged, stamped)) applies.push({ record: { kind: 'referral', id: record.id, value: merged, updatedAt: updatedAtOf('referral', merged) }, expected: record.updatedAt });
      } else if (record.kind === 'directory') {
        const stamped = stampGeneric(record.value, team as SyncValues['directory'] | null, this.tabletId, this.who, record.updatedAt);
        const merged = team ? mergeValues('directory', team as SyncValues['directory'], stamped) : stamped;
        if (!team || !same(merged, team)) writes.push({ docId, rev, kind: 'directory', id: record.id, value: merged });
        if (!same(merged.services, record.value.services)) applies.push({ record: { kind: 'directory', id: 'team', value: merged, updatedAt: merged.stamp.at }, expected: null });
      } else if (!team || !same(record.value, team)) {
        writes.push({ docId, rev, kind: record.kind, id: record.id, value: record.value });
      }
    }
    const conflicted = await this.writeAll(writes);
    if (applies.length) await this.source.applyRemote(applies);
    // A referral of a touched case that its store copy no longer has (an older copy saved over it) comes back.
    const lost = [...touchedCases].flatMap((caseId) => (this.state.referrals[caseId] ?? []).filter((docId) => !seenReferrals.has(docId)));
    if (lost.length) await this.applyDocs(lost);
    if (conflicted.length) this.hints.push(...records.filter((r) => r.kind === 'case').map((r) => ({ kind: r.kind, id: r.id })));
    this.state.cursor = cursor;
    await this.saveState();
  }

  private indexReferral(caseId: string, docId: string): void {
    const list = (this.state.referrals[caseId] ??= []);
    if (!list.includes(docId)) list.push(docId);
  }

  // ---------------------------------------------------------------- team → local

  /** Applies to the store what arrived in the local database since the last pass. */
  private async drain(): Promise<void> {
    if (this.hints.length) await this.localPass(this.hints.splice(0));
    for (;;) {
      const batch = await this.local.changes({ since: this.state.appliedSeq, limit: BATCH, include_docs: true, conflicts: true, return_docs: true });
      if (batch.results.length === 0) break;
      const fresh = batch.results.filter((change) => {
        const rev = change.changes[0]?.rev;
        const own = rev !== undefined && this.ownRevs.delete(`${change.id}@${rev}`);
        return !own && change.doc && !change.doc._deleted && !change.id.startsWith('_');
      });
      await this.applyDocs(fresh.map((c) => c.id), new Map(fresh.map((c) => [c.id, c.doc!])));
      this.state.appliedSeq = batch.last_seq;
      await this.saveState();
    }
    if (this.state.waiting.length) await this.applyDocs(this.state.waiting.splice(0));
    this.emit();
  }

  /** Reconciles the store with these documents of the local database. */
  private async applyDocs(docIds: string[], known = new Map<string, PouchDoc>()): Promise<void> {
    const writes: Write[] = [];
    const applies: Apply[] = [];
    const waiting: string[] = [];
    const moves: PouchDoc[] = [];
    for (const docId of docIds) {
      let doc = known.get(docId) ?? (await this.getDoc(docId));
      if (!doc || doc._deleted) continue;
      if (doc._conflicts?.length) {
        await this.resolve(doc);
        doc = await this.getDoc(docId);
        if (!doc || doc._deleted || doc._conflicts?.length) continue;
      }
      const sealed = await this.openSealed(doc);
      if (!sealed) continue;
      let rev = doc._rev;
      let id = docId;
      if (isSealedBody(doc.body) && doc.body.k !== this.keys.version) {
        // Written under an earlier key (a tablet that had not yet received the new one): re-seal it here.
        id = await documentId(this.keys, sealed.kind, sealed.id);
        const current = await this.teamCopy(id);
        if (!current.readable) continue;
        rev = current.doc?._rev;
        if (current.sealed) sealed.value = mergeValues(sealed.kind, current.sealed.value, sealed.value);
        writes.push({ docId: id, rev, kind: sealed.kind, id: sealed.id, value: sealed.value });
        moves.push({ _id: docId, _rev: doc._rev, _deleted: true });
      }
      const team = sealed.value;
      if (sealed.kind === 'case') {
        const local = (await this.source.get('case', sealed.id)) as SyncRecord<'case'> | null;
        const value = team as SyncValues['case'];
        if (!local) {
          if (!isTombstone(value)) applies.push({ record: { kind: 'case', id: sealed.id, value, updatedAt: updatedAtOf('case', value) }, expected: null });
          continue;
        }
        // The store's copy keeps the stamps it was written with (and the digest of each field's value),
        // so only what was really edited here since counts as this tablet's edit.
        const stamped = stampLocal(local.value as SyncedCase, value, this.tabletId, this.who, local.updatedAt);
        const merged = summarized(this.source, mergeCase(value, stamped), value, stamped);
        if (!same(merged, stamped)) applies.push({ record: { kind: 'case', id: sealed.id, value: merged, updatedAt: updatedAtOf('case', merged) }, expected: local.updatedAt });
        if (!same(merged, value) && id === docId) writes.push({ docId, rev, kind: 'case', id: sealed.id, value: merged });
      } else if (sealed.kind === 'referral') {
        const value = team as SyncValues['referral'];
        this.indexReferral(value.caseId, id);
        const { record: local, caseUpdatedAt } = await (this.source as CaseStoreSource).getReferral(value.caseId, sealed.id);
        if (caseUpdatedAt === null) {
          waiting.push(id);
          continue;
        }
        if (!local || !same(local.value.referral, value.referral)) applies.push({ record: { kind: 'referral', id: sealed.id, value, updatedAt: value.stamp.at }, expected: caseUpdatedAt });
      } else if (sealed.kind === 'directory') {
        const value = team as SyncValues['directory'];
        const local = (await this.source.get('directory', 'team')) as SyncRecord<'directory'> | null;
        if (!local || !same(local.value.services, value.services)) applies.push({ record: { kind: 'directory', id: 'team', value, updatedAt: value.stamp.at }, expected: null });
      }
    }
    await this.writeAll(writes);
    await this.bulkWrite(moves);
    if (applies.length) {
      const { skipped } = await this.source.applyRemote(applies);
      // A case saved on this tablet meanwhile: its change event merges it again. A referral whose case was just written: next pass.
      for (const skip of skipped) {
        const apply = applies.find((a) => a.record.id === skip);
        if (apply?.record.kind === 'referral') waiting.push(await documentId(this.keys, 'referral', skip));
        else if (apply) this.hints.push({ kind: apply.record.kind, id: skip });
      }
    }
    for (const id of waiting) if (!this.state.waiting.includes(id)) this.state.waiting.push(id);
    this.emit();
  }

  // ---------------------------------------------------------------- engine state

  private async loadState(): Promise<void> {
    try {
      const doc = await this.local.get(STATE_ID);
      this.stateRev = doc._rev;
      this.state = { ...this.state, ...(await openDocument<EngineState>(this.keys, STATE_ID, doc.body)) };
    } catch {
      // None yet, or sealed under a key this tablet no longer has: start from the beginning (nothing is lost, only re-checked).
      this.state = { cursor: null, appliedSeq: 0, dirty: [], referrals: {}, waiting: [] };
    }
  }

  private async saveState(): Promise<void> {
    const body = await sealDocument(this.keys, STATE_ID, this.state);
    const result = await this.local.put({ _id: STATE_ID, _rev: this.stateRev, body });
    this.stateRev = result.rev;
  }

  // ---------------------------------------------------------------- team operations

  /** Every statistics record of the team (the coordinator aggregates them). */
  async teamStatistics(): Promise<StatsRecord[]> {
    const records: StatsRecord[] = [];
    for (const sealed of await this.openAll()) if (sealed.kind === 'stats') records.push(sealed.value as StatsRecord);
    return records;
  }

  private async openAll(): Promise<Sealed[]> {
    const all: Sealed[] = [];
    for (let skip = 0; ; skip += 500) {
      const page = await this.local.allDocs({ include_docs: true, limit: 500, skip });
      if (page.rows.length === 0) break;
      for (const row of page.rows) {
        if (!row.doc || row.doc._deleted || row.id.startsWith('_')) continue;
        const sealed = await this.openSealed(row.doc);
        if (sealed) all.push(sealed);
      }
    }
    return all;
  }

  /**
   * Leaving the team: this tablet's copies of cases started on other tablets are
   * erased (they stay with the team), the local database is destroyed, and
   * nothing of it is sent: the team's copies are untouched.
   */
  async leave(): Promise<{ erased: number }> {
    await this.stop();
    const others = (await this.openAll()).filter((s) => s.kind === 'case' && !isTombstone(s.value as SyncValues['case']) && (s.value as SyncedCase).origin !== this.tabletId);
    await this.source.forget(others.map((s) => ({ kind: 'case', id: s.id })));
    await this.local.destroy();
    return { erased: others.length };
  }

  /**
   * The coordinator's key rotation after a tablet is lost: every document is
   * re-sealed under a new key at its new id and the old one deleted; the other
   * tablets receive the new key in a new enrolment file. Returns the new key.
   */
  async rotate(secret: Uint8Array<ArrayBuffer>): Promise<{ version: number }> {
    if (this.settings.role !== 'coordinator') throw new Error('only the coordinator rotates the team key');
    const wasRunning = this.running;
    await this.stop();
    const next = await deriveTeamKeys(secret, this.settings.teamId, this.keys.version + 1);
    await this.serial(async () => {
      const previous = this.keys;
      for (let skip = 0; ; skip += BATCH) {
        const page = await this.local.allDocs({ include_docs: true, limit: BATCH, skip });
        if (page.rows.length === 0) break;
        const docs: PouchDoc[] = [];
        for (const row of page.rows) {
          if (!row.doc || row.doc._deleted || row.id.startsWith('_') || !isSealedBody(row.doc.body) || row.doc.body.k === next.version) continue;
          if (row.doc._conflicts?.length) await this.resolve(row.doc);
          const sealed = await this.openSealed(row.doc);
          if (!sealed) continue;
          const id = await documentId(next, sealed.kind, sealed.id);
          docs.push({ _id: id, body: await sealDocument(next, id, sealed) }, { _id: row.id, _rev: row.doc._rev, _deleted: true });
        }
        await this.bulkWrite(docs);
      }
      this.oldKeys = [previous, ...this.oldKeys];
      this.keys = next;
      await this.saveState();
    });
    if (wasRunning) {
      this.running = false;
      await this.start();
    }
    return { version: next.version };
  }
}
