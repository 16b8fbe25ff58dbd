/**
 * The part of PouchDB's API team sync uses, typed here rather than through
 * @types packages: the browser build (pouchdb-browser) and the Node build used by
 * the tests (pouchdb-core with the memory adapter) both provide it.
 */
export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  body?: unknown;
}

export interface PouchChange {
  id: string;
  seq: number | string;
  deleted?: boolean;
  doc?: PouchDoc;
  changes: { rev: string }[];
}

export interface PouchChanges {
  on(event: 'change', listener: (change: PouchChange) => void): PouchChanges;
  on(event: 'error', listener: (error: unknown) => void): PouchChanges;
  cancel(): void;
}

export interface PouchReplication {
  on(event: 'change', listener: (info: { direction?: 'push' | 'pull'; change?: { docs?: PouchDoc[]; docs_written?: number; docs_read?: number }; docs?: PouchDoc[] }) => void): PouchReplication;
  on(event: 'paused', listener: (error?: unknown) => void): PouchReplication;
  on(event: 'active', listener: () => void): PouchReplication;
  on(event: 'denied' | 'error', listener: (error: unknown) => void): PouchReplication;
  on(event: 'complete', listener: (info: unknown) => void): PouchReplication;
  cancel(): void;
}

export interface PouchDatabase {
  name: string;
  get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: PouchDoc[]): Promise<({ ok: true; id: string; rev: string } | { error: true | string; id: string; status?: number; name?: string })[]>;
  allDocs(options?: { include_docs?: boolean; conflicts?: boolean; limit?: number; startkey?: string; skip?: number }): Promise<{ total_rows: number; rows: { id: string; value: { rev: string; deleted?: boolean }; doc?: PouchDoc }[] }>;
  changes(options: { since: number | string; limit?: number; include_docs?: boolean; conflicts?: boolean; live?: false; return_docs?: boolean }): Promise<{ results: PouchChange[]; last_seq: number | string }>;
  changes(options: { since: number | string | 'now'; live: true; include_docs?: boolean; return_docs?: boolean }): PouchChanges;
  info(): Promise<{ update_seq: number | string; doc_count: number }>;
  sync(remote: PouchDatabase, options: { live?: boolean; retry?: boolean; batch_size?: number; back_off_function?: (delay: number) => number }): PouchReplication;
  replicate: {
    from(remote: PouchDatabase, options?: { batch_size?: number; live?: boolean; retry?: boolean }): PouchReplication & Promise<{ docs_written: number; docs_read: number }>;
    to(remote: PouchDatabase, options?: { batch_size?: number; live?: boolean; retry?: boolean }): PouchReplication & Promise<{ docs_written: number; docs_read: number }>;
  };
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface PouchRemoteOptions {
  skip_setup?: boolean;
  auth?: { username: string; password: string };
  fetch?: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** How the engine opens databases: the browser's IndexedDB build, or memory in tests. */
export interface PouchFactory {
  local(name: string): PouchDatabase;
  remote(url: string, options: PouchRemoteOptions): PouchDatabase;
}
