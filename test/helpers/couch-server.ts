/**
 * A CouchDB-compatible sync server for the tests: express-pouchdb over PouchDB's
 * in-memory adapter, on 127.0.0.1 and a random port, started and stopped by the
 * test that needs it (nothing to install, nothing written to disk). It speaks the
 * CouchDB 3 HTTP API the app uses: a database per team, `_users`, `_security`
 * members, Basic authentication, and CORS for the app's origin the way CouchDB's
 * `[cors]` section sets it.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const require = createRequire(import.meta.url);

type PouchConstructor = { defaults(options: object): unknown; new (name: string, options?: object): unknown };
let configured: PouchConstructor | undefined;

/** PouchDB for Node with the memory, HTTP and replication plugins, configured once (plugins change the shared constructor). */
export function nodePouchDB(): PouchConstructor {
  configured ??= require('pouchdb-core').plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-mapreduce')).plugin(require('pouchdb-replication')) as PouchConstructor;
  return configured;
}

export interface CouchServer {
  url: string;
  /** The administrator's Authorization header: only the test (the "server administrator") uses it. */
  adminAuth: string;
  /** Creates a tablet's user (as the administrator does with `PUT /_users/org.couchdb.user:NAME`). */
  createUser(name: string, password: string): Promise<void>;
  /** Deletes a tablet's user: what the administrator does for a lost tablet. */
  deleteUser(name: string): Promise<void>;
  /** A team database whose `_security` admits these users as members. */
  createDatabase(name: string, members: string[]): Promise<void>;
  /** Adds an origin to the CORS origins (the app's, once its test server has a port). */
  allowOrigin(origin: string): void;
  /** A request with the administrator's credentials (or none). */
  request(method: string, path: string, body?: unknown, auth?: string | null): Promise<{ status: number; json: unknown; text: string }>;
  close(): Promise<void>;
}

type Middleware = (req: { method: string; url: string; headers: Record<string, string | undefined> }, res: { setHeader(name: string, value: string): void; statusCode: number; end(body?: string): void }, next: () => void) => void;

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export async function startCouchServer(options: { corsOrigins?: string[] } = {}): Promise<CouchServer> {
  const PouchDB = nodePouchDB();
  const express = require('express') as () => { use(handler: unknown): void; listen(port: number, host: string, done: () => void): Server };
  const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: object) => unknown;
  const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
  const admin = { username: 'admin', password: `admin-${Math.random().toString(36).slice(2)}` };
  const adminAuth = basicAuth(admin.username, admin.password);
  const app = express();
  const origins = new Set(options.corsOrigins ?? []);

  // CORS as CouchDB's [cors] section: only the listed origins, with credentials.
  const cors: Middleware = (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'accept, authorization, content-type, origin, referer');
      res.setHeader('Access-Control-Expose-Headers', 'content-type, cache-control, etag, server');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        return res.end();
      }
    }
    next();
  };
  app.use(cors);
  // CouchDB refuses database creation to anyone but an administrator (express-pouchdb would crash on it).
  const onlyAdminCreates: Middleware = (req, res, next) => {
    const path = req.url.split('?')[0]!;
    if (req.method === 'PUT' && /^\/[^/_][^/]*\/?$/.test(path) && req.headers.authorization !== adminAuth) {
      res.statusCode = 401;
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify({ error: 'unauthorized', reason: 'You are not a server admin.' }));
    }
    next();
  };
  app.use(onlyAdminCreates);
  app.use(expressPouchDB(MemoryPouch, { inMemoryConfig: true, logPath: '/dev/null', mode: 'fullCouchDB', overrideMode: { exclude: ['routes/fauxton'] } }));

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request(method: string, path: string, body?: unknown, auth: string | null = adminAuth) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, json, text };
  }

  // Leave "admin party": from now on only this administrator manages users and databases.
  const made = await request('PUT', `/_config/admins/${admin.username}`, admin.password, null);
  if (made.status !== 200) throw new Error(`the test sync server did not accept its administrator (${made.status} ${made.text})`);

  const expectOk = (what: string, r: { status: number; text: string }) => {
    if (r.status >= 300) throw new Error(`test sync server: ${what} failed with ${r.status} ${r.text}`);
  };

  return {
    url,
    adminAuth,
    request,
    allowOrigin: (origin) => void origins.add(origin),
    async createUser(name, password) {
      expectOk(`creating user ${name}`, await request('PUT', `/_users/org.couchdb.user:${name}`, { _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' }));
    },
    async deleteUser(name) {
      const user = await request('GET', `/_users/org.couchdb.user:${name}`);
      expectOk(`reading user ${name}`, user);
      expectOk(`deleting user ${name}`, await request('DELETE', `/_users/org.couchdb.user:${name}?rev=${(user.json as { _rev: string })._rev}`));
    },
    async createDatabase(name, members) {
      expectOk(`creating database ${name}`, await request('PUT', `/${name}`));
      expectOk(`securing database ${name}`, await request('PUT', `/${name}/_security`, { admins: { names: [], roles: [] }, members: { names: members, roles: [] } }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
