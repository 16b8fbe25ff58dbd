/**
 * Upgrades: a database written by an earlier version opens, nothing is lost, and
 * after the first unlock nothing about a case's course is left in clear.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDataKey, seal } from '../crypto/envelope';
import { DB_VERSION, MIGRATION_MARKER, ScreeningDb } from './db';
import { dateTraces } from '../../test/helpers/clear-traces';
import { PASSPHRASE, rawText, snapshotAt } from './test-fixtures';
import { TrainingDb } from './training-store';
import { unlockVault } from './vault';

afterEach(() => vi.restoreAllMocks());

describe('database upgrades', () => {
  it('opens a version 1 database, keeps every case and gives closed cases a retention date', async () => {
    const name = 'upgrade-test';
    const v1 = new Dexie(name);
    v1.version(1).stores({ cases: 'id, updatedAt, status, training', content: 'id', vault: 'id', meta: 'key' });
    const sealed = { v: 1, iv: new Uint8Array(12), data: new Uint8Array([1, 2, 3]) };
    await v1.table('cases').bulkPut([
      { id: 'AAAA', createdAt: 1, updatedAt: 1000, status: 'completed', questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 0, summary: sealed },
      { id: 'BBBB', createdAt: 1, updatedAt: 2000, status: 'in_progress', questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 0, summary: sealed },
    ]);
    await v1.table('content').bulkPut([{ id: 'AAAA', content: sealed }, { id: 'BBBB', content: sealed }]);
    v1.close();

    const db = new ScreeningDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect((await db.cases.get('AAAA'))?.closedAt).toBe(1000);
    expect((await db.cases.get('BBBB'))?.closedAt).toBeUndefined();
    expect(await db.content.count()).toBe(2);
    expect(await db.audit.count()).toBe(0);
    expect(await db.meta.get(MIGRATION_MARKER)).toBeDefined();
  });

  it('opens a version 2 database, keeps its cases and audit log, and adds the empty hand-over tables', async () => {
    const name = 'upgrade-test-v2';
    const v2 = new Dexie(name);
    v2.version(1).stores({ cases: 'id, updatedAt, status, training', content: 'id', vault: 'id', meta: 'key' });
    v2.version(2).stores({ audit: 'seq' });
    const sealed = { v: 1, iv: new Uint8Array(12), data: new Uint8Array([1, 2, 3]) };
    await v2.table('cases').put({ id: 'AAAA', createdAt: 1, updatedAt: 1000, status: 'referred', closedAt: 1000, questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 0, summary: sealed });
    await v2.table('audit').put({ seq: 1, at: 1, action: 'unlock', details: null, prev: '0', hash: 'h' });
    v2.close();

    const db = new ScreeningDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect((await db.cases.get('AAAA'))?.status).toBe('referred');
    expect(await db.audit.count()).toBe(1);
    expect(await db.handoverKeys.count()).toBe(0);
    expect(await db.handoverIncoming.count()).toBe(0);
    expect(await db.handoverSent.count()).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// A version 2 database exactly as the code before version 3 wrote it.

const DAY = 86_400_000;
/** A fixed past day, so that its traces can be searched for: 14 March 2025. */
const BASE = Date.UTC(2025, 2, 14, 9, 30);
const OLD_MARKERS = dateTraces(BASE);
const a = (table: string, id: string) => ({ table, id, schema: 1 });

