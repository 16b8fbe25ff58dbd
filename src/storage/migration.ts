/**
 * The migration after unlock: seals what a database written before version 3
 * kept in clear. The Dexie upgrade (db.ts) cannot do it — WebCrypto cannot run
 * inside an upgrade transaction and the key is not known before unlock — so it
 * only leaves a marker, and this runs at the next unlock:
 *
 * 1. cases: each clear row (dates, status, sealed summary) becomes a sealed head,
 *    added to the sealed index in the same transaction, a few shards at a time;
 * 2. the audit log: every entry is sealed and the chain recomputed over the
 *    sealed entries; a break found in the old chain is kept (sealed) and still
 *    reported by the integrity check;
 * 3. the open case, the directory and the last backup date are sealed.
 *
 * Every step is idempotent and commits as it goes: if the tab closes halfway,
 * the next unlock continues where it stopped. The marker goes last.
 */
import { open, seal } from '../crypto/envelope';
import { GENESIS, BREAK_KEY, auditReader, hashRow, sealAuditEntry, sealAuditHead, type ChainCheck } from './audit';
import { chunkByShard, sealHead, type CaseIndex } from './case-index';
import { MIGRATION_MARKER, SCHEMA_VERSION, type AuditRow, type CaseRow, type ContentRow, type ScreeningDb } from './db';
import type { CaseContent, CaseIndexEntry, CaseSummary } from './types';

const metaAddress = (key: string) => ({ table: 'meta', id: key, schema: SCHEMA_VERSION });
const AUDIT_PROGRESS = 'auditMigration';
const AUDIT_STEP = 500;
/** Cases sealed per transaction (whole shards, about this many). */
const MIGRATION_STEP = 200;

export async function migrationPending(db: ScreeningDb): Promise<boolean> {
  return (await db.meta.get(MIGRATION_MARKER)) !== undefined;
}

export async function migrate(db: ScreeningDb, key: CryptoKey, index: CaseIndex): Promise<void> {
  if (!(await migrationPending(db))) return;
  await migrateCases(db, key, index);
  await migrateAudit(db, key);
  await migrateMeta(db, key);
  await db.meta.delete(MIGRATION_MARKER);
}

const EMPTY_SUMMARY: CaseSummary = { outcome: null, flags: [], section: '', answered: 0 };

/** A case row as versions before 3 wrote it, read into an index entry. */
export async function legacyEntry(db: ScreeningDb, key: CryptoKey, row: CaseRow, contentRow?: ContentRow): Promise<CaseIndexEntry> {
  const status = row.status ?? 'in_progress';
  const updatedAt = row.updatedAt ?? row.createdAt ?? 0;
  // A summary or content that no longer opens must not lose the case: its dates and status still do.
  const summary = row.summary ? await open<CaseSummary>(key, row.summary, { table: 'cases', id: row.id, schema: SCHEMA_VERSION }).catch(() => EMPTY_SUMMARY) : EMPTY_SUMMARY;
  const found = contentRow ?? (await db.content.get(row.id));
  const content = found ? await open<CaseContent>(key, found.content, { table: 'content', id: row.id, schema: SCHEMA_VERSION }).catch(() => null) : null;
  return {
    id: row.id,
    createdAt: row.createdAt ?? updatedAt,
    updatedAt,
    closedAt: status === 'in_progress' ? null : (row.closedAt ?? updatedAt),
    status,
    questionnaireId: row.questionnaireId ?? 'art-448-1',
    questionnaireVersion: row.questionnaireVersion ?? 1,
    summary,
    place: content?.details?.place || null,
    personLanguage: content?.details?.personLanguage ?? null,
    personLanguageOther: content?.details?.personLanguageOther ?? null,
  };
}

/**
 * Each clear case row becomes a sealed head in its content row (the content
 * itself is not re-sealed), added to the index in the same transaction; the
 * clear row is deleted. A few shards per transaction, each shard sealed once.
 */
async function migrateCases(db: ScreeningDb, key: CryptoKey, index: CaseIndex): Promise<void> {
  const ids = (await db.cases.toCollection().primaryKeys()) as string[];
  for (const step of chunkByShard(ids, (id) => id, MIGRATION_STEP)) {
    await index.write(async () => {
      // Read inside the write queue: a case saved meanwhile (its clear row already gone) is skipped.
      const rows = (await db.cases.bulkGet(step)).filter((row): row is CaseRow => row !== undefined);
      const contents = await db.content.bulkGet(rows.map((row) => row.id));
      // Practice runs were once kept here (training: 1): never listed nor backed up, and training now has its own database.
      // A row without content could never be opened: it goes too.
      const dropped = rows.filter((row, i) => row.training === 1 || !contents[i]).map((row) => row.id);
      const kept = rows.map((row, i) => ({ row, content: contents[i] })).filter((r): r is { row: CaseRow; content: ContentRow } => r.row.training !== 1 && r.content !== undefined);
      const entries = await Promise.all(kept.map(({ row, content }) => legacyEntry(db, key, row, content)));
      const sealed = await Promise.all(kept.map(async ({ content }, i) => ({ ...content, head: await sealHead(key, entries[i]!) })));
      return {
        put: entries,
        remove: dropped,
        tables: [db.cases, db.content],
        apply: () => [db.content.bulkPut(sealed), db.content.bulkDelete(dropped), db.cases.bulkDelete(rows.map((row) => row.id))],
      };
    });
  }
}

interface AuditProgress {
  /** The next position to rewrite. */
  next: number;
  /** The stored hash of the row before `next`, to check the old chain. */
  oldPrev: string;
  /** The new hash of the row before `next`, to chain the rewritten ones. */
  newPrev: string;
  /** The old sealed chain head, checked when its row is reached. */
  head: { seq: number; hash: string } | null;
  brokenAt: number | null;
  headChecked: boolean;
}

