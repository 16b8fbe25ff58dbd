/**
 * What a person holding the tablet without the passphrase can learn: nothing —
 * not the answers, nor when screenings happened or how they ended. And what the
 * officer can rely on: a failed save keeps the last good one, the case list
 * opens without decrypting every case, and no save is lost to another.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unwrapDataKey } from '../crypto/envelope';
import { type CaseIndex, mostRecent, pack, RECENT_COUNT, SHARD_COUNT, shardOf, unpack } from './case-index';
import { CaseStore, StorageError } from './case-store';
import { ScreeningDb } from './db';
import { CASE_REFERENCE, dateTraces } from '../../test/helpers/clear-traces';
import { contentOf, PASSPHRASE, rawText, STATUS_WORDS, SUMMARY } from './test-fixtures';
import { TrainingDb } from './training-store';
import { createVault, unlockVault, wipeWithPassphrase } from './vault';

const MARKER = 'ZQX-MARKER-7741';
let dbCount = 0;
const freshDb = () => new ScreeningDb(`test-${++dbCount}`);
const summary = SUMMARY;
const content = (answers: Record<string, string | number>) => contentOf(answers);

async function newCase(store: CaseStore, answers: Record<string, string | number> = { 'closing.officer_notes': MARKER, 'means.debt': 'yes' }) {
  return store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: content(answers), summary });
}

/** Counts AES-GCM decryptions while `run` runs. */
async function decryptions<T>(run: () => Promise<T>): Promise<{ result: T; count: number }> {
  const spy = vi.spyOn(crypto.subtle, 'decrypt');
  try {
    const result = await run();
    return { result, count: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

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

  it('keeps no date, status, outcome, place, referral, officer, directory or audit action in clear', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await store.setOfficer({ name: 'Insp. Bennani', service: 'Brigade Tanger-Port' });
    await store.setDirectory([{ id: 'local-shelter', name: 'Foyer Al Amal', contact: '0539 00 00 00' }]);
    const a = await newCase(store);
    const b = await newCase(store);
    await store.save(a, { status: 'completed', content: contentOf({ 'means.debt': 'yes' }, { details: { place: 'Port Tanger Med', interpreter: 'yes', personLanguage: 'other', personLanguageOther: 'Pidgin' } }), summary: { ...summary, outcome: 'presumed_victim' } });
    await store.update(b, (c, s) => ({
      content: { ...c, referrals: [{ id: 'r-1', serviceId: 'local-shelter', serviceName: 'Foyer Al Amal', at: Date.now(), method: 'phone', basis: 'consent', status: 'accepted', notes: [] }] },
      summary: { ...s, referral: { serviceName: 'Foyer Al Amal', status: 'accepted' } },
      status: 'referred',
    }));
    await store.setOpenCase(b);
    await store.markBackup();
    await store.load(a);
    await unlockVault('a wrong passphrase here', db);
    // The one time kept in clear: when the last wrong passphrase was typed (the wait needs it before unlock).
    expect((await db.meta.get('lastFailedUnlock'))?.value).toBeGreaterThan(0);
    const raw = await rawText(db, { skipMeta: ['lastFailedUnlock'] });
    for (const secret of [...STATUS_WORDS, ...dateTraces(Date.now()), 'Port Tanger', 'Pidgin', 'Foyer Al Amal', 'Bennani', '0539 00 00 00', CASE_REFERENCE]) expect(raw, String(secret)).not.toMatch(secret);
    // Everything is still there for the officer.
    const list = await store.list();
    expect(list.find((c) => c.id === a)).toMatchObject({ status: 'completed', place: 'Port Tanger Med', personLanguage: 'other', personLanguageOther: 'Pidgin' });
    expect(list.find((c) => c.id === b)?.summary.referral).toEqual({ serviceName: 'Foyer Al Amal', status: 'accepted' });
    expect(await store.openCase()).toBe(b);
    expect((await store.auditLog(1))[0]).toMatchObject({ action: 'unlock_failed' });
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

  it('a save that fails (full disk) says so and keeps the last good save, in the case and in the list', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const id = await newCase(store, { 'means.debt': 'yes' });
    const put = db.content.put.bind(db.content);
    db.content.put = () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    };
    const failure = store.save(id, { status: 'completed', content: content({ 'means.debt': 'no' }), summary });
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toThrow(/device storage is full.*last saved version is kept/);
    db.content.put = put;
    expect((await store.load(id)).content.answers['means.debt']).toBe('yes');
    expect((await store.list())[0]!.status).toBe('in_progress');
    const { store: again } = await unlockVault(PASSPHRASE, db);
    expect((await again!.list())[0]!.status).toBe('in_progress');
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
    // The home screen's overview agrees with the list.
    await store.save(first, { status: 'completed', content: content({}), summary });
    expect(await store.overview()).toEqual({ count: 2, latestInProgress: { id: second, reference: list[0]!.reference } });
    await store.save(second, { status: 'completed', content: content({}), summary });
    expect((await store.overview()).latestInProgress).toBeNull();
    await store.setOpenCase(first);
    await store.remove(first);
    expect((await store.list()).map((c) => c.id)).toEqual([second]);
    expect(await db.content.get(first)).toBeUndefined();
    expect(await db.cases.get(first)).toBeUndefined();
    expect(await store.openCase()).toBeNull();
  });
});

