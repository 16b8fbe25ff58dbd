/**
 * The only module that touches IndexedDB.
 *
 * Guarantees:
 * - Case content and case summaries are stored only as AES-GCM envelopes
 *   (src/crypto/envelope.ts), bound to their table, id and schema version.
 * - In clear: the random case id, dates, status, questionnaire id and version,
 *   and the training flag — nothing that identifies a person.
 * - Encryption happens before a transaction opens and decryption after it
 *   resolves: WebCrypto is asynchronous and would let Dexie commit early.
 * - A write either lands whole or not at all; a failed write leaves the last
 *   good save in place.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Envelope, WrappedKey } from '../crypto/envelope';
import type { AuditRow } from './audit';
import type { HandoverKeyRow, SealedRow } from './handover-store';
import { DB_NAME } from './names';

/** The schema version, also bound into every ciphertext's associated data. */
export const SCHEMA_VERSION = 1;
/** Dexie's database version: raised for each change of tables or indexes, with an upgrade. */
export const DB_VERSION = 3;

export type CaseStatus = 'in_progress' | 'completed' | 'referred';

export interface CaseRow {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  /** 0 for a real case, 1 for training (IndexedDB cannot index booleans). */
  training: 0 | 1;
  /** Encrypted CaseSummary: what the case list shows. */
  summary: Envelope;
  /** When the case was completed or referred: retention counts from here. */
  closedAt?: number;
}

export interface ContentRow {
  id: string;
  /** Encrypted CaseContent: answers and where the interview stands. */
  content: Envelope;
}

export interface VaultRow {
  id: 'main';
  wrapped: WrappedKey;
  createdAt: number;
}

export interface MetaRow {
  key: string;
  value: string | number | null;
  /** For meta that must not be in clear (officer name, the audit chain head). */
  sealed?: Envelope;
}

export class ScreeningDb extends Dexie {
  cases!: EntityTable<CaseRow, 'id'>;
  content!: EntityTable<ContentRow, 'id'>;
  vault!: EntityTable<VaultRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  audit!: EntityTable<AuditRow, 'seq'>;
  handoverKeys!: EntityTable<HandoverKeyRow, 'id'>;
  handoverIncoming!: EntityTable<SealedRow, 'id'>;
  handoverSent!: EntityTable<SealedRow, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    // Version 1: the interview (cases, content, vault, meta).
    this.version(1).stores({
      // id: random, non-identifying; updatedAt orders the case list; status and
      // training filter it. Nothing else is indexed, because nothing else is in clear.
      cases: 'id, updatedAt, status, training',
      content: 'id',
      vault: 'id',
      meta: 'key',
    });
    // Version 2: the audit log, and a closing date for retention. Cases closed
    // before the upgrade count from their last change.
    this.version(2)
      .stores({
        // seq: position in the hash chain. Action and time are in clear, details sealed.
        audit: 'seq',
      })
      .upgrade(async (tx) => {
        await tx
          .table<CaseRow, string>('cases')
          .toCollection()
          .modify((row) => {
            if (row.status !== 'in_progress' && row.closedAt === undefined) row.closedAt = row.updatedAt;
          });
      });
    // Version 3: the encrypted hand-over between services (handover-store.ts). New
    // tables only, nothing to move. Rows are a random id and a sealed envelope:
    // the tablet's private keys (sealed PKCS #8), referrals received, packages sent.
    this.version(DB_VERSION).stores({
      handoverKeys: 'id',
      handoverIncoming: 'id',
      handoverSent: 'id',
    });
  }
}
