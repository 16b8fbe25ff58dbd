/**
 * The sync runtime: PouchDB (its browser build, over IndexedDB) and the engine.
 * The app imports this module dynamically, and only on a tablet whose sealed team
 * settings exist: a tablet that never joins a team never downloads a byte of it.
 */
import PouchDB from 'pouchdb-browser';
import type { CaseStore } from '../case-store';
import { CaseStoreSource } from './case-source';
import { TeamSyncEngine } from './engine';
import type { PouchDatabase, PouchFactory } from './pouch-types';
import { localDatabaseName, type TeamSettings } from './team';

export const browserPouch: PouchFactory = {
  // Old revisions are compacted away: the tablet keeps only the current sealed copy of each document.
  local: (name) => new PouchDB(name, { auto_compaction: true }) as unknown as PouchDatabase,
  remote: (url, options) => new PouchDB(url, options) as unknown as PouchDatabase,
};

export async function createTeamSync(store: CaseStore, settings: TeamSettings): Promise<TeamSyncEngine> {
  return TeamSyncEngine.create(browserPouch, new CaseStoreSource(store), settings);
}

/** Removes this team's local database (a re-join with a new key starts from the server's copy). */
export async function destroyLocalTeamDatabase(settings: Pick<TeamSettings, 'teamId'>): Promise<void> {
  await (new PouchDB(localDatabaseName(settings)) as unknown as PouchDatabase).destroy();
}

export { TeamSyncEngine };
export type { SyncStatus, SyncFailure } from './engine';
