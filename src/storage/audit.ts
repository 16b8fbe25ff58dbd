/**
 * The audit log: who did what, when. Each entry carries the SHA-256 of the one
 * before it, so an edited, removed or reordered entry breaks the chain. The
 * details are sealed like case content; the action and time are in clear so that
 * a failed unlock — when no key is open — can be recorded too.
 * Known limit: someone with the raw database could rewrite the whole chain from
 * an edited entry onwards. The head of the chain is also sealed with the data key
 * each time an entry is added while unlocked, which detects such a rewrite of
 * everything recorded up to that point.
 */
import { open, seal, type Envelope } from '../crypto/envelope';
import { SCHEMA_VERSION, type ScreeningDb } from './db';

export type AuditAction =
  | 'unlock'
  | 'unlock_failed'
  | 'pin_unlock'
  | 'lock'
  | 'open_case'
  | 'export'
  | 'import'
  | 'print'
  /** A print while printing was not allowed: only a one-line notice was printed. */
  | 'print_blocked'
  | 'delete'
  | 'retention_delete'
  | 'wipe'
  | 'settings'
  | 'passphrase_changed'
  /** After an unlock: the failed-unlock counter or its audit entries did not match their sealed copy (vault.ts). */
  | 'counter_altered'
  /** Team sync: joined, left, key rotated (sync/team.ts). */
  | 'team';

export interface AuditRow {
  seq: number;
  at: number;
  action: AuditAction;
  details: Envelope | null;
  prev: string;
  hash: string;
}

export interface AuditEntry {
  seq: number;
  at: number;
  action: AuditAction;
  officer: string | null;
  subject: string | null;
}

const GENESIS = '0'.repeat(64);

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function bytesToHex(bytes: Uint8Array | undefined): string {
  return bytes ? [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('') : '';
}

function canonical(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([row.seq, row.at, row.action, row.prev, bytesToHex(row.details?.iv), bytesToHex(row.details?.data)]);
}

export async function appendAudit(db: ScreeningDb, key: CryptoKey | null, action: AuditAction, details: { officer: string | null; subject: string | null }): Promise<void> {
  // The entry is sealed before the transaction: WebCrypto would commit it early.
  const last = await db.audit.orderBy('seq').last();
  const seq = (last?.seq ?? 0) + 1;
  const sealed = key ? await seal(key, details, { table: 'audit', id: String(seq), schema: SCHEMA_VERSION }) : null;
  const base = { seq, at: Date.now(), action, details: sealed, prev: last?.hash ?? GENESIS };
  const row: AuditRow = { ...base, hash: await sha256(canonical(base)) };
  const head = key ? await seal(key, { seq, hash: row.hash }, { table: 'meta', id: 'auditHead', schema: SCHEMA_VERSION }) : null;
  await db.transaction('rw', [db.audit, db.meta], async () => {
    if ((await db.audit.orderBy('seq').last())?.seq !== last?.seq) throw new Error('the audit log changed while writing; retry');
    await db.audit.add(row);
    if (head) await db.meta.put({ key: 'auditHead', value: null, sealed: head });
  });
}

export interface ChainCheck {
  intact: boolean;
  /** The first entry that does not match its chain, when not intact. */
  brokenAt: number | null;
}

export async function verifyAudit(db: ScreeningDb, key: CryptoKey | null): Promise<ChainCheck> {
  const rows = await db.audit.orderBy('seq').toArray();
  let prev = GENESIS;
  for (const [index, row] of rows.entries()) {
    const { hash, ...base } = row;
    if (row.seq !== index + 1 || row.prev !== prev || (await sha256(canonical(base))) !== hash) return { intact: false, brokenAt: row.seq };
    prev = hash;
  }
  if (key) {
    const headRow = await db.meta.get('auditHead');
    if (headRow?.sealed) {
      try {
        const head = await open<{ seq: number; hash: string }>(key, headRow.sealed, { table: 'meta', id: 'auditHead', schema: SCHEMA_VERSION });
        const at = rows[head.seq - 1];
        if (!at || at.hash !== head.hash) return { intact: false, brokenAt: head.seq };
      } catch {
        return { intact: false, brokenAt: null };
      }
    }
  }
  return { intact: true, brokenAt: null };
}

export async function readAudit(db: ScreeningDb, key: CryptoKey): Promise<AuditEntry[]> {
  const rows = await db.audit.orderBy('seq').reverse().toArray();
  return Promise.all(
    rows.map(async (row) => {
      let details: { officer: string | null; subject: string | null } = { officer: null, subject: null };
      if (row.details) {
        try {
          details = await open(key, row.details, { table: 'audit', id: String(row.seq), schema: SCHEMA_VERSION });
        } catch {
          details = { officer: null, subject: '⚠' };
        }
      }
      return { seq: row.seq, at: row.at, action: row.action, ...details };
    }),
  );
}
