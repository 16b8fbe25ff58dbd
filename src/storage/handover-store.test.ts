import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateIdentity, openPackage, packageMeta, sealPackage } from '../crypto/handover';
import type { ReferralBody } from '../content/handover-package';
import { ScreeningDb } from './db';
import { createVault, unlockVault } from './vault';

const PASSPHRASE = 'tablet passphrase of four words';
let n = 0;

/** Every value of every hand-over row, binary decoded as text, as someone reading the raw database would see it. */
async function rawHandover(db: ScreeningDb): Promise<string> {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) parts.push(new TextDecoder('latin1').decode(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    else parts.push(String(value));
  };
  for (const table of [db.handoverKeys, db.handoverIncoming, db.handoverSent]) (await table.toArray()).forEach(walk);
  return parts.join('\n');
}

const body = { caseReference: 'TR-7QK2-M9XD', notes: [{ text: 'Dort au dépôt de la rue des Orangers', at: null }], interview: { place: 'Port de Tanger Med' } } as unknown as ReferralBody;

describe('hand-over records', () => {
  it("creates the tablet's key once, sealed; after a lock and unlock the same key opens what was sent to it", async () => {
    const db = new ScreeningDb(`handover-${++n}`);
    const store = await createVault(PASSPHRASE, db);
    const [first, again] = await Promise.all([store.handover().identity(), store.handover().identity()]);
    expect(again).toBe(first);
    expect(await db.handoverKeys.count()).toBe(1);
    expect(first.agreement.extractable).toBe(false);

    const sender = (await generateIdentity()).identity;
    const file = await sealPackage(packageMeta('referral'), new TextEncoder().encode('{"x":1}'), sender, first.publicKey);

    const unlocked = await unlockVault(PASSPHRASE, db);
    if (!unlocked.store) throw new Error('unlock failed');
    const reloaded = await unlocked.store.handover().identity();
    expect(reloaded.publicKey).toBe(first.publicKey);
    expect(reloaded.fingerprint).toBe(first.fingerprint);
    expect(new TextDecoder().decode((await openPackage(file, reloaded)).body)).toBe('{"x":1}');

    // Nothing of the key in clear: not even the public key, and the private keys are envelopes.
    const raw = await rawHandover(db);
    expect(raw).not.toContain(first.publicKey.slice(4, 40));
    const row = (await db.handoverKeys.get('tablet'))!;
    expect(row.agreement.data.length).toBeGreaterThan(100);
  });

  it('files a referral once, records the decision, and keeps none of its content in clear', async () => {
    const db = new ScreeningDb(`handover-${++n}`);
    const store = (await createVault(PASSPHRASE, db)).handover();
    const input = { packageId: '0123456789ABCDEFGHJKMNPQRS', receivedAt: Date.now(), expiresAt: Date.now() + 1e9, sender: { publicKey: 'SK1.x', fingerprint: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', knownAs: 'Brigade de Tanger' }, body };
    const { referral, duplicate } = await store.fileIncoming(input);
    expect(duplicate).toBe(false);
    expect((await store.fileIncoming(input)).duplicate).toBe(true);
    expect(await store.listIncoming()).toHaveLength(1);
    const decided = await store.decideIncoming(referral.id, { decision: 'accepted', at: Date.now(), note: null });
    expect((await store.listIncoming())[0]).toEqual(decided);

    const sent = await store.recordSent({ packageId: 'ZZZZ456789ABCDEFGHJKMNPQRS', caseId: 'CASEID0001', referralId: 'r1', serviceId: 'ngo-shelter', serviceName: 'Foyer Al Amal', recipientPublicKey: 'SK1.y', sentAt: Date.now(), expiresAt: Date.now() + 1e9 });
    expect((await store.findSent('ZZZZ456789ABCDEFGHJKMNPQRS'))?.caseId).toBe('CASEID0001');
    expect(await store.findSent('0000000000000000000000000')).toBeNull();
    await store.markAcknowledged(sent.id, { decision: 'accepted', at: 5 });
    expect((await store.findSent(sent.packageId))?.acknowledged).toEqual({ decision: 'accepted', at: 5 });

    const raw = await rawHandover(db);
    for (const secret of ['TR-7QK2', 'Orangers', 'Tanger', 'Al Amal', 'accepted', 'CASEID0001', '0123456789ABCDEF']) expect(raw).not.toContain(secret);
  });

  it('a sealed row moved to another id does not open', async () => {
    const db = new ScreeningDb(`handover-${++n}`);
    const store = (await createVault(PASSPHRASE, db)).handover();
    const { referral } = await store.fileIncoming({ packageId: '0123456789ABCDEFGHJKMNPQRS', receivedAt: 1, expiresAt: 2, sender: { publicKey: 'k', fingerprint: 'f', knownAs: null }, body });
    const row = (await db.handoverIncoming.get(referral.id))!;
    await db.handoverIncoming.put({ id: 'OTHERID000', sealed: row.sealed });
    await expect(store.listIncoming()).rejects.toThrow(/does not decrypt/);
  });

  it('follows the retention period: decided referrals and old packages go, recent ones stay', async () => {
    const db = new ScreeningDb(`handover-${++n}`);
    const store = (await createVault(PASSPHRASE, db)).handover();
    const DAY = 86_400_000;
    const now = Date.UTC(2026, 5, 1);
    const base = { expiresAt: now, sender: { publicKey: 'k', fingerprint: 'f', knownAs: null }, body };
    const old = await store.fileIncoming({ ...base, packageId: '0000000000000000000000000A', receivedAt: now - 200 * DAY });
    await store.decideIncoming(old.referral.id, { decision: 'declined', at: now - 100 * DAY, note: null });
    await store.fileIncoming({ ...base, packageId: '0000000000000000000000000B', receivedAt: now - 200 * DAY });
    const recent = await store.fileIncoming({ ...base, packageId: '0000000000000000000000000C', receivedAt: now - 200 * DAY });
    await store.decideIncoming(recent.referral.id, { decision: 'accepted', at: now - 10 * DAY, note: null });
    await store.recordSent({ packageId: '0000000000000000000000000D', caseId: 'c', referralId: 'r', serviceId: 's', serviceName: 'S', recipientPublicKey: 'k', sentAt: now - 91 * DAY, expiresAt: now });
    expect(await store.applyRetention(90, now)).toBe(3);
    expect((await store.listIncoming()).map((r) => r.packageId)).toEqual(['0000000000000000000000000C']);
  });
}, 60_000);
