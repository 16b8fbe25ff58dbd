/**
 * Hand-over between organisations: a referral travels from one tablet to
 * another as one file that only the receiving service can open, signed by the
 * sending tablet. WebCrypto only.
 *
 * Choice: ECDH P-256 (ephemeral-static) + HKDF-SHA-256 → AES-256-GCM, with
 * ECDSA P-256 / SHA-256 signatures (README, "Hand-over between services", says why):
 * - every browser the tablets run (Chrome on Android, Safari on iPad) has had
 *   P-256 ECDH/ECDSA, HKDF and AES-GCM in WebCrypto for years; X25519/Ed25519
 *   arrived too recently to rely on;
 * - a public key is 91 bytes (SPKI), so a service key fits one small QR code,
 *   where an RSA-3072 key (422 bytes) needs a dense one;
 * - the sender's key pair for each package is ephemeral and dropped at once: a
 *   seized sending tablet cannot decrypt what it sent.
 *
 * A tablet has one identity: an ECDH key pair (packages are encrypted to it) and
 * an ECDSA key pair (it signs what it sends). Its public form is one line of text,
 * `SK1.<agreement SPKI>.<signing SPKI>` (base64url), and its fingerprint is 24
 * characters of Crockford base32 from SHA-256 of both SPKIs, read aloud by phone.
 *
 * The file (nothing outside says what it is about, who sent it or to whom):
 *
 *   "RPKG" | 0x01 | ephemeral public key (65) | recipient tag (16) | IV (12) | AES-GCM ciphertext | SHA-256 of all before (32)
 *
 * - the checksum tells a damaged file from one addressed to someone else;
 * - the tag (HKDF of the shared secret) lets the recipient see that the package
 *   is for its key without telling anyone else which key that is;
 * - the ciphertext holds the signed part and its signature:
 *     kind (1) | package id (26) | created (8) | expires (8) | SHA-256 of the recipient's public key (32)
 *     | sender agreement SPKI (91) | sender signing SPKI (91) | body length (4) | body (deflate)
 *   The signature covers the recipient, so a package signed for one service
 *   cannot be re-encrypted to another and pass as addressed to it.
 */
import type { Envelope, RecordAddress } from './envelope';

export type HandoverErrorCode = 'format' | 'too_large' | 'damaged' | 'not_addressed' | 'expired' | 'unsupported';

/** A package or key that is refused. `code` is what the screen says; the message is for logs and tests. */
export class HandoverError extends Error {
  constructor(
    readonly code: HandoverErrorCode,
    message: string,
    /** For an expired package: when it expired. */
    readonly expiredAt?: number,
  ) {
    super(message);
    this.name = 'HandoverError';
  }
}

/** The largest package file opened; a referral with every note is a few kilobytes. */
export const MAX_PACKAGE_BYTES = 256 * 1024;
/** The largest body after decompression: a small file cannot unfold into a huge one. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_EXPIRY_DAYS = 14;
/** A package valid for longer than this is refused: a referral is acted on within weeks. */
export const MAX_EXPIRY_DAYS = 90;
const DAY = 24 * 60 * 60 * 1000;

const MAGIC = [0x52, 0x50, 0x4b, 0x47]; // "RPKG": neutral, says nothing about the content
const FORMAT_VERSION = 1;
const EPHEMERAL_LENGTH = 65;
const TAG_LENGTH = 16;
const IV_LENGTH = 12;
const CHECKSUM_LENGTH = 32;
const GCM_TAG_LENGTH = 16;
const HEADER_LENGTH = MAGIC.length + 1 + EPHEMERAL_LENGTH + TAG_LENGTH + IV_LENGTH;
const SPKI_LENGTH = 91;
const SIGNATURE_LENGTH = 64;
const ID_LENGTH = 26;
const SIGNED_FIXED = 1 + ID_LENGTH + 8 + 8 + 32 + SPKI_LENGTH * 2 + 4;
/** The DER prefix of every P-256 SubjectPublicKeyInfo (id-ecPublicKey, prime256v1, uncompressed point follows). */
const P256_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
]);

const KINDS = { referral: 1, ack: 2 } as const;
export type PackageKind = keyof typeof KINDS;

const encoder = new TextEncoder();
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

// ---------------------------------------------------------------- encodings

