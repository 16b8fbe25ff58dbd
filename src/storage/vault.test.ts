/**
 * Guessing the passphrase at the screen: a growing wait after three wrong ones,
 * kept across reloads and enforced before any key derivation; a counter reset
 * or audit entries removed without the passphrase show after the next unlock.
 * And changing the passphrase: the same data key, wrapped again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreeningDb } from './db';
import { readUnlockCounter, unlockDelaySeconds, writeUnlockCounter } from './device';
import { changePassphrase, createVault, unlockVault, unlockWait } from './vault';
import type { CaseStore } from './case-store';

const PASSPHRASE = 'correct horse battery staple';
let dbCount = 0;
const freshDb = () => new ScreeningDb(`vault-${++dbCount}`);
const actions = async (store: CaseStore) => (await store.auditLog()).map((e) => e.action).reverse();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Only Date is faked: fake-indexeddb needs the real timers. */
function clockAt(start: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  return (ms: number) => vi.setSystemTime(Date.now() + ms);
}

// Each test derives keys several times (PBKDF2, 600,000 iterations) on the test's thread: slow on a busy machine.
const SLOW = { timeout: 120_000 };

describe('the wait after wrong passphrases', SLOW, () => {
  it('grows: none for the first three, then 30 s, 1 min, 2 min, 5 min, 10 min, 15 min at most', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map(unlockDelaySeconds)).toEqual([0, 0, 0, 30, 60, 120, 300, 600, 900, 900]);
  });

  it('is enforced before any key derivation — even the right passphrase waits — and survives a reload', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    const advance = clockAt(Date.UTC(2026, 0, 5, 9));
    for (let i = 0; i < 3; i++) expect(await unlockVault(`wrong ${i}`, db)).toMatchObject({ store: null, tooSoon: false, retryAt: i < 2 ? null : Date.now() + 30_000 });

    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    advance(10_000);
    const reloaded = new ScreeningDb(db.name); // a reload: a new connection, nothing in memory
    expect(await unlockWait(reloaded)).toEqual({ retryAt: Date.now() + 20_000, failures: 3 });
    expect(await unlockVault(PASSPHRASE, reloaded)).toMatchObject({ store: null, tooSoon: true, retryAt: Date.now() + 20_000 });
    // Passphrase derivations only (the audit entry of a wrong passphrase is sealed with HKDF, also deriveKey).
    const pbkdf2Calls = () => derive.mock.calls.filter(([algorithm]) => (algorithm as { name?: string }).name === 'PBKDF2').length;
    expect(pbkdf2Calls()).toBe(0);

    advance(20_000);
    expect(await unlockVault('wrong again', reloaded)).toMatchObject({ store: null, tooSoon: false, retryAt: Date.now() + 60_000 });
    expect(pbkdf2Calls()).toBe(1);
    advance(60_000);
    const opened = await unlockVault(PASSPHRASE, reloaded);
    expect(opened).toMatchObject({ counterAltered: false });
    expect(await readUnlockCounter(reloaded)).toEqual({ failures: 0, lastAt: null, pending: false });
    const store = (opened as { store: CaseStore }).store;
    expect(await actions(store)).toEqual(['unlock', 'unlock_failed', 'unlock_failed', 'unlock_failed', 'unlock_failed', 'unlock']);
  });

  it('an attempt cut off during its key derivation (page closed) still counts, and is logged', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    clockAt(Date.UTC(2026, 0, 5, 9));
    await unlockVault('wrong one', db);
    await unlockVault('wrong two', db);
    // What the third attempt leaves behind when the tab is closed before its derivation ends.
    await writeUnlockCounter(db, { failures: 3, lastAt: Date.now(), pending: true });
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ store: null, tooSoon: true, retryAt: Date.now() + 30_000 });
    vi.setSystemTime(Date.now() + 30_000);
    const opened = await unlockVault(PASSPHRASE, db);
    expect(opened).toMatchObject({ counterAltered: false });
    expect(await actions((opened as { store: CaseStore }).store)).toEqual(['unlock', 'unlock_failed', 'unlock_failed', 'unlock_failed', 'unlock']);
  });

  it('a clock set back does not lock the officer out until it catches up', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    clockAt(Date.UTC(2026, 0, 5, 9));
    for (let i = 0; i < 3; i++) await unlockVault(`wrong ${i}`, db);
    vi.setSystemTime(Date.UTC(2025, 0, 5, 9)); // a year back
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ tooSoon: true, retryAt: Date.now() + 30_000 });
    vi.setSystemTime(Date.now() + 30_000);
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ counterAltered: false });
  });
});