function hex(bytes: Uint8Array | undefined): string {
  return bytes ? [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('') : '';
}
async function sha256(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

interface V2Options {
  cases: number;
  /** Edits the clear audit log before it is written, to test a log that was already altered. */
  tamperAudit?: (rows: Record<string, unknown>[]) => void;
}

async function writeVersion2(name: string, options: V2Options) {
  const v2 = new Dexie(name);
  v2.version(1).stores({ cases: 'id, updatedAt, status, training', content: 'id', vault: 'id', meta: 'key' });
  v2.version(2).stores({ audit: 'seq' });
  await v2.open();
  const { key, wrapped } = await createDataKey(PASSPHRASE, 600_000);
  await v2.table('vault').put({ id: 'main', wrapped, createdAt: BASE });
  const statuses = ['in_progress', 'completed', 'referred'] as const;
  const ids: string[] = [];
  for (let i = 0; i < options.cases; i++) {
    const id = `V2CASE${String(i).padStart(4, '0')}`.replace(/[ILOU]/g, 'X');
    ids.push(id);
    const status = statuses[i % 3]!;
    const answers = { 'consent.explained': 'yes', 'closing.officer_notes': `note ${i}` };
    const summary = { outcome: status === 'in_progress' ? null : 'presumed_victim', flags: ['child'], section: status === 'in_progress' ? 'means' : 'result', answered: 2, referral: status === 'referred' ? { serviceName: 'Foyer Al Amal', status: 'accepted' } : null };
    const content = { answers, snapshot: snapshotAt(summary.section, answers), interviewLanguage: 'fr', details: { place: `Port ${i}`, interpreter: 'no' } };
    const at = BASE + i * 60_000;
    await v2.table('cases').put({
      id,
      createdAt: at,
      updatedAt: at + 1000,
      status,
      questionnaireId: 'art-448-1',
      questionnaireVersion: 1,
      training: 0,
      summary: await seal(key, summary, a('cases', id)),
      ...(status === 'in_progress' ? {} : { closedAt: at + 1000 }),
    });
    await v2.table('content').put({ id, content: await seal(key, content, a('content', id)) });
  }
  // A practice run from the days before the training database: never listed.
  await v2.table('cases').put({ id: 'PRACTICE01', createdAt: BASE, updatedAt: BASE, status: 'completed', questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 1, summary: await seal(key, { outcome: null, flags: [], section: 'result', answered: 0 }, a('cases', 'PRACTICE01')) });
  await v2.table('content').put({ id: 'PRACTICE01', content: await seal(key, { answers: {}, snapshot: null, interviewLanguage: 'fr' }, a('content', 'PRACTICE01')) });

  // The audit log: action and time in clear, details sealed, hash-chained, head sealed.
  const rows: Record<string, unknown>[] = [];
  let prev = '0'.repeat(64);
  const actions = ['unlock', 'settings', 'open_case', 'unlock_failed', 'print', 'lock'];
  for (const [index, action] of actions.entries()) {
    const seq = index + 1;
    const details = action === 'unlock_failed' ? null : await seal(key, { officer: 'Insp. Bennani (Brigade)', subject: action === 'open_case' || action === 'print' ? 'TR-V2CA-SE00' : null }, a('audit', String(seq)));
    const base = { seq, at: BASE + seq * 1000, action, details, prev };
    const hash = await sha256(JSON.stringify([seq, base.at, action, prev, hex(details?.iv), hex(details?.data)]));
    rows.push({ ...base, hash });
    prev = hash;
  }
  const head = { seq: rows.length, hash: prev };
  options.tamperAudit?.(rows);
  await v2.table('audit').bulkPut(rows);
  await v2.table('meta').bulkPut([
    { key: 'auditHead', value: null, sealed: await seal(key, head, a('meta', 'auditHead')) },
    { key: 'officer', value: null, sealed: await seal(key, { name: 'Insp. Bennani', service: 'Brigade' }, a('meta', 'officer')) },
    { key: 'openCase', value: ids[0] ?? null },
    { key: 'directory', value: JSON.stringify([{ id: 'local-shelter', name: 'Foyer Al Amal', contact: '0539 11 22 33' }]) },
    { key: 'lastBackup', value: BASE + DAY },
    { key: 'policy', value: JSON.stringify({ autoLockMinutes: 5, hiddenGraceSeconds: 30, wipeAfterFailures: 0, retentionDays: 3650, backupReminderDays: 7 }) },
    { key: 'failedUnlocks', value: 0 },
  ]);
  v2.close();
  return { ids };
}

const CLEAR_WORDS = ['in_progress', 'completed', 'referred', 'accepted', 'unlock_failed', 'open_case', 'Foyer Al Amal', 'Port 1', 'Bennani', '0539 11 22 33', 'createdAt', 'updatedAt', 'closedAt'];

describe('from version 2: the migration after unlock', () => {
  it('keeps every case, audit entry and directory entry readable, and leaves no date or status in clear', async () => {
    const name = 'v2-full';
    const { ids } = await writeVersion2(name, { cases: 30 });
    const before = await rawText(new ScreeningDb(name));
    // The fixture really is what version 2 left in clear.
    for (const word of ['in_progress', 'referred', 'unlock_failed', 'Foyer Al Amal', ...OLD_MARKERS.slice(1)]) expect(before, String(word)).toMatch(word);

    const db = new ScreeningDb(name);
    const { store } = await unlockVault(PASSPHRASE, db);
    await store!.ready();

    const list = await store!.list();
    expect(list.map((c) => c.id).sort()).toEqual([...ids].sort());
    const third = list.find((c) => c.id === ids[2])!;
    expect(third).toMatchObject({ status: 'referred', createdAt: BASE + 2 * 60_000, updatedAt: BASE + 2 * 60_000 + 1000, closedAt: BASE + 2 * 60_000 + 1000, place: 'Port 2', summary: { outcome: 'presumed_victim', referral: { serviceName: 'Foyer Al Amal', status: 'accepted' } } });
    expect(list.find((c) => c.id === ids[0])).toMatchObject({ status: 'in_progress', closedAt: null });
    for (const id of ids) expect((await store!.load(id)).content.answers['consent.explained']).toBe('yes');

    const log = await store!.auditLog();
    expect(log.map((e) => e.action).reverse()).toEqual(['unlock', 'settings', 'open_case', 'unlock_failed', 'print', 'lock', 'unlock', ...ids.map(() => 'open_case')]);
    expect(log.at(-3)).toMatchObject({ action: 'open_case', at: BASE + 3000, officer: 'Insp. Bennani (Brigade)', subject: 'TR-V2CA-SE00' });
    expect(await store!.verifyAudit()).toEqual({ intact: true, brokenAt: null });

    expect(await store!.directory()).toEqual([{ id: 'local-shelter', name: 'Foyer Al Amal', contact: '0539 11 22 33' }]);
    expect(await store!.openCase()).toBe(ids[0]);
    expect(await store!.lastBackup()).toBe(BASE + DAY);
    expect(await db.content.get('PRACTICE01')).toBeUndefined();
    expect(await db.cases.count()).toBe(0);

    const after = await rawText(db);
    for (const word of [...CLEAR_WORDS, ...OLD_MARKERS]) expect(after, String(word)).not.toMatch(word);
    expect(await db.meta.get(MIGRATION_MARKER)).toBeUndefined();
  });

  it('resumes where it stopped when the tab closed halfway, without losing or doubling a case', { timeout: 60_000 }, async () => {
    const name = 'v2-interrupted';
    const { ids } = await writeVersion2(name, { cases: 450 });
    const db = new ScreeningDb(name);
    const { store } = await unlockVault(PASSPHRASE, db);
    // The second index write fails, as if the tab had been closed in the middle.
    const bulkPut = db.caseIndex.bulkPut.bind(db.caseIndex);
    let writes = 0;
    vi.spyOn(db.caseIndex, 'bulkPut').mockImplementation((...args: Parameters<typeof bulkPut>) => {
      if (++writes === 2) throw new Error('tab closed');
      return bulkPut(...args);
    });
    await expect(store!.ready()).rejects.toThrow();
    vi.restoreAllMocks();
    // Halfway: some cases sealed into their content rows, some clear rows left.
    expect(await db.cases.count()).toBeGreaterThan(0);
    expect((await db.content.toArray()).some((row) => row.head)).toBe(true);
    expect(await db.meta.get(MIGRATION_MARKER)).toBeDefined();

    const { store: again } = await unlockVault(PASSPHRASE, db);
    await again!.ready();
    const list = await again!.list();
    expect(list.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(await db.cases.count()).toBe(0);
    expect((await db.content.toArray()).every((row) => row.head)).toBe(true);
    expect(await again!.verifyAudit()).toEqual({ intact: true, brokenAt: null });
    for (const word of [...CLEAR_WORDS, ...OLD_MARKERS]) expect(await rawText(db), String(word)).not.toMatch(word);
  });

  it('a log that was altered before the upgrade is still reported as altered after it', async () => {
    const name = 'v2-tampered-audit';
    // Someone moved the time of entry 3 back by an hour, in clear, before the upgrade.
    await writeVersion2(name, { cases: 2, tamperAudit: (rows) => void (rows[2]!.at = (rows[2]!.at as number) - 3_600_000) });
    const db = new ScreeningDb(name);
    const { store } = await unlockVault(PASSPHRASE, db);
    await store!.ready();
    expect(await store!.verifyAudit()).toEqual({ intact: false, brokenAt: 3 });
  });

  it('an entry removed before the upgrade is reported through the old sealed head', async () => {
    const name = 'v2-truncated-audit';
    await writeVersion2(name, { cases: 1, tamperAudit: (rows) => void rows.pop() });
    const db = new ScreeningDb(name);
    const { store } = await unlockVault(PASSPHRASE, db);
    await store!.ready();
    expect((await store!.verifyAudit()).intact).toBe(false);
  });

  it('a wrong passphrase typed before the first unlock of version 3 is sealed by the migration too', async () => {
    const name = 'v2-failed-first';
    await writeVersion2(name, { cases: 1 });
    const db = new ScreeningDb(name);
    await unlockVault('not the passphrase at all', db);
    const { store } = await unlockVault(PASSPHRASE, db);
    await store!.ready();
    expect((await store!.auditLog(3)).map((e) => e.action)).toEqual(['unlock', 'unlock_failed', 'lock']);
    expect(await rawText(db)).not.toContain('unlock_failed');
    expect(await store!.verifyAudit()).toEqual({ intact: true, brokenAt: null });
  });
});

describe('training database, from version 1', () => {
  it('seals the dates, status and workshop name that version 1 kept in clear', async () => {
    const name = 'training-v1';
    const { createVault } = await import('./vault');
    const store = await createVault(PASSPHRASE, new ScreeningDb('training-v1-main'));
    const key = keyOf(store);
    const t = (table: string, id: string) => ({ table: `training.${table}`, id, schema: 1 });
    const v1 = new Dexie(name);
    v1.version(1).stores({ practices: 'id, updatedAt', content: 'id', scenarios: 'id, at', results: 'id, at', meta: 'key' });
    await v1.open();
    const id = 'PRACT00001';
    await v1.table('practices').put({
      id,
      createdAt: BASE,
      updatedAt: BASE + 1000,
      status: 'completed',
      questionnaireId: 'art-448-1',
      questionnaireVersion: 1,
      summary: await seal(key, { outcome: null, flags: [], section: 'result', answered: 0 }, t('practices', id)),
      details: await seal(key, { scenarioId: 'kidney-sale-broker', trainee: 'Amina', workshop: 'Atelier Tanger mars 2025', revealed: [], reading: null, resultId: 'RESULT0001' }, t('details', id)),
    });
    await v1.table('content').put({ id, content: await seal(key, { answers: {}, snapshot: null, interviewLanguage: 'fr' }, t('content', id)) });
    await v1.table('scenarios').put({ id: 'SCEN000001', at: BASE, data: await seal(key, { id: 'own-story' }, t('scenarios', 'SCEN000001')) });
    await v1.table('results').put({ id: 'RESULT0001', at: BASE, data: await seal(key, { id: 'RESULT0001', completedAt: BASE }, t('results', 'RESULT0001')) });
    await v1.table('meta').put({ key: 'workshop', value: 'Atelier Tanger mars 2025' });
    v1.close();

    const tdb = new TrainingDb(name);
    const training = store.training(tdb);
    expect(await training.workshop()).toBe('Atelier Tanger mars 2025');
    expect((await training.listPractices())[0]).toMatchObject({ id, createdAt: BASE, updatedAt: BASE + 1000, status: 'completed', details: { trainee: 'Amina' } });
    expect(await training.scenarios()).toEqual([{ id: 'own-story' }]);
    expect(await training.results()).toEqual([{ id: 'RESULT0001', completedAt: BASE }]);
    expect((await training.load(id)).item).toMatchObject({ createdAt: BASE, status: 'completed' });
    const raw = await rawText(tdb);
    for (const word of ['Atelier', 'Tanger', 'completed', 'createdAt', ...OLD_MARKERS]) expect(raw, String(word)).not.toMatch(word);
    expect(await tdb.meta.get('migrate')).toBeUndefined();
  });
});

/** The test reaches the data key the way only a test may: through the store's private field. */
function keyOf(store: object): CryptoKey {
  return (store as unknown as { key: CryptoKey }).key;
}