/** Crockford base32: no I, L, O, U — easy to read aloud over a phone. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new HandoverError('format', 'not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts)));
}

/** A new package id: 128 random bits, in the same alphabet as fingerprints. */
export function newPackageId(): string {
  return base32(crypto.getRandomValues(new Uint8Array(16)));
}

// ---------------------------------------------------------------- public keys

/** One line of text that carries a tablet's two public keys: for the directory, the key file and the QR code. */
export const PUBLIC_KEY_PATTERN = /^SK1\.[A-Za-z0-9_-]{122}\.[A-Za-z0-9_-]{122}$/;

export function publicKeyText(agreementSpki: Uint8Array, signingSpki: Uint8Array): string {
  return `SK1.${toBase64Url(agreementSpki)}.${toBase64Url(signingSpki)}`;
}

function checkSpki(spki: Uint8Array, which: string): void {
  if (spki.length !== SPKI_LENGTH || !equal(spki.subarray(0, P256_SPKI_PREFIX.length), P256_SPKI_PREFIX)) {
    throw new HandoverError('format', `the ${which} key is not a P-256 public key`);
  }
}

export function parsePublicKey(text: string): { agreementSpki: Uint8Array<ArrayBuffer>; signingSpki: Uint8Array<ArrayBuffer> } {
  const trimmed = text.trim();
  if (!PUBLIC_KEY_PATTERN.test(trimmed)) throw new HandoverError('format', 'not a service key (expected "SK1." followed by two base64url keys)');
  const [, agreement, signing] = trimmed.split('.') as [string, string, string];
  const agreementSpki = fromBase64Url(agreement);
  const signingSpki = fromBase64Url(signing);
  checkSpki(agreementSpki, 'encryption');
  checkSpki(signingSpki, 'signing');
  return { agreementSpki, signingSpki };
}

/** Imports both keys: WebCrypto refuses a point that is not on the curve. */
async function importPublicKey(text: string): Promise<{ agreement: CryptoKey; signing: CryptoKey; agreementSpki: Uint8Array<ArrayBuffer>; signingSpki: Uint8Array<ArrayBuffer> }> {
  const { agreementSpki, signingSpki } = parsePublicKey(text);
  try {
    const [agreement, signing] = await Promise.all([
      crypto.subtle.importKey('spki', agreementSpki, ECDH, true, []),
      crypto.subtle.importKey('spki', signingSpki, ECDSA, true, ['verify']),
    ]);
    return { agreement, signing, agreementSpki, signingSpki };
  } catch {
    throw new HandoverError('format', 'the service key is not a valid P-256 key');
  }
}

/** Checks a public key fully (format and curve point); throws a HandoverError("format") otherwise. */
export async function checkPublicKey(text: string): Promise<string> {
  await importPublicKey(text);
  return text.trim();
}

/** 6 groups of 4 Crockford base32 characters (120 bits of SHA-256 of both SPKIs). */
export async function fingerprintOf(publicKey: string): Promise<string> {
  const { agreementSpki, signingSpki } = parsePublicKey(publicKey);
  const digest = await sha256(encoder.encode('SK1 fingerprint\u0000'), agreementSpki, signingSpki);
  return base32(digest.subarray(0, 15)).match(/.{4}/g)!.join('-');
}

// ---------------------------------------------------------------- the tablet's identity

export interface TabletIdentity {
  /** Packages are encrypted to this key pair (private key: deriveBits only, not extractable). */
  agreement: CryptoKey;
  /** What this tablet sends is signed with this private key (not extractable). */
  signing: CryptoKey;
  publicKey: string;
  fingerprint: string;
}

/** The private keys in PKCS #8, for sealing under the device data key; zeroed by sealSecret. */
export interface IdentitySecrets {
  agreementPkcs8: Uint8Array<ArrayBuffer>;
  signingPkcs8: Uint8Array<ArrayBuffer>;
  publicKey: string;
}

/**
 * A new identity for this tablet. The key pairs are generated extractable only
 * long enough to export the private keys for sealing; the identity returned
 * holds non-extractable re-imports.
 */
