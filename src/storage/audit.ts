/**
 * The audit log: who did what, when. Each entry carries the SHA-256 of the one
 * before it, so an edited, removed or reordered entry breaks the chain. Only the
 * position (seq) is in clear: the action, the time, the officer and the case are
 * sealed with the data key. A failed unlock happens while no data key is open:
 * its entry is sealed to the device's audit public key (ECDH P-256, one-time key
 * per entry, HKDF-SHA-256, AES-256-GCM), whose private half is itself sealed with
 * the data key — written locked, readable only once unlocked.
 *
 * Known limit: someone with the raw database could rewrite the whole chain from
 * an edited entry onwards. The head of the chain is also sealed with the data key
 * each time an entry is added while unlocked, which detects such a rewrite of
 * everything recorded up to that point.
 */
import { open, seal, type Envelope } from '../crypto/envelope';
import { SCHEMA_VERSION, type AuditRow, type ScreeningDb } from './db';

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
  | 'team'
  | 'directory_import';

export type { AuditRow } from './db';

export interface AuditEntry {
  seq: number;
  /** Null for an entry that no longer opens (altered or damaged). */
  at: number | null;
  action: AuditAction | 'unreadable';
  officer: string | null;
  subject: string | null;
}

interface AuditPayload {
  at: number;
  action: AuditAction;
  officer: string | null;
  subject: string | null;
}

export const GENESIS = '0'.repeat(64);
/** Sealed audit entries are padded to this many bytes: an action's name does not show in a length. */
const AUDIT_PAD = 256;
const AUDIT_KEY = 'auditKey';
const HEAD_KEY = 'auditHead';
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

const auditAddress = (seq: number) => ({ table: 'audit', id: String(seq), schema: SCHEMA_VERSION });
const metaAddress = (key: string) => ({ table: 'meta', id: key, schema: SCHEMA_VERSION });

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return bytesToHex(new Uint8Array(digest));
}

function bytesToHex(bytes: Uint8Array | undefined): string {
  if (!bytes) return '';
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** What the hash of a row covers. Rows written before version 3 keep their own form until migrated. */
export function canonical(row: Omit<AuditRow, 'hash'>): string {
  if (row.entry) return JSON.stringify(['v3', row.seq, row.prev, bytesToHex(row.entry.iv), bytesToHex(row.entry.data), bytesToHex(row.epk)]);
  return JSON.stringify([row.seq, row.at, row.action, row.prev, bytesToHex(row.details?.iv), bytesToHex(row.details?.data)]);
}

export async function hashRow(row: Omit<AuditRow, 'hash'>): Promise<string> {
  return sha256(canonical(row));
}

/** Whether a row still carries its action and time in clear (written before version 3). */
export function isLegacyAudit(row: AuditRow): boolean {
  return !row.entry;
}

async function hkdfKey(secret: ArrayBuffer, salt: Uint8Array<ArrayBuffer>, usage: KeyUsage): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode('screening/audit/v1') }, material, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/** The audit key pair, created the first time an entry is written unlocked. */
async function ensureAuditKey(db: ScreeningDb, key: CryptoKey): Promise<void> {
  if (await db.meta.get(AUDIT_KEY)) return;
  const pair = await crypto.subtle.generateKey(P256, true, ['deriveBits']);
  const pub = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const priv = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const sealed = await seal(key, [...priv], metaAddress(AUDIT_KEY));
  // Another tab may have created one meanwhile: keep the first.
  await db.transaction('rw', db.meta, async () => {
    if (!(await db.meta.get(AUDIT_KEY))) await db.meta.put({ key: AUDIT_KEY, value: null, pub, sealed });
  });
}