describe('the sealed copy of the counter', SLOW, () => {
  it('an honest streak of wrong passphrases is not flagged', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    await unlockVault('wrong one', db);
    await unlockVault('wrong two', db);
    const opened = await unlockVault(PASSPHRASE, db);
    expect(opened).toMatchObject({ counterAltered: false });
    expect(await actions((opened as { store: CaseStore }).store)).not.toContain('counter_altered');
  });

  it('a counter set back to zero without the passphrase is recorded in the audit log after the next unlock', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    for (let i = 0; i < 3; i++) await unlockVault(`wrong ${i}`, db);
    // Someone with the raw database resets the counter to skip the wait (or a wipe-after-N).
    await writeUnlockCounter(db, { failures: 0, lastAt: null, pending: false });
    const opened = await unlockVault(PASSPHRASE, db);
    expect(opened).toMatchObject({ counterAltered: true });
    const store = (opened as { store: CaseStore }).store;
    expect(await actions(store)).toEqual(['unlock', 'unlock_failed', 'unlock_failed', 'unlock_failed', 'counter_altered', 'unlock']);
    // Flagged once: the next unlock starts from a fresh sealed copy.
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ counterAltered: false });
  });

  it('failed-unlock entries removed from the end of the log (the hash chain stays intact) are detected, and so is a removed sealed copy', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    await unlockVault('wrong one', db);
    await db.audit.delete((await db.audit.orderBy('seq').last())!.seq);
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ counterAltered: true });

    await db.meta.delete('unlockLedger');
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ counterAltered: true });
  });
});

describe('changing the passphrase', SLOW, () => {
  it('wraps the same data key under the new passphrase: the old one opens nothing, every case stays as it was, audited', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const id = await store.create({
      questionnaireId: 'art-448-1',
      questionnaireVersion: 1,
      content: { answers: { 'closing.officer_notes': 'noté au port' }, snapshot: null, interviewLanguage: 'fr' },
      summary: { outcome: null, flags: [], section: 'consent', answered: 1 },
    });
    const sealedBefore = await db.content.get(id);
    const next = 'nouvelle phrase secrète du poste';
    expect(await changePassphrase(store, PASSPHRASE, next, db)).toEqual({ changed: true });

    // Nothing re-encrypted: the case's ciphertext is byte for byte the same.
    expect(await db.content.get(id)).toEqual(sealedBefore);
    // The session goes on with the key it had.
    expect((await store.load(id)).content.answers['closing.officer_notes']).toBe('noté au port');
    expect(await unlockVault(PASSPHRASE, db)).toMatchObject({ store: null });
    const reopened = await unlockVault(next, db);
    const { content } = await (reopened as { store: CaseStore }).store.load(id);
    expect(content.answers['closing.officer_notes']).toBe('noté au port');
    expect(await actions(store)).toContain('passphrase_changed');
  });

  it('a wrong current passphrase changes nothing and counts like a wrong unlock, waits included', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    clockAt(Date.UTC(2026, 0, 5, 9));
    for (let i = 0; i < 2; i++) expect(await changePassphrase(store, `guess ${i}`, 'une autre phrase assez longue', db)).toMatchObject({ changed: false, tooSoon: false });
    expect(await changePassphrase(store, 'guess 3', 'une autre phrase assez longue', db)).toMatchObject({ changed: false, retryAt: Date.now() + 30_000 });
    expect(await changePassphrase(store, PASSPHRASE, 'une autre phrase assez longue', db)).toMatchObject({ changed: false, tooSoon: true });
    vi.setSystemTime(Date.now() + 30_000);
    expect(await changePassphrase(store, PASSPHRASE, 'une autre phrase assez longue', db)).toEqual({ changed: true });
    expect(await readUnlockCounter(db)).toMatchObject({ failures: 0 });
  });
});
