/**
 * A team: its id, its key (sealed under this tablet's data key), the sync server and
 * this tablet's own CouchDB account on it. Creating a team, enrolling a tablet with
 * a file sealed under a one-time passphrase, and reading what this tablet has.
 *
 * This module never loads PouchDB: the app reads the settings after unlock and loads
 * the sync runtime (runtime.ts, with PouchDB) only when the tablet is in a team.
 *
 * Enrolment file (JSON): a header in clear — format, version, key-derivation
 * parameters (PBKDF2-SHA-256, at least 600,000 iterations), IV — and one AES-256-GCM
 * ciphertext whose associated data is the header, as for backups. Inside: the team's
 * id and name, the team key and its version, the server's address and database, and
 * the CouchDB account the server's administrator created for the joining tablet.
 */
import { checkKdfParams, derivePassphraseKey, MIN_PBKDF2_ITERATIONS, type KdfParams } from '../../crypto/envelope';
import { fromBase64, newTeamSecret, TEAM_SECRET_BYTES, toBase64 } from '../../crypto/team-key';
import type { CaseStore } from '../case-store';
import type { StatsRecord } from '../../content/statistics';
import type { SyncStatus } from './engine';
import { newCaseId } from '../records';

export const ENROLMENT_FORMAT = 'screening-448-1-team-enrolment';
export const ENROLMENT_VERSION = 1;
/** Enrolment files are small; anything bigger is not one. */
const MAX_ENROLMENT_BYTES = 16 * 1024;
/** A hostile file must not keep a tablet busy for an hour deriving a key. */
const MAX_ENROLMENT_ITERATIONS = 10_000_000;

export interface ServerAccount {
  /** The CouchDB server, e.g. https://sync.example.org (no path, no credentials). */
  url: string;
  /** The team's database on it. */
  database: string;
  /** This tablet's own CouchDB user: a member of the database, never an administrator. */
  username: string;
  password: string;
}

export interface TeamSettings {
  teamId: string;
  name: string;
  role: 'coordinator' | 'member';
  /** This tablet in the team: breaks ties between edits of the same millisecond. */
  tabletId: string;
  server: ServerAccount;
  /** The current team key and, on the coordinator's tablet, the earlier ones (to re-seal what is still under them). */
  keys: { version: number; secret: string }[];
  joinedAt: number;
}

export interface EnrolmentPayload {
  teamId: string;
  name: string;
  key: { version: number; secret: string };
  server: ServerAccount;
  issuedAt: number;
}

export class EnrolmentError extends Error {
  constructor(
    readonly code: 'not_enrolment' | 'version' | 'damaged' | 'passphrase' | 'too_large' | 'kdf',
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentError';
  }
}

const SETTINGS = 'team:settings' as const;

export function readTeamSettings(store: CaseStore): Promise<TeamSettings | null> {
  return store.sealedSetting<TeamSettings>(SETTINGS);
}

export async function writeTeamSettings(store: CaseStore, settings: TeamSettings | null): Promise<void> {
  await store.setSealedSetting(SETTINGS, settings);
}

export function currentKey(settings: TeamSettings): { version: number; secret: Uint8Array<ArrayBuffer> } {
  const key = settings.keys.reduce((best, k) => (k.version > best.version ? k : best));
  return { version: key.version, secret: fromBase64(key.secret) };
}

/** The server's address as typed, checked: https (or http on this machine for tests), no path, no credentials. */
export function checkServer(server: ServerAccount): string | null {
  let url: URL;
  try {
    url = new URL(server.url);
  } catch {
    return 'url';
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return 'url';
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return 'url';
  // CouchDB database names: lower case letter first, then lower case letters, digits and _$()+-
  if (!/^[a-z][a-z0-9_$()+-]{0,127}$/.test(server.database)) return 'database';
  if (!/^[^\s:]{1,128}$/.test(server.username)) return 'username';
  if (server.password.length < 1 || server.password.length > 256) return 'password';
  return null;
}

export const serverOrigin = (server: Pick<ServerAccount, 'url'>) => new URL(server.url).origin;

/** The coordinator's tablet creates the team and its first key. */
export async function createTeam(store: CaseStore, input: { name: string; server: ServerAccount }): Promise<TeamSettings> {
  const problem = checkServer(input.server);
  if (problem) throw new Error(`the server details are not valid (${problem})`);
  const settings: TeamSettings = {
    teamId: newCaseId(),
    name: input.name.trim(),
    role: 'coordinator',
    tabletId: newCaseId(),
    server: { ...input.server, url: serverOrigin(input.server) },
    keys: [{ version: 1, secret: toBase64(newTeamSecret()) }],
    joinedAt: Date.now(),
  };
  await writeTeamSettings(store, settings);
  await store.audit('team', `create ${settings.teamId}`);
  return settings;
}

/** A one-time passphrase for one enrolment file: 100 random bits, read aloud in groups of five. */
export function enrolmentPassphrase(): string {
  return [newCaseId(), newCaseId()].join('').match(/.{5}/g)!.join('-');
}

function headerText(h: { format: string; version: number; kdf: { algorithm: string; iterations: number; salt: string }; iv: string }): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([h.format, h.version, h.kdf.algorithm, h.kdf.iterations, h.kdf.salt, h.iv]));
}