async function sealToPublic(pub: Uint8Array<ArrayBuffer>, payload: AuditPayload, seq: number): Promise<{ entry: Envelope; epk: Uint8Array<ArrayBuffer> }> {
  const device = await crypto.subtle.importKey('raw', pub, P256, false, []);
  const oneTime = await crypto.subtle.generateKey(P256, true, ['deriveBits']);
  const epk = new Uint8Array(await crypto.subtle.exportKey('raw', oneTime.publicKey));
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: device }, oneTime.privateKey, 256);
  const aes = await hkdfKey(secret, epk, 'encrypt');
  return { entry: await seal(aes, payload, auditAddress(seq), AUDIT_PAD), epk };
}

/** Opens entries sealed while locked: the private key is opened once per read. */
function publicOpener(db: ScreeningDb, key: CryptoKey) {
  let privateKey: Promise<CryptoKey | null> | undefined;
  return async (row: AuditRow): Promise<AuditPayload> => {
    privateKey ??= (async () => {
      const stored = await db.meta.get(AUDIT_KEY);
      if (!stored?.sealed) return null;
      const bytes = new Uint8Array(await open<number[]>(key, stored.sealed, metaAddress(AUDIT_KEY)));
      return crypto.subtle.importKey('pkcs8', bytes, P256, false, ['deriveBits']);
    })();
    const priv = await privateKey;
    if (!priv || !row.epk || !row.entry) throw new Error('no audit key');
    const oneTime = await crypto.subtle.importKey('raw', row.epk, P256, false, []);
    const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: oneTime }, priv, 256);
    return open<AuditPayload>(await hkdfKey(secret, row.epk, 'decrypt'), row.entry, auditAddress(row.seq));
  };
}

/** Opens any row, sealed or (before migration) clear. */
export function auditReader(db: ScreeningDb, key: CryptoKey): (row: AuditRow) => Promise<AuditPayload> {
  const fromPublic = publicOpener(db, key);
  return async (row) => {
    if (row.entry) return row.epk ? fromPublic(row) : open<AuditPayload>(key, row.entry, auditAddress(row.seq));
    let details: { officer: string | null; subject: string | null } = { officer: null, subject: null };
    if (row.details) details = await open(key, row.details, auditAddress(row.seq));
    return { at: row.at ?? 0, action: row.action as AuditAction, ...details };
  };
}

/** Seals an entry for position `seq` with the data key (the migration re-seals old entries with it). */
export async function sealAuditEntry(key: CryptoKey, payload: AuditPayload, seq: number): Promise<Envelope> {
  return seal(key, payload, auditAddress(seq), AUDIT_PAD);
}

export async function sealAuditHead(key: CryptoKey, head: { seq: number; hash: string }): Promise<Envelope> {
  return seal(key, head, metaAddress(HEAD_KEY));
}

/**
 * Before the sealed head moves on, check that it still names its entry: if
 * entries were removed or rewritten since, the break is recorded (sealed) and
 * stays reported, instead of being covered by the new head.
 */
async function keepBreakEvidence(db: ScreeningDb, key: CryptoKey): Promise<void> {
  const [headRow, evidence] = await Promise.all([db.meta.get(HEAD_KEY), db.meta.get(BREAK_KEY)]);
  if (!headRow?.sealed || evidence) return;
  let broken: ChainCheck | null = null;
  try {
    const head = await open<{ seq: number; hash: string }>(key, headRow.sealed, metaAddress(HEAD_KEY));
    const row = await db.audit.get(head.seq);
    if (!row || row.hash !== head.hash) broken = { intact: false, brokenAt: head.seq };
  } catch {
    broken = { intact: false, brokenAt: null };
  }
  if (broken) await db.meta.put({ key: BREAK_KEY, value: null, sealed: await seal(key, broken, metaAddress(BREAK_KEY)) });
}

