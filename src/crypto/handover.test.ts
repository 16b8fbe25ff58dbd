import { describe, expect, it } from 'vitest';
import {
  base32,
  checkPublicKey,
  fingerprintOf,
  generateIdentity,
  HandoverError,
  identityFromSecrets,
  MAX_PACKAGE_BYTES,
  newPackageId,
  openPackage,
  openSecret,
  packageMeta,
  parsePublicKey,
  sealPackage,
  sealSecret,
  type HandoverErrorCode,
  type TabletIdentity,
} from './handover';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;
const DAY = 86_400_000;
const BODY = { reference: 'TR-7QK2-M9XD', place: 'Port de Tanger Med', officer: 'Brigadier Nadia Alaoui', notes: ['Elle dort au dépôt de la rue des Orangers'] };

async function refusal(promise: Promise<unknown>): Promise<{ code: HandoverErrorCode; expiredAt?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HandoverError) return { code: error.code, expiredAt: error.expiredAt };
    throw error;
  }
  throw new Error('the package opened; it should have been refused');
}

async function identity(): Promise<TabletIdentity> {
  return (await generateIdentity()).identity;
}

/** SHA-256 over everything but the checksum, recomputed as an attacker who knows the format would. */
async function withChecksum(file: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const body = file.slice(0, file.length - 32);
  const out = new Uint8Array(file.length);
  out.set(body);
  out.set(new Uint8Array(await crypto.subtle.digest('SHA-256', body)), body.length);
  return out;
}

/**
 * Decrypts a package with the key it was addressed to and encrypts the same
 * signed content to another key, following the documented file layout.
 */
async function repack(file: Uint8Array<ArrayBuffer>, holder: TabletIdentity, to: string): Promise<Uint8Array<ArrayBuffer>> {
  const ECDH = { name: 'ECDH', namedCurve: 'P-256' };
  const te = new TextEncoder();
  const derive = async (priv: CryptoKey, pub: CryptoKey, ephemeralRaw: Uint8Array<ArrayBuffer>, recipientSpki: Uint8Array<ArrayBuffer>) => {
    const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: pub }, priv, 256);
    const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits', 'deriveKey']);
    const salt = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([...ephemeralRaw, ...recipientSpki])));
    const key = await crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: te.encode('RPKG1 content key') }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const tag = new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: te.encode('RPKG1 recipient tag') }, hkdf, 128));
    return { key, tag };
  };
  const ephemeralRaw = file.slice(5, 70);
  const iv = file.slice(86, 98);
  const ephemeral = await crypto.subtle.importKey('raw', ephemeralRaw, ECDH, false, []);
  const { key } = await derive(holder.agreement, ephemeral, ephemeralRaw, parsePublicKey(holder.publicKey).agreementSpki);
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: file.slice(0, 98) }, key, file.slice(98, file.length - 32)));

  const target = parsePublicKey(to).agreementSpki;
  const targetKey = await crypto.subtle.importKey('spki', target, ECDH, false, []);
  const fresh = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const freshRaw = new Uint8Array(await crypto.subtle.exportKey('raw', fresh.publicKey));
  const next = await derive(fresh.privateKey, targetKey, freshRaw, target);
  const newIv = crypto.getRandomValues(new Uint8Array(12));
  const header = new Uint8Array([...file.slice(0, 5), ...freshRaw, ...next.tag, ...newIv]);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: newIv, additionalData: header }, next.key, plain));
  return withChecksum(new Uint8Array([...header, ...ciphertext, ...new Uint8Array(32)]));
}

