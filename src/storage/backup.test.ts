import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportCases, restoreCases, BackupError } from './backup';
import { ScreeningDb } from './db';
import { TrainingDb } from './training-store';
import { createVault, wipeWithPassphrase } from './vault';

const PASSPHRASE = 'tablet passphrase of four words';
const FILE_PASSPHRASE = 'the file has its own secret';
let n = 0;
const summary = { outcome: 'presumed_victim' as const, flags: ['child'], section: 'result', answered: 40 };

async function deviceWithCases() {
  const db = new ScreeningDb(`backup-${++n}`);
  const store = await createVault(PASSPHRASE, db);
  const ids = [];
  for (const [i, notes] of ['first', 'second', 'third'].entries()) {
    ids.push(await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: { answers: { 'closing.officer_notes': notes, 'person.age_years': 14 + i }, snapshot: { value: 'result' }, interviewLanguage: 'fr' }, summary }));
  }
  // A practice run on the same device: it must never reach a backup.
  await store.training(new TrainingDb(`backup-training-${n}`)).createPractice({ questionnaireId: 'art-448-1', questionnaireVersion: 1, details: { scenarioId: 'kidney-sale-broker', trainee: 'Amina', workshop: '' }, content: { answers: { 'closing.officer_notes': 'practice' }, snapshot: null, interviewLanguage: 'fr' } });
  return { db, store, ids };
}

describe('backup and restore', () => {
  it('backup → wipe → restore gives back every real case byte for byte', async () => {
    const { db, store } = await deviceWithCases();
    const before = await store.exportAll();
    const file = await exportCases(store, FILE_PASSPHRASE);
    expect(file).not.toContain('first');
    expect(await wipeWithPassphrase(PASSPHRASE, db)).toBe(true);

    const fresh = await createVault('another tablet passphrase', new ScreeningDb(`backup-${++n}`));
    expect(await restoreCases(fresh, file, FILE_PASSPHRASE)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const after = await fresh.exportAll();
    const byId = (list: typeof before) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after)).toEqual(byId(before));
    expect(after.map((c) => c.content.answers['closing.officer_notes']).sort()).toEqual(['first', 'second', 'third']);
  });

  it('restoring twice merges by id without duplicating, and a newer copy on the device is kept', async () => {
    const { store, ids } = await deviceWithCases();
    const file = await exportCases(store, FILE_PASSPHRASE);
    await store.save(ids[0]!, { content: { answers: { 'closing.officer_notes': 'edited after backup' }, snapshot: null, interviewLanguage: 'fr' }, summary });
    expect(await restoreCases(store, file, FILE_PASSPHRASE)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect((await store.list()).length).toBe(3);
    expect((await store.load(ids[0]!)).content.answers['closing.officer_notes']).toBe('edited after backup');
  });

  it.each<[string, (file: string) => string, string, RegExp]>([
    ['one byte altered', (f) => { const o = JSON.parse(f); o.data = (o.data[10] === 'A' ? 'B' : 'A') + o.data.slice(1); return JSON.stringify(o); }, FILE_PASSPHRASE, /wrong passphrase, or the file was altered/],
    ['a header field altered', (f) => JSON.stringify({ ...JSON.parse(f), createdAt: 1 }), FILE_PASSPHRASE, /wrong passphrase, or the file was altered/],
    ['truncated', (f) => f.slice(0, f.length - 40), FILE_PASSPHRASE, /not a backup file, or it is truncated/],
    ['the wrong passphrase', (f) => f, 'not the file passphrase', /wrong passphrase/],
    ['weakened key derivation', (f) => { const o = JSON.parse(f); o.kdf.iterations = 1000; return JSON.stringify(o); }, FILE_PASSPHRASE, /below the minimum/],
    ['not a backup at all', () => '{"facts":{}}', FILE_PASSPHRASE, /not a backup file of this app/],
  ])('a backup with %s is refused before anything changes', async (_name, damage, passphrase, message) => {
    const source = await deviceWithCases();
    const file = await exportCases(source.store, FILE_PASSPHRASE);
    const target = await deviceWithCases();
    const before = await target.store.exportAll();
    const attempt = restoreCases(target.store, damage(file), passphrase);
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toThrow(message);
    expect(await target.store.exportAll()).toEqual(before);
  });
});
