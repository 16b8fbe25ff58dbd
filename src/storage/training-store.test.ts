/**
 * Training lives apart: a practice never reaches the real case list, a backup
 * or the statistics, and it is sealed like a real case.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ScreeningDb } from './db';
import { TRAINING_DB_NAME, TrainingDb } from './training-store';
import { createVault, wipeWithPassphrase } from './vault';

const PASSPHRASE = 'four words for the workshop tablet';
const MARKER = 'TRAINEE-MARKER-5521';
let n = 0;

async function device() {
  const db = new ScreeningDb(`training-main-${++n}`);
  const store = await createVault(PASSPHRASE, db);
  const trainingDb = new TrainingDb(`training-${n}`);
  return { db, store, trainingDb, training: store.training(trainingDb) };
}

const practiceInput = (trainee = MARKER) => ({
  questionnaireId: 'art-448-1',
  questionnaireVersion: 1,
  details: { scenarioId: 'child-domestic-servitude', trainee, workshop: 'Tanger' },
  content: { answers: { 'closing.officer_notes': MARKER }, snapshot: null, interviewLanguage: 'fr' },
});

describe('the training database', () => {
  it('a practice is in the training database only: not in the case list, the backup export or the statistics source', async () => {
    const { db, store, training } = await device();
    const real = await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: { answers: {}, snapshot: null, interviewLanguage: 'fr' }, summary: { outcome: null, flags: [], section: 'consent', answered: 0 } });
    const practice = await training.createPractice(practiceInput());
    expect((await store.list()).map((c) => c.id)).toEqual([real]);
    expect((await store.exportAll()).map((c) => c.id)).toEqual([real]);
    expect(await db.content.count()).toBe(1);
    await expect(store.load(practice)).rejects.toThrow(/not on this device/);
    expect((await training.listPractices()).map((p) => p.id)).toEqual([practice]);
    expect((await training.load(practice)).item.reference).toMatch(/^SIM-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('keeps nothing in clear: trainee names, answers and results are sealed', async () => {
    const { training, trainingDb } = await device();
    const id = await training.createPractice(practiceInput());
    await training.updateDetails(id, (d) => ({ ...d, revealed: ['means.debt'] }));
    await training.addResults([{ id: 'r1', completedAt: 1, trainee: MARKER } as never]);
    await training.saveScenario({ id: `own-${MARKER}`, narrative: { fr: MARKER } } as never);
    const raw = JSON.stringify(
      await Promise.all([trainingDb.practices.toArray(), trainingDb.content.toArray(), trainingDb.results.toArray(), trainingDb.scenarios.toArray()]),
      (_key, value: unknown) => (value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value),
    );
    expect(raw).not.toContain(MARKER);
    expect(raw).not.toContain('means.debt');
  });

  it("the interview's saves keep the practice details, and never carry a statistics record", async () => {
    const { training } = await device();
    const id = await training.createPractice(practiceInput());
    await training.updateDetails(id, (d) => ({ ...d, revealed: ['act.offered_work'] }));
    await training.save(id, { status: 'completed', content: { answers: { 'person.age_years': 15 }, snapshot: null, interviewLanguage: 'fr' }, summary: { outcome: 'presumed_victim', flags: ['child'], section: 'result', answered: 1, stats: { year: 2026 } } });
    const { item, content } = await training.load(id);
    expect(item.status).toBe('completed');
    expect(item.summary.stats).toBeNull();
    expect(content.answers).toEqual({ 'person.age_years': 15 });
    expect((await training.details(id)).revealed).toEqual(['act.offered_work']);
  });

  it('a scenario is replaced by id, found and removed by id, though its row key is random', async () => {
    const { training, trainingDb } = await device();
    await training.saveScenario({ id: 'own-port', version: 1 } as never);
    await training.saveScenario({ id: 'own-farm', version: 1 } as never);
    await training.saveScenario({ id: 'own-port', version: 2 } as never);
    expect(await training.scenarios()).toEqual([{ id: 'own-port', version: 2 }, { id: 'own-farm', version: 1 }]);
    expect((await trainingDb.scenarios.toArray()).map((r) => r.id)).not.toContain('own-port');
    expect(await training.hasScenario('own-farm')).toBe(true);
    await training.removeScenario('own-farm');
    expect(await training.hasScenario('own-farm')).toBe(false);
  });

  it('concurrent changes to a practice are all kept', async () => {
    const { training } = await device();
    const id = await training.createPractice(practiceInput());
    await Promise.all(['a', 'b', 'c', 'd'].map((q) => training.updateDetails(id, (d) => ({ ...d, revealed: [...d.revealed, q] }))));
    expect((await training.details(id)).revealed.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finished practices go after the retention period; those under way stay', async () => {
    const { training } = await device();
    const finished = await training.createPractice(practiceInput());
    await training.updateDetails(finished, (d) => ({ ...d, resultId: finished }));
    const open = await training.createPractice(practiceInput());
    expect(await training.applyRetention(90)).toBe(0);
    expect(await training.applyRetention(90, Date.now() + 91 * 86_400_000)).toBe(1);
    expect((await training.listPractices()).map((p) => p.id)).toEqual([open]);
  });

  it('importing the same results twice adds them once', async () => {
    const { training } = await device();
    const results = [{ id: 'a', completedAt: 1 }, { id: 'b', completedAt: 2 }];
    expect(await training.addResults(results)).toBe(2);
    expect(await training.addResults([...results, { id: 'c', completedAt: 3 }])).toBe(1);
    expect((await training.results()).map((r) => (r as { id: string }).id)).toEqual(['a', 'b', 'c']);
    await training.removeResults(['a', 'c']);
    expect((await training.results()).map((r) => (r as { id: string }).id)).toEqual(['b']);
  });

  it('a wipe of the device removes the training database too', async () => {
    const db = new ScreeningDb(`training-wipe-${++n}`);
    const store = await createVault(PASSPHRASE, db);
    await store.training().createPractice(practiceInput());
    expect(await Dexie.exists(TRAINING_DB_NAME)).toBe(true);
    expect(await wipeWithPassphrase(PASSPHRASE, db)).toBe(true);
    expect(await Dexie.exists(TRAINING_DB_NAME)).toBe(false);
  });
});
