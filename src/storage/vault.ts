/**
 * The device's secret: the wrapped data key. Creating it on first use, unlocking
 * it with the passphrase (key derivation off the main thread where a Worker is
 * available), changing the passphrase (the same data key wrapped again: no data
 * is re-encrypted), counting wrong passphrases with a growing wait between them
 * and, if the organisation asked for it, erasing the device after too many.
 *
 * Guarantees:
 * - The wait is checked before any key derivation starts; an attempt is counted
 *   before its derivation starts, so closing the page during it dodges nothing.
 * - The counter must be in clear (it is needed before unlock). A sealed copy —
 *   where the audit log stood at the last unlock — is checked after each unlock
 *   against the counter and the failed-unlock entries recorded since; a counter
 *   reset or entries removed without the passphrase are recorded in the audit
 *   log as "counter_altered".
 * Known limit: someone with the raw database who puts back, consistently, every
 * row as it was at the last unlock (counter, audit entries and sealed copy) is
 * not detected: nothing can be sealed without the key.
 */
import { createDataKey, DEFAULT_PBKDF2_ITERATIONS, open, rewrapDataKey, seal, unwrapDataKey, type WrappedKey } from '../crypto/envelope';
import type { KeyJob, KeyJobResult } from '../crypto/unwrap.worker';
import { appendAudit, auditReader } from './audit';
import { migrationPending } from './migration';
import { CaseStore } from './case-store';
import { SCHEMA_VERSION, ScreeningDb } from './db';
import { nextAttemptAt, readPolicy, readUnlockCounter, wipeDevice, writeUnlockCounter, type UnlockCounter } from './device';

export type { VaultState } from './probe';

let database: ScreeningDb | undefined;
export function getDb(): ScreeningDb {
  if (!database) {
    database = new ScreeningDb();
    // Another tab opened a newer version of the app: Dexie closes this
    // connection so the upgrade can proceed; the app asks the officer to reload.
    database.on('versionchange', () => {
      if (typeof window !== 'undefined') window.dispatchEvent(new Event('screening:versionchange'));
    });
  }
  return database;
}

/** After a wipe the next access opens a fresh, empty database. */
export function forgetDb(): void {
  database = undefined;
}

export async function createVault(passphrase: string, db = getDb(), iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<CaseStore> {
  if (await db.vault.get('main')) throw new Error('a passphrase is already set on this device');
  const { key, wrapped } = await createDataKey(passphrase, iterations);
  await db.vault.put({ id: 'main', wrapped });
  const store = new CaseStore(db, key);
  await store.audit('unlock', null);
  await sealLedger(db, key);
  return store;
}

/** PBKDF2 with 600,000 iterations takes about a second: keep it off the main thread so the screen stays responsive. */
async function deriveOffMainThread(job: KeyJob): Promise<KeyJobResult> {
  if (typeof Worker === 'undefined') {
    if (job.op === 'rewrap') {
      const result = await rewrapDataKey(job.passphrase, job.wrapped, job.next, job.iterations);
      return { key: result?.key ?? null, wrapped: result?.wrapped };
    }
    return { key: await unwrapDataKey(job.passphrase, job.wrapped) };
  }
  const worker = new Worker(new URL('../crypto/unwrap.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<KeyJobResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<KeyJobResult>) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data));
      worker.onerror = () => reject(new Error('the key could not be derived'));
      worker.postMessage(job);
    });
  } finally {
    worker.terminate();
  }
}

/** Why no store came back, and what the unlock screen shows. */
export interface UnlockRefusal {
  store: null;
  /** True when the attempt was not even tried: the wait after wrong passphrases is not over. */
  tooSoon: boolean;
  /** Wrong passphrases left before the wipe, when the organisation set one; null otherwise. */
  attemptsLeft: number | null;
  wiped: boolean;
  /** When the next attempt may be made (Date.now() scale); null when it may be made now. */
  retryAt: number | null;
}

export type UnlockResult = { store: CaseStore; counterAltered: boolean } | UnlockRefusal;

/** Where the wait stands before anyone types: the unlock screen shows the countdown at once. */
export async function unlockWait(db = getDb(), now = Date.now()): Promise<{ retryAt: number | null; failures: number }> {
  const counter = await readUnlockCounter(db);
  return { retryAt: nextAttemptAt(counter, now), failures: counter.failures };
}