describe('the sealed case index', () => {
  it('opens the list by decrypting the index shards, never one case at a time', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    for (let i = 0; i < 150; i++) await newCase(store, { 'means.debt': 'yes', n: i });
    const { store: reopened } = await unlockVault(PASSPHRASE, db);
    const { result, count } = await decryptions(() => reopened!.list());
    expect(result).toHaveLength(150);
    // At most one decryption per shard (plus the officer for the unlock's audit entry), whatever the number of cases.
    expect(count).toBeLessThanOrEqual(SHARD_COUNT + 2);
    expect(count).toBeLessThan(150);
    // A second opening of the list decrypts nothing at all.
    expect((await decryptions(() => reopened!.list())).count).toBe(0);
  });

  it('right after unlock, the list\'s first rows come from one sealed row: the latest cases, none deleted, nothing in clear', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    let clock = Date.UTC(2026, 10, 30, 8);
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    const ids: string[] = [];
    for (let i = 0; i < 70; i++) ids.push(await newCase(store, { n: i }));
    await store.save(ids[5]!, { status: 'completed', content: contentOf({ n: 5 }), summary });
    // The index is open in the app from shortly after unlock on; the row is written from it.
    await store.list();
    // An older case saved last is the most recent of all.
    await store.save(ids[0]!, { content: contentOf({ n: 0 }, { details: { place: 'Ferme ZQX-PLACE', interpreter: 'no' } }), summary });
    // The row is rewritten a moment after the writes stop (waited for, not slept: a busy machine may take longer).
    const index = (store as unknown as { index: CaseIndex }).index;
    await vi.waitFor(async () => expect((await index.recent())?.latest[0]?.id).toBe(ids[0]), { timeout: 10_000, interval: 100 });
    expect(await rawText(db)).not.toContain('ZQX-PLACE');
    // Deleted, then the tablet is locked before the row is rewritten: the row still names it.
    await store.remove(ids[69]!);
    store.close();
    const { store: reopened } = await unlockVault(PASSPHRASE, db);
    const { result: preview, count } = await decryptions(() => reopened!.preview());
    expect(count).toBeLessThanOrEqual(2);
    const expected = [ids[0]!, ids[5]!, ...ids.slice(6, 69).reverse()];
    expect(preview!.map((c) => c.id)).toEqual(expected.slice(0, RECENT_COUNT - 1));
    expect(preview![0]).toMatchObject({ place: 'Ferme ZQX-PLACE', reference: expect.any(String) });
    // The home screen too is drawn from that row: the interview to resume is the one saved last.
    expect((await reopened!.overview()).latestInProgress?.id).toBe(ids[0]);
    // Once the index is open, the list is the truth, and the preview is not needed.
    expect((await reopened!.list()).map((c) => c.id).slice(0, RECENT_COUNT)).toEqual(expected.slice(0, RECENT_COUNT));
    expect(await reopened!.preview()).toBeNull();
  });

  it('what the case list draws without waiting is never older than the last write here', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const first = await newCase(store, { n: 1 });
    await store.list();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    store.close();
    const { store: reopened } = await unlockVault(PASSPHRASE, db);
    // Nothing read yet: the screen has to wait.
    expect(reopened!.listedNow()).toBeNull();
    // The app's read after the home screen and the list's own, at once: one read, one decryption.
    const { result: [preview, again], count } = await decryptions(() => Promise.all([reopened!.preview(), reopened!.preview()]));
    expect(again).toBe(preview);
    expect(count).toBe(1);
    expect(reopened!.listedNow()).toEqual({ preview });
    // A case written after the preview was read: the preview no longer stands for the list.
    const second = await newCase(reopened!, { n: 2 });
    expect(reopened!.listedNow()).toBeNull();
    // Once the whole list is read, it is what is drawn, the new case first.
    const list = await reopened!.list();
    expect(reopened!.listedNow()).toEqual({ list });
    expect(list.map((c) => c.id)).toEqual([second, first]);
    await reopened!.save(first, { content: contentOf({ n: 1 }), summary });
    expect(reopened!.listedNow()).toBeNull();
    // Locked: nothing decrypted is kept.
    await reopened!.list();
    reopened!.close();
    expect(reopened!.listedNow()).toBeNull();
  });

  it('picks the latest cases as sorting them all would', () => {
    const entries = Array.from({ length: 500 }, (_, i) => unpack(pack({ ...unpack(pack({ id: `ID${i}`, createdAt: 0, updatedAt: (i * 7919) % 503, closedAt: null, status: 'in_progress', questionnaireId: 'q', questionnaireVersion: 2, summary, place: null, personLanguage: null, personLanguageOther: null })) })));
    const sorted = [...entries].sort((a, b) => b.updatedAt - a.updatedAt);
    expect(mostRecent(entries, 50).map((e) => e.updatedAt)).toEqual(sorted.slice(0, 50).map((e) => e.updatedAt));
    expect(mostRecent(entries.slice(0, 10), 50)).toHaveLength(10);
  });

  it('unlocking reads no case: it costs the same with 3 cases as with 60', async () => {
    const cost = async (cases: number) => {
      const db = freshDb();
      const store = await createVault(PASSPHRASE, db);
      for (let i = 0; i < cases; i++) await newCase(store);
      const read = vi.spyOn(db.content, 'toArray');
      const { count } = await decryptions(() => unlockVault(PASSPHRASE, db));
      expect(read).not.toHaveBeenCalled();
      return count;
    };
    expect(await cost(60)).toBe(await cost(3));
  });

  it('concurrent saves never lose an index entry, in one tab or across two', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const { store: otherTab } = await unlockVault(PASSPHRASE, db);
    // 60 cases in 64 shards: many share a shard, and both "tabs" write at once.
    const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => newCase(i % 2 ? store : otherTab!, { n: i })));
    await Promise.all(ids.map((id, i) => (i % 3 ? store : otherTab!).save(id, { status: i % 2 ? 'completed' : 'in_progress', content: content({ n: i }), summary: { ...summary, answered: i } })));
    const { store: later } = await unlockVault(PASSPHRASE, db);
    const list = await later!.list();
    expect(list).toHaveLength(60);
    for (const [i, id] of ids.entries()) expect(list.find((c) => c.id === id)).toMatchObject({ status: i % 2 ? 'completed' : 'in_progress', summary: { answered: i } });
    expect(new Set(ids.map(shardOf)).size).toBeLessThan(60);
  });

  it('a shard that no longer opens is rebuilt from the cases themselves', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const ids = await Promise.all(Array.from({ length: 20 }, () => newCase(store)));
    const shard = (await db.caseIndex.get(shardOf(ids[0]!)))!;
    shard.sealed.data[3]! ^= 0xff;
    await db.caseIndex.put(shard);
    // And one shard deleted outright.
    await db.caseIndex.delete(shardOf(ids[1]!));
    const { store: reopened } = await unlockVault(PASSPHRASE, db);
    expect((await reopened!.list()).map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('gives back the content exactly as saved, though the snapshot\'s copy of the answers is not sealed twice', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const answers = { 'consent.explained': 'yes', 'closing.officer_notes': 'x'.repeat(3_000) };
    const same = contentOf(answers);
    const id = await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: same, summary });
    // A case records its officer when it is created (none is set on this tablet yet).
    expect((await store.load(id)).content).toEqual({ ...same, officer: null });
    // One saved copy of the long note, not two: the sealed content is about one note long.
    expect((await db.content.get(id))!.content.data.length).toBeLessThan(4_500);
    // A snapshot whose answers differ (an older save) is kept as it is.
    const different = { ...same, snapshot: { ...(same.snapshot as object), context: { answers: { 'consent.explained': 'no' }, questionId: null } } };
    await store.save(id, { content: different, summary });
    expect((await store.load(id)).content).toEqual({ ...different, officer: null });
  });

  it('keeps every field of an entry through its compact form in a shard', () => {
    const base = { id: 'ABCDEFGHJK', createdAt: 1, updatedAt: 2, closedAt: 3, status: 'referred' as const, questionnaireId: 'art-448-1', questionnaireVersion: 1, place: 'Port', personLanguage: 'other', personLanguageOther: 'Pidgin' };
    const stats = { year: 2026, quarter: 4, ageBand: '9-17', child: true, sex: 'female', region: 'west_africa', outcome: 'presumed_victim', forms: ['purpose.domestic'], means: [], flags: ['child'], referral: 'sent' };
    const full = { ...base, summary: { outcome: 'presumed_victim' as const, flags: ['child'], section: 'result', answered: 40, referral: { serviceName: 'OIM', status: 'sent' as const }, stats } };
    expect(unpack(pack(full))).toEqual(full);
    expect(JSON.stringify(pack(full)).length).toBeLessThan(JSON.stringify(full).length * 0.7);
    // A statistics record with other fields (a later version) is kept whole.
    const other = { ...full, summary: { ...full.summary, stats: { year: 2027, newField: 1 } } };
    expect(unpack(pack(other))).toEqual(other);
    const bare = { ...base, closedAt: null, status: 'in_progress' as const, summary: { outcome: null, flags: [], section: 'consent', answered: 0, referral: null, stats: null } };
    expect(unpack(pack(bare))).toEqual(bare);
  });

  it('shows in the list what the officer needs: place, person\'s language, latest referral', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const id = await newCase(store);
    await store.save(id, {
      content: contentOf({}, { details: { place: '  Ferme, Souss  ', interpreter: 'no', personLanguage: 'en' } }),
      summary: { ...summary, referral: { serviceName: 'OIM', status: 'sent' } },
    });
    const [item] = await store.list();
    expect(item).toMatchObject({ place: 'Ferme, Souss', personLanguage: 'en', personLanguageOther: null, summary: { referral: { serviceName: 'OIM', status: 'sent' } } });
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
    expect(log.every((e) => typeof e.at === 'number' && Math.abs(e.at - Date.now()) < 60_000)).toBe(true);
    expect(await rawText(db)).not.toContain('Insp. A.');
    expect(await store.verifyAudit()).toEqual({ intact: true, brokenAt: null });

    const entry = (await db.audit.get(3))!;
    entry.entry!.data[0]! ^= 0x01;
    await db.audit.put(entry);
    expect(await store.verifyAudit()).toEqual({ intact: false, brokenAt: 3 });
  });

  it('a failed unlock is recorded sealed, and read once unlocked', async () => {
    const db = freshDb();
    await createVault(PASSPHRASE, db);
    await unlockVault('not the passphrase', db);
    const row = (await db.audit.get(2))!;
    expect(Object.keys(row).sort()).toEqual(['entry', 'epk', 'hash', 'prev', 'seq']);
    const { store } = await unlockVault(PASSPHRASE, db);
    expect((await store!.auditLog()).map((e) => e.action)).toEqual(['unlock', 'unlock_failed', 'unlock']);
    expect(await store!.verifyAudit()).toEqual({ intact: true, brokenAt: null });
  });

  it('detects a log rewritten from scratch, through the sealed chain head', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await newCase(store).then((id) => store.load(id));
    await db.audit.clear();
    expect((await store.verifyAudit()).intact).toBe(false);
  });

  it('deletes closed cases once the retention period is over, from the index, with an audit entry, and shows the days left', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const closed = await newCase(store);
    const open = await newCase(store);
    await store.save(closed, { status: 'completed', content: content({}), summary });
    expect((await store.list()).find((c) => c.id === closed)?.daysLeft).toBe(90);
    expect((await store.list()).find((c) => c.id === open)?.daysLeft).toBeNull();
    const { store: later } = await unlockVault(PASSPHRASE, db);
    // Retention reads the sealed index, not the cases (it only counts their rows to check the index).
    const scans = [vi.spyOn(db.cases, 'toArray'), vi.spyOn(db.content, 'toArray'), vi.spyOn(db.content, 'bulkGet'), vi.spyOn(db.content, 'get')];
    expect(await later!.applyRetention(Date.now() + 89 * 86_400_000)).toBe(0);
    expect(await later!.applyRetention(Date.now() + 91 * 86_400_000)).toBe(1);
    for (const scan of scans) expect(scan).not.toHaveBeenCalled();
    expect((await later!.list()).map((c) => c.id)).toEqual([open]);
    expect(await db.cases.get(closed)).toBeUndefined();
    expect((await later!.auditLog())[0]).toMatchObject({ action: 'retention_delete' });
  });

  it('a case past its retention period is not listed, even while the retention run has yet to delete it', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    const closed = await newCase(store);
    const open = await newCase(store);
    await store.save(closed, { status: 'completed', content: content({}), summary });
    const { store: later } = await unlockVault(PASSPHRASE, db);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 91 * 86_400_000);
    expect((await later!.list()).map((c) => c.id)).toEqual([open]);
    expect((await later!.overview()).count).toBe(1);
    vi.restoreAllMocks();
    expect(await db.content.get(closed)).toBeDefined();
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
    expect(await reopened.caseIndex.count()).toBe(0);
  });

  it('wipe needs the passphrase, and leaves nothing readable', async () => {
    const db = freshDb();
    const store = await createVault(PASSPHRASE, db);
    await newCase(store);
    expect(await wipeWithPassphrase('not it at all', db)).toBe(false);
    expect(await db.content.count()).toBe(1);
    expect(await wipeWithPassphrase(PASSPHRASE, db)).toBe(true);
    const reopened = new ScreeningDb(db.name);
    expect(await rawText(reopened)).toBe('');
  });
});
