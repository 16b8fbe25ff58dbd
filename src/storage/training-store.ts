/**
 * Training lives in its own IndexedDB database. No real-case screen, export,
 * statistic or backup opens it, so a practice answer can never mix with a real
 * case, and deleting every training record cannot touch one.
 *
 * It is sealed with the same data key as real cases: a trainee may type
 * something true, and a trainer's own scenario may be drawn from a real story.
 */
import Dexie, { type EntityTable } from 'dexie';
import { open, seal, type Envelope, type RecordAddress } from '../crypto/envelope';
import type { CaseContent, CaseListItem, CaseSummary } from './case-store';
import { describeFailure, newCaseId, StorageError } from './records';
import type { CaseStatus } from './db';

export const TRAINING_DB_NAME = 'screening-448-1-training';
const SCHEMA_VERSION = 1;

/** Who practises, in which workshop, and what they concluded: kept apart from the interview's own saves. */
export interface PracticeDetails {
  scenarioId: string;
  trainee: string;
  workshop: string;
  /** Questions whose scripted answer the trainee looked at. */
  revealed: string[];
  /** The trainee's reading, once stated; opaque to storage. */
  reading: unknown;
  /** Set when the debrief has been shown and the result recorded. */
  resultId: string | null;
  /** The answers as they stood when the reading was stated: the debrief is about these. */
  answersAtReading?: unknown;
  /** For an authoring run, the scenario draft whose answers are being recorded. */
  authoring?: unknown;
}

interface PracticeRow {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  summary: Envelope;
  details: Envelope;
}

interface SealedRow {
  id: string;
  at: number;
  data: Envelope;
}

export class TrainingDb extends Dexie {
  practices!: EntityTable<PracticeRow, 'id'>;
  content!: EntityTable<{ id: string; content: Envelope }, 'id'>;
  scenarios!: EntityTable<SealedRow, 'id'>;
  results!: EntityTable<SealedRow, 'id'>;
  meta!: EntityTable<{ key: string; value: string | number | null }, 'key'>;

  constructor(name = TRAINING_DB_NAME) {
    super(name);
    this.version(1).stores({ practices: 'id, updatedAt', content: 'id', scenarios: 'id, at', results: 'id, at', meta: 'key' });
  }
}

const address = (table: string, id: string): RecordAddress => ({ table: `training.${table}`, id, schema: SCHEMA_VERSION });

/** Simulation references look nothing like a real case's TR-…: nobody can mistake one for the other. */
export function simulationReference(id: string): string {
  return `SIM-${id.slice(0, 4)}-${id.slice(4, 8)}`;
}

export interface PracticeListItem {
  id: string;
  reference: string;
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  details: PracticeDetails;
}

export class TrainingStore {
  constructor(
    private readonly db: TrainingDb,
    private readonly key: CryptoKey,
  ) {}

  async createPractice(input: { questionnaireId: string; questionnaireVersion: number; details: Omit<PracticeDetails, 'revealed' | 'reading' | 'resultId'>; content: CaseContent }): Promise<string> {
    const id = newCaseId();
    const now = Date.now();
    const details: PracticeDetails = { ...input.details, revealed: [], reading: null, resultId: null };
    const summary: CaseSummary = { outcome: null, flags: [], section: 'consent', answered: Object.keys(input.content.answers).length };
    const [sealedSummary, sealedDetails, sealedContent] = await Promise.all([
      seal(this.key, summary, address('practices', id)),
      seal(this.key, details, address('details', id)),
      seal(this.key, input.content, address('content', id)),
    ]);
    await this.guard(() =>
      this.db.transaction('rw', [this.db.practices, this.db.content], async () => {
        await this.db.practices.put({ id, createdAt: now, updatedAt: now, status: 'in_progress', questionnaireId: input.questionnaireId, questionnaireVersion: input.questionnaireVersion, summary: sealedSummary, details: sealedDetails });
        await this.db.content.put({ id, content: sealedContent });
      }),
    );
    return id;
  }

  /** The interview's view of a practice: the same shape a real case has, so the same interview screen runs it. */
  async load(id: string): Promise<{ item: CaseListItem; content: CaseContent }> {
    const [row, contentRow] = await Promise.all([this.db.practices.get(id), this.db.content.get(id)]);
    if (!row || !contentRow) throw new StorageError(`practice ${simulationReference(id)} is not on this device`);
    const [summary, content] = await Promise.all([open<CaseSummary>(this.key, row.summary, address('practices', id)), open<CaseContent>(this.key, contentRow.content, address('content', id))]);
    return {
      item: { id, reference: simulationReference(id), createdAt: row.createdAt, updatedAt: row.updatedAt, status: row.status, questionnaireId: row.questionnaireId, questionnaireVersion: row.questionnaireVersion, summary, daysLeft: null },
      content,
    };
  }

