/**
 * The only module that touches IndexedDB.
 *
 * Guarantees:
 * - In clear: random ids (case ids, audit positions, index shard numbers) and
 *   what the app needs before unlock — the wrapped key (vault), the device's
 *   rules (meta "policy") and the failed-unlock counter. Nothing else.
 * - Sealed (AES-256-GCM, bound to table, id and schema version): case content;
 *   each case's head (dates, status, outcome, place…), in the same row; the case index, a few
 *   shards holding every case's head so the case list never decrypts a case;
 *   each audit entry (action, time, officer, case); the open case, the
 *   directory, the last backup date, the officer and the audit chain head.
 *   Heads, index shards and audit entries are padded, so a ciphertext's length
 *   does not tell one status or outcome from another.
 * - Encryption happens before a transaction opens and decryption after it
 *   resolves: WebCrypto is asynchronous and would let Dexie commit early.
 * - A write either lands whole or not at all; a failed write leaves the last
 *   good save in place. A case's rows and its index shard change in one
 *   transaction.
 *
 * This module imports no store: stores import it.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Envelope, WrappedKey } from '../crypto/envelope';
import type { CaseStatus } from './types';
import { DB_NAME } from './names';

export type { CaseStatus } from './types';

export { SCHEMA_VERSION } from './names';
/** Dexie's database version: raised for each change of tables or indexes, with an upgrade. */
export const DB_VERSION = 4;
/** The version that moved a case's course out of clear (see the upgrade below and migration.ts). */
export const SEALED_VERSION = 3;

/** A random id and a sealed envelope: the hand-over's referrals received and packages sent (handover-store.ts). */
export interface SealedRow {
  id: string;
  sealed: Envelope;
}

/** This tablet's hand-over keys, each sealed (PKCS #8 under the data key), and its public card. */
export interface HandoverKeyRow {
  id: 'tablet';
  agreement: Envelope;
  signing: Envelope;
  /** Sealed { publicKey, createdAt }. */
  card: Envelope;
}

/**
 * A case as versions 1–2 wrote it: dates, status and questionnaire in clear, the
 * summary sealed. Version 3 keeps nothing here: the migration after unlock
 * (migration.ts) seals each row into its content row's head and deletes it.
 */
export interface CaseRow {
  id: string;
  createdAt?: number;
  updatedAt?: number;
  status?: CaseStatus;
  questionnaireId?: string;
  questionnaireVersion?: number;
  training?: 0 | 1;
  summary?: Envelope;
  closedAt?: number;
}

/**
 * One row per case: a single write per save, a single read to open it. Or, for
 * the cases a restore added, one row per hundred of them (a pack: case-pack.ts,
 * its id after every case id, no head), until one of them changes.
 */
export interface ContentRow {
  id: string;
  /** Encrypted CaseContent: answers and where the interview stands. */
  content: Envelope;
  /** Encrypted CaseIndexEntry: dates, status, questionnaire, summary, place, person's language (absent only before the migration). */
  head?: Envelope;
}

export interface VaultRow {
  id: 'main';
  wrapped: WrappedKey;
  /** Versions 1–2 recorded when the passphrase was set; version 3 removes it (a date in clear). */
  createdAt?: number;
}

export interface MetaRow {
  key: string;
  /** Only for what must be read before unlock (the device's rules, the failed-unlock counter). */
  value: string | number | null;
  /** Everything else (officer, open case, directory, last backup, audit chain head). */
  sealed?: Envelope;
  /** The audit public key (raw P-256): lets a failed unlock be recorded sealed while no data key is open. */
  pub?: Uint8Array<ArrayBuffer>;
}

/** One shard of the sealed case index: every case whose id falls in it (case-index.ts). */
export interface IndexShardRow {
  shard: number;
  sealed: Envelope;
}

export interface AuditRow {
  /** Position in the hash chain: the only clear field. */
  seq: number;
  /** Sealed {at, action, officer, subject}: with the data key, or to the audit public key when locked. */
  entry?: Envelope;
  /** For an entry sealed while locked: the one-time ECDH public key it was sealed with. */
  epk?: Uint8Array<ArrayBuffer>;
  prev: string;
  hash: string;
  // Version 2 kept action and time in clear; the migration after unlock seals them.
  at?: number;
  action?: string;
  details?: Envelope | null;
}

export class ScreeningDb extends Dexie {
  cases!: EntityTable<CaseRow, 'id'>;
  content!: EntityTable<ContentRow, 'id'>;
  vault!: EntityTable<VaultRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  audit!: EntityTable<AuditRow, 'seq'>;
  caseIndex!: EntityTable<IndexShardRow, 'shard'>;
  handoverKeys!: EntityTable<HandoverKeyRow, 'id'>;
  handoverIncoming!: EntityTable<SealedRow, 'id'>;
  handoverSent!: EntityTable<SealedRow, 'id'>;

  constructor(name = DB_NAME) {
    // No live queries here: Dexie's cache of written values would only copy every sealed row once more.
    super(name, { cache: 'disabled' });
    // Version 1: the interview (cases, content, vault, meta).
    this.version(1).stores({
      cases: 'id, updatedAt, status, training',
      content: 'id',
      vault: 'id',
      meta: 'key',
    });
    // Version 2: the audit log, and a closing date for retention. Cases closed
    // before the upgrade count from their last change.
    this.version(2)
      .stores({ audit: 'seq' })
      .upgrade(async (tx) => {
        await tx
          .table<CaseRow, string>('cases')
          .toCollection()
          .modify((row) => {
            if (row.status !== 'in_progress' && row.closedAt === undefined) row.closedAt = row.updatedAt;
          });
      });
    // Version 3: nothing about a case's course in clear. Dates, status and the
    // summary move into a sealed head in each case's content row, and into a
    // sealed index; the clear `cases` rows go (after unlock). Audit actions
    // and times, the open case, the directory and the last backup date are sealed.
    // WebCrypto cannot run inside an upgrade transaction and the key is not known
    // before unlock, so the upgrade only drops the clear indexes and the vault's
    // date, and leaves a marker; the migration after unlock (migration.ts) seals
    // the rest, resumably.
    this.version(SEALED_VERSION)
      .stores({
        // Rows written before version 3 only, until the migration after unlock empties it.
        cases: 'id',
        // shard: 0..SHARD_COUNT-1, derived from the case id.
        caseIndex: 'shard',
      })
      .upgrade(async (tx) => {
        await tx
          .table<VaultRow, string>('vault')
          .toCollection()
          .modify((row) => {
            delete row.createdAt;
          });
        await tx.table<MetaRow, string>('meta').put({ key: MIGRATION_MARKER, value: SEALED_VERSION });
      });
    // Version 4: the encrypted hand-over between services (handover-store.ts). New
    // tables only, nothing to move. Rows are a random id and a sealed envelope:
    // the tablet's private keys (sealed PKCS #8), referrals received, packages sent.
    this.version(DB_VERSION).stores({
      handoverKeys: 'id',
      handoverIncoming: 'id',
      handoverSent: 'id',
    });
  }
}

/** Present while data written before version 3 still waits to be sealed (migration.ts). */
export const MIGRATION_MARKER = 'migrate';
