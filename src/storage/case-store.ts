/**
 * Case repository: every read and write of a real case goes through here, sealed
 * with the data key of the unlocked vault. Lists, the home screen, retention and
 * statistics read the sealed case index (case-index.ts) held in memory after
 * unlock; opening a case decrypts that case only.
 */
import { open, seal, type RecordAddress } from '../crypto/envelope';
import { appendAudit, readAudit, verifyAudit, type AuditAction, type AuditEntry, type ChainCheck } from './audit';
import { CaseIndex, openHead, sealHead, shardOf } from './case-index';
import { SCHEMA_VERSION, type CaseRow, type ScreeningDb } from './db';
import { readPolicy, writePolicy, type DevicePolicy } from './device';
import { legacyEntry, migrate, readMeta, sealMeta } from './migration';
import { newCaseId, StorageError } from './records';
import { getTrainingDb, TrainingStore } from './training-store';
import { referenceOf, type BackupCase, type CaseContent, type CaseIndexEntry, type CaseListItem, type CaseStatus, type CaseSummary, type Officer } from './types';

export { newCaseId, StorageError } from './records';
export { referenceOf } from './types';
export type { BackupCase, CaseContent, CaseIndexEntry, CaseListItem, CaseSummary, Officer, Referral, ReferralBasis, ReferralStatus } from './types';

const DAY = 24 * 60 * 60 * 1000;
/** Content is padded to whole kilobytes: its length says little about what was answered. */
const CONTENT_PAD = 1024;
/** Cases written per transaction by a restore: whole shards at a time, about this many cases. */
const IMPORT_CHUNK = 1000;

const address = (table: string, id: string): RecordAddress => ({ table, id, schema: SCHEMA_VERSION });

/** What the case list shows of a case's details, taken from its content at each save. */
function listedDetails(content: CaseContent): Pick<CaseIndexEntry, 'place' | 'personLanguage' | 'personLanguageOther'> {
  return {
    place: content.details?.place?.trim() || null,
    personLanguage: content.details?.personLanguage ?? null,
    personLanguageOther: content.details?.personLanguage === 'other' ? content.details?.personLanguageOther?.trim() || null : null,
  };
}

function toItem(entry: CaseIndexEntry, retentionDays: number, now = Date.now()): CaseListItem {
  return {
    ...entry,
    reference: referenceOf(entry.id),
    daysLeft: entry.closedAt === null ? null : Math.max(0, Math.ceil((entry.closedAt + retentionDays * DAY - now) / DAY)),
  };
}

