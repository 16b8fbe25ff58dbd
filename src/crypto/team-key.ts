/**
 * The team key: what lets the tablets of one team read each other's documents on
 * the sync server, which itself holds only random ids and ciphertext.
 *
 * - One random 256-bit secret per team and per rotation ("key version"). It has to
 *   leave the device once per joining tablet, inside an enrolment file, so it exists
 *   as raw bytes: sealed under the tablet's own data key at rest and opened only to
 *   write an enrolment file. The keys that are used every day are derived from it
 *   with HKDF and imported non-extractable: nothing running in the page can read
 *   them back.
 * - Document ids are an HMAC of the record's kind and id under the team key: random
 *   to the server, the same on every tablet of the team (so two tablets editing one
 *   case write the same document and CouchDB sees the conflict), different after a
 *   rotation.
 * - A document body is one AES-256-GCM envelope. Its associated data binds it to the
 *   team, the key version and the document id, so a body copied to another document
 *   or another team does not open. The record's kind (case, referral, statistics,
 *   directory) is inside the ciphertext, not beside it: GCM authenticates it all the
 *   same, and the server does not learn which documents are cases.
 * - The plaintext is padded to a size bucket so that the length of a document says
 *   little about how many answers a case holds.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const TEAM_SECRET_BYTES = 32;

export interface TeamKeys {
  teamId: string;
  version: number;
  seal: CryptoKey;
  ids: CryptoKey;
}

/** What the server stores as a document's body. `k` is the key version: the only thing in clear. */
export interface SealedBody {
  v: 1;
  k: number;
  iv: string;
  data: string;
}

export class TeamKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamKeyError';
  }
}

export function newTeamSecret(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(TEAM_SECRET_BYTES));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The everyday keys of a team, derived from its secret; neither can be exported. */
export async function deriveTeamKeys(secret: Uint8Array<ArrayBuffer>, teamId: string, version: number): Promise<TeamKeys> {
  if (secret.length !== TEAM_SECRET_BYTES) throw new TeamKeyError(`a team key has ${TEAM_SECRET_BYTES} bytes, not ${secret.length}`);
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const salt = encoder.encode(`screening-448-1/team/${teamId}/${version}`);
  const [seal, ids] = await Promise.all([
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode('documents/aes-gcm/v1') }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode('document-ids/hmac/v1') }, material, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  ]);
  return { teamId, version, seal, ids };
}

/** A document id for a record: 32 hex digits, the same on every tablet holding this key. */
export async function documentId(keys: TeamKeys, kind: string, id: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.ids, encoder.encode(`${kind}\u0000${id}`)));
  return [...mac.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function associatedData(teamId: string, version: number, docId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`screening-448-1/team-document/v1\u0000${teamId}\u0000${version}\u0000${docId}`);
}

/** Sizes are rounded up: to 1 KiB below 16 KiB, to 4 KiB above. */
export function paddedLength(length: number): number {
  const step = length < 16 * 1024 ? 1024 : 4096;
  return Math.ceil((length + 1) / step) * step;
}

export async function sealDocument(keys: TeamKeys, docId: string, value: unknown): Promise<SealedBody> {
  const json = encoder.encode(JSON.stringify(value));
  // JSON never ends in a space: trailing spaces are padding, removed on opening.
  const plaintext = new Uint8Array(paddedLength(json.length)).fill(0x20);
  plaintext.set(json);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(keys.teamId, keys.version, docId) }, keys.seal, plaintext));
  return { v: 1, k: keys.version, iv: toBase64(iv), data: toBase64(data) };
}

export function isSealedBody(body: unknown): body is SealedBody {
  const b = body as Partial<SealedBody> | null;
  return !!b && b.v === 1 && Number.isInteger(b.k) && typeof b.iv === 'string' && typeof b.data === 'string';
}

/** Opens a document body; throws TeamKeyError when it is not this team's, not this key's, or was altered or moved. */
export async function openDocument<T>(keys: TeamKeys, docId: string, body: unknown): Promise<T> {
  if (!isSealedBody(body)) throw new TeamKeyError(`document ${docId} is not a sealed team document`);
  if (body.k !== keys.version) throw new TeamKeyError(`document ${docId} is sealed with team key version ${body.k}; this tablet has version ${keys.version}`);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(body.iv), additionalData: associatedData(keys.teamId, keys.version, docId) }, keys.seal, fromBase64(body.data));
  } catch {
    throw new TeamKeyError(`document ${docId} does not open with this tablet's team key`);
  }
  return JSON.parse(decoder.decode(plaintext).trimEnd()) as T;
}
