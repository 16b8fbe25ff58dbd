/**
 * Training lives in its own IndexedDB database. No real-case screen, export,
 * statistic or backup opens it, so a practice answer can never mix with a real
 * case, and deleting every training record cannot touch one.
 *
 * It is sealed with the same data key as real cases: a trainee may type
 * something true, and a trainer's own scenario may be drawn from a real story.
 * In clear only random ids: dates, status and the workshop name are sealed too
 * (version 2; rows written by version 1 are sealed at the first use after unlock).
 */
import Dexie, { type EntityTable } from 'dexie';
import { open, seal, type Envelope, type RecordAddress } from '../crypto/envelope';
import { describeFailure, newCaseId, StorageError } from './records';
import type { CaseContent, CaseListItem, CaseStatus, CaseSummary } from './types';

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

/** When a practice was started and changed, where it stands: sealed as the practice's head. */
interface PracticeHead {
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
}

interface PracticeRow {
  id: string;
  head?: Envelope;
  summary: Envelope;
  details: Envelope;
  // Version 1 kept the head in clear; sealed at the first use after unlock.
  createdAt?: number;
  updatedAt?: number;
  status?: CaseStatus;
  questionnaireId?: string;
  questionnaireVersion?: number;
}

interface SealedRow {
  id: string;
  data: Envelope;
  /** Version 1: when the row was added (in clear); version 2 seals it inside `data`. */
  at?: number;
}

interface TrainingMetaRow {
  key: string;
  value: string | number | null;
  sealed?: Envelope;
}

const MIGRATION_MARKER = 'migrate';

export class TrainingDb extends Dexie {
  practices!: EntityTable<PracticeRow, 'id'>;
  content!: EntityTable<{ id: string; content: Envelope }, 'id'>;
  scenarios!: EntityTable<SealedRow, 'id'>;
  results!: EntityTable<SealedRow, 'id'>;
  meta!: EntityTable<TrainingMetaRow, 'key'>;