async function migrateAudit(db: ScreeningDb, key: CryptoKey): Promise<void> {
  const progressRow = await db.meta.get(AUDIT_PROGRESS);
  let progress: AuditProgress;
  if (progressRow?.sealed) {
    progress = await open<AuditProgress>(key, progressRow.sealed, metaAddress(AUDIT_PROGRESS));
  } else {
    const headRow = await db.meta.get('auditHead');
    const head = headRow?.sealed ? await open<{ seq: number; hash: string }>(key, headRow.sealed, metaAddress('auditHead')).catch(() => null) : null;
    progress = { next: 1, oldPrev: GENESIS, newPrev: GENESIS, head, brokenAt: headRow?.sealed && !head ? 0 : null, headChecked: head === null };
  }
  const read = auditReader(db, key);
  for (;;) {
    const rows = await db.audit.where('seq').aboveOrEqual(progress.next).limit(AUDIT_STEP).toArray();
    if (rows.length === 0) break;
    const next = { ...progress };
    const rewritten: AuditRow[] = [];
    for (const row of rows) {
      const { hash, ...base } = row;
      if (next.brokenAt === null && (row.seq !== next.next || row.prev !== next.oldPrev || (await hashRow(base)) !== hash)) next.brokenAt = row.seq;
      if (next.head && !next.headChecked && row.seq === next.head.seq) {
        if (hash !== next.head.hash && next.brokenAt === null) next.brokenAt = row.seq;
        next.headChecked = true;
      }
      let sealedBase: Omit<AuditRow, 'hash'>;
      if (row.entry) {
        // Already sealed (written by this version): only its place in the chain changes.
        sealedBase = { seq: row.seq, entry: row.entry, ...(row.epk ? { epk: row.epk } : {}), prev: next.newPrev };
      } else {
        const payload = await read(row).catch(() => ({ at: row.at ?? 0, action: row.action as never, officer: null, subject: null }));
        sealedBase = { seq: row.seq, entry: await sealAuditEntry(key, payload, row.seq), prev: next.newPrev };
      }
      const sealed: AuditRow = { ...sealedBase, hash: await hashRow(sealedBase) };
      rewritten.push(sealed);
      next.oldPrev = hash;
      next.newPrev = sealed.hash;
      next.next = row.seq + 1;
    }
    const last = rewritten.at(-1)!;
    const [sealedProgress, head] = await Promise.all([seal(key, next, metaAddress(AUDIT_PROGRESS)), sealAuditHead(key, { seq: last.seq, hash: last.hash })]);
    const done = await db.transaction('rw', [db.audit, db.meta], async () => {
      // Another tab migrating at the same time: leave it to the one that got there first.
      const now = await db.audit.bulkGet(rows.map((r) => r.seq));
      if (now.some((r, i) => r?.hash !== rows[i]!.hash)) return false;
      await db.audit.bulkPut(rewritten);
      await db.meta.put({ key: AUDIT_PROGRESS, value: null, sealed: sealedProgress });
      await db.meta.put({ key: 'auditHead', value: null, sealed: head });
      return true;
    });
    if (!done) {
      const stored = await db.meta.get(AUDIT_PROGRESS);
      if (!stored?.sealed) return;
      progress = await open<AuditProgress>(key, stored.sealed, metaAddress(AUDIT_PROGRESS));
      continue;
    }
    progress = next;
  }
  // The old head named an entry that is no longer there: entries were removed.
  if (progress.head && !progress.headChecked && progress.brokenAt === null) progress.brokenAt = progress.head.seq;
  const check: ChainCheck = { intact: progress.brokenAt === null, brokenAt: progress.brokenAt || null };
  const sealedCheck = check.intact ? null : await seal(key, check, metaAddress(BREAK_KEY));
  await db.transaction('rw', db.meta, async () => {
    if (sealedCheck && !(await db.meta.get(BREAK_KEY))) await db.meta.put({ key: BREAK_KEY, value: null, sealed: sealedCheck });
    await db.meta.delete(AUDIT_PROGRESS);
  });
}

/** Meta that versions 1–2 kept in clear, and how each reads. */
const LEGACY_META: Record<string, (value: string | number) => unknown> = {
  openCase: (value) => (typeof value === 'string' ? value : null),
  directory: (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : null),
  lastBackup: (value) => (typeof value === 'number' ? value : null),
};

async function migrateMeta(db: ScreeningDb, key: CryptoKey): Promise<void> {
  for (const [name, read] of Object.entries(LEGACY_META)) {
    const row = await db.meta.get(name);
    if (!row || row.sealed || row.value === null) continue;
    let value: unknown = null;
    try {
      value = read(row.value);
    } catch {
      value = null;
    }
    const sealed = await seal(key, value, metaAddress(name));
    await db.meta.put({ key: name, value: null, sealed });
  }
}

/** Reads a sealed meta value, or one a version before 3 left in clear (until the migration seals it). */
export async function readMeta<T>(db: ScreeningDb, key: CryptoKey, name: string): Promise<T | null> {
  const row = await db.meta.get(name);
  if (!row) return null;
  if (row.sealed) return open<T>(key, row.sealed, metaAddress(name));
  if (row.value === null) return null;
  try {
    return (LEGACY_META[name]?.(row.value) ?? null) as T | null;
  } catch {
    return null;
  }
}

export async function sealMeta(key: CryptoKey, name: string, value: unknown) {
  return { key: name, value: null, sealed: await seal(key, value, metaAddress(name)) };
}
