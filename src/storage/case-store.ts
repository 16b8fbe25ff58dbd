/**
 * Case repository: every read and write of case content goes through here, sealed
 * with the data key of the unlocked vault.
 */
import { open, seal, type RecordAddress } from '../crypto/envelope';
import { appendAudit, readAudit, verifyAudit, type AuditAction, type AuditEntry, type ChainCheck } from './audit';
import { SCHEMA_VERSION, type CaseRow, type CaseStatus, type ScreeningDb } from './db';
import { readPolicy, writePolicy, type DevicePolicy } from './device';
import type { BackupCase } from './backup';
import { describeFailure, newCaseId, StorageError } from './records';
import { caseOfficer, recordEdit, sameOfficer } from './editors';
import { getTrainingDb, TrainingStore } from './training-store';
import { HandoverStore } from './handover-store';
import type { AnswerStamp, CaseTeamRecord } from './sync/records';

export { newCaseId, StorageError } from './records';

export interface Officer {
  name: string;
  service: string;
  /** The kind of organisation deciding, as HTCDS names it. */
  orgType?: 'Police' | 'NGO' | 'CourtOrProsecution' | 'NonPoliceGovernmentalOrganization' | 'Other';
}

const DAY = 24 * 60 * 60 * 1000;

export interface CaseSummary {
  outcome: 'presumed_victim' | 'possible_victim' | 'not_indicated' | 'insufficient' | null;
  flags: string[];
  section: string;
  answered: number;
  /** The latest referral, for the case list. */
  referral?: { serviceName: string; status: ReferralStatus } | null;
  /** The coarse record for anonymous statistics; null when the person did not agree to be counted. */
  stats?: Record<string, unknown> | null;
}

export type ReferralBasis = 'consent' | 'child' | 'danger_to_life';
export type ReferralStatus = 'sent' | 'received' | 'accepted' | 'declined';

export interface Referral {
  id: string;
  serviceId: string;
  serviceName: string;
  at: number;
  /** 'package': an encrypted referral package (src/features/handover), tracked by its acknowledgement. */
  method: 'phone' | 'in_person' | 'letter' | 'email' | 'package';
  basis: ReferralBasis;
  status: ReferralStatus;
  notes: { at: number; text: string }[];
  /** The id of the encrypted package that carried this referral; its acknowledgement names it. */
  packageId?: string;
}

export interface CaseContent {
  answers: Record<string, string | number | string[]>;
  /** The interview machine's persisted snapshot, to resume at the same place. */
  snapshot: unknown;
  interviewLanguage: string;
  /** Where the interview took place, the person's language and the interpreter (for the summary). */
  details?: {
    place: string;
    interpreter: 'yes' | 'no' | null;
    /** Who interprets (LEGAL.md §8: a relative as interpreter is a warning). */
    interpreterRole?: 'professional' | 'ngo' | 'relative' | 'other' | null;
    /** The person's language: a questionnaire language code ('fr' | 'ar' | 'en') or 'other'. */
    personLanguage?: string | null;
    /** When personLanguage is 'other': its name as typed (e.g. "Tamazight", "Pidgin"). */
    personLanguageOther?: string | null;
  };
  /**
   * Who interviewed, recorded when the case is created, never read from today's
   * settings. Absent on cases created before it was recorded (shown as unknown).
   */
  officer?: { name: string; service: string; orgType?: Officer['orgType'] } | null;
  /** Who changed the case later (name, service, when); kept by the store, see editors.ts. */
  editors?: { name: string; service: string; at: number }[];
  /** Notes taken during the interview, each tied to the question on screen when it was taken. */
  notes?: { id: string; at: number; questionId: string | null; text: string }[];
  /** A legal reason to refer without the person's consent to share, stated on the summary. */
  referWithoutConsent?: 'child' | 'danger_to_life' | null;
  referrals?: Referral[];
  /** When each answer was set (the interview stamps it; team sync adds which tablet and officer). */
  answerMeta?: Record<string, AnswerStamp>;
  /** Team sync: answers replaced by a later one, and merges of edits made on two tablets. */
  team?: CaseTeamRecord;
}