export type ImportProgress = (done: number, total: number) => void;

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class CaseStore {
  private officerCache: Officer | null | undefined;
  private readonly index: CaseIndex;
  private readying: Promise<void> | null = null;
  private retention: Promise<number> | null = null;
  private sorted: { version: number; entries: CaseIndexEntry[] } | null = null;

  constructor(
    private readonly db: ScreeningDb,
    private readonly key: CryptoKey,
  ) {
    this.index = new CaseIndex(db, key);
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
      await this.index.open();
    })().catch((error: unknown) => {
      this.readying = null;
      throw error;
    });
    return this.readying;
  }

  /** A real case. Practice runs never come here: they live in the training database (training()). */
  async create(input: { questionnaireId: string; questionnaireVersion: number; content: CaseContent; summary: CaseSummary }): Promise<string> {
    const id = newCaseId();
    const now = Date.now();
    const entry: CaseIndexEntry = {
      id,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      status: 'in_progress',
      questionnaireId: input.questionnaireId,
      questionnaireVersion: input.questionnaireVersion,
      summary: input.summary,
      ...listedDetails(input.content),
    };
    const sealedContent = await seal(this.key, input.content, address('content', id), CONTENT_PAD);
    await this.index.write(async () => {
      const head = await sealHead(this.key, entry);
      return {
        put: [entry],
        tables: [this.db.cases, this.db.content],
        apply: async () => {
          await this.db.cases.put({ id, head });
          await this.db.content.put({ id, content: sealedContent });
        },
      };
    });
    return id;
  }

  /** Saves the interview as it stands. On failure the previous save is kept and the error says why. */
  async save(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }): Promise<void> {
    const sealedContent = await seal(this.key, update.content, address('content', id), CONTENT_PAD);
    await this.index.write(async (lookup) => {
      const existing = (await lookup(id)) ?? (await this.headOf(id));
      if (!existing) throw new StorageError(`case ${referenceOf(id)} no longer exists on this device`);
      const status = update.status ?? existing.status;
      const now = Date.now();
      const closedAt = status === 'in_progress' ? null : status !== existing.status || existing.closedAt === null ? now : existing.closedAt;
      const entry: CaseIndexEntry = { ...existing, status, updatedAt: now, closedAt, summary: update.summary, ...listedDetails(update.content) };
      const head = await sealHead(this.key, entry);
      return {
        put: [entry],
        tables: [this.db.cases, this.db.content],
        apply: async () => {
          await this.db.cases.put({ id, head });
          await this.db.content.put({ id, content: sealedContent });
        },
      };
    });
  }

  /** A case's head from its own row (sealed, or in clear when written before version 3). */
  private async headOf(id: string, row?: CaseRow): Promise<CaseIndexEntry | null> {
    const found = row ?? (await this.db.cases.get(id));
    if (!found) return null;
    return found.head ? openHead(this.key, id, found.head) : legacyEntry(this.db, this.key, found);
  }

  async load(id: string): Promise<{ item: CaseListItem; content: CaseContent }> {
    const [row, contentRow] = await this.db.transaction('r', [this.db.cases, this.db.content], () => Promise.all([this.db.cases.get(id), this.db.content.get(id)]));
    if (!row || !contentRow) throw new StorageError(`case ${referenceOf(id)} is not on this device`);
    const [entry, content, policy] = await Promise.all([this.headOf(id, row), open<CaseContent>(this.key, contentRow.content, address('content', id)), readPolicy(this.db)]);
    const item = toItem(entry!, policy.retentionDays);
    await this.audit('open_case', item.reference);
    return { item, content };
  }

  /** Every case's index entry, most recently changed first (from memory; shared, do not modify). */
  async entries(): Promise<CaseIndexEntry[]> {
    await this.ready();
    // A retention run under way finishes first: a case past its period is never listed.
    await this.retention?.catch(() => undefined);
    const entries = await this.index.entries();
    if (this.sorted?.version !== this.index.version) this.sorted = { version: this.index.version, entries: entries.sort((a, b) => b.updatedAt - a.updatedAt) };
    return this.sorted.entries;
  }

  /** Real cases, most recent first, from the sealed index: no case is decrypted. */
  async list(): Promise<CaseListItem[]> {
    const [entries, policy] = await Promise.all([this.entries(), readPolicy(this.db)]);
    const now = Date.now();
    return entries.map((entry) => toItem(entry, policy.retentionDays, now));
  }

  /** What the home screen needs: how many cases there are and the latest one still in progress. */
  async overview(): Promise<{ count: number; latestInProgress: { id: string; reference: string } | null }> {
    const entries = await this.entries();
    const latest = entries.find((entry) => entry.status === 'in_progress');
    return { count: entries.length, latestInProgress: latest ? { id: latest.id, reference: referenceOf(latest.id) } : null };
  }

  async remove(id: string, action: AuditAction = 'delete'): Promise<void> {
    await this.removeMany([id], action);
  }

  /** Deletes cases with an audit entry each; the rows and their index entries go in one transaction. */
  private async removeMany(ids: string[], action: AuditAction): Promise<void> {
    for (const id of ids) await this.audit(action, referenceOf(id));
    const openId = await this.openCase();
    const clearOpen = openId !== null && ids.includes(openId) ? await sealMeta(this.key, 'openCase', null) : null;
    await this.index.write(async () => ({
      remove: ids,
      tables: [this.db.cases, this.db.content, this.db.meta],
      apply: async () => {
        await this.db.cases.bulkDelete(ids);
        await this.db.content.bulkDelete(ids);
        if (clearOpen) await this.db.meta.put(clearOpen);
      },
    }));
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
    const [entry, contentRow] = await Promise.all([this.headOf(id), this.db.content.get(id)]);
    if (!entry || !contentRow) throw new StorageError(`case ${referenceOf(id)} is not on this device`);
    const content = await open<CaseContent>(this.key, contentRow.content, address('content', id));
    const next = change(content, entry.summary);
    await this.save(id, next);
    return next.content;
  }

  /** The directory of services of this tablet, or null when the starter directory is still in use. Sealed. */
  async directory(): Promise<unknown[] | null> {
    const services = await readMeta<unknown[]>(this.db, this.key, 'directory');
    return Array.isArray(services) ? services : null;
  }

  async setDirectory(services: unknown[]): Promise<void> {
    await this.db.meta.put(await sealMeta(this.key, 'directory', services));
  }

  /** Replaces the directory with an imported one the officer confirmed, with an audit entry saying how much changed. */
  async importDirectory(services: unknown[], changes: { added: number; changed: number; removed: number }): Promise<void> {
    await this.setDirectory(services);
    await this.audit('directory_import', `+${changes.added} ~${changes.changed} -${changes.removed}`);
  }

  /** One case as a backup carries it, decrypted; null when it is not on this device. */
  async exportCase(id: string): Promise<BackupCase | null> {
    const [entry, contentRow] = await Promise.all([this.headOf(id), this.db.content.get(id)]);
    if (!entry || !contentRow) return null;
    return toBackupCase(entry, await open<CaseContent>(this.key, contentRow.content, address('content', id)));
  }

  /** Every real case, decrypted, for an encrypted backup. */
  async exportAll(onProgress?: ImportProgress): Promise<BackupCase[]> {
    const entries = await this.entries();
    const out: BackupCase[] = [];
    for (let i = 0; i < entries.length; i += 500) {
      const slice = entries.slice(i, i + 500);
      const rows = await this.db.content.bulkGet(slice.map((e) => e.id));
      const contents = await Promise.all(rows.map((row, j) => (row ? open<CaseContent>(this.key, row.content, address('content', slice[j]!.id)) : null)));
      slice.forEach((entry, j) => {
        const content = contents[j];
        if (content) out.push(toBackupCase(entry, content));
      });
      onProgress?.(Math.min(i + 500, entries.length), entries.length);
      await nextTick();
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
    await this.ready();
    const byShard = new Map<number, BackupCase[]>();
    for (const c of cases) {
      const shard = shardOf(c.id);
      const list = byShard.get(shard);
      if (list) list.push(c);
      else byShard.set(shard, [c]);
    }
    const chunks: BackupCase[][] = [];
    let chunk: BackupCase[] = [];
    for (const shard of [...byShard.keys()].sort((a, b) => a - b)) {
      chunk.push(...byShard.get(shard)!);
      if (chunk.length >= IMPORT_CHUNK) {
        chunks.push(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) chunks.push(chunk);
    let done = 0;
    onProgress?.(0, cases.length);
    for (const part of chunks) {
      const entries = part.map(
        (c): CaseIndexEntry => ({
          id: c.id,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          closedAt: c.status === 'in_progress' ? null : (c.closedAt ?? c.updatedAt),
          status: c.status,
          questionnaireId: c.questionnaireId,
          questionnaireVersion: c.questionnaireVersion,
          summary: c.summary,
          ...listedDetails(c.content),
        }),
      );
      const [heads, contents] = await Promise.all([
        Promise.all(entries.map(async (entry) => ({ id: entry.id, head: await sealHead(this.key, entry) }))),
        Promise.all(part.map(async (c) => ({ id: c.id, content: await seal(this.key, c.content, address('content', c.id), CONTENT_PAD) }))),
      ]);
      await this.index.write(async () => ({
        put: entries,
        tables: [this.db.cases, this.db.content],
        apply: async () => {
          await this.db.cases.bulkPut(heads);
          await this.db.content.bulkPut(contents);
        },
      }));
      done += part.length;
      onProgress?.(done, cases.length);
      // Let the screen draw the progress and answer a tap between chunks.
      await nextTick();
    }
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
   * (no table scan); returns how many. Lists wait for a run under way.
   */
  applyRetention(now = Date.now()): Promise<number> {
    const run = (async () => {
      await this.ready();
      const { retentionDays } = await readPolicy(this.db);
      const expired = (await this.index.entries()).filter((e) => e.closedAt !== null && e.closedAt + retentionDays * DAY <= now).map((e) => e.id);
      for (let i = 0; i < expired.length; i += 200) await this.removeMany(expired.slice(i, i + 200), 'retention_delete');
      return expired.length;
    })();
    this.retention = run;
    return run;
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
    this.index.forget();
    this.sorted = null;
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