export async function appendAudit(db: ScreeningDb, key: CryptoKey | null, action: AuditAction, details: { officer: string | null; subject: string | null }): Promise<void> {
  const at = Date.now();
  const lastRow = () => db.audit.orderBy('seq').last();
  // Read side by side (every unlock waits for this entry): where the log ends, and
  // the audit key and the evidence of a break, which only write to meta.
  const [first, pub] = await Promise.all([
    lastRow(),
    key ? Promise.all([ensureAuditKey(db, key), keepBreakEvidence(db, key)]).then(() => undefined) : db.meta.get(AUDIT_KEY).then((row) => row?.pub),
  ]);
  // The entry is sealed before the transaction (WebCrypto would commit it early);
  // if another write took the position meanwhile, seal again for the next one.
  for (let attempt = 0; attempt < 10; attempt++) {
    const last = attempt === 0 ? first : await lastRow();
    const seq = (last?.seq ?? 0) + 1;
    const prev = last?.hash ?? GENESIS;
    const payload: AuditPayload = { at, action, ...details };
    let base: Omit<AuditRow, 'hash'>;
    if (key) base = { seq, entry: await sealAuditEntry(key, payload, seq), prev };
    else if (pub) base = { seq, ...(await sealToPublic(pub, payload, seq)), prev };
    // A database written by version 2 and not yet unlocked since has no audit key:
    // the entry is kept in the old form, and sealed by the migration at the next unlock.
    else base = { seq, at, action, details: null, prev };
    const row: AuditRow = { ...base, hash: await hashRow(base) };
    const head = key ? await sealAuditHead(key, { seq, hash: row.hash }) : null;
    const written = await db.transaction('rw', [db.audit, db.meta], async () => {
      const now = await db.audit.orderBy('seq').last();
      if (now?.seq !== last?.seq || now?.hash !== last?.hash) return false;
      await db.audit.add(row);
      if (head) await db.meta.put({ key: HEAD_KEY, value: null, sealed: head });
      return true;
    });
    if (written) return;
  }
  throw new Error('the audit log kept changing while writing');
}

export interface ChainCheck {
  intact: boolean;
  /** The first entry that does not match its chain, when not intact. */
  brokenAt: number | null;
}

/** Where a break was found before it could be covered: by the migration, or before the head moved on (sealed meta). */
export const BREAK_KEY = 'auditBreak';

export async function verifyAudit(db: ScreeningDb, key: CryptoKey | null): Promise<ChainCheck> {
  const rows = await db.audit.orderBy('seq').toArray();
  let prev = GENESIS;
  for (const [index, row] of rows.entries()) {
    const { hash, ...base } = row;
    if (row.seq !== index + 1 || row.prev !== prev || (await hashRow(base)) !== hash) return { intact: false, brokenAt: row.seq };
    prev = hash;
  }
  if (key) {
    const recorded = await db.meta.get(BREAK_KEY);
    if (recorded?.sealed) {
      try {
        const check = await open<ChainCheck>(key, recorded.sealed, metaAddress(BREAK_KEY));
        if (!check.intact) return check;
      } catch {
        return { intact: false, brokenAt: null };
      }
    }
    const headRow = await db.meta.get(HEAD_KEY);
    if (headRow?.sealed) {
      try {
        const head = await open<{ seq: number; hash: string }>(key, headRow.sealed, metaAddress(HEAD_KEY));
        const at = rows[head.seq - 1];
        if (!at || at.hash !== head.hash) return { intact: false, brokenAt: head.seq };
      } catch {
        return { intact: false, brokenAt: null };
      }
    }
  }
  return { intact: true, brokenAt: null };
}

/** The latest entries first; `limit` of them (the whole log when not given). */
export async function readAudit(db: ScreeningDb, key: CryptoKey, limit?: number): Promise<AuditEntry[]> {
  const query = db.audit.orderBy('seq').reverse();
  const rows = await (limit === undefined ? query : query.limit(limit)).toArray();
  const read = auditReader(db, key);
  return Promise.all(
    rows.map(async (row) => {
      try {
        return { seq: row.seq, ...(await read(row)) };
      } catch {
        // An entry that does not open is shown as such; the chain check says whether it was altered.
        return { seq: row.seq, at: null, action: 'unreadable' as const, officer: null, subject: null };
      }
    }),
  );
}