/** What changed on this tablet, for team sync: a case (created, saved, deleted) or the directory. */
export type StoreChange = { kind: 'case'; id: string } | { kind: 'directory'; id: 'team' };

export interface CaseListItem {
  id: string;
  reference: string;
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  summary: CaseSummary;
  /** Days before the retention period deletes a closed case; null while in progress. */
  daysLeft: number | null;
}

const address = (table: string, id: string): RecordAddress => ({ table, id, schema: SCHEMA_VERSION });

/** The pseudonymous reference printed on summaries: derived from the random id, never from the person. */
export function referenceOf(id: string): string {
  return `TR-${id.slice(0, 4)}-${id.slice(4, 8)}`;
}

export class CaseStore {
  private officerCache: Officer | null | undefined;
  private retentionDays = 90;
  /** Every local change, announced after it is written (team sync pushes it). Carries ids only. */
  readonly changes = new EventTarget();

  constructor(
    private readonly db: ScreeningDb,
    private readonly key: CryptoKey,
  ) {}

  private handoverStore: HandoverStore | undefined;

  /** Service keys, referrals received and packages sent (the encrypted hand-over), sealed with the same key. */
  handover(): HandoverStore {
    this.handoverStore ??= new HandoverStore(this.db, this.key);
    return this.handoverStore;
  }

  /** The training database, under the same key: a separate database that nothing here reads. */
  training(db = getTrainingDb()): TrainingStore {
    return new TrainingStore(db, this.key);
  }


  /**
   * A real case. Practice runs never come here: they live in the training database (training()).
   * The officer named in Settings now is recorded as the one who interviewed, unless the content names one.
   * `id` (from newCaseId) and `createdAt` let the interview draw a new case before it is written.
   */
  async create(input: { questionnaireId: string; questionnaireVersion: number; content: CaseContent; summary: CaseSummary; id?: string; createdAt?: number }): Promise<string> {
    const id = input.id ?? newCaseId();
    const now = input.createdAt ?? Date.now();
    const officer = input.content.officer !== undefined ? input.content.officer : caseOfficer(await this.officer());
    await this.write(
      { id, createdAt: now, updatedAt: now, status: 'in_progress', questionnaireId: input.questionnaireId, questionnaireVersion: input.questionnaireVersion, training: 0 },
      { ...input.content, officer },
      input.summary,
    );
    return id;
  }