/** The enrolment file for one joining tablet, with that tablet's own CouchDB account. */
export async function createEnrolment(settings: TeamSettings, account: { username: string; password: string }, passphrase: string): Promise<string> {
  const payload: EnrolmentPayload = {
    teamId: settings.teamId,
    name: settings.name,
    key: settings.keys.reduce((best, k) => (k.version > best.version ? k : best)),
    server: { url: settings.server.url, database: settings.server.database, username: account.username, password: account.password },
    issuedAt: Date.now(),
  };
  const problem = checkServer(payload.server);
  if (problem) throw new Error(`the tablet's account is not valid (${problem})`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = { format: ENROLMENT_FORMAT, version: ENROLMENT_VERSION, kdf: { algorithm: 'PBKDF2-SHA-256' as const, iterations: MIN_PBKDF2_ITERATIONS, salt: toBase64(salt) }, iv: toBase64(iv) };
  const key = await derivePassphraseKey(passphrase, { algorithm: 'PBKDF2-SHA-256', iterations: MIN_PBKDF2_ITERATIONS, salt });
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerText(header) }, key, new TextEncoder().encode(JSON.stringify(payload))));
  return JSON.stringify({ ...header, data: toBase64(data) });
}

/** Opens and checks an enrolment file completely; throws EnrolmentError saying what is wrong. */
export async function openEnrolment(text: string, passphrase: string): Promise<EnrolmentPayload> {
  if (text.length > MAX_ENROLMENT_BYTES) throw new EnrolmentError('too_large', 'this file is too large to be an enrolment file');
  let file: { format?: unknown; version?: unknown; kdf?: { algorithm?: unknown; iterations?: unknown; salt?: unknown }; iv?: unknown; data?: unknown };
  try {
    file = JSON.parse(text) as typeof file;
  } catch {
    throw new EnrolmentError('not_enrolment', 'this is not an enrolment file, or it is truncated');
  }
  if (file?.format !== ENROLMENT_FORMAT) throw new EnrolmentError('not_enrolment', 'this is not a team enrolment file');
  if (file.version !== ENROLMENT_VERSION) throw new EnrolmentError('version', `this enrolment file has version ${String(file.version)}; this app reads version ${ENROLMENT_VERSION}`);
  if (!file.kdf || typeof file.kdf.salt !== 'string' || typeof file.iv !== 'string' || typeof file.data !== 'string' || typeof file.kdf.iterations !== 'number') {
    throw new EnrolmentError('damaged', 'the enrolment file is damaged (header incomplete)');
  }
  if (file.kdf.iterations > MAX_ENROLMENT_ITERATIONS) throw new EnrolmentError('kdf', `the enrolment file asks for ${file.kdf.iterations} iterations; refused`);
  let kdf: KdfParams;
  let iv: Uint8Array<ArrayBuffer>;
  let data: Uint8Array<ArrayBuffer>;
  try {
    kdf = { algorithm: file.kdf.algorithm as KdfParams['algorithm'], iterations: file.kdf.iterations, salt: fromBase64(file.kdf.salt) };
    iv = fromBase64(file.iv);
    data = fromBase64(file.data);
  } catch {
    throw new EnrolmentError('damaged', 'the enrolment file is damaged (not base64)');
  }
  try {
    checkKdfParams(kdf);
  } catch (error) {
    throw new EnrolmentError('kdf', `the enrolment file is refused: ${(error as Error).message}`);
  }
  const key = await derivePassphraseKey(passphrase.trim().toUpperCase(), kdf);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: headerText(file as Parameters<typeof headerText>[0]) }, key, data);
  } catch {
    throw new EnrolmentError('passphrase', 'the enrolment file does not open: wrong passphrase, or the file was altered');
  }
  const payload = JSON.parse(new TextDecoder().decode(plaintext)) as EnrolmentPayload;
  if (typeof payload?.teamId !== 'string' || typeof payload.key?.secret !== 'string' || fromBase64(payload.key.secret).length !== TEAM_SECRET_BYTES || !payload.server || checkServer(payload.server)) {
    throw new EnrolmentError('damaged', 'the enrolment file is damaged (its content is incomplete)');
  }
  return payload;
}

/** A tablet joins (or, after a key rotation, re-joins) with an opened enrolment file. */
export async function joinTeam(store: CaseStore, payload: EnrolmentPayload, previous: TeamSettings | null): Promise<TeamSettings> {
  const settings: TeamSettings = {
    teamId: payload.teamId,
    name: payload.name,
    role: previous?.teamId === payload.teamId ? previous.role : 'member',
    tabletId: previous?.teamId === payload.teamId ? previous.tabletId : newCaseId(),
    server: payload.server,
    keys: [payload.key],
    joinedAt: Date.now(),
  };
  await writeTeamSettings(store, settings);
  await store.audit('team', `join ${settings.teamId} key ${payload.key.version}`);
  return settings;
}

/** The local database (PouchDB, IndexedDB) that holds this team's sealed documents. */
export const localDatabaseName = (settings: Pick<TeamSettings, 'teamId'>) => `team-${settings.teamId}`;

/** What the team screens can do; the app implements it (src/app/use-team-sync.ts) and loads PouchDB only inside it. */
export interface TeamController {
  settings: TeamSettings | null;
  status: SyncStatus | null;
  /** The sync servers this build's Content-Security-Policy allows. */
  allowedOrigins: string[];
  create(input: { name: string; server: ServerAccount }): Promise<void>;
  join(text: string, passphrase: string): Promise<void>;
  enrol(account: { username: string; password: string }): Promise<{ file: string; passphrase: string }>;
  rotate(): Promise<void>;
  leave(): Promise<{ erased: number }>;
  teamStatistics(): Promise<StatsRecord[]>;
}
