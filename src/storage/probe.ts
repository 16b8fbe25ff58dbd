/**
 * Whether this tablet already has a passphrase, read without Dexie, so that the
 * unlock screen can be drawn before the storage code has loaded (the first
 * screen stays small). Reads only whether the wrapped key exists: nothing about
 * a person. Never creates the database.
 */
import { DB_NAME } from './names';

export type VaultState = 'unavailable' | 'new' | 'locked';

export function probeVault(name = DB_NAME): Promise<VaultState> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve('unavailable');
    let creating = false;
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      return resolve('unavailable');
    }
    request.onupgradeneeded = () => {
      // No database yet: do not create an empty one, just say so.
      creating = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve(creating ? 'new' : 'unavailable');
    };
    request.onblocked = () => resolve('locked');
    request.onsuccess = () => {
      const db = request.result;
      try {
        if (!db.objectStoreNames.contains('vault')) {
          db.close();
          return resolve('new');
        }
        const count = db.transaction('vault', 'readonly').objectStore('vault').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result > 0 ? 'locked' : 'new');
        };
        count.onerror = () => {
          db.close();
          resolve('unavailable');
        };
      } catch {
        db.close();
        resolve('unavailable');
      }
    };
  });
}