  /** Saves the interview as it stands. On failure the previous save is kept and the error says why. */
  async save(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }): Promise<void> {
    await this.saveCase(id, update);
  }

  /** Saves and returns the content as written (with who interviewed and who edited as the store keeps them). */
  private async saveCase(id: string, update: { status?: CaseStatus; content: CaseContent; summary: CaseSummary }, previous?: CaseContent): Promise<CaseContent> {
    const existing = await this.db.cases.get(id);
    if (!existing) throw new StorageError(`case ${referenceOf(id)} no longer exists on this device`);
    const status = update.status ?? existing.status;
    const now = Date.now();
    const closedAt = status === 'in_progress' ? undefined : status !== existing.status || existing.closedAt === undefined ? now : existing.closedAt;
    const { summary: _sealed, ...meta } = existing;
    // The officer interviewing their own open case is the common path: nothing more to read
    // (callers pass the content they loaded, officer included). Anyone else, or any change
    // once the case is closed, is recorded as a later edit, on the stored content.
    const me = await this.officer();
    let content = update.content;
    if (previous || existing.status !== 'in_progress' || !sameOfficer(update.content.officer, me)) {
      content = recordEdit(previous ?? (await this.loadQuietly(id)).content, update.content, me, now);
    }
    await this.write({ ...meta, status, updatedAt: now, closedAt }, content, update.summary);
    return content;
  }

  private async write(meta: Omit<CaseRow, 'summary'>, content: CaseContent, summary: CaseSummary): Promise<void> {
    // Seal first: an await on WebCrypto inside the transaction would commit it early.
    const [sealedSummary, sealedContent] = await Promise.all([seal(this.key, summary, address('cases', meta.id)), seal(this.key, content, address('content', meta.id))]);
    try {
      await this.db.transaction('rw', [this.db.cases, this.db.content], async () => {
        await this.db.cases.put({ ...meta, summary: sealedSummary });
        await this.db.content.put({ id: meta.id, content: sealedContent });
      });
    } catch (error) {
      throw new StorageError(`The answer could not be saved (${describeFailure(error)}). The last saved version is kept.`, error);
    }
    this.announce({ kind: 'case', id: meta.id });
  }

  private announce(change: StoreChange): void {
    this.changes.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: change }));
  }

  async load(id: string): Promise<{ item: CaseListItem; content: CaseContent }> {
    const [row, contentRow] = await this.db.transaction('r', [this.db.cases, this.db.content], () => Promise.all([this.db.cases.get(id), this.db.content.get(id)]));
    if (!row || !contentRow) throw new StorageError(`case ${referenceOf(id)} is not on this device`);
    const [item, content] = await Promise.all([this.toItem(row), open<CaseContent>(this.key, contentRow.content, address('content', id))]);
    await this.audit('open_case', item.reference);
    return { item, content };
  }

  /** Real cases, most recent first. (The training column predates the training database; it stays 0.) */
  async list(): Promise<CaseListItem[]> {
    this.retentionDays = (await readPolicy(this.db)).retentionDays;
    const rows = await this.db.cases.where('training').equals(0).toArray();
    rows.sort((a, b) => b.updatedAt - a.updatedAt);
    return Promise.all(rows.map((row) => this.toItem(row)));
  }

  /**
   * What the home screen needs — how many real cases there are and the latest one
   * still in progress — from the clear metadata only: nothing is decrypted, so
   * the home screen opens as fast with thousands of cases as with one.
   */
  async overview(): Promise<{ count: number; latestInProgress: { id: string; reference: string } | null }> {
    const [count, open] = await this.db.transaction('r', this.db.cases, () =>
      Promise.all([this.db.cases.where('training').equals(0).count(), this.db.cases.where('status').equals('in_progress').filter((row) => row.training === 0).toArray()]),
    );
    const latest = open.reduce<CaseRow | null>((best, row) => (!best || row.updatedAt > best.updatedAt ? row : best), null);
    return { count, latestInProgress: latest ? { id: latest.id, reference: referenceOf(latest.id) } : null };
  }

  async remove(id: string, action: AuditAction = 'delete'): Promise<void> {
    await this.audit(action, referenceOf(id));
    await this.db.transaction('rw', [this.db.cases, this.db.content, this.db.meta], async () => {
      await this.db.cases.delete(id);
      await this.db.content.delete(id);
      const open = await this.db.meta.get('openCase');
      if (open?.value === id) await this.db.meta.put({ key: 'openCase', value: null });
    });
    this.announce({ kind: 'case', id });
  }

  /** The case that was on screen when the app was closed, to resume it after unlock. */
  async setOpenCase(id: string | null): Promise<void> {
    await this.db.meta.put({ key: 'openCase', value: id });
  }

  async openCase(): Promise<string | null> {
    const row = await this.db.meta.get('openCase');
    return typeof row?.value === 'string' ? row.value : null;
  }

  /** Changes a case's content outside the interview (summary details, referrals), keeping everything else. */
  async update(id: string, change: (content: CaseContent, summary: CaseSummary) => { content: CaseContent; summary: CaseSummary; status?: CaseStatus }): Promise<CaseContent> {
    const { item, content } = await this.loadQuietlyWithItem(id);
    const next = change(content, item.summary);
    return this.saveCase(id, next, content);
  }

  private async loadQuietlyWithItem(id: string): Promise<{ item: CaseListItem; content: CaseContent }> {
    const row = await this.db.cases.get(id);
    if (!row) throw new StorageError(`case ${referenceOf(id)} is not on this device`);
    const [{ content }, item] = await Promise.all([this.loadQuietly(id), this.toItem(row)]);
    return { item, content };
  }

  /** The directory of services of this tablet, or null when the starter directory is still in use. */
  async directory(): Promise<unknown[] | null> {
    const row = await this.db.meta.get('directory');
    return typeof row?.value === 'string' ? (JSON.parse(row.value) as unknown[]) : null;
  }

  async setDirectory(services: unknown[]): Promise<void> {
    await this.db.meta.put({ key: 'directory', value: JSON.stringify(services) });
    this.announce({ kind: 'directory', id: 'team' });
  }

  /** One real case, decrypted, without an audit entry (team sync reads it to seal it for the team); null when absent. */
  async exportCase(id: string): Promise<BackupCase | null> {
    const row = await this.db.cases.get(id);
    if (!row || row.training !== 0) return null;
    const { content } = await this.loadQuietly(id);
    const { summary: sealed, training: _training, ...meta } = row;
    return { ...meta, summary: await open<CaseSummary>(this.key, sealed, address('cases', id)), content };
  }

  /**
   * Writes cases that came from the team, keeping their ids: in one transaction, and
   * only where the case is still as it was read (`expectedUpdatedAt`, null: absent),
   * so that an answer saved meanwhile on this tablet is never overwritten. Returns
   * the ids not written because they changed.
   */
  async putCases(cases: { value: BackupCase; expectedUpdatedAt: number | null }[]): Promise<string[]> {
    const sealed = await Promise.all(
      cases.map(async ({ value, expectedUpdatedAt }) => {
        const { summary, content, ...meta } = value;
        const [s, c] = await Promise.all([seal(this.key, summary, address('cases', value.id)), seal(this.key, content, address('content', value.id))]);
        return { row: { ...meta, training: 0 as const, summary: s }, content: { id: value.id, content: c }, expectedUpdatedAt };
      }),
    );
    const skipped: string[] = [];
    await this.db.transaction('rw', [this.db.cases, this.db.content], async () => {
      for (const item of sealed) {
        const existing = await this.db.cases.get(item.row.id);
        if ((existing?.updatedAt ?? null) !== item.expectedUpdatedAt) {
          skipped.push(item.row.id);
          continue;
        }
        await this.db.cases.put(item.row);
        await this.db.content.put(item.content);
      }
    });
    for (const item of sealed) if (!skipped.includes(item.row.id)) this.announce({ kind: 'case', id: item.row.id });
    return skipped;
  }

  /** Deletes cases without an audit entry per case (leaving a team erases the team's copies; the caller audits once). */
  async forgetCases(ids: string[]): Promise<void> {
    await this.db.transaction('rw', [this.db.cases, this.db.content, this.db.meta], async () => {
      await this.db.cases.bulkDelete(ids);
      await this.db.content.bulkDelete(ids);
      const open = await this.db.meta.get('openCase');
      if (typeof open?.value === 'string' && ids.includes(open.value)) await this.db.meta.put({ key: 'openCase', value: null });
    });
  }

  /** A setting sealed under the data key (the team's settings and key), or null. */
  async sealedSetting<T>(name: `team:${string}`): Promise<T | null> {
    const row = await this.db.meta.get(name);
    return row?.sealed ? open<T>(this.key, row.sealed, address('meta', name)) : null;
  }

  async setSealedSetting(name: `team:${string}`, value: unknown): Promise<void> {
    if (value === null) return void (await this.db.meta.delete(name));
    const sealed = await seal(this.key, value, address('meta', name));
    await this.db.meta.put({ key: name, value: null, sealed });
  }

  /** Every real case, decrypted, for an encrypted backup. */
  async exportAll(): Promise<BackupCase[]> {
    const rows = await this.db.cases.where('training').equals(0).toArray();
    return Promise.all(
      rows.map(async (row) => {
        const { content } = await this.loadQuietly(row.id);
        const { summary: sealed, training: _training, ...meta } = row;
        return { ...meta, summary: await open<CaseSummary>(this.key, sealed, address('cases', row.id)), content };
      }),
    );
  }

  /** Merges cases from a backup that has already been opened and checked: by id, newer copy wins, nothing duplicated. */
  async importAll(cases: BackupCase[]): Promise<{ added: number; updated: number; unchanged: number }> {
    const report = { added: 0, updated: 0, unchanged: 0 };
    for (const c of cases) {
      const existing = await this.db.cases.get(c.id);
      if (existing && existing.updatedAt >= c.updatedAt) {
        report.unchanged++;
        continue;
      }
      const { summary, content, ...meta } = c;
      await this.write({ ...meta, training: 0 }, content, summary);
      report[existing ? 'updated' : 'added']++;
    }
    await this.audit('import', `${report.added + report.updated}`);
    return report;
  }

  async lastBackup(): Promise<number | null> {
    const row = await this.db.meta.get('lastBackup');
    return typeof row?.value === 'number' ? row.value : null;
  }

  async markBackup(): Promise<void> {
    await this.db.meta.put({ key: 'lastBackup', value: Date.now() });
  }

  private async loadQuietly(id: string): Promise<{ content: CaseContent }> {
    const row = await this.db.content.get(id);
    if (!row) throw new StorageError(`case ${referenceOf(id)} has no content`);
    return { content: await open<CaseContent>(this.key, row.content, address('content', id)) };
  }

  /** Deletes closed cases whose retention period has passed; returns how many. */
  async applyRetention(now = Date.now()): Promise<number> {
    const { retentionDays } = await readPolicy(this.db);
    const expired = (await this.db.cases.toArray()).filter((row) => row.closedAt !== undefined && row.closedAt + retentionDays * DAY <= now);
    for (const row of expired) await this.remove(row.id, 'retention_delete');
    return expired.length;
  }

  async audit(action: AuditAction, subject: string | null): Promise<void> {
    const officer = await this.officer();
    await appendAudit(this.db, this.key, action, { officer: officer ? `${officer.name}${officer.service ? ` (${officer.service})` : ''}` : null, subject });
  }

  auditLog(): Promise<AuditEntry[]> {
    return readAudit(this.db, this.key);
  }

  verifyAudit(): Promise<ChainCheck> {
    return verifyAudit(this.db, this.key);
  }

  /** The officer named in settings: recorded in the audit log and on summaries. Sealed, like case content. */
  async officer(): Promise<Officer | null> {
    if (this.officerCache !== undefined) return this.officerCache;
    const row = await this.db.meta.get('officer');
    this.officerCache = row?.sealed ? await open<Officer>(this.key, row.sealed, address('meta', 'officer')) : null;
    return this.officerCache;
  }

  async setOfficer(officer: Officer): Promise<void> {
    const sealed = await seal(this.key, officer, address('meta', 'officer'));
    await this.db.meta.put({ key: 'officer', value: null, sealed });
    this.officerCache = officer;
    await this.audit('settings', null);
  }

  policy(): Promise<DevicePolicy> {
    return readPolicy(this.db);
  }

  async setPolicy(policy: DevicePolicy): Promise<void> {
    await writePolicy(this.db, policy);
    await this.audit('settings', null);
  }

  private async toItem(row: CaseRow): Promise<CaseListItem> {
    const summary = await open<CaseSummary>(this.key, row.summary, address('cases', row.id));
    return {
      id: row.id,
      reference: referenceOf(row.id),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      status: row.status,
      questionnaireId: row.questionnaireId,
      questionnaireVersion: row.questionnaireVersion,
      summary,
      daysLeft: row.closedAt === undefined ? null : Math.max(0, Math.ceil((row.closedAt + this.retentionDays * DAY - Date.now()) / DAY)),
    };
  }
}
