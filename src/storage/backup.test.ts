/**
 * Backups: everything comes back, a damaged or hostile file changes nothing,
 * and no case on the tablet is replaced without the officer choosing so.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ImportError } from '../content/import-check';
import { isPackId, openPack } from './case-pack';
import { addContentRows } from './add-rows';
import { applyRestore, BackupError, createBackup, exportCases, openBackup, planRestore, restoreCases, type BackupCase } from './backup';
import { sealerOf } from './case-seal';
import { CaseIndex, SHARD_COUNT, shardOf } from './case-index';
import type { CaseStore } from './case-store';
import { openAndStage } from './restore-staging';
import { openForRestore } from './restore-open';
import { unlockVault } from './vault';
import { CASES_PER_CHUNK, MAX_BACKUP_ITERATIONS } from './backup-schema';
import { ScreeningDb } from './db';
import { snapshotAt } from './test-fixtures';
import { TrainingDb } from './training-store';
import { referenceOf } from './types';
import { createVault, wipeWithPassphrase } from './vault';

const PASSPHRASE = 'tablet passphrase of four words';
const FILE_PASSPHRASE = 'the file has its own secret';
let n = 0;
const summary = { outcome: 'presumed_victim' as const, flags: ['child'], section: 'result', answered: 40 };
const contentWith = (notes: string, age = 14) => {
  const answers = { 'closing.officer_notes': notes, 'person.age_years': age };
  return { answers, snapshot: snapshotAt('result', answers), interviewLanguage: 'fr' };
};

async function deviceWithCases() {
  const db = new ScreeningDb(`backup-${++n}`);
  const store = await createVault(PASSPHRASE, db);
  const ids = [];
  for (const [i, notes] of ['first', 'second', 'third'].entries()) {
    ids.push(await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: contentWith(notes, 14 + i), summary }));
  }
  // A practice run on the same device: it must never reach a backup.
  await store.training(new TrainingDb(`backup-training-${n}`)).createPractice({ questionnaireId: 'art-448-1', questionnaireVersion: 1, details: { scenarioId: 'kidney-sale-broker', trainee: 'Amina', workshop: '' }, content: { answers: { 'closing.officer_notes': 'practice' }, snapshot: null, interviewLanguage: 'fr' } });
  return { db, store, ids };
}

function b64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Random case ids, no two sharing a printed reference. */
function randomIds(count: number): string[] {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const ids = new Map<string, string>();
  while (ids.size < count) {
    const id = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => alphabet[b % 32]).join('');
    ids.set(referenceOf(id), id);
  }
  return [...ids.values()];
}

/** `count` copies of the tablet's first case under new ids, each with a printed reference of its own. */
async function copiesOf(store: { exportAll(): Promise<BackupCase[]> }, count: number): Promise<BackupCase[]> {
  const template = (await store.exportAll())[0]!;
  return randomIds(count).map((id) => ({ ...template, id }));
}

const byId = (list: BackupCase[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** Seals any body under a valid version 2 header, as an attacker who knows the format would. */
async function sealedFile(body: string, passphrase = FILE_PASSPHRASE): Promise<string> {
  const file = JSON.parse(await createBackup([], passphrase)) as { format: string; version: number; kdf: { algorithm: string; iterations: number; salt: string } };
  const salt = Uint8Array.from(atob(file.kdf.salt), (c) => c.charCodeAt(0));
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: file.kdf.iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const context = new TextEncoder().encode(JSON.stringify([file.format, file.version, file.kdf.algorithm, file.kdf.iterations, file.kdf.salt, 1, 0]));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: context }, key, new TextEncoder().encode(body)));
  return JSON.stringify({ ...file, chunks: [{ iv: b64(iv), data: b64(data) }] });
}

/** The next unlock of the same tablet (after store.close(), a lock). */
async function unlockAgain(db: ScreeningDb) {
  const unlocked = await unlockVault(PASSPHRASE, db);
  if (!('store' in unlocked) || !unlocked.store) throw new Error('the vault did not open');
  return unlocked.store;
}

/** The store's data key, as the restore worker receives it. */
const keyOf = async (store: { close(): void }) => (store as unknown as { key: CryptoKey }).key;

/** How many copies of each case the tablet stores, listed or not: in rows of their own and in restore packs (decrypted to look). */
async function copies(db: ScreeningDb, store: { close(): void }): Promise<Map<string, number>> {
  const key = await keyOf(store);
  const found = new Map<string, number>();
  for (const row of await db.content.toArray()) {
    const ids = isPackId(row.id) ? [...(await openPack(key, row.id, row.content)).keys()] : [row.id];
    for (const id of ids) found.set(id, (found.get(id) ?? 0) + 1);
  }
  return found;
}

/** Cases each with notes of its own ('case i'): a mix-up of whose content is whose shows. */
const numbered = (cases: BackupCase[]) => cases.map((c, i) => ({ ...c, content: { ...c.content, answers: { ...c.content.answers, 'closing.officer_notes': `case ${i}` } } }));

/** A backup file of these cases, under the file passphrase of these tests. */
const backupFile = async (cases: BackupCase[], name = 'sauvegarde.bin') => new File([await createBackup(cases, FILE_PASSPHRASE)], name);

/** The team (sync, another tab) writes its own copy of a case of the file on this tablet; nothing is refused. */
const teamWrites = async (store: CaseStore, c: BackupCase) =>
  expect(await store.putCases([{ value: { ...c, updatedAt: c.updatedAt + 5, content: contentWith('from the team') }, expectedUpdatedAt: null }])).toEqual([]);

const packRows = async (db: ScreeningDb) => (await db.content.toCollection().primaryKeys()).filter((id) => isPackId(String(id))).length;

/**
 * Another tab starting a case while an index (of `Index`, this module's copy or
 * another; `only` that one, or any when null) decrypts its shards: `start` runs
 * at the first shard and the shard waits for it. Undone by vi.restoreAllMocks().
 */
function startedWhileShardsOpen(Index: { prototype: object }, only: object | null, start: () => Promise<string>) {
  const shards = Index.prototype as unknown as { openShard: (...args: unknown[]) => Promise<unknown> };
  const openShard = shards.openShard;
  let starting: Promise<string> | null = null;
  vi.spyOn(shards, 'openShard').mockImplementation(async function (this: unknown, ...args: unknown[]) {
    if (only === null || this === only) {
      starting ??= start();
      await starting;
    }
    return openShard.apply(this, args);
  });
  return {
    started: (): Promise<string> => {
      if (!starting) throw new Error('no shard was opened: the case was never started');
      return starting;
    },
  };
}

