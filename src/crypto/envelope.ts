/**
 * WebCrypto only. A random AES-256-GCM data key encrypts every record; a key
 * derived from the officer's passphrase (PBKDF2-HMAC-SHA-256, at least the
 * OWASP ASVS 5.0 minimum) wraps it. The passphrase is checked by whether the
 * unwrap succeeds: no hash of it is stored. Each ciphertext is bound to where it
 * belongs (table, id, schema version) as associated data, so a record copied to
 * another id or table does not decrypt.
 */

/** OWASP ASVS 5.0 Appendix C: PBKDF2-HMAC-SHA-256 with at least 600,000 iterations. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

export interface KdfParams {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
}

export interface WrappedKey {
  kdf: KdfParams;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: Uint8Array<ArrayBuffer>;
}

export interface Envelope {
  v: 1;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

export class CryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CryptoError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

export function checkKdfParams(kdf: KdfParams): void {
  if (kdf.algorithm !== 'PBKDF2-SHA-256') throw new CryptoError(`unsupported key derivation "${String(kdf.algorithm)}"`);
  if (!Number.isInteger(kdf.iterations) || kdf.iterations < MIN_PBKDF2_ITERATIONS) {
    throw new CryptoError(`key derivation with ${kdf.iterations} iterations is below the minimum of ${MIN_PBKDF2_ITERATIONS}; refused`);
  }
  if (!(kdf.salt instanceof Uint8Array) || kdf.salt.length < 16) throw new CryptoError('key derivation salt must be at least 16 bytes');
}

async function deriveWrappingKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  checkKdfParams(kdf);
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: kdf.salt, iterations: kdf.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

const WRAP_CONTEXT = encoder.encode('screening-448-1/data-key/v1');

/** A new data key, wrapped by the passphrase. Returns the usable key too. */
export async function createDataKey(passphrase: string, iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const kdf: KdfParams = { algorithm: 'PBKDF2-SHA-256', iterations, salt: randomBytes(16) };
  const wrappingKey = await deriveWrappingKey(passphrase, kdf);
  const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const iv = randomBytes(12);
  const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', extractable, wrappingKey, { name: 'AES-GCM', iv, additionalData: WRAP_CONTEXT }));
  // The key kept in memory cannot be exported by anything running in the page.
  const key = await unwrap(wrapped, iv, wrappingKey);
  return { key, wrapped: { kdf, iv, wrapped } };
}

function unwrap(wrapped: Uint8Array<ArrayBuffer>, iv: Uint8Array<ArrayBuffer>, wrappingKey: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', wrapped, wrappingKey, { name: 'AES-GCM', iv, additionalData: WRAP_CONTEXT }, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The data key, or null when the passphrase is wrong. Parameters below the minimum throw. */
export async function unwrapDataKey(passphrase: string, wrapped: WrappedKey): Promise<CryptoKey | null> {
  const wrappingKey = await deriveWrappingKey(passphrase, wrapped.kdf);
  try {
    return await unwrap(wrapped.wrapped, wrapped.iv, wrappingKey);
  } catch {
    return null;
  }
}

/**
 * The same data key under a new passphrase: nothing else is re-encrypted. The
 * key is made extractable only inside this function, to be wrapped again, and
 * the key returned is not. Null when the current passphrase is wrong.
 */
export async function rewrapDataKey(
  current: string,
  wrapped: WrappedKey,
  next: string,
  iterations = DEFAULT_PBKDF2_ITERATIONS,
): Promise<{ key: CryptoKey; wrapped: WrappedKey } | null> {
  const currentKey = await deriveWrappingKey(current, wrapped.kdf);
  let extractable: CryptoKey;
  try {
    extractable = await crypto.subtle.unwrapKey('raw', wrapped.wrapped, currentKey, { name: 'AES-GCM', iv: wrapped.iv, additionalData: WRAP_CONTEXT }, { name: 'AES-GCM', length: 256 }, true, [
      'encrypt',
      'decrypt',
    ]);
  } catch {
    return null;
  }
  const kdf: KdfParams = { algorithm: 'PBKDF2-SHA-256', iterations, salt: randomBytes(16) };
  const nextKey = await deriveWrappingKey(next, kdf);
  const iv = randomBytes(12);
  const rewrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', extractable, nextKey, { name: 'AES-GCM', iv, additionalData: WRAP_CONTEXT }));
  return { key: await unwrap(rewrapped, iv, nextKey), wrapped: { kdf, iv, wrapped: rewrapped } };
}

/** Where a record belongs; a ciphertext only opens at the same place. */
export interface RecordAddress {
  table: string;
  id: string;
  schema: number;
}

function associatedData(address: RecordAddress): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${address.table}\u0000${address.id}\u0000${address.schema}`);
}

function pad(bytes: Uint8Array<ArrayBuffer>, padTo: number): Uint8Array<ArrayBuffer> {
  const extra = padTo > 0 ? (padTo - (bytes.length % padTo)) % padTo : 0;
  if (extra === 0) return bytes;
  const padded = new Uint8Array(bytes.length + extra);
  padded.set(bytes);
  return padded.fill(0x20, bytes.length);
}

/**
 * Record IVs, drawn from the system's random source 1,024 at a time: one call
 * per record cost a restore of 20,000 cases (40,000 records) about a second on
 * a slow tablet. Each IV is 96 random bits handed out once, as AES-GCM needs.
 */
const IV_LENGTH = 12;
const IV_BATCH = 1024;
let ivPool = new Uint8Array(0);
let ivNext = 0;
export function recordIv(): Uint8Array<ArrayBuffer> {
  if (ivNext + IV_LENGTH > ivPool.length) {
    ivPool = randomBytes(IV_LENGTH * IV_BATCH);
    ivNext = 0;
  }
  // A copy: the envelope keeps its IV, and the pool's bytes are never handed out twice.
  const iv = ivPool.slice(ivNext, ivNext + IV_LENGTH);
  ivNext += IV_LENGTH;
  return iv;
}

/**
 * `padTo` rounds the plaintext up to a multiple of that many bytes with trailing
 * spaces (which JSON.parse ignores), so that a ciphertext's length does not tell
 * a status, a referral or a date format from another.
 */
export async function seal(key: CryptoKey, value: unknown, address: RecordAddress, padTo = 0): Promise<Envelope> {
  const iv = recordIv();
  const plaintext = pad(encoder.encode(JSON.stringify(value)), padTo);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(address) }, key, plaintext));
  return { v: 1, iv, data };
}

export async function open<T>(key: CryptoKey, envelope: Envelope, address: RecordAddress): Promise<T> {
  if (envelope?.v !== 1 || !(envelope.iv instanceof Uint8Array) || !(envelope.data instanceof Uint8Array)) {
    throw new CryptoError(`record ${address.table}/${address.id} is not an encrypted envelope`);
  }
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: envelope.iv, additionalData: associatedData(address) }, key, envelope.data);
  } catch {
    throw new CryptoError(`record ${address.table}/${address.id} does not decrypt: it was altered, moved from another record, or sealed with another key`);
  }
  return JSON.parse(decoder.decode(plaintext)) as T;
}

/**
 * An AES-256-GCM key from a passphrase chosen for one file (a backup, a team
 * enrolment): the same key derivation and minimum as the vault's, never below it.
 */
export async function derivePassphraseKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  checkKdfParams(kdf);
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: kdf.salt, iterations: kdf.iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