export async function generateIdentity(): Promise<{ identity: TabletIdentity; secrets: IdentitySecrets }> {
  const [agreementPair, signingPair] = await Promise.all([
    crypto.subtle.generateKey(ECDH, true, ['deriveBits']) as Promise<CryptoKeyPair>,
    crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']) as Promise<CryptoKeyPair>,
  ]);
  const [agreementPkcs8, signingPkcs8, agreementSpki, signingSpki] = await Promise.all([
    crypto.subtle.exportKey('pkcs8', agreementPair.privateKey),
    crypto.subtle.exportKey('pkcs8', signingPair.privateKey),
    crypto.subtle.exportKey('spki', agreementPair.publicKey),
    crypto.subtle.exportKey('spki', signingPair.publicKey),
  ]);
  const secrets: IdentitySecrets = {
    agreementPkcs8: new Uint8Array(agreementPkcs8),
    signingPkcs8: new Uint8Array(signingPkcs8),
    publicKey: publicKeyText(new Uint8Array(agreementSpki), new Uint8Array(signingSpki)),
  };
  const identity = await identityFromSecrets({ ...secrets, agreementPkcs8: secrets.agreementPkcs8.slice(), signingPkcs8: secrets.signingPkcs8.slice() });
  return { identity, secrets };
}

/** Re-imports sealed private keys as non-extractable keys, and zeroes the bytes it was given. */
export async function identityFromSecrets(secrets: IdentitySecrets): Promise<TabletIdentity> {
  try {
    const [agreement, signing, fingerprint] = await Promise.all([
      crypto.subtle.importKey('pkcs8', secrets.agreementPkcs8, ECDH, false, ['deriveBits']),
      crypto.subtle.importKey('pkcs8', secrets.signingPkcs8, ECDSA, false, ['sign']),
      fingerprintOf(secrets.publicKey),
    ]);
    return { agreement, signing, publicKey: secrets.publicKey, fingerprint };
  } finally {
    secrets.agreementPkcs8.fill(0);
    secrets.signingPkcs8.fill(0);
  }
}

function associatedData(address: RecordAddress): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${address.table}\u0000${address.id}\u0000${address.schema}`);
}

/**
 * Seals raw secret bytes (a private key) under the device data key, bound to
 * where they are stored, and zeroes them. Bytes rather than JSON: a JavaScript
 * string holding a private key could not be wiped.
 */
export async function sealSecret(dataKey: CryptoKey, secret: Uint8Array<ArrayBuffer>, address: RecordAddress): Promise<Envelope> {
  try {
    const iv = crypto.getRandomValues(new Uint8Array(IV_LENGTH));
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(address) }, dataKey, secret));
    return { v: 1, iv, data };
  } finally {
    secret.fill(0);
  }
}

export async function openSecret(dataKey: CryptoKey, envelope: Envelope, address: RecordAddress): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: envelope.iv, additionalData: associatedData(address) }, dataKey, envelope.data));
  } catch {
    throw new HandoverError('damaged', `the sealed key ${address.table}/${address.id} does not open: altered, or sealed with another key`);
  }
}

// ---------------------------------------------------------------- compression (bounded)

function checkCompression(): void {
  if (typeof CompressionStream === 'undefined' || typeof DecompressionStream === 'undefined') {
    throw new HandoverError('unsupported', 'this browser has no CompressionStream (Chrome 80 or Safari 16.4 and later have it)');
  }
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  checkCompression();
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, stopping as soon as the output would pass the limit (a "zip bomb" is refused, not unfolded). */
async function inflate(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  checkCompression();
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        throw new HandoverError('too_large', `the content unfolds to more than ${limit} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HandoverError) throw error;
    throw new HandoverError('damaged', 'the content does not decompress');
  }
  return concat(...chunks);
}

// ---------------------------------------------------------------- packages

export interface PackageMeta {
  kind: PackageKind;
  id: string;
  createdAt: number;
  expiresAt: number;
}

export interface OpenedPackage {
  meta: PackageMeta;
  /** Who signed it: compare with the keys in the directory to name the sender. */
  sender: { publicKey: string; fingerprint: string };
  /** The body as the sender wrote it (JSON bytes, checked by the content schema). */
  body: Uint8Array<ArrayBuffer>;
}

const KEY_INFO = encoder.encode('RPKG1 content key');
const TAG_INFO = encoder.encode('RPKG1 recipient tag');
const SIGNATURE_CONTEXT = encoder.encode('RPKG1 signature\u0000');

