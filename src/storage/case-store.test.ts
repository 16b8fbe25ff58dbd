/**
 * What a person holding the tablet without the passphrase can learn: nothing.
 * And what the officer can rely on: a failed save keeps the last good one.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { unwrapDataKey } from '../crypto/envelope';
import { CaseStore, StorageError } from './case-store';
import { ScreeningDb } from './db';
import { TrainingDb } from './training-store';
import { createVault, unlockVault, wipeWithPassphrase } from './vault';

const PASSPHRASE = 'correct horse battery staple';
const MARKER = 'ZQX-MARKER-7741';
let dbCount = 0;
const freshDb = () => new ScreeningDb(`test-${++dbCount}`);

const content = (answers: Record<string, string | number>) => ({ answers, snapshot: { value: 'means' }, interviewLanguage: 'fr' });
const summary = { outcome: 'possible_victim' as const, flags: ['urgent_needs'], section: 'means', answered: 3 };

async function newCase(store: CaseStore, answers: Record<string, string | number> = { 'closing.officer_notes': MARKER, 'means.debt': 'yes' }) {
  return store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: content(answers), summary });
}

/** Every byte IndexedDB holds for the app, as text, read directly rather than through the app. */
async function rawText(db: ScreeningDb): Promise<string> {
  const rows = [...(await db.cases.toArray()), ...(await db.content.toArray()), ...(await db.meta.toArray()), ...(await db.vault.toArray())];
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (value instanceof Uint8Array) parts.push(new TextDecoder('latin1').decode(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    else parts.push(String(value));
  };
  rows.forEach(walk);
  return parts.join('\n');
}

describe('encrypted case storage', () => {
  it('keeps no trace of answers or notes in clear in IndexedDB', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const id = await newCase(store);
    await store.save(id, { content: content({ 'closing.officer_notes': MARKER, 'means.debt': 'yes', 'person.age_years': 15 }), summary });
    const raw = await rawText(db);
    for (const secret of [MARKER, 'means.debt', 'officer_notes', 'possible_victim', 'urgent_needs', 'interviewLanguage']) expect(raw).not.toContain(secret);
    expect(raw).toContain(id); // the random id is the only handle in clear
    const { content: loaded } = await store.load(id);
    expect(loaded.answers['closing.officer_notes']).toBe(MARKER);
  });

  it('a wrong passphrase unlocks nothing; the right one opens every case', async () => {
    const db = freshDb();
    const id = await newCase(await createVault(PASSPHRASE, db));
    expect((await unlockVault('correct horse battery stapler', db)).store).toBeNull();
    const { store } = await unlockVault(PASSPHRASE, db);
    expect((await store!.load(id)).content.answers['means.debt']).toBe('yes');
  });

  it('refuses a tampered ciphertext and a record moved to another id, with a clear error', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const a = await newCase(store);
    const b = await newCase(store, { 'means.debt': 'no' });
    const row = (await db.content.get(a))!;
    row.content.data[5] = row.content.data[5]! ^ 0xff;
    await db.content.put(row);
    await expect(store.load(a)).rejects.toThrow(/does not decrypt: it was altered, moved from another record, or sealed with another key/);
    const moved = (await db.content.get(b))!;
    await db.content.put({ id: a, content: moved.content });
    await expect(store.load(a)).rejects.toThrow(/content\/.* does not decrypt/);
    expect((await store.load(b)).content.answers['means.debt']).toBe('no');
  });

  it('refuses key-derivation parameters below the OWASP minimum', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    const row = (await db.vault.get('main'))!;
    await expect(unwrapDataKey(PASSPHRASE, { ...row.wrapped, kdf: { ...row.wrapped.kdf, iterations: 10_000 } })).rejects.toThrow(/10000 iterations is below the minimum of 600000/);
  });

  it('a save that fails (full disk) says so and keeps the last good save', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const id = await newCase(store, { 'means.debt': 'yes' });
    const put = db.content.put.bind(db.content);
    db.content.put = () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    };
    const failure = store.save(id, { content: content({ 'means.debt': 'no' }), summary });
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toThrow(/device storage is full.*last saved version is kept/);
    db.content.put = put;
    expect((await store.load(id)).content.answers['means.debt']).toBe('yes');
  });

  it('lists real cases newest first with their summaries, and deletes a case entirely', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const first = await newCase(store);
    await new Promise((r) => setTimeout(r, 5));
    const second = await newCase(store);
    await store.training(new TrainingDb(`list-training-${dbCount}`)).createPractice({ questionnaireId: 'art-448-1', questionnaireVersion: 1, details: { scenarioId: 'kidney-sale-broker', trainee: 'Amina', workshop: '' }, content: content({}) });
    const list = await store.list();
    expect(list.map((c) => c.id)).toEqual([second, first]);
    expect(list[0]!.summary.outcome).toBe('possible_victim');
    expect(list[0]!.reference).toMatch(/^TR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The home screen's overview agrees with the list without decrypting anything.
    await store.save(first, { status: 'completed', content: content({}), summary });
    expect(await store.overview()).toEqual({ count: 2, latestInProgress: { id: second, reference: list[0]!.reference } });
    await store.save(second, { status: 'completed', content: content({}), summary });
    expect((await store.overview()).latestInProgress).toBeNull();
    await store.setOpenCase(first);
    await store.remove(first);
    expect((await store.list()).map((c) => c.id)).toEqual([second]);
    expect(await db.content.get(first)).toBeUndefined();
    expect(await store.openCase()).toBeNull();
  });
});