/** Web Locks as a browser gives them to the tabs of one origin: one holder per name, the others wait. */
function tabLocks() {
  const held = new Map<string, Promise<void>>();
  return {
    async request(name: string, callback: () => Promise<void>): Promise<void> {
      while (held.has(name)) await held.get(name);
      const holding = callback().finally(() => held.delete(name));
      held.set(name, holding.then(() => undefined, () => undefined));
      return holding;
    },
    async query() {
      return { held: [...held.keys()].map((name) => ({ name })) };
    },
  };
}

async function refusal(attempt: Promise<unknown>): Promise<ImportError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('backup and restore', { timeout: 30_000 }, () => {
  it('backup → wipe → restore gives back every real case byte for byte', async () => {
    const { db, store } = await deviceWithCases();
    const before = await store.exportAll();
    const file = await exportCases(store, FILE_PASSPHRASE);
    expect(file).not.toContain('first');
    expect(file).not.toMatch(/createdAt|in_progress/);
    expect(await wipeWithPassphrase(PASSPHRASE, db)).toBe(true);

    const fresh = await createVault('another tablet passphrase', new ScreeningDb(`backup-${++n}`));
    expect(await restoreCases(fresh, file, FILE_PASSPHRASE)).toEqual({ added: 3, updated: 0, copied: 0, kept: 0, unchanged: 0 });
    const after = await fresh.exportAll();
    expect(byId(after)).toEqual(byId(before));
    expect(after.map((c) => c.content.answers['closing.officer_notes']).sort()).toEqual(['first', 'second', 'third']);
  });

  it('restoring the same file again changes nothing; a case that differs is listed and kept until the officer chooses', async () => {
    const { store, ids } = await deviceWithCases();
    const file = await exportCases(store, FILE_PASSPHRASE);
    expect(await restoreCases(store, file, FILE_PASSPHRASE)).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    await store.save(ids[0]!, { content: contentWith('edited after backup'), summary });

    const cases = await openBackup(file, FILE_PASSPHRASE);
    const plan = await planRestore(store, cases);
    expect(plan.same).toBe(2);
    expect(plan.conflicts).toEqual([
      {
        id: ids[0],
        reference: referenceOf(ids[0]!),
        device: expect.objectContaining({ status: 'in_progress', answered: 40 }),
        file: expect.objectContaining({ status: 'in_progress', answered: 40 }),
      },
    ]);
    expect(plan.conflicts[0]!.device.updatedAt).toBeGreaterThan(plan.conflicts[0]!.file.updatedAt);
    // Planning wrote nothing.
    expect((await store.load(ids[0]!)).content.answers['closing.officer_notes']).toBe('edited after backup');

    // Not chosen: this tablet's copy stays.
    expect(await applyRestore(store, plan, {})).toMatchObject({ kept: 1, updated: 0, copied: 0 });
    expect((await store.load(ids[0]!)).content.answers['closing.officer_notes']).toBe('edited after backup');
    // "Both": the file's copy comes in under a new id, beside this one.
    expect(await applyRestore(store, plan, { [ids[0]!]: 'both' })).toMatchObject({ copied: 1 });
    const list = await store.list();
    expect(list).toHaveLength(4);
    const copy = list.find((c) => !ids.includes(c.id))!;
    expect((await store.load(copy.id)).content.answers['closing.officer_notes']).toBe('first');
    // "The file's": replaces this tablet's copy.
    expect(await applyRestore(store, plan, { [ids[0]!]: 'file' })).toMatchObject({ updated: 1 });
    expect((await store.load(ids[0]!)).content.answers['closing.officer_notes']).toBe('first');
  });

  it('a file with 1,024 candidate ids for a printed reference replaces nothing', async () => {
    const { store, ids } = await deviceWithCases();
    const target = ids[0]!;
    const before = await store.exportAll();
    // The printed reference TR-XXXX-XXXX shows 8 of the 10 characters: the attacker tries every pair for the last two.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const forged = (await store.exportCase(target))!;
    const candidates: BackupCase[] = [];
    for (const x of alphabet) for (const y of alphabet) candidates.push({ ...forged, id: `${target.slice(0, 8)}${x}${y}`, content: contentWith('replaced by a hostile file') });
    expect(candidates).toHaveLength(1024);
    expect(candidates.some((c) => c.id === target)).toBe(true);
    const file = await createBackup(candidates, FILE_PASSPHRASE);
    const error = await refusal(restoreCases(store, file, FILE_PASSPHRASE, Object.fromEntries(candidates.map((c) => [c.id, 'file' as const]))));
    expect(error.problem).toBe('duplicate');
    expect(await store.exportAll()).toEqual(before);

    // One candidate alone (whose reference matches another case's) is refused too.
    const wrong = candidates.find((c) => c.id !== target)!;
    const clash = await refusal(restoreCases(store, await createBackup([wrong], FILE_PASSPHRASE), FILE_PASSPHRASE));
    expect(clash).toMatchObject({ problem: 'reference_clash', field: 'cases › 1 › id' });
    // The exact id: listed as a conflict, and not replaced unless the officer says so.
    const exact = candidates.find((c) => c.id === target)!;
    expect(await restoreCases(store, await createBackup([exact], FILE_PASSPHRASE), FILE_PASSPHRASE)).toMatchObject({ kept: 1, updated: 0 });
    expect(await store.exportAll()).toEqual(before);
  }, 60_000);

  it.each<[string, (c: Record<string, unknown>) => void, string, string]>([
    ['an absurd date (1e300)', (c) => void (c.updatedAt = 1e300), 'cases › 2 › updatedAt', 'date_range'],
    ['a date in the year 2255 (9e15)', (c) => void (c.createdAt = 9e15), 'cases › 2 › createdAt', 'date_range'],
    ['an object where text belongs', (c) => void ((c.content as { answers: Record<string, unknown> }).answers['closing.officer_notes'] = { html: '<img>' }), 'cases › 2 › content › answers › closing.officer_notes', 'wrong_type'],
    ['an unknown field (a name in clear)', (c) => void (c.personName = 'Fatima'), 'cases › 2 › personName', 'unknown_field'],
    ['an unknown status', (c) => void (c.status = 'archived'), 'cases › 2 › status', 'not_allowed'],
    ['a closed date on a case in progress (never expires)', (c) => Object.assign(c, { status: 'in_progress', closedAt: Date.now() }), 'cases › 2 › closedAt', 'not_allowed'],
    ['an unknown referral status', (c) => void (c.summary = { ...(c.summary as object), referral: { serviceName: 'X', status: 'lost' } }), 'cases › 2 › summary › referral › status', 'not_allowed'],
    ['a note of 300,000 characters', (c) => void ((c.content as { answers: Record<string, unknown> }).answers['closing.officer_notes'] = 'x'.repeat(300_000)), 'cases › 2 › content › answers › closing.officer_notes', 'too_long'],
    ['an id that is not one of this app', (c) => void (c.id = 'case-1'), 'cases › 2 › id', 'bad_format'],
  ])('a backup with %s is refused, naming the field, before anything changes', async (_name, damage, field, problem) => {
    const target = await deviceWithCases();
    const cases = structuredClone(await target.store.exportAll()).map((c) => ({ ...c, id: c.id.replace(/^./, (ch) => (ch === 'Z' ? 'Y' : 'Z')) }));
    damage(cases[1] as unknown as Record<string, unknown>);
    const before = await target.store.exportAll();
    const error = await refusal(restoreCases(target.store, await sealedFile(JSON.stringify({ cases })), FILE_PASSPHRASE, {}, { file: 'data.bin' }));
    expect(error).toBeInstanceOf(BackupError);
    expect({ file: error.file, field: error.field, problem: error.problem }).toEqual({ file: 'data.bin', field, problem });
    expect(await target.store.exportAll()).toEqual(before);
  });

  it.each<[string, (file: string) => Promise<string> | string, string, string | null, string]>([
    ['one byte altered', (f) => { const o = JSON.parse(f); const d = o.chunks[0].data; o.chunks[0].data = (d[0] === 'A' ? 'B' : 'A') + d.slice(1); return JSON.stringify(o); }, FILE_PASSPHRASE, null, 'wrong_passphrase'],
    ['a header field altered', (f) => { const o = JSON.parse(f); o.kdf.iterations += 1; return JSON.stringify(o); }, FILE_PASSPHRASE, null, 'wrong_passphrase'],
    ['a chunk left out', (f) => { const o = JSON.parse(f); o.chunks.pop(); return JSON.stringify(o); }, FILE_PASSPHRASE, null, 'wrong_passphrase'],
    ['two chunks swapped', (f) => { const o = JSON.parse(f); o.chunks.reverse(); return JSON.stringify(o); }, FILE_PASSPHRASE, null, 'wrong_passphrase'],
    ['truncated', (f) => f.slice(0, f.length - 40), FILE_PASSPHRASE, null, 'not_backup'],
    ['the wrong passphrase', (f) => f, 'not the file passphrase', null, 'wrong_passphrase'],
    ['weakened key derivation', (f) => { const o = JSON.parse(f); o.kdf.iterations = 1000; return JSON.stringify(o); }, FILE_PASSPHRASE, 'kdf › iterations', 'too_small'],
    ['2e9 key-derivation iterations (a restore busy for an hour)', (f) => { const o = JSON.parse(f); o.kdf.iterations = 2e9; return JSON.stringify(o); }, FILE_PASSPHRASE, 'kdf › iterations', 'too_big'],
    ['an unknown header field', (f) => JSON.stringify({ ...JSON.parse(f), note: 'x' }), FILE_PASSPHRASE, 'note', 'unknown_field'],
    ['a future format version', (f) => JSON.stringify({ ...JSON.parse(f), version: 9 }), FILE_PASSPHRASE, 'version', 'unknown_version'],
    ['not a backup at all', () => '{"facts":{}}', FILE_PASSPHRASE, null, 'not_backup'],
    ['a body that decrypts but is not JSON', () => sealedFile('this is not JSON {'), FILE_PASSPHRASE, null, 'body_not_json'],
  ])('a backup with %s is refused before anything changes', async (_name, damage, passphrase, field, problem) => {
    // Enough cases for two chunks, so that chunk order and count are tested.
    const many = randomIds(CASES_PER_CHUNK + 1).map((id, i): BackupCase => ({ id, createdAt: Date.now() - 1000, updatedAt: Date.now(), status: 'in_progress', questionnaireId: 'art-448-1', questionnaireVersion: 1, summary, content: contentWith(`case ${i}`) }));
    const file = await createBackup(many, FILE_PASSPHRASE);
    const target = await deviceWithCases();
    const before = await target.store.exportAll();
    const error = await refusal(restoreCases(target.store, await damage(file), passphrase));
    expect({ field: error.field, problem: error.problem }).toEqual({ field, problem });
    expect(await target.store.exportAll()).toEqual(before);
    expect(MAX_BACKUP_ITERATIONS).toBe(10_000_000);
  });

  it('a file of the first format is still read', async () => {
    const { store } = await deviceWithCases();
    const cases = await store.exportAll();
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const header = { format: 'screening-448-1-backup', version: 1, createdAt: Date.now(), kdf: { algorithm: 'PBKDF2-SHA-256', iterations: 600_000, salt: b64(salt) }, iv: b64(iv) };
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(FILE_PASSPHRASE), 'PBKDF2', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const context = new TextEncoder().encode(JSON.stringify([header.format, header.version, header.createdAt, header.kdf.algorithm, header.kdf.iterations, header.kdf.salt, header.iv]));
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: context }, key, new TextEncoder().encode(JSON.stringify({ cases }))));
    const file = JSON.stringify({ ...header, data: b64(data) });
    expect(byId(await openBackup(file, FILE_PASSPHRASE))).toEqual(byId(cases));
  });

  it('refuses a case answered with a questionnaire this build does not have', async () => {
    const { store } = await deviceWithCases();
    const file = await exportCases(store, FILE_PASSPHRASE);
    const error = await refusal(openBackup(file, FILE_PASSPHRASE, { knownQuestionnaire: (id, version) => id === 'art-448-1' && version === 2 }));
    expect(error.problem).toBe('unknown_questionnaire');
  });

  it('restores thousands of cases chunk by chunk, saying how far it is', async () => {
    const source = await deviceWithCases();
    const cases = await copiesOf(source.store, 2_500);
    const fresh = await createVault('another tablet passphrase', new ScreeningDb(`backup-${++n}`));
    const checked: number[] = [];
    const opened = await openBackup(await createBackup(cases, FILE_PASSPHRASE), FILE_PASSPHRASE, { onProgress: (done) => checked.push(done) });
    expect(checked).toEqual([1, 2, 3, 4, 5]);
    const written: number[] = [];
    const report = await applyRestore(fresh, await planRestore(fresh, opened), {}, (done) => written.push(done));
    expect(report.added).toBe(2_500);
    expect(written.length).toBeGreaterThan(2);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(2_500);
    expect(await fresh.list()).toHaveLength(2_500);
  }, 60_000);

  describe('a restore\'s new cases, a hundred to a row (case-pack.ts)', () => {
    const KNOWN: [string, number][] = [['art-448-1', 1]];
    /** A tablet with its three cases and `count` restored, each with notes of its own ('case i'). */
    const restored = async (count: number, change: (c: BackupCase, i: number) => BackupCase = (c) => c) => {
      const device = await deviceWithCases();
      const newcomers = numbered(await copiesOf(device.store, count)).map(change);
      const opened = await openForRestore(device.store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      expect(await applyRestore(device.store, await planRestore(device.store, opened), {})).toMatchObject({ added: count });
      return { ...device, newcomers: newcomers.map((c) => c.id) };
    };
    const notesOf = async (store: { load(id: string): Promise<{ content: { answers: Record<string, unknown> } }> }, id: string) => (await store.load(id)).content.answers['closing.officer_notes'];
    const once = (found: Map<string, number>) => [...found.values()].every((n) => n === 1);

    it('are written in packs, listed, opened and backed up like any case, and still after the next unlock', async () => {
      const { db, store, ids, newcomers } = await restored(250);
      expect(await packRows(db)).toBe(3);
      expect(await db.content.count()).toBe(6);
      const check = async (s: typeof store) => {
        expect(await s.list()).toHaveLength(253);
        for (const i of [0, 99, 100, 249]) expect(await notesOf(s, newcomers[i]!)).toBe(`case ${i}`);
        const all = await s.exportAll();
        expect(byId(all).map((c) => c.id)).toEqual([...ids, ...newcomers].sort());
        newcomers.forEach((id, i) => expect(all.find((c) => c.id === id)!.content.answers['closing.officer_notes']).toBe(`case ${i}`));
        expect(await s.exportCase(newcomers[3]!)).toMatchObject({ id: newcomers[3], content: { answers: { 'closing.officer_notes': 'case 3' } } });
      };
      await check(store);
      store.close();
      const again = await unlockAgain(db);
      await check(again);
      expect(await packRows(db)).toBe(3);
    }, 60_000);

    it('read many in any order (sync after a restore asks by date): each case its own content, each pack decrypted once', async () => {
      const { store, newcomers } = await restored(300);
      const shuffled = newcomers.map((id, i) => ({ id, i, key: Math.random() })).sort((a, b) => a.key - b.key);
      const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
      let cases;
      try {
        cases = await store.exportMany([...shuffled.map((s) => s.id), 'NOTHERE000']);
      } finally {
        vi.restoreAllMocks();
      }
      shuffled.forEach(({ id, i }, j) => expect(cases[j]).toMatchObject({ id, content: { answers: { 'closing.officer_notes': `case ${i}` } } }));
      expect(cases.at(-1)).toBeNull();
      // Three packs, each decrypted once (and no case's own row: there is none).
      expect(decrypt.mock.calls.length).toBe(3);
    }, 60_000);

    it('one of them saved: it and the rest of its pack get rows of their own and the pack goes; each case is stored once', async () => {
      const { db, store, newcomers } = await restored(250);
      const { content } = await store.load(newcomers[5]!);
      await store.save(newcomers[5]!, { content: { ...content, answers: { ...content.answers, 'closing.officer_notes': 'changed after the restore' } }, summary });
      expect(await packRows(db)).toBe(2);
      expect(await db.content.count()).toBe(3 + 100 + 2);
      const found = await copies(db, store);
      expect(found.size).toBe(253);
      expect(once(found)).toBe(true);
      expect((await store.load(newcomers[5]!)).content.answers['closing.officer_notes']).toBe('changed after the restore');
      for (const i of [0, 6, 99, 100]) expect(await notesOf(store, newcomers[i]!)).toBe(`case ${i}`);
      store.close();
      const again = await unlockAgain(db);
      expect(await again.list()).toHaveLength(253);
      expect((await again.load(newcomers[5]!)).content.answers['closing.officer_notes']).toBe('changed after the restore');
    }, 60_000);

    it('one of them deleted: no copy of it is left on the tablet, and its pack\'s other cases stay', async () => {
      const { db, store, newcomers } = await restored(150);
      await store.remove(newcomers[7]!);
      const found = await copies(db, store);
      expect(found.has(newcomers[7]!)).toBe(false);
      expect(found.size).toBe(152);
      expect(once(found)).toBe(true);
      expect(await packRows(db)).toBe(1);
      expect(await store.list()).toHaveLength(152);
      for (const i of [0, 8, 99, 149]) expect(await notesOf(store, newcomers[i]!)).toBe(`case ${i}`);
    }, 60_000);

    it('past their retention period: deleted with no copy left, packs and all', async () => {
      const { db, store, ids, newcomers } = await restored(250, (c) => ({ ...c, status: 'referred', closedAt: c.updatedAt }));
      const closed = (await store.list()).filter((c) => c.closedAt !== null).map((c) => c.id);
      expect(closed.sort()).toEqual([...newcomers].sort());
      expect(await store.applyRetention(Date.now() + 100 * 365 * 24 * 3600 * 1000)).toBe(closed.length);
      const found = await copies(db, store);
      expect([...found.keys()].filter((id) => closed.includes(id))).toEqual([]);
      expect(await packRows(db)).toBe(0);
      expect([...found.keys()].sort()).toEqual(ids.filter((id) => !closed.includes(id)).sort());
    }, 60_000);

    it('some of a pack\'s cases past their retention period: those go, with no copy left; the others stay, each with its own content', async () => {
      const { db, store, newcomers } = await restored(150, (c, i) => (i % 3 === 0 ? { ...c, status: 'referred', closedAt: c.updatedAt } : c));
      const expired = newcomers.filter((_, i) => i % 3 === 0);
      expect(await store.applyRetention(Date.now() + 100 * 365 * 24 * 3600 * 1000)).toBe(50);
      const found = await copies(db, store);
      expect(expired.filter((id) => found.has(id))).toEqual([]);
      expect(once(found)).toBe(true);
      expect(found.size).toBe(103);
      for (const i of [1, 2, 4, 100, 149]) expect(await notesOf(store, newcomers[i]!)).toBe(`case ${i}`);
      expect(await store.list()).toHaveLength(103);
    }, 60_000);

    it('a pack that no longer decrypts: a save of one of its cases is refused, changing nothing; its cases past retention are still deleted, ciphertext and all', async () => {
      const { db, store, newcomers } = await restored(150, (c, i) => (i < 100 ? { ...c, status: 'referred', closedAt: c.updatedAt } : c));
      const packs = (await db.content.toArray()).filter((row) => isPackId(row.id));
      const key = await keyOf(store);
      const first = (await Promise.all(packs.map(async (row) => ({ row, members: await openPack(key, row.id, row.content) })))).find((p) => p.members.has(newcomers[0]!))!;
      const data = Uint8Array.from(first.row.content.data);
      data[40] = data[40]! ^ 0xff;
      await db.content.put({ ...first.row, content: { ...first.row.content, data } });
      // The 100 closed ones fill the damaged pack; the 50 in progress are in the other.
      const other = newcomers[120]!;
      expect(first.members.has(other)).toBe(false);
      await expect(store.load(newcomers[5]!)).rejects.toThrow();
      await expect(store.save(newcomers[5]!, { content: contentWith('an edit'), summary })).rejects.toThrow();
      expect(await db.content.get(first.row.id)).toBeDefined();
      expect(await store.applyRetention(Date.now() + 100 * 365 * 24 * 3600 * 1000)).toBe(100);
      expect(await db.content.get(first.row.id)).toBeUndefined();
      expect(await store.list()).toHaveLength(53);
      expect(await notesOf(store, other)).toBe('case 120');
    }, 60_000);

    it('a case the team writes while the restore lists its staged cases: the team\'s copy stays, the file\'s goes, and the rest of its pack is listed with their own content', async () => {
      const { db, store } = await deviceWithCases();
      const newcomers = numbered(await copiesOf(store, 150));
      const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      const plan = await planRestore(store, opened);
      // The team's write lands after the plan, while the restore asks the worker for the staged entries.
      const entries = opened.staged!.entries;
      let wrote = false;
      opened.staged!.entries = async (ids) => {
        if (!wrote) {
          wrote = true;
          await teamWrites(store, newcomers[10]!);
        }
        return entries(ids);
      };
      // The report says so: one case fewer added, one kept as it is here.
      expect(await applyRestore(store, plan, {})).toMatchObject({ added: 149, kept: 1 });
      expect(wrote).toBe(true);
      const found = await copies(db, store);
      expect(found.get(newcomers[10]!.id)).toBe(1);
      expect(once(found)).toBe(true);
      expect(found.size).toBe(153);
      expect(await notesOf(store, newcomers[10]!.id)).toBe('from the team');
      for (const i of [0, 11, 99, 149]) expect(await notesOf(store, newcomers[i]!.id)).toBe(`case ${i}`);
      // The pack that held the team's case is gone; its other cases have rows of their own.
      store.close();
      const again = await unlockAgain(db);
      expect(await again.list()).toHaveLength(153);
      expect(await notesOf(again, newcomers[10]!.id)).toBe('from the team');
    }, 60_000);

    it('a case the team writes between the listing\'s preparing and its transaction: prepared again, the team\'s copy stays, and the case can still be saved and deleted', async () => {
      // The team's tab sees the restore's lock (staging-lock.ts): it leaves the staged packs alone.
      vi.stubGlobal('navigator', { locks: tabLocks() });
      const { db, store } = await deviceWithCases();
      const other = await unlockAgain(db);
      const newcomers = numbered(await copiesOf(store, 150));
      const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      const plan = await planRestore(store, opened);
      const index = (store as unknown as { index: CaseIndex }).index;
      const write = index.write.bind(index);
      let wrote = false;
      vi.spyOn(index, 'write').mockImplementation((prepare) =>
        write(async (lookup) => {
          const change = await prepare(lookup);
          if (!wrote && (change.put?.length ?? 0) >= 150) {
            wrote = true;
            await teamWrites(other, newcomers[10]!);
          }
          return change;
        }),
      );
      try {
        expect(await applyRestore(store, plan, {})).toMatchObject({ added: 149, kept: 1 });
      } finally {
        vi.restoreAllMocks();
        vi.unstubAllGlobals();
      }
      expect(wrote).toBe(true);
      const x = newcomers[10]!.id;
      expect(once(await copies(db, store))).toBe(true);
      expect(await notesOf(store, x)).toBe('from the team');
      expect((await store.entries()).find((e) => e.id === x)?.pack).toBeUndefined();
      const { content } = await store.load(x);
      await store.save(x, { content: { ...content, answers: { ...content.answers, 'closing.officer_notes': 'saved after' } }, summary });
      expect(await notesOf(store, x)).toBe('saved after');
      await store.remove(x);
      expect((await copies(db, store)).has(x)).toBe(false);
      expect(await store.list()).toHaveLength(152);
    }, 60_000);

    it('a pack that no longer decrypts, half of it past retention: those entries go, the pack stays for the others', async () => {
      const { db, store, newcomers } = await restored(100, (c, i) => (i % 2 === 0 ? { ...c, status: 'referred', closedAt: c.updatedAt } : c));
      const [pack] = (await db.content.toArray()).filter((row) => isPackId(row.id));
      const data = Uint8Array.from(pack!.content.data);
      data[40] = data[40]! ^ 0xff;
      await db.content.put({ ...pack!, content: { ...pack!.content, data } });
      expect(await store.applyRetention(Date.now() + 100 * 365 * 24 * 3600 * 1000)).toBe(50);
      expect(await db.content.get(pack!.id)).toBeDefined();
      expect((await store.list()).map((c) => c.id).sort()).toEqual(expect.arrayContaining(newcomers.filter((_, i) => i % 2 === 1)));
      expect(await store.list()).toHaveLength(53);
    }, 60_000);

    it('another tab, unlocking while a restore stages, rebuilds a shard that does not open without the staged cases; the restore then lists them all', async () => {
      vi.stubGlobal('navigator', { locks: tabLocks() });
      try {
        const { db, store, ids } = await deviceWithCases();
        const newcomers = numbered(await copiesOf(store, 300));
        const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
        const shard = (await db.caseIndex.toArray()).find((row) => row.shard < SHARD_COUNT && shardOf(ids[0]!) === row.shard)!;
        await db.caseIndex.put({ ...shard, sealed: { ...shard.sealed, data: new Uint8Array(shard.sealed.data.length) } });
        const other = await unlockAgain(db);
        expect((await other.list()).map((c) => c.id).sort()).toEqual([...ids].sort());
        expect(await applyRestore(store, await planRestore(store, opened), {})).toMatchObject({ added: 300 });
        store.close();
        other.close();
        const again = await unlockAgain(db);
        expect(await again.list()).toHaveLength(303);
        for (const i of [0, 150, 299]) expect(await notesOf(again, newcomers[i]!.id)).toBe(`case ${i}`);
        expect(once(await copies(db, again))).toBe(true);
      } finally {
        vi.unstubAllGlobals();
      }
    }, 60_000);

    it('a shard that does not open, read before the index is open while a restore\'s mark is left: its packed cases are found from the other shards\' packs', async () => {
      const { db, store, newcomers } = await restored(300);
      // A restore begun and never ended: its mark stays.
      await store.beginStaging();
      const inShard = newcomers[7]!;
      const shard = (await db.caseIndex.get(shardOf(inShard)))!;
      await db.caseIndex.put({ ...shard, sealed: { ...shard.sealed, data: new Uint8Array(shard.sealed.data.length) } });
      store.close();
      const again = await unlockAgain(db);
      // Opened straight away (a case resumed after unlock): its shard is read on its own, and rebuilt.
      expect(await notesOf(again, inShard)).toBe('case 7');
      expect(await again.list()).toHaveLength(303);
    }, 60_000);

    it('two tabs each save a case of the same pack at once: both saves are kept, each case stored once', async () => {
      const { db, store, newcomers } = await restored(100);
      const other = await unlockAgain(db);
      const edit = async (s: typeof store, id: string, notes: string) => {
        const { content } = await s.load(id);
        await s.save(id, { content: { ...content, answers: { ...content.answers, 'closing.officer_notes': notes } }, summary });
      };
      await Promise.all([edit(store, newcomers[1]!, 'this tab'), edit(other, newcomers[2]!, 'the other tab')]);
      expect(await packRows(db)).toBe(0);
      const found = await copies(db, store);
      expect(found.size).toBe(103);
      expect(once(found)).toBe(true);
      store.close();
      const again = await unlockAgain(db);
      expect((await again.load(newcomers[1]!)).content.answers['closing.officer_notes']).toBe('this tab');
      expect((await again.load(newcomers[2]!)).content.answers['closing.officer_notes']).toBe('the other tab');
      expect(await again.list()).toHaveLength(103);
    }, 60_000);

    it('a case of the file that the team wrote here while the file was checked: its copy does not stay in a pack unseen', async () => {
      const { db, store } = await deviceWithCases();
      const newcomers = await copiesOf(store, 150);
      const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      // Staged in a pack, then written here by team sync before the officer applies the restore.
      await teamWrites(store, newcomers[10]!);
      await applyRestore(store, await planRestore(store, opened), {});
      const found = await copies(db, store);
      expect(found.get(newcomers[10]!.id)).toBe(1);
      expect(once(found)).toBe(true);
      expect(found.size).toBe(153);
      expect(await store.list()).toHaveLength(153);
      expect(await notesOf(store, newcomers[10]!.id)).toBe('from the team');
    }, 60_000);

    it('a case of the file that the team writes here after the plan, while the officer reads it: the tablet\'s copy is kept, as for any copy nobody chose', async () => {
      const { db, store } = await deviceWithCases();
      const newcomers = numbered(await copiesOf(store, 150));
      const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      const plan = await planRestore(store, opened);
      expect(plan.fresh).toContain(newcomers[10]!.id);
      await teamWrites(store, newcomers[10]!);
      expect(await applyRestore(store, plan, {})).toMatchObject({ added: 149, kept: 1 });
      expect(await notesOf(store, newcomers[10]!.id)).toBe('from the team');
      expect(await notesOf(store, newcomers[11]!.id)).toBe('case 11');
      const found = await copies(db, store);
      expect(once(found)).toBe(true);
      expect(found.size).toBe(153);
    }, 60_000);

    it('an index shard that does not open is rebuilt with the cases in packs', async () => {
      const { db, store, newcomers } = await restored(300);
      const shard = (await db.caseIndex.toArray()).find((row) => row.shard < SHARD_COUNT && newcomers.some((id) => shardOf(id) === row.shard))!;
      await db.caseIndex.put({ ...shard, sealed: { ...shard.sealed, data: new Uint8Array(shard.sealed.data.length) } });
      store.close();
      const again = await unlockAgain(db);
      expect(await again.list()).toHaveLength(303);
      const inShard = newcomers.find((id) => shardOf(id) === shard.shard)!;
      expect(await notesOf(again, inShard)).toBe(`case ${newcomers.indexOf(inShard)}`);
      await again.remove(inShard);
      expect((await copies(db, again)).has(inShard)).toBe(false);
    }, 60_000);
  });

  describe('cases staged while the file is checked (as the restore worker stages them)', () => {
    const KNOWN: [string, number][] = [['art-448-1', 1]];
    /** The cases stored on the tablet, listed or not: each in a row of its own or in a restore's pack. */
    const rows = async (db: ScreeningDb, store: { close(): void }) => [...(await copies(db, store)).values()].reduce((a, b) => a + b, 0);

    it('are in the content table but listed nowhere until the restore is applied; then listed, opened and counted like any other', async () => {
      const { db, store, ids } = await deviceWithCases();
      const template = (await store.exportAll()).find((c) => c.id === ids[0])!;
      const newcomers = randomIds(1_500).map((id) => ({ ...template, id }));
      const edited = { ...template, updatedAt: template.updatedAt + 1, content: contentWith('the file\'s copy') };
      const opened = await openForRestore(store, await backupFile([...newcomers, edited]), FILE_PASSPHRASE, { known: KNOWN });
      // Staged: written, sealed, and not a case of this tablet yet.
      expect(await rows(db, store)).toBe(1_503);
      expect(await db.meta.get('restoreStaging')).toBeDefined();
      expect(await store.list()).toHaveLength(3);
      expect((await store.overview()).count).toBe(3);
      expect(await store.exportAll()).toHaveLength(3);
      const plan = await planRestore(store, opened);
      expect(plan.fresh).toHaveLength(1_500);
      expect(plan.conflicts.map((c) => c.id)).toEqual([ids[0]]);
      expect(await applyRestore(store, plan, { [ids[0]!]: 'file' })).toMatchObject({ added: 1_500, updated: 1 });
      expect(await store.list()).toHaveLength(1_503);
      expect((await store.load(newcomers[700]!.id)).content.answers['closing.officer_notes']).toBe('first');
      expect((await store.load(ids[0]!)).content.answers['closing.officer_notes']).toBe('the file\'s copy');
      expect(await db.meta.get('restoreStaging')).toBeUndefined();
      // And after the next unlock, the same.
      store.close();
      const unlocked = { store: await unlockAgain(db) };
      expect(await unlocked.store.list()).toHaveLength(1_503);
    }, 60_000);

    it('a file refused in its last chunk takes back every case it staged, and the tablet is as it was', async () => {
      const { db, store, ids } = await deviceWithCases();
      const cases = await copiesOf(store, 1_200);
      // The 1,101st case names a questionnaire this build lacks: refused after 1,000 cases were staged.
      cases[1_100] = { ...cases[1_100]!, questionnaireVersion: 99 };
      const attempt = openForRestore(store, await backupFile(cases, 'abimee.bin'), FILE_PASSPHRASE, { known: KNOWN });
      const error = await refusal(attempt);
      expect(error).toMatchObject({ file: 'abimee.bin', field: 'cases › 1101 › questionnaireVersion', problem: 'unknown_questionnaire' });
      expect(await rows(db, store)).toBe(3);
      expect(await db.meta.get('restoreStaging')).toBeUndefined();
      expect((await store.list()).map((c) => c.id).sort()).toEqual([...ids].sort());
    }, 60_000);

    it('a write that fails (here: the disk full at the second write) takes back only what was staged, never the tablet\'s own rows', async () => {
      const { db, store, ids } = await deviceWithCases();
      const cases = await copiesOf(store, 1_500);
      // The first write's packs land; the second write's transaction aborts, as a full disk aborts it.
      const add = IDBObjectStore.prototype.add;
      let adds = 0;
      vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        const request = add.apply(this, args);
        if (++adds === 11) this.transaction.abort();
        return request;
      });
      const staging = await store.beginStaging();
      let opening: Awaited<ReturnType<typeof openAndStage>>;
      try {
        opening = await openAndStage(await createBackup(cases, FILE_PASSPHRASE), FILE_PASSPHRASE, { tabletIds: ids, stage: { key: staging.key, database: staging.database } });
      } finally {
        vi.restoreAllMocks();
      }
      expect(adds).toBeGreaterThan(10);
      expect(opening.ok).toBe(false);
      expect(opening.ok === false && opening.rowsLeft).toBe(false);
      await staging.end([]);
      // The first 1,000 were staged and taken back; the second write never landed.
      expect(await rows(db, store)).toBe(3);
      expect(await db.content.count()).toBe(3);
      expect((await store.load(ids[1]!)).content.answers['closing.officer_notes']).toBe('second');
      expect(await store.list()).toHaveLength(3);
    }, 60_000);

    it('cancelled at the choice: the staged cases are taken back', async () => {
      const { db, store, ids } = await deviceWithCases();
      const template = (await store.exportAll()).find((c) => c.id === ids[0])!;
      const newcomers = randomIds(600).map((id) => ({ ...template, id }));
      const opened = await openForRestore(store, await backupFile([...newcomers, { ...template, content: contentWith('another copy') }]), FILE_PASSPHRASE, { known: KNOWN });
      expect((await planRestore(store, opened)).conflicts).toHaveLength(1);
      expect(await rows(db, store)).toBe(603);
      await opened.close();
      expect(await rows(db, store)).toBe(3);
      expect(await db.meta.get('restoreStaging')).toBeUndefined();
      expect((await store.load(ids[0]!)).content.answers['closing.officer_notes']).toBe('first');
    }, 60_000);

    it('the tablet stopped before the restore was applied: the next unlock deletes the staged rows and lists only its own cases', async () => {
      const { db, store, ids } = await deviceWithCases();
      const newcomers = await copiesOf(store, 700);
      await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      expect(await rows(db, store)).toBe(703);
      // Locked (or the tab closed) before the officer applied it: nothing ends the staging.
      store.close();
      const unlocked = { store: await unlockAgain(db) };
      expect((await unlocked.store.list()).map((c) => c.id).sort()).toEqual([...ids].sort());
      expect(await rows(db, store)).toBe(3);
      expect(await db.meta.get('restoreStaging')).toBeUndefined();
      // The same file again restores whole.
      const again = await openForRestore(unlocked.store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      expect(await applyRestore(unlocked.store, await planRestore(unlocked.store, again), {})).toMatchObject({ added: 700 });
      expect(await unlocked.store.list()).toHaveLength(703);
    }, 60_000);

    it('the tablet stopped before the restore was applied, and another tab starts a case while this one unlocks: only the staged rows go', async () => {
      const { db, store, ids } = await deviceWithCases();
      await openForRestore(store, await backupFile(await copiesOf(store, 700)), FILE_PASSPHRASE, { known: KNOWN });
      store.close();
      const here = await unlockAgain(db);
      const other = await unlockAgain(db);
      // While this tab decrypts the index's shards (deleting the staged rows next), the other starts a case.
      const meanwhile = startedWhileShardsOpen(CaseIndex, (here as unknown as { index: object }).index, () => other.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: contentWith('started meanwhile'), summary }));
      let listed: string[];
      try {
        listed = (await here.list()).map((c) => c.id);
      } finally {
        vi.restoreAllMocks();
      }
      const started = await meanwhile.started();
      expect(listed.sort()).toEqual([...ids, started].sort());
      expect(await rows(db, store)).toBe(4);
      expect((await other.load(started)).content.answers['closing.officer_notes']).toBe('started meanwhile');
      expect(await db.meta.get('restoreStaging')).toBeUndefined();
    }, 60_000);

    it('a mark left earlier in the same session: the next restore deletes its rows before staging its own', async () => {
      const { db, store, ids } = await deviceWithCases();
      const newcomers = await copiesOf(store, 400);
      // A staging that ended without saying what it staged (its worker stopped): the mark stays.
      const first = await store.beginStaging();
      const opening = await openAndStage(await createBackup(newcomers, FILE_PASSPHRASE), FILE_PASSPHRASE, { tabletIds: ids, stage: { key: first.key, database: first.database } });
      expect(opening.ok).toBe(true);
      await first.end(null);
      expect(await rows(db, store)).toBe(403);
      const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
      expect(await applyRestore(store, await planRestore(store, opened), {})).toMatchObject({ added: 400 });
      expect(await store.list()).toHaveLength(403);
      expect(await rows(db, store)).toBe(403);
    }, 60_000);

    it('never replace a case already here: an add over one fails whole', async () => {
      const { db, store, ids } = await deviceWithCases();
      const mine = (await store.exportAll()).find((c) => c.id === ids[1])!;
      const other = randomIds(1)[0]!;
      const sealed = await sealerOf([{ ...mine, content: contentWith('a forged copy') }, { ...mine, id: other }])(
        await keyOf(store),
        [
          { id: other, as: other },
          { id: mine.id, as: mine.id },
        ],
      );
      await expect(addContentRows(db.name, sealed.map((s) => s.row))).rejects.toThrow();
      expect((await store.load(ids[1]!)).content.answers['closing.officer_notes']).toBe('second');
      // The other row of the same transaction did not land either.
      expect(await db.content.get(other)).toBeUndefined();
    });

    it('another tab unlocking while this one stages: it neither lists the staged rows nor deletes them, and the restore applies whole', async () => {
      // Two tabs of the app share one database; the Web Lock (staging-lock.ts) tells the second one a restore is under way.
      vi.stubGlobal('navigator', { locks: tabLocks() });
      try {
        const { db, store, ids } = await deviceWithCases();
        const newcomers = await copiesOf(store, 500);
        const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
        expect(await rows(db, store)).toBe(503);

        const otherTab = await unlockAgain(db);
        expect((await otherTab.list()).map((c) => c.id).sort()).toEqual([...ids].sort());
        expect((await otherTab.overview()).count).toBe(3);
        expect(await rows(db, store)).toBe(503);
        expect(await db.meta.get('restoreStaging')).toBeDefined();

        expect(await applyRestore(store, await planRestore(store, opened), {})).toMatchObject({ added: 500 });
        expect(await store.list()).toHaveLength(503);
        expect(await rows(db, store)).toBe(503);
        expect(await db.meta.get('restoreStaging')).toBeUndefined();
        // The other tab, once unlocked again, lists them too.
        otherTab.close();
        expect(await (await unlockAgain(db)).list()).toHaveLength(503);
      } finally {
        vi.unstubAllGlobals();
      }
    }, 60_000);

    it('a mark left by a tab that applied its restore and stopped, unheard here: a restore begun here deletes none of its cases, nor one started meanwhile', async () => {
      vi.stubGlobal('navigator', { locks: tabLocks() });
      const Channel = globalThis.BroadcastChannel;
      try {
        const { db, store, ids } = await deviceWithCases();
        // This tab: its own copy of the storage code that hears nothing from the other
        // (no BroadcastChannel), its index opened before the other tab's restore.
        vi.stubGlobal('BroadcastChannel', undefined);
        vi.resetModules();
        const [{ unlockVault: unlockHere }, { ScreeningDb: HereDb }] = await Promise.all([import('./vault'), import('./db')]);
        vi.stubGlobal('BroadcastChannel', Channel);
        const unlocked = await unlockHere(PASSPHRASE, new HereDb(db.name));
        if (!unlocked.store) throw new Error('the vault did not open');
        const here = unlocked.store;
        expect(await here.list()).toHaveLength(3);

        const newcomers = await copiesOf(store, 500);
        const opened = await openForRestore(store, await backupFile(newcomers), FILE_PASSPHRASE, { known: KNOWN });
        const mark = (await db.meta.get('restoreStaging'))!;
        expect(await applyRestore(store, await planRestore(store, opened), {})).toMatchObject({ added: 500 });
        // The other tab stopped between writing its index and taking its mark away.
        await db.meta.put(mark);
        store.close();

        // And while this tab reads the index again, the other (unlocked again) starts a case.
        const other = await unlockAgain(db);
        const { CaseIndex: HereIndex } = await import('./case-index');
        const meanwhile = startedWhileShardsOpen(HereIndex, null, () => other.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: contentWith('started meanwhile'), summary }));

        // A restore begun here finds the mark and deletes the rows no index lists: none of these.
        const staging = await here.beginStaging();
        await staging.end([]);
        vi.restoreAllMocks();
        const started = await meanwhile.started();
        expect(await rows(db, store)).toBe(504);
        expect((await here.list()).map((c) => c.id)).toEqual(expect.arrayContaining([...ids, ...newcomers.map((c) => c.id)]));
        expect((await other.list()).map((c) => c.id).sort()).toEqual([...ids, ...newcomers.map((c) => c.id), started].sort());
        expect((await other.load(started)).content.answers['closing.officer_notes']).toBe('started meanwhile');
      } finally {
        vi.unstubAllGlobals();
      }
    }, 60_000);

    it('rows the index does not count, with no restore\'s mark (a lost index): the next unlock lists them from their heads', async () => {
      const { db, store, ids } = await deviceWithCases();
      const template = (await store.exportAll())[0]!;
      const lost = randomIds(3);
      const sealed = await sealerOf(lost.map((id) => ({ ...template, id })))(await keyOf(store), lost.map((id) => ({ id, as: id })));
      await addContentRows(db.name, sealed.map((s) => s.row));
      // The index was never told (the tablet stopped here). Locked, and unlocked again:
      store.close();
      const unlocked = { store: await unlockAgain(db) };
      const listed = (await unlocked.store.list()).map((c) => c.id);
      expect(listed.sort()).toEqual([...ids, ...lost].sort());
    });
  });
});