async function sharedSecrets(privateKey: CryptoKey, publicKey: CryptoKey, ephemeralRaw: Uint8Array, recipientAgreementSpki: Uint8Array): Promise<{ key: CryptoKey; tag: Uint8Array<ArrayBuffer> }> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits', 'deriveKey']);
  // The salt binds both public keys of the exchange (as ECIES does).
  const salt = await sha256(ephemeralRaw, recipientAgreementSpki);
  const [key, tag] = await Promise.all([
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: KEY_INFO }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: TAG_INFO }, hkdf, TAG_LENGTH * 8),
  ]);
  return { key, tag: new Uint8Array(tag) };
}

function checkMeta(meta: PackageMeta): void {
  if (!(meta.kind in KINDS)) throw new HandoverError('format', `unknown package kind "${String(meta.kind)}"`);
  if (!new RegExp(`^[${CROCKFORD}]{${ID_LENGTH}}$`).test(meta.id)) throw new HandoverError('format', 'the package id is not 26 base32 characters');
  if (!Number.isFinite(meta.createdAt) || !Number.isFinite(meta.expiresAt) || meta.createdAt < 0) throw new HandoverError('format', 'the package dates are not dates');
  if (meta.expiresAt <= meta.createdAt || meta.expiresAt - meta.createdAt > MAX_EXPIRY_DAYS * DAY) {
    throw new HandoverError('format', `a package must expire after it is made and within ${MAX_EXPIRY_DAYS} days`);
  }
}

/**
 * Encrypts a body to the recipient's public key, signed by this tablet. The
 * body is the JSON the content layer wrote; it is compressed first.
 */
export async function sealPackage(meta: PackageMeta, body: Uint8Array<ArrayBuffer>, sender: TabletIdentity, recipientPublicKey: string): Promise<Uint8Array<ArrayBuffer>> {
  checkMeta(meta);
  const recipient = await importPublicKey(recipientPublicKey);
  const sending = parsePublicKey(sender.publicKey);
  const compressed = await deflate(body);

  const signed = new Uint8Array(SIGNED_FIXED + compressed.length);
  const view = new DataView(signed.buffer);
  let at = 0;
  signed[at++] = KINDS[meta.kind];
  signed.set(encoder.encode(meta.id), at);
  at += ID_LENGTH;
  view.setFloat64(at, meta.createdAt);
  at += 8;
  view.setFloat64(at, meta.expiresAt);
  at += 8;
  signed.set(await sha256(encoder.encode(recipientPublicKey.trim())), at);
  at += 32;
  signed.set(sending.agreementSpki, at);
  at += SPKI_LENGTH;
  signed.set(sending.signingSpki, at);
  at += SPKI_LENGTH;
  view.setUint32(at, compressed.length);
  at += 4;
  signed.set(compressed, at);
  const signature = new Uint8Array(await crypto.subtle.sign(SIGN, sender.signing, concat(SIGNATURE_CONTEXT, signed)));

  // A fresh key pair for this package only, never stored.
  const ephemeral = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const ephemeralRaw = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const { key, tag } = await sharedSecrets(ephemeral.privateKey, recipient.agreement, ephemeralRaw, recipient.agreementSpki);
  const iv = crypto.getRandomValues(new Uint8Array(IV_LENGTH));
  const header = concat(Uint8Array.from(MAGIC), Uint8Array.from([FORMAT_VERSION]), ephemeralRaw, tag, iv);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, concat(signed, signature)));
  const unchecked = concat(header, ciphertext);
  const file = concat(unchecked, await sha256(unchecked));
  if (file.length > MAX_PACKAGE_BYTES) throw new HandoverError('too_large', `the package would be ${file.length} bytes, over the ${MAX_PACKAGE_BYTES}-byte limit`);
  return file;
}

/**
 * Opens a package addressed to this tablet. Checks, in order: size and format,
 * the checksum (damaged), the recipient tag (not addressed to this service),
 * decryption (altered), the signature and the recipient it names (altered),
 * then the expiry date. Nothing is returned unless every check passes.
 */