describe('audit, retention and wipe', () => {
  it('records unlocks, failed unlocks, opened and deleted cases with the officer, and detects an edited entry', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await store.setOfficer({ name: 'Insp. A.', service: 'Brigade Tanger' });
    const id = await newCase(store);
    await store.load(id);
    await unlockVault('wrong passphrase here', db);
    await store.remove(id);
    const log = await store.auditLog();
    expect(log.map((e) => e.action).reverse()).toEqual(['unlock', 'settings', 'open_case', 'unlock_failed', 'delete']);
    expect(log[0]).toMatchObject({ action: 'delete', officer: 'Insp. A. (Brigade Tanger)', subject: expect.stringMatching(/^TR-/) });
    expect(await rawText(db)).not.toContain('Insp. A.');
    expect(await store.verifyAudit()).toEqual({ intact: true, brokenAt: null });

    const entry = (await db.audit.get(3))!;
    await db.audit.put({ ...entry, at: entry.at - 60_000 });
    expect(await store.verifyAudit()).toEqual({ intact: false, brokenAt: 3 });
  });

  it('detects a log rewritten from scratch, through the sealed chain head', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await newCase(store).then((id) => store.load(id));
    await db.audit.clear();
    expect((await store.verifyAudit()).intact).toBe(false);
  });

  it('deletes closed cases once the retention period is over, with an audit entry, and shows the days left', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const closed = await newCase(store);
    const open = await newCase(store);
    await store.save(closed, { status: 'completed', content: content({}), summary });
    expect((await store.list()).find((c) => c.id === closed)?.daysLeft).toBe(90);
    expect((await store.list()).find((c) => c.id === open)?.daysLeft).toBeNull();
    expect(await store.applyRetention(Date.now() + 89 * 86_400_000)).toBe(0);
    expect(await store.applyRetention(Date.now() + 91 * 86_400_000)).toBe(1);
    expect((await store.list()).map((c) => c.id)).toEqual([open]);
    expect((await store.auditLog())[0]).toMatchObject({ action: 'retention_delete' });
  });

  it('erases everything after the set number of wrong passphrases, and not before', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await newCase(store);
    await store.setPolicy({ autoLockMinutes: 5, hiddenGraceSeconds: 30, wipeAfterFailures: 3, retentionDays: 90, backupReminderDays: 7 });
    expect(await unlockVault('wrong one', db)).toMatchObject({ store: null, attemptsLeft: 2, wiped: false });
    expect(await unlockVault('wrong two', db)).toMatchObject({ store: null, attemptsLeft: 1, wiped: false });
    expect(await unlockVault('wrong three', db)).toMatchObject({ store: null, attemptsLeft: 0, wiped: true });
    const reopened = new ScreeningDb(db.name);
    expect(await reopened.vault.count()).toBe(0);
    expect(await reopened.cases.count()).toBe(0);
    expect(await reopened.content.count()).toBe(0);
  });

  it('wipe needs the passphrase, and leaves nothing readable', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await newCase(store);
    expect(await wipeWithPassphrase('not it at all', db)).toBe(false);
    expect(await db.cases.count()).toBe(1);
    expect(await wipeWithPassphrase(PASSPHRASE, db)).toBe(true);
    const reopened = new ScreeningDb(db.name);
    expect(await rawText(reopened)).toBe('');
  });
});
