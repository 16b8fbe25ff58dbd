/**
 * The device's secret: the wrapped data key. Creating it on first use, unlocking
 * it with the passphrase. A wrong passphrase unlocks nothing.
 */
import { createDataKey, unwrapDataKey, DEFAULT_PBKDF2_ITERATIONS } from '../crypto/envelope';
import { CaseStore } from './case-store';
import { ScreeningDb } from './db';

export type VaultState = 'unavailable' | 'new' | 'locked';

export class StorageUnavailableError extends Error {}

let database: ScreeningDb | undefined;
export function getDb(): ScreeningDb {
  database ??= new ScreeningDb();
  return database;
}

export async function vaultState(db = getDb()): Promise<VaultState> {
  try {
    return (await db.vault.get('main')) ? 'locked' : 'new';
  } catch {
    return 'unavailable';
  }
}

export async function createVault(passphrase: string, db = getDb(), iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<CaseStore> {
  if (await db.vault.get('main')) throw new Error('a passphrase is already set on this device');
  const { key, wrapped } = await createDataKey(passphrase, iterations);
  await db.vault.put({ id: 'main', wrapped, createdAt: Date.now() });
  return new CaseStore(db, key);
}

/** The unlocked case store, or null for a wrong passphrase. */
export async function unlockVault(passphrase: string, db = getDb()): Promise<CaseStore | null> {
  const row = await db.vault.get('main');
  if (!row) throw new Error('no passphrase has been set on this device yet');
  const key = await unwrapDataKey(passphrase, row.wrapped);
  return key ? new CaseStore(db, key) : null;
}