  constructor(name = TRAINING_DB_NAME) {
    super(name);
    this.version(1).stores({ practices: 'id, updatedAt', content: 'id', scenarios: 'id, at', results: 'id, at', meta: 'key' });
    // Version 2: no dates in clear, so nothing to index but the random ids. The
    // key is not known here: the rows are sealed at the first use after unlock.
    this.version(2)
      .stores({ practices: 'id', scenarios: 'id', results: 'id' })
      .upgrade(async (tx) => {
        await tx.table<TrainingMetaRow, string>('meta').put({ key: MIGRATION_MARKER, value: 2 });
      });
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
  private readying: Promise<void> | null = null;

  constructor(
    private readonly db: TrainingDb,
    private readonly key: CryptoKey,
  ) {}

  /** Seals what version 1 left in clear (dates, status, workshop), once, before any other use. */
  private ready(): Promise<void> {
    this.readying ??= this.migrate().catch((error: unknown) => {
      this.readying = null;
      throw error;
    });
    return this.readying;
  }

  private async migrate(): Promise<void> {
    if (!(await this.db.meta.get(MIGRATION_MARKER))) return;
    const practices = (await this.db.practices.toArray()).filter((row) => !row.head);
    const heads = await Promise.all(
      practices.map(async (row) => {
        const head: PracticeHead = {
          createdAt: row.createdAt ?? 0,
          updatedAt: row.updatedAt ?? row.createdAt ?? 0,
          status: row.status ?? 'in_progress',
          questionnaireId: row.questionnaireId ?? 'art-448-1',
          questionnaireVersion: row.questionnaireVersion ?? 1,
        };
        return { id: row.id, summary: row.summary, details: row.details, head: await this.sealHead(row.id, head) };
      }),
    );
    const scenarios = await Promise.all(
      (await this.db.scenarios.toArray())
        .filter((row) => row.at !== undefined)
        .map(async (row) => ({ id: row.id, data: await seal(this.key, { at: row.at, doc: await open(this.key, row.data, address('scenarios', row.id)) }, address('scenarios', row.id)) })),
    );
    // A result seals its own completion date already: only the clear copy goes.
    const results = (await this.db.results.toArray()).filter((row) => row.at !== undefined).map((row) => ({ id: row.id, data: row.data }));
    const workshopRow = await this.db.meta.get('workshop');
    const workshop = workshopRow && !workshopRow.sealed && typeof workshopRow.value === 'string' ? await this.sealedWorkshop(workshopRow.value) : null;
    await this.db.transaction('rw', [this.db.practices, this.db.scenarios, this.db.results, this.db.meta], async () => {
      await this.db.practices.bulkPut(heads);
      await this.db.scenarios.bulkPut(scenarios);
      await this.db.results.bulkPut(results);
      if (workshop) await this.db.meta.put(workshop);
      await this.db.meta.delete(MIGRATION_MARKER);
    });
  }

  private sealHead(id: string, head: PracticeHead): Promise<Envelope> {
    return seal(this.key, head, address('head', id), 256);
  }

  private async headOf(row: PracticeRow): Promise<PracticeHead> {
    if (row.head) return open<PracticeHead>(this.key, row.head, address('head', row.id));
    return { createdAt: row.createdAt ?? 0, updatedAt: row.updatedAt ?? 0, status: row.status ?? 'in_progress', questionnaireId: row.questionnaireId ?? 'art-448-1', questionnaireVersion: row.questionnaireVersion ?? 1 };
  }

  private async sealedWorkshop(name: string): Promise<TrainingMetaRow> {
    return { key: 'workshop', value: null, sealed: await seal(this.key, name, address('meta', 'workshop'), 128) };
  }

  async createPractice(input: { questionnaireId: string; questionnaireVersion: number; details: Omit<PracticeDetails, 'revealed' | 'reading' | 'resultId'>; content: CaseContent }): Promise<string> {
    await this.ready();
    const id = newCaseId();
    const now = Date.now();
    const details: PracticeDetails = { ...input.details, revealed: [], reading: null, resultId: null };
    const summary: CaseSummary = { outcome: null, flags: [], section: 'consent', answered: Object.keys(input.content.answers).length };
    const head: PracticeHead = { createdAt: now, updatedAt: now, status: 'in_progress', questionnaireId: input.questionnaireId, questionnaireVersion: input.questionnaireVersion };
    const [sealedHead, sealedSummary, sealedDetails, sealedContent] = await Promise.all([
      this.sealHead(id, head),
      seal(this.key, summary, address('practices', id)),
      seal(this.key, details, address('details', id)),
      seal(this.key, input.content, address('content', id)),
    ]);
    await this.guard(() =>
      this.db.transaction('rw', [this.db.practices, this.db.content], async () => {
        await this.db.practices.put({ id, head: sealedHead, summary: sealedSummary, details: sealedDetails });
        await this.db.content.put({ id, content: sealedContent });
      }),
    );
    return id;
  }

  /** The interview's view of a practice: the same shape a real case has, so the same interview screen runs it. */
  async load(id: string): Promise<{ item: CaseListItem; content: CaseContent }> {
    await this.ready();
    const [row, contentRow] = await Promise.all([this.db.practices.get(id), this.db.content.get(id)]);
    if (!row || !contentRow) throw new StorageError(`practice ${simulationReference(id)} is not on this device`);
    const [head, summary, content] = await Promise.all([this.headOf(row), open<CaseSummary>(this.key, row.summary, address('practices', id)), open<CaseContent>(this.key, contentRow.content, address('content', id))]);
    return {
      item: {
        id,
        reference: simulationReference(id),
        createdAt: head.createdAt,
        updatedAt: head.updatedAt,
        closedAt: null,
        status: head.status,
        questionnaireId: head.questionnaireId,
        questionnaireVersion: head.questionnaireVersion,
        summary,
        place: null,
        personLanguage: null,
        personLanguageOther: null,
        daysLeft: null,
      },
      content,
    };
  }

  private queues = new Map<string, Promise<unknown>>();

  /**
   * Changes run one after another per practice: a script looked at while the
   * reading is being recorded must not be lost to a read-modify-write race
   * (sealing is asynchronous, so a Dexie transaction cannot span it).
   */
  private queued<T>(id: string, run: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(id) ?? Promise.resolve()).then(run, run);
    this.queues.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Called by the interview after every answer; the practice details are left as they are. */
  save(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }): Promise<void> {
    return this.queued(id, async () => {
      await this.ready();
      const existing = await this.db.practices.get(id);
      if (!existing) throw new StorageError(`practice ${simulationReference(id)} no longer exists on this device`);
      const head = await this.headOf(existing);
      // A practice keeps no statistics record: training never counts.
      const summary = { ...update.summary, stats: null };
      const [sealedHead, sealedSummary, sealedContent] = await Promise.all([
        this.sealHead(id, { ...head, status: update.status ?? head.status, updatedAt: Date.now() }),
        seal(this.key, summary, address('practices', id)),
        seal(this.key, update.content, address('content', id)),
      ]);
      await this.guard(() =>
        this.db.transaction('rw', [this.db.practices, this.db.content], async () => {
          const current = await this.db.practices.get(id);
          if (!current) return;
          await this.db.practices.put({ id, head: sealedHead, summary: sealedSummary, details: current.details });
          await this.db.content.put({ id, content: sealedContent });
        }),
      );
    });
  }

