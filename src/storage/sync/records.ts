/**
 * What team sync exchanges, independent of how a tablet stores its cases: plain,
 * decrypted records of four kinds. The store provides them through a SyncSource;
 * the sync engine seals each one into a CouchDB document under the team key.
 *
 * No PouchDB here (this file is loaded by the app after unlock, in or out of a team).
 */
import type { StatsRecord } from '../../content/statistics';
import type { CaseStatus, CaseSummary, Referral } from '../types';

export type SyncKind = 'case' | 'referral' | 'stats' | 'directory';
export const SYNC_KINDS: readonly SyncKind[] = ['case', 'referral', 'stats', 'directory'];

export type AnswerValue = string | number | string[];

export type { Stamp, AnswerStamp, Superseded, MergeChange, MergeNotice, CaseTeamRecord } from '../types';
import type { Stamp, MergeNotice, Superseded } from '../types';

/** A case as the team sees it: answers and fields each with their stamp, notes and editors as sets. */
export interface SyncedCase {
  /** The tablet the case was started on: a tablet leaving the team keeps the cases it started. */
  origin: string;
  createdAt: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Record<string, AnswerValue>;
  answerMeta: Record<string, Stamp>;
  /** Every other field of the case content (snapshot, language, details, ...), each merged as a whole. */
  fields: Record<string, unknown>;
  fieldMeta: Record<string, Stamp>;
  notes: { id: string; at: number; [key: string]: unknown }[];
  editors: { at: number; [key: string]: unknown }[];
  summary: CaseSummary;
  summaryMeta: Stamp;
  history: Superseded[];
  merges: MergeNotice[];
}

/** A case deleted on a tablet of the team (by an officer or the retention period). */
export interface CaseTombstone {
  deleted: true;
  stamp: Stamp;
}

export interface SyncedReferral {
  caseId: string;
  referral: Referral;
  stamp: Stamp;
}

export interface SyncValues {
  case: SyncedCase | CaseTombstone;
  referral: SyncedReferral;
  stats: StatsRecord;
  directory: { services: unknown[]; stamp: Stamp };
}

export interface SyncRecord<K extends SyncKind = SyncKind> {
  kind: K;
  id: string;
  value: SyncValues[K];
  /** When the record last changed (the latest stamp in it). */
  updatedAt: number;
}

export type AnySyncRecord = { [K in SyncKind]: SyncRecord<K> }[SyncKind];

export interface ChangeHint {
  kind: SyncKind;
  id: string;
}

/**
 * What the store gives the sync engine. Implemented today over CaseStore's public
 * methods (case-source.ts); a store with its own change log implements the same.
 */
export interface SyncSource {
  /**
   * Records changed on this tablet since `cursor` (null: every record), with the
   * cursor to pass next time. A deleted case comes as a tombstone. `hints`, when
   * given, names the only records that may have changed (from onLocalChange).
   * Records are as the store holds them: stamps the store does not know are left
   * out, and the engine fills them in against the team's copy.
   */
  changesSince(cursor: string | null, hints?: ChangeHint[]): Promise<{ records: AnySyncRecord[]; cursor: string }>;
  /** The store's current copy of one record, or null when it has none. */
  get(kind: SyncKind, id: string): Promise<AnySyncRecord | null>;
  /**
   * Writes records that came from the team (already merged with the local copy).
   * `expected` is the updatedAt the engine read with get(): a record changed since
   * on this tablet is not overwritten (it is returned, and merged again).
   */
  applyRemote(records: { record: AnySyncRecord; expected: number | null }[]): Promise<{ skipped: string[] }>;
  /** Erases this tablet's copies of records (leaving a team): never reported as local changes. */
  forget(records: ChangeHint[]): Promise<void>;
  /** Called after every local change, so that sync can push it promptly. */
  onLocalChange(listener: (hint: ChangeHint) => void): () => void;
  /** The officer named on this tablet, recorded in stamps. */
  who(): Promise<string | null>;
  /** The case summary (outcome, flags, statistics record) of merged answers: the same on every tablet for the same answers. */
  summarize(value: SyncedCase): SyncedCase['summary'];
}

export const recordKey = (kind: SyncKind, id: string) => `${kind}:${id}`;