  /** Called by the interview after every answer; the practice details are left as they are. */
  async save(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }): Promise<void> {
    const existing = await this.db.practices.get(id);
    if (!existing) throw new StorageError(`practice ${simulationReference(id)} no longer exists on this device`);
    // A practice keeps no statistics record: training never counts.
    const summary = { ...update.summary, stats: null };
    const [sealedSummary, sealedContent] = await Promise.all([seal(this.key, summary, address('practices', id)), seal(this.key, update.content, address('content', id))]);
    await this.guard(() =>
      this.db.transaction('rw', [this.db.practices, this.db.content], async () => {
        const current = await this.db.practices.get(id);
        if (!current) return;
        await this.db.practices.put({ ...current, status: update.status ?? current.status, updatedAt: Date.now(), summary: sealedSummary });
        await this.db.content.put({ id, content: sealedContent });
      }),
    );
  }

  async details(id: string): Promise<PracticeDetails> {
    const row = await this.db.practices.get(id);
    if (!row) throw new StorageError(`practice ${simulationReference(id)} is not on this device`);
    return open<PracticeDetails>(this.key, row.details, address('details', id));
  }

  private detailQueues = new Map<string, Promise<unknown>>();

  /**
   * Changes run one after another per practice: a script looked at while the
   * reading is being recorded must not be lost to a read-modify-write race
   * (sealing is asynchronous, so a Dexie transaction cannot span it).
   */
  updateDetails(id: string, change: (details: PracticeDetails) => PracticeDetails): Promise<PracticeDetails> {
    const run = async () => {
      const next = change(await this.details(id));
      const sealed = await seal(this.key, next, address('details', id));
      await this.guard(() => this.db.practices.update(id, { details: sealed, updatedAt: Date.now() }));
      return next;
    };
    const queued = (this.detailQueues.get(id) ?? Promise.resolve()).then(run, run);
    this.detailQueues.set(id, queued.catch(() => undefined));
    return queued;
  }

  async listPractices(): Promise<PracticeListItem[]> {
    const rows = await this.db.practices.orderBy('updatedAt').reverse().toArray();
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        reference: simulationReference(row.id),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        status: row.status,
        details: await open<PracticeDetails>(this.key, row.details, address('details', row.id)),
      })),
    );
  }

  async removePractice(id: string): Promise<void> {
    await this.db.transaction('rw', [this.db.practices, this.db.content], async () => {
      await this.db.practices.delete(id);
      await this.db.content.delete(id);
    });
  }

  /**
   * A trainer's own scenarios, as validated documents; the caller parses them
   * again on use. Rows are keyed by a random id: a scenario's own id may be made
   * from its title, and a key is stored in clear.
   */
  async scenarios(): Promise<unknown[]> {
    return (await this.scenarioRows()).map((r) => r.doc);
  }

  private async scenarioRows(): Promise<{ key: string; at: number; doc: { id?: unknown } }[]> {
    const rows = await this.db.scenarios.orderBy('at').toArray();
    return Promise.all(rows.map(async (row) => ({ key: row.id, at: row.at, doc: await open<{ id?: unknown }>(this.key, row.data, address('scenarios', row.id)) })));
  }

  async hasScenario(scenarioId: string): Promise<boolean> {
    return (await this.scenarioRows()).some((r) => r.doc.id === scenarioId);
  }

  /** Adds a scenario, or replaces the one with the same id. */
  async saveScenario(scenario: { id: string }): Promise<void> {
    const existing = (await this.scenarioRows()).find((r) => r.doc.id === scenario.id);
    const key = existing?.key ?? newCaseId();
    const data = await seal(this.key, scenario, address('scenarios', key));
    await this.guard(() => this.db.scenarios.put({ id: key, at: existing?.at ?? Date.now(), data }));
  }

  async removeScenario(scenarioId: string): Promise<void> {
    const keys = (await this.scenarioRows()).filter((r) => r.doc.id === scenarioId).map((r) => r.key);
    await this.db.scenarios.bulkDelete(keys);
  }

  /** Finished practices (their result recorded) older than the device's retention period go; returns how many. */
  async applyRetention(retentionDays: number, now = Date.now()): Promise<number> {
    const old = (await this.listPractices()).filter((p) => p.details.resultId !== null && p.updatedAt + retentionDays * 86_400_000 <= now);
    for (const p of old) await this.removePractice(p.id);
    return old.length;
  }

  async results(): Promise<unknown[]> {
    const rows = await this.db.results.orderBy('at').toArray();
    return Promise.all(rows.map((row) => open<unknown>(this.key, row.data, address('results', row.id))));
  }

  /** Adds results by id: importing the same trainee file twice changes nothing. Returns how many were new. */
  async addResults(results: { id: string; completedAt: number }[]): Promise<number> {
    const sealed = await Promise.all(results.map(async (r) => ({ id: r.id, at: r.completedAt, data: await seal(this.key, r, address('results', r.id)) })));
    let added = 0;
    await this.guard(() =>
      this.db.transaction('rw', this.db.results, async () => {
        for (const row of sealed) {
          if (await this.db.results.get(row.id)) continue;
          await this.db.results.put(row);
          added++;
        }
      }),
    );
    return added;
  }

  async removeResults(ids: string[]): Promise<void> {
    await this.db.results.bulkDelete(ids);
  }

  /** The workshop name new practices are filed under: a device preference for the session, not personal data. */
  async workshop(): Promise<string> {
    const row = await this.db.meta.get('workshop');
    return typeof row?.value === 'string' ? row.value : '';
  }

  async setWorkshop(name: string): Promise<void> {
    await this.db.meta.put({ key: 'workshop', value: name });
  }

  private async guard<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw new StorageError(`The training record could not be saved (${describeFailure(error)}). The last saved version is kept.`, error);
    }
  }
}

let trainingDb: TrainingDb | undefined;
export function getTrainingDb(): TrainingDb {
  trainingDb ??= new TrainingDb();
  return trainingDb;
}

/** Part of a device wipe: the training database goes with everything else. */
export async function deleteTrainingDb(): Promise<void> {
  const db = trainingDb ?? new TrainingDb();
  trainingDb = undefined;
  // Empty first: if another tab blocks the delete, nothing readable is left behind.
  await db.transaction('rw', [db.practices, db.content, db.scenarios, db.results, db.meta], () =>
    Promise.all([db.practices.clear(), db.content.clear(), db.scenarios.clear(), db.results.clear(), db.meta.clear()]),
  );
  db.close();
  await Promise.race([Dexie.delete(TRAINING_DB_NAME), new Promise((resolve) => setTimeout(resolve, 3_000))]);
}