  async details(id: string): Promise<PracticeDetails> {
    await this.ready();
    const row = await this.db.practices.get(id);
    if (!row) throw new StorageError(`practice ${simulationReference(id)} is not on this device`);
    return open<PracticeDetails>(this.key, row.details, address('details', id));
  }

  updateDetails(id: string, change: (details: PracticeDetails) => PracticeDetails): Promise<PracticeDetails> {
    return this.queued(id, async () => {
      const row = await this.db.practices.get(id);
      if (!row) throw new StorageError(`practice ${simulationReference(id)} is not on this device`);
      const [head, current] = await Promise.all([this.headOf(row), this.details(id)]);
      const next = change(current);
      const [sealed, sealedHead] = await Promise.all([seal(this.key, next, address('details', id)), this.sealHead(id, { ...head, updatedAt: Date.now() })]);
      await this.guard(() => this.db.practices.update(id, { details: sealed, head: sealedHead }));
      return next;
    });
  }

  async listPractices(): Promise<PracticeListItem[]> {
    await this.ready();
    const rows = await this.db.practices.toArray();
    const items = await Promise.all(
      rows.map(async (row) => {
        const [head, details] = await Promise.all([this.headOf(row), open<PracticeDetails>(this.key, row.details, address('details', row.id))]);
        return { id: row.id, reference: simulationReference(row.id), createdAt: head.createdAt, updatedAt: head.updatedAt, status: head.status, details };
      }),
    );
    return items.sort((a, b) => b.updatedAt - a.updatedAt);
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
    await this.ready();
    const rows = await this.db.scenarios.toArray();
    const opened = await Promise.all(
      rows.map(async (row) => {
        if (row.at !== undefined) return { key: row.id, at: row.at, doc: await open<{ id?: unknown }>(this.key, row.data, address('scenarios', row.id)) };
        const { at, doc } = await open<{ at: number; doc: { id?: unknown } }>(this.key, row.data, address('scenarios', row.id));
        return { key: row.id, at, doc };
      }),
    );
    return opened.sort((a, b) => a.at - b.at);
  }

  async hasScenario(scenarioId: string): Promise<boolean> {
    return (await this.scenarioRows()).some((r) => r.doc.id === scenarioId);
  }

  /** Adds a scenario, or replaces the one with the same id. */
  async saveScenario(scenario: { id: string }): Promise<void> {
    const rows = await this.scenarioRows();
    const existing = rows.find((r) => r.doc.id === scenario.id);
    const key = existing?.key ?? newCaseId();
    // Scenarios are listed in the order they were added: two added in the same millisecond keep it too.
    const at = existing?.at ?? Math.max(Date.now(), ...rows.map((r) => r.at + 1));
    const data = await seal(this.key, { at, doc: scenario }, address('scenarios', key));
    await this.guard(() => this.db.scenarios.put({ id: key, data }));
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

  /** Every result, oldest first. */
  async results(): Promise<unknown[]> {
    await this.ready();
    const rows = await this.db.results.toArray();
    const results = await Promise.all(rows.map((row) => open<{ completedAt?: number }>(this.key, row.data, address('results', row.id))));
    return results.sort((a, b) => (a.completedAt ?? 0) - (b.completedAt ?? 0));
  }

  /** Adds results by id: importing the same trainee file twice changes nothing. Returns how many were new. */
  async addResults(results: { id: string; completedAt: number }[]): Promise<number> {
    await this.ready();
    const sealed = await Promise.all(results.map(async (r) => ({ id: r.id, data: await seal(this.key, r, address('results', r.id)) })));
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

  /** The workshop name new practices are filed under (sealed: it can say where and when a training took place). */
  async workshop(): Promise<string> {
    await this.ready();
    const row = await this.db.meta.get('workshop');
    if (row?.sealed) return open<string>(this.key, row.sealed, address('meta', 'workshop'));
    return '';
  }

  async setWorkshop(name: string): Promise<void> {
    await this.ready();
    await this.db.meta.put(await this.sealedWorkshop(name));
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