export async function openPackage(file: Uint8Array<ArrayBuffer>, own: TabletIdentity, now = Date.now()): Promise<OpenedPackage> {
  if (file.length > MAX_PACKAGE_BYTES) throw new HandoverError('too_large', `the file is ${file.length} bytes, over the ${MAX_PACKAGE_BYTES}-byte limit`);
  const minimum = HEADER_LENGTH + SIGNED_FIXED + SIGNATURE_LENGTH + GCM_TAG_LENGTH + CHECKSUM_LENGTH;
  if (file.length < minimum || !MAGIC.every((b, i) => file[i] === b)) throw new HandoverError('format', 'not a referral package');
  if (file[MAGIC.length] !== FORMAT_VERSION) throw new HandoverError('format', `package format version ${file[MAGIC.length]} is not supported`);
  const unchecked = file.subarray(0, file.length - CHECKSUM_LENGTH);
  if (!equal(await sha256(unchecked), file.subarray(file.length - CHECKSUM_LENGTH))) throw new HandoverError('damaged', 'the checksum does not match');

  let at = MAGIC.length + 1;
  const ephemeralRaw = file.slice(at, (at += EPHEMERAL_LENGTH));
  const tag = file.slice(at, (at += TAG_LENGTH));
  const iv = file.slice(at, (at += IV_LENGTH));
  const header = file.slice(0, HEADER_LENGTH);
  const ciphertext = file.slice(HEADER_LENGTH, file.length - CHECKSUM_LENGTH);

  let ephemeral: CryptoKey;
  try {
    ephemeral = await crypto.subtle.importKey('raw', ephemeralRaw, ECDH, false, []);
  } catch {
    throw new HandoverError('damaged', 'the sender key of the package is not a valid point');
  }
  const ownKeys = parsePublicKey(own.publicKey);
  const secrets = await sharedSecrets(own.agreement, ephemeral, ephemeralRaw, ownKeys.agreementSpki);
  if (!equal(secrets.tag, tag)) throw new HandoverError('not_addressed', 'the package was encrypted to another key');

  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header }, secrets.key, ciphertext));
  } catch {
    throw new HandoverError('damaged', 'the content does not decrypt: altered');
  }
  if (plain.length < SIGNED_FIXED + SIGNATURE_LENGTH) throw new HandoverError('damaged', 'the content is too short');
  const signed = plain.subarray(0, plain.length - SIGNATURE_LENGTH);
  const signature = plain.slice(plain.length - SIGNATURE_LENGTH);
  const view = new DataView(signed.buffer, signed.byteOffset, signed.byteLength);
  let p = 0;
  const kindByte = signed[p++];
  const kind = (Object.keys(KINDS) as PackageKind[]).find((k) => KINDS[k] === kindByte);
  const id = new TextDecoder().decode(signed.subarray(p, (p += ID_LENGTH)));
  const createdAt = view.getFloat64(p);
  p += 8;
  const expiresAt = view.getFloat64(p);
  p += 8;
  const recipientHash = signed.subarray(p, (p += 32));
  const senderAgreement = signed.slice(p, (p += SPKI_LENGTH));
  const senderSigning = signed.slice(p, (p += SPKI_LENGTH));
  const bodyLength = view.getUint32(p);
  p += 4;
  if (bodyLength !== signed.length - p) throw new HandoverError('damaged', 'the body length does not match');
  const compressed = signed.slice(p);

  checkSpki(senderAgreement, 'sender encryption');
  checkSpki(senderSigning, 'sender signing');
  const senderKey = publicKeyText(senderAgreement, senderSigning);
  let verified = false;
  try {
    const verifier = await crypto.subtle.importKey('spki', senderSigning, ECDSA, false, ['verify']);
    verified = await crypto.subtle.verify(SIGN, verifier, signature, concat(SIGNATURE_CONTEXT, signed));
  } catch {
    verified = false;
  }
  if (!verified) throw new HandoverError('damaged', 'the signature does not match the content');
  // Signed for another recipient and re-encrypted to this one: someone altered its path.
  if (!equal(recipientHash, await sha256(encoder.encode(own.publicKey)))) throw new HandoverError('damaged', 'the package was signed for another recipient');
  if (!kind) throw new HandoverError('format', `unknown package kind ${String(kindByte)}`);
  const meta: PackageMeta = { kind, id, createdAt, expiresAt };
  checkMeta(meta);
  if (now > expiresAt) throw new HandoverError('expired', `the package expired on ${new Date(expiresAt).toISOString()}`, expiresAt);

  const body = await inflate(compressed, MAX_BODY_BYTES);
  return { meta, sender: { publicKey: senderKey, fingerprint: await fingerprintOf(senderKey) }, body };
}

/** Meta for a new package: a fresh id, made now, expiring after `days`. */
export function packageMeta(kind: PackageKind, days = DEFAULT_EXPIRY_DAYS, now = Date.now(), id = newPackageId()): PackageMeta {
  return { kind, id, createdAt: now, expiresAt: now + days * DAY };
}
