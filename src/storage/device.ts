/**
 * What the organisation sets for the device (in clear: it says nothing about a
 * person), the failed-unlock counter, retention and the wipe.
 */
import { deleteTrainingDb } from './training-store';
import type { ScreeningDb } from './db';

export interface DevicePolicy {
  /** Lock after this many minutes without a touch or key press. */
  autoLockMinutes: number;
  /** Lock when the app stays hidden (another app, screen off) longer than this. */
  hiddenGraceSeconds: number;
  /** Erase everything after this many wrong passphrases in a row; 0 = never. */
  wipeAfterFailures: number;
  /** Delete completed or referred cases this many days after they were closed. */
  retentionDays: number;
  /** Remind the officer to make a backup when the last one is older than this. */
  backupReminderDays: number;
}

export const DEFAULT_POLICY: DevicePolicy = { autoLockMinutes: 5, hiddenGraceSeconds: 30, wipeAfterFailures: 0, retentionDays: 90, backupReminderDays: 7 };

export const POLICY_LIMITS: Record<keyof DevicePolicy, { min: number; max: number }> = {
  autoLockMinutes: { min: 1, max: 60 },
  hiddenGraceSeconds: { min: 0, max: 300 },
  wipeAfterFailures: { min: 0, max: 20 },
  retentionDays: { min: 1, max: 3650 },
  backupReminderDays: { min: 1, max: 365 },
};

export function checkPolicy(policy: DevicePolicy): string | null {
  for (const [key, { min, max }] of Object.entries(POLICY_LIMITS) as [keyof DevicePolicy, { min: number; max: number }][]) {
    const value = policy[key];
    if (!Number.isInteger(value) || value < min || value > max) return `${key} must be a whole number between ${min} and ${max}`;
  }
  if (policy.wipeAfterFailures > 0 && policy.wipeAfterFailures < 3) return 'wipeAfterFailures must be 0 (off) or at least 3';
  return null;
}

export async function readPolicy(db: ScreeningDb): Promise<DevicePolicy> {
  const row = await db.meta.get('policy');
  if (typeof row?.value !== 'string') return DEFAULT_POLICY;
  try {
    const stored = { ...DEFAULT_POLICY, ...(JSON.parse(row.value) as Partial<DevicePolicy>) };
    return checkPolicy(stored) === null ? stored : DEFAULT_POLICY;
  } catch {
    return DEFAULT_POLICY;
  }
}

export async function writePolicy(db: ScreeningDb, policy: DevicePolicy): Promise<void> {
  const problem = checkPolicy(policy);
  if (problem) throw new Error(problem);
  await db.meta.put({ key: 'policy', value: JSON.stringify(policy) });
}

/**
 * Wrong passphrases in a row, kept in clear: the growing delay and the wipe
 * must be enforced before anything can be decrypted. An attempt is counted
 * before its key derivation starts (and marked pending until it ends), so that
 * closing or reloading the page during the derivation does not dodge the count.
 * Someone with the raw database can still reset it; the sealed copy checked
 * after the next unlock (vault.ts) shows when that happened.
 */
export interface UnlockCounter {
  /** Attempts in the current streak that did not open the tablet, the one in progress included. */
  failures: number;
  /** When the last of them was made (Date.now()), or null. */
  lastAt: number | null;
  /** An attempt started and has not ended (or never will: the page was closed during it). */
  pending: boolean;
}

/** Wrong passphrases allowed in a row with no wait: a tired officer mistypes. */
export const FREE_ATTEMPTS = 3;
/** Then the wait grows with every wrong passphrase, and stays at the last value. */
export const UNLOCK_DELAYS_SECONDS = [30, 60, 120, 300, 600, 900] as const;

/** Seconds to wait, after `failures` wrong passphrases in a row, before the next attempt. */
export function unlockDelaySeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return UNLOCK_DELAYS_SECONDS[Math.min(failures - FREE_ATTEMPTS, UNLOCK_DELAYS_SECONDS.length - 1)]!;
}

/** When the next attempt may be made (Date.now() scale), or null when it may be made now. */
export function nextAttemptAt(counter: UnlockCounter, now = Date.now()): number | null {
  const delay = unlockDelaySeconds(counter.failures) * 1_000;
  if (delay === 0 || counter.lastAt === null) return null;
  const at = counter.lastAt + delay;
  return at > now ? at : null;
}

export async function readUnlockCounter(db: ScreeningDb): Promise<UnlockCounter> {
  const [failures, lastAt, pending] = await db.transaction('r', db.meta, () => db.meta.bulkGet(['failedUnlocks', 'lastFailedUnlock', 'unlockPending']));
  const count = failures?.value;
  const last = lastAt?.value;
  return {
    failures: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : 0,
    lastAt: typeof last === 'number' && Number.isFinite(last) ? last : null,
    pending: pending?.value === 1,
  };
}

export async function writeUnlockCounter(db: ScreeningDb, counter: UnlockCounter): Promise<void> {
  await db.transaction('rw', db.meta, () =>
    db.meta.bulkPut([
      { key: 'failedUnlocks', value: counter.failures },
      { key: 'lastFailedUnlock', value: counter.lastAt },
      { key: 'unlockPending', value: counter.pending ? 1 : 0 },
    ]),
  );
}

/**
 * Erase everything: the wrapped key first (after that nothing can be decrypted,
 * even if the rest of the erase is interrupted), then every table, the database,
 * the offline caches and local settings.
 */
export async function wipeDevice(db: ScreeningDb): Promise<void> {
  await db.vault.clear();
  await db.transaction('rw', [db.cases, db.content, db.meta, db.audit, db.caseIndex], async () => {
    await Promise.all([db.cases.clear(), db.content.clear(), db.meta.clear(), db.audit.clear(), db.caseIndex.clear()]);
  });
  db.close();
  // Another open tab can block deleting the database; by now every table is empty
  // and the key is gone, so do not hang the officer's screen waiting for it.
  await Promise.race([db.delete(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  await deleteTrainingDb();
  await deleteTeamDatabases();
  if (typeof caches !== 'undefined') for (const name of await caches.keys()) await caches.delete(name);
  if (typeof localStorage !== 'undefined') localStorage.clear();
  if (typeof navigator !== 'undefined' && navigator.serviceWorker) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
}

/**
 * The team's sealed documents (PouchDB keeps them in IndexedDB databases named
 * `_pouch_team-…`): erased with the rest, without loading PouchDB to do it.
 */
async function deleteTeamDatabases(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  for (const { name } of await indexedDB.databases()) {
    if (!name?.startsWith('_pouch_team-')) continue;
    await Promise.race([
      new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      }),
      new Promise((resolve) => setTimeout(resolve, 3_000)),
    ]);
  }
}

/**
 * Asks the browser not to evict the data under storage pressure. Asked after the
 * first real save; Safari also deletes data of sites unused for seven days unless
 * the app is installed to the home screen.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export interface StorageStatus {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function storageStatus(): Promise<StorageStatus> {
  if (typeof navigator === 'undefined' || !navigator.storage) return { persisted: null, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([navigator.storage.persisted?.() ?? null, navigator.storage.estimate?.() ?? null]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