/**
 * The common path of every passphrase check that could reveal the passphrase
 * to someone guessing (unlock, change): the wait, the count, the audit entry.
 */
async function attempt<T>(db: ScreeningDb, derive: (wrapped: WrappedKey) => Promise<{ key: CryptoKey; value: T } | null>): Promise<{ key: CryptoKey; value: T; failuresBefore: number } | UnlockRefusal> {
  // Read side by side: each IndexedDB round trip is time the officer waits.
  const [row, firstCounter, policy] = await Promise.all([db.vault.get('main'), readUnlockCounter(db), readPolicy(db)]);
  if (!row) throw new Error('no passphrase has been set on this device yet');
  const now = Date.now();
  let counter = firstCounter;
  // An attempt that never ended (the page closed during its derivation) counts as a failed one.
  if (counter.pending) {
    counter = { ...counter, pending: false };
    await writeUnlockCounter(db, counter);
    await appendAudit(db, null, 'unlock_failed', { officer: null, subject: null });
  }
  // A clock set back must not lock the officer out until it catches up: the wait restarts from now.
  if (counter.lastAt !== null && counter.lastAt > now) {
    counter = { ...counter, lastAt: now };
    await writeUnlockCounter(db, counter);
  }
  const attemptsLeft = (failures: number) => (policy.wipeAfterFailures > 0 ? Math.max(0, policy.wipeAfterFailures - failures) : null);
  const wait = nextAttemptAt(counter, now);
  if (wait !== null) return { store: null, tooSoon: true, attemptsLeft: attemptsLeft(counter.failures), wiped: false, retryAt: wait };

  const failuresBefore = counter.failures;
  // The attempt is counted (as pending) before its result is used: the derivation runs
  // meanwhile, and nothing of it is used until the count is written.
  const counting = writeUnlockCounter(db, { failures: failuresBefore + 1, lastAt: now, pending: true });
  counting.catch(() => undefined); // awaited below, whichever way the derivation ends
  const opened = await derive(row.wrapped).then(
    async (result) => {
      await counting;
      return result;
    },
    async (error: unknown) => {
      // Not a wrong passphrase (the parameters were refused, the worker failed): not counted.
      await counting;
      await writeUnlockCounter(db, counter);
      throw error;
    },
  );
  if (opened) return { ...opened, failuresBefore };

  const failed: UnlockCounter = { failures: failuresBefore + 1, lastAt: Date.now(), pending: false };
  await writeUnlockCounter(db, failed);
  await appendAudit(db, null, 'unlock_failed', { officer: null, subject: null });
  if (policy.wipeAfterFailures > 0 && failed.failures >= policy.wipeAfterFailures) {
    await wipeDevice(db);
    forgetDb();
    return { store: null, tooSoon: false, attemptsLeft: 0, wiped: true, retryAt: null };
  }
  return { store: null, tooSoon: false, attemptsLeft: attemptsLeft(failed.failures), wiped: false, retryAt: nextAttemptAt(failed) };
}

export async function unlockVault(passphrase: string, db = getDb()): Promise<UnlockResult> {
  const result = await attempt(db, async (wrapped) => {
    const { key } = await deriveOffMainThread({ op: 'unwrap', passphrase, wrapped });
    return key ? { key, value: null } : null;
  });
  if ('store' in result) return result;
  const store = new CaseStore(db, result.key);
  const counterAltered = await settleCounter(db, result.key, result.failuresBefore, store, 'unlock');
  return { store, counterAltered };
}

export type ChangePassphraseResult = { changed: true } | ({ changed: false } & Omit<UnlockRefusal, 'store'>);

/**
 * Changes the passphrase: the current one, then the same data key wrapped under
 * the new one. Nothing else is re-encrypted and the session goes on. A wrong
 * current passphrase counts like a wrong unlock (waits included): an unlocked
 * tablet left on a desk must not let anyone guess the passphrase here.
 * The new passphrase's strength is checked by the screen before it comes here.
 */
