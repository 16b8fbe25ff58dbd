/**
 * The device's secret: the wrapped data key. Creating it on first use, unlocking
 * it with the passphrase (key derivation off the main thread where a Worker is
 * available), counting wrong passphrases and, if the organisation asked for it,
 * erasing the device after too many.
 */
import { createDataKey, DEFAULT_PBKDF2_ITERATIONS, unwrapDataKey, type WrappedKey } from '../crypto/envelope';
import { appendAudit } from './audit';
import { CaseStore } from './case-store';
import { ScreeningDb } from './db';
import { failedUnlocks, readPolicy, setFailedUnlocks, wipeDevice } from './device';

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
  return store;
}

/** PBKDF2 with 600,000 iterations takes about a second: keep it off the main thread so the screen stays responsive. */
async function unwrapOffMainThread(passphrase: string, wrapped: WrappedKey): Promise<CryptoKey | null> {
  if (typeof Worker === 'undefined') return unwrapDataKey(passphrase, wrapped);
  const worker = new Worker(new URL('../crypto/unwrap.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<CryptoKey | null>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ key: CryptoKey | null; error?: string }>) =>
        event.data.error ? reject(new Error(event.data.error)) : resolve(event.data.key);
      worker.onerror = () => reject(new Error('the key could not be derived'));
      worker.postMessage({ passphrase, wrapped });
    });
  } finally {
    worker.terminate();
  }
}

export type UnlockResult = { store: CaseStore } | { store: null; attemptsLeft: number | null; wiped: boolean };

export async function unlockVault(passphrase: string, db = getDb()): Promise<UnlockResult> {
  const row = await db.vault.get('main');
  if (!row) throw new Error('no passphrase has been set on this device yet');
  const key = await unwrapOffMainThread(passphrase, row.wrapped);
  if (key) {
    await setFailedUnlocks(db, 0);
    const store = new CaseStore(db, key);
    await store.audit('unlock', null);
    return { store };
  }
  const policy = await readPolicy(db);
  const failures = (await failedUnlocks(db)) + 1;
  await setFailedUnlocks(db, failures);
  await appendAudit(db, null, 'unlock_failed', { officer: null, subject: null });
  if (policy.wipeAfterFailures > 0 && failures >= policy.wipeAfterFailures) {
    await wipeDevice(db);
    forgetDb();
    return { store: null, attemptsLeft: 0, wiped: true };
  }
  return { store: null, attemptsLeft: policy.wipeAfterFailures > 0 ? policy.wipeAfterFailures - failures : null, wiped: false };
}

/** Confirms the passphrase, then erases the device. */
export async function wipeWithPassphrase(passphrase: string, db = getDb()): Promise<boolean> {
  const row = await db.vault.get('main');
  if (!row || !(await unwrapDataKey(passphrase, row.wrapped))) return false;
  await wipeDevice(db);
  forgetDb();
  return true;
}
