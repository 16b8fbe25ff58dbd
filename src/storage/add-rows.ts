/**
 * Adding (and taking back) sealed content rows without Dexie, from the restore
 * worker (Dexie stays on the screen's thread, which owns the schema and its
 * upgrades).
 */
import type { ContentRow } from './db';

const connections = new Map<string, Promise<IDBDatabase>>();

/** The tablet's database, opened at whatever version it has: this never changes its tables. */
function openDatabase(name: string): Promise<IDBDatabase> {
  let connection = connections.get(name);
  if (!connection) {
    connection = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        const db = request.result;
        // The screen's thread upgrading or deleting the database (a wipe): let it.
        db.onversionchange = () => {
          db.close();
          connections.delete(name);
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error('the database does not open'));
    });
    connection.catch(() => connections.delete(name));
    connections.set(name, connection);
  }
  return connection;
}

/**
 * Adds the rows in one transaction. `add`, never `put`: a row whose id is
 * already there aborts the whole transaction, so nothing on the tablet is ever
 * replaced this way.
 */
export async function addContentRows(database: string, rows: ContentRow[]): Promise<void> {
  const db = await openDatabase(database);
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('content', 'readwrite');
    const store = tx.objectStore('content');
    for (const row of rows) store.add(row);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('the write was abandoned'));
    // Committed as soon as the rows are handed over: without this, the commit waits until
    // this thread has dispatched every row's success event, and the worker is busy
    // checking the next chunk of the file meanwhile.
    tx.commit?.();
  });
}

/**
 * Deletes rows by id, a thousand per transaction: only ever the rows a restore
 * added itself (see restore-staging.ts), when the file is refused after them.
 */
export async function deleteContentRows(database: string, ids: string[]): Promise<void> {
  const db = await openDatabase(database);
  for (let i = 0; i < ids.length; i += 1000) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('content', 'readwrite');
      const store = tx.objectStore('content');
      for (const id of ids.slice(i, i + 1000)) store.delete(id);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('the delete was abandoned'));
    });
  }
}

/** Closes the connections (tests; a worker's end closes its own). */
export function closeContentRows(): void {
  for (const connection of connections.values()) void connection.then((db) => db.close());
  connections.clear();
}