export async function changePassphrase(store: CaseStore, current: string, next: string, db = getDb(), iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<ChangePassphraseResult> {
  if (next.length === 0) throw new Error('the new passphrase is empty');
  const result = await attempt(db, async (wrapped) => {
    const { key, wrapped: rewrapped } = await deriveOffMainThread({ op: 'rewrap', passphrase: current, wrapped, next, iterations });
    return key && rewrapped ? { key, value: rewrapped } : null;
  });
  if ('store' in result) {
    const { store: _none, ...refusal } = result;
    return { changed: false, ...refusal };
  }
  const row = await db.vault.get('main');
  if (!row) throw new Error('no passphrase has been set on this device');
  await db.vault.put({ ...row, wrapped: result.value });
  await settleCounter(db, result.key, result.failuresBefore, store, 'passphrase_changed');
  return { changed: true };
}

/** Confirms the passphrase, then erases the device. (A right guess erases everything: no use to someone guessing, so not counted.) */
export async function wipeWithPassphrase(passphrase: string, db = getDb()): Promise<boolean> {
  const row = await db.vault.get('main');
  if (!row || !(await unwrapDataKey(passphrase, row.wrapped))) return false;
  await wipeDevice(db);
  forgetDb();
  return true;
}

/** The sealed copy of the counter: where the audit log stood when the counter was last set back to zero. */
interface Ledger {
  auditSeq: number;
}
const LEDGER = { table: 'meta', id: 'unlockLedger', schema: SCHEMA_VERSION } as const;

async function lastAuditSeq(db: ScreeningDb): Promise<number> {
  return (await db.audit.orderBy('seq').last())?.seq ?? 0;
}

async function sealLedger(db: ScreeningDb, key: CryptoKey): Promise<void> {
  const ledger: Ledger = { auditSeq: await lastAuditSeq(db) };
  await db.meta.put({ key: LEDGER.id, value: null, sealed: await seal(key, ledger, LEDGER) });
}

/**
 * After the passphrase was proven: compares the clear counter with the sealed
 * copy and the failed-unlock entries recorded since, records a mismatch and
 * the action, then sets the counter back to zero and seals the new copy. Returns whether the
 * counter or the entries had been altered.
 */
async function settleCounter(db: ScreeningDb, key: CryptoKey, failuresBefore: number, store: CaseStore, action: 'unlock' | 'passphrase_changed'): Promise<boolean> {
  let altered = false;
  // Read side by side, each round trip being time the officer waits for the home screen:
  // the ledger and where the log ends (in one transaction: another tab's ledger and its
  // entry are both seen or neither), and the officer the entries below name (cached by the store).
  const [[ledgerRow, lastSeq]] = await Promise.all([
    db.transaction('r', [db.meta, db.audit], () => Promise.all([db.meta.get(LEDGER.id), lastAuditSeq(db).catch(() => null)])),
    store.officer().catch(() => null),
  ]);
  const sealed = ledgerRow?.sealed;
  if (!sealed) {
    // Every vault seals its copy when it is created: a missing one was removed — unless the
    // database was written before the copy existed (before schema 3: the migration is still
    // pending and no entry was ever sealed to the audit key, which the first unlock of 3 creates).
    altered = !((await migrationPending(db)) && !(await db.meta.get('auditKey')));
  } else {
    try {
      const ledger = await open<Ledger>(key, sealed, LEDGER);
      // A log whose end does not read is taken as altered, as a ledger that does not open is.
      if (lastSeq === null) throw new Error('the audit log does not read');
      const since = await db.audit.where('seq').above(ledger.auditSeq).toArray();
      // Entries written while locked are sealed to the audit public key: opened here, now that the key is known.
      // One that does not open was altered, and throws into the catch below.
      const read = auditReader(db, key);
      const actions = await Promise.all(since.map(async (row) => (await read(row)).action));
      const failedSince = actions.filter((action) => action === 'unlock_failed').length;
      altered = ledger.auditSeq > lastSeq || failedSince !== failuresBefore;
    } catch {
      altered = true;
    }
  }
  // The counter is set back and the audit entries written side by side (the entries, in order).
  await Promise.all([
    writeUnlockCounter(db, { failures: 0, lastAt: null, pending: false }),
    (async () => {
      if (altered) await store.audit('counter_altered', null);
      await store.audit(action, null);
      await sealLedger(db, key);
    })(),
  ]);
  return altered;
}