describe('service keys and fingerprints', () => {
  it('a public key is one line; its fingerprint is 6 groups of 4 Crockford characters, stable and different per key', async () => {
    const police = await identity();
    const shelter = await identity();
    expect(police.publicKey).toMatch(/^SK1\.[\w-]{122}\.[\w-]{122}$/);
    expect(police.fingerprint).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await fingerprintOf(police.publicKey)).toBe(police.fingerprint);
    expect(shelter.fingerprint).not.toBe(police.fingerprint);
    expect(await checkPublicKey(`  ${police.publicKey}\n`)).toBe(police.publicKey);
  });

  it('base32 packs bits (not one character per byte) in the alphabet without I, L, O, U', () => {
    expect(base32(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(base32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe('ZZZZZZZZ');
    expect(base32(new Uint8Array([0x84, 0x21, 0x08, 0x42, 0x10]))).toBe('GGGGGGGG');
    expect(newPackageId()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('refuses a key that is not a P-256 key or whose point is off the curve', async () => {
    const { publicKey } = await identity();
    expect(() => parsePublicKey('hello')).toThrow(HandoverError);
    // Same length, other curve prefix.
    expect(() => parsePublicKey(publicKey.replace('SK1.MF', 'SK1.MG'))).toThrow(/not a P-256/);
    // The last coordinate changed: the prefix is right, the point is not on the curve.
    const [, a, s] = publicKey.split('.') as [string, string, string];
    const offCurve = `SK1.${a.slice(0, -4)}${a.slice(-4) === 'AAAA' ? 'AAAB' : 'AAAA'}.${s}`;
    expect((await refusal(checkPublicKey(offCurve))).code).toBe('format');
  });

  it('the private keys in memory cannot be exported, and sealed under the data key they open only at their own place', async () => {
    const { identity: fresh, secrets } = await generateIdentity();
    expect(fresh.agreement.extractable).toBe(false);
    expect(fresh.signing.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', fresh.signing)).rejects.toThrow();

    const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const pkcs8 = secrets.agreementPkcs8.slice();
    const where = { table: 'handoverKeys', id: 'agreement', schema: 1 };
    const sealed = await sealSecret(dataKey, secrets.agreementPkcs8, where);
    expect(secrets.agreementPkcs8.every((b) => b === 0)).toBe(true); // wiped after sealing
    expect(await openSecret(dataKey, sealed, where)).toEqual(pkcs8);
    expect((await refusal(openSecret(dataKey, sealed, { ...where, id: 'signing' }))).code).toBe('damaged');

    // Re-imported from the sealed bytes, the identity still opens what was sent to it.
    const signingSealed = await sealSecret(dataKey, secrets.signingPkcs8, { ...where, id: 'signing' });
    const restored = await identityFromSecrets({
      agreementPkcs8: await openSecret(dataKey, sealed, where),
      signingPkcs8: await openSecret(dataKey, signingSealed, { ...where, id: 'signing' }),
      publicKey: secrets.publicKey,
    });
    const sender = await identity();
    const file = await sealPackage(packageMeta('referral'), encode(BODY), sender, restored.publicKey);
    expect(decode((await openPackage(file, restored)).body)).toEqual(BODY);
  });
});

describe('referral packages', () => {
  it('the recipient opens it and sees who signed it; the bytes hold none of the content in clear', async () => {
    const police = await identity();
    const shelter = await identity();
    const meta = packageMeta('referral', 14, Date.UTC(2026, 10, 1));
    const file = await sealPackage(meta, encode(BODY), police, shelter.publicKey);
    const opened = await openPackage(file, shelter, Date.UTC(2026, 10, 2));
    expect(opened.meta).toEqual(meta);
    expect(opened.sender).toEqual({ publicKey: police.publicKey, fingerprint: police.fingerprint });
    expect(decode(opened.body)).toEqual(BODY);

    const asText = new TextDecoder('latin1').decode(file);
    for (const secret of ['TR-7QK2', 'Tanger', 'Nadia', 'Alaoui', 'Orangers', meta.id, police.publicKey.slice(4, 30), shelter.publicKey.slice(4, 30)]) expect(asText).not.toContain(secret);
    expect(asText.startsWith('RPKG')).toBe(true);
  });

  it('a third key cannot open it: "not addressed to this service"', async () => {
    const [police, shelter, other] = await Promise.all([identity(), identity(), identity()]);
    const file = await sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey);
    expect((await refusal(openPackage(file, other))).code).toBe('not_addressed');
    // Not even the sender can open what it sent: its key pair for the package is gone.
    expect((await refusal(openPackage(file, police))).code).toBe('not_addressed');
  });

  it('any one byte changed, anywhere in the file, is refused', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    const file = await sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey);
    const codes = new Set<string>();
    for (let position = 0; position < file.length; position += 7) {
      const tampered = file.slice();
      tampered[position]! ^= 0x01;
      const { code } = await refusal(openPackage(tampered, shelter));
      codes.add(code);
      expect(code, `byte ${position}`).toBe(position < 5 ? 'format' : 'damaged');
    }
    expect(codes.has('damaged')).toBe(true);
  });

  it('an attacker who also recomputes the checksum still gets nothing past decryption', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    const file = await sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey);
    const inCiphertext = file.slice();
    inCiphertext[120]! ^= 0x80;
    expect((await refusal(openPackage(await withChecksum(inCiphertext), shelter))).code).toBe('damaged');
    const inIv = file.slice();
    inIv[90]! ^= 0x80;
    expect((await refusal(openPackage(await withChecksum(inIv), shelter))).code).toBe('damaged');
    const inTag = file.slice();
    inTag[75]! ^= 0x80;
    expect((await refusal(openPackage(await withChecksum(inTag), shelter))).code).toBe('not_addressed');
  });

  it('a package signed by someone pretending to be a known tablet is refused', async () => {
    const [police, shelter, impostor] = await Promise.all([identity(), identity(), identity()]);
    // The impostor puts the police tablet's public key in the package but can only sign with its own key.
    const forged = await sealPackage(packageMeta('referral'), encode(BODY), { ...impostor, publicKey: police.publicKey }, shelter.publicKey);
    expect((await refusal(openPackage(forged, shelter))).code).toBe('damaged');
  });

  it('a package signed for another service is refused even when re-encrypted to this one', async () => {
    const [police, shelter, other] = await Promise.all([identity(), identity(), identity()]);
    // "other" received a genuine package and re-packs its content for the shelter, as a forwarder could.
    const genuine = await sealPackage(packageMeta('referral'), encode(BODY), police, other.publicKey);
    const forwarded = await repack(genuine, other, shelter.publicKey);
    const error = await openPackage(forwarded, shelter).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HandoverError);
    expect((error as HandoverError).code).toBe('damaged');
    expect((error as HandoverError).message).toMatch(/signed for another recipient/);
    // The same re-packing to the recipient it was signed for opens: the test's re-packing is faithful.
    expect(decode((await openPackage(await repack(genuine, other, other.publicKey), other)).body)).toEqual(BODY);
  });

  it('after its expiry date it is refused with that date; before, it opens', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    const made = Date.UTC(2026, 0, 10, 9);
    const meta = packageMeta('referral', 14, made);
    const file = await sealPackage(meta, encode(BODY), police, shelter.publicKey);
    expect((await openPackage(file, shelter, made + 14 * DAY - 1)).meta.id).toBe(meta.id);
    const refused = await refusal(openPackage(file, shelter, made + 14 * DAY + 1));
    expect(refused).toEqual({ code: 'expired', expiredAt: made + 14 * DAY });
  });

  it('refuses an expiry beyond 90 days, a wrong format, a truncated file and an oversized one', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    expect((await refusal(sealPackage(packageMeta('referral', 91), encode(BODY), police, shelter.publicKey))).code).toBe('format');
    const file = await sealPackage(packageMeta('ack', 30), encode({ ok: true }), police, shelter.publicKey);
    expect((await openPackage(file, shelter)).meta.kind).toBe('ack');
    expect((await refusal(openPackage(new TextEncoder().encode('{"format":"screening-448-1-directory"}'), shelter))).code).toBe('format');
    expect((await refusal(openPackage(file.slice(0, 200), shelter))).code).toBe('format');
    expect((await refusal(openPackage(file.slice(0, file.length - 1), shelter))).code).toBe('damaged');
    const huge = new Uint8Array(MAX_PACKAGE_BYTES + 1);
    huge.set(file);
    expect((await refusal(openPackage(huge, shelter))).code).toBe('too_large');
  });

  it('a small file that would unfold into a huge body is refused, not unfolded', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    const bomb = new Uint8Array(3 * 1024 * 1024); // 3 MB of zeros compresses to a few kilobytes
    const file = await sealPackage(packageMeta('referral'), bomb, police, shelter.publicKey);
    expect(file.length).toBeLessThan(10_000);
    expect((await refusal(openPackage(file, shelter))).code).toBe('too_large');
  });

  it('two packages of the same body differ completely (fresh ephemeral key, IV and id)', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    const a = await sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey);
    const b = await sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey);
    expect(Buffer.from(a.subarray(5, 70)).equals(Buffer.from(b.subarray(5, 70)))).toBe(false);
  });
});

describe('an old browser', () => {
  it('without CompressionStream neither makes nor opens a package, and says why', async () => {
    const [police, shelter] = await Promise.all([identity(), identity()]);
    const file = await sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey);
    const saved = { c: globalThis.CompressionStream, d: globalThis.DecompressionStream };
    try {
      // @ts-expect-error: the test removes what an old browser lacks
      delete globalThis.CompressionStream;
      // @ts-expect-error: as above
      delete globalThis.DecompressionStream;
      expect((await refusal(sealPackage(packageMeta('referral'), encode(BODY), police, shelter.publicKey))).code).toBe('unsupported');
      expect((await refusal(openPackage(file, shelter))).code).toBe('unsupported');
    } finally {
      globalThis.CompressionStream = saved.c;
      globalThis.DecompressionStream = saved.d;
    }
    expect((await openPackage(file, shelter)).meta.kind).toBe('referral');
  });
});
