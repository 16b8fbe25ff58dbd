/**
 * The hand-over's records on this tablet, every one sealed under the device data
 * key (tables of db.ts version 3):
 * - handoverKeys: this tablet's identity — its two private keys as PKCS #8
 *   bytes, each sealed (AES-GCM, bound to its row and field), and its public key.
 *   Why not CryptoKey objects in IndexedDB: IndexedDB can hold a non-extractable
 *   CryptoKey structurally, and the page then cannot export it, but the browser
 *   writes the key material into its profile files on disk in clear: a copied
 *   tablet disk would give the private key without the passphrase. Sealed
 *   bytes open only with the unlocked data key, and are re-imported as
 *   non-extractable keys held in memory until lock.
 * - handoverIncoming: referrals received, with the sender as checked and the
 *   decision taken.
 * - handoverSent: packages sent, so that an acknowledgement finds its case and
 *   is checked against the key the package was encrypted to.
 * Each row is a random id and an envelope: no date, name or status in clear.
 */
import { open, seal, type RecordAddress } from '../crypto/envelope';
import { generateIdentity, identityFromSecrets, openSecret, sealSecret, type TabletIdentity } from '../crypto/handover';
import type { AckDecision, ReferralBody } from '../content/handover-package';
import { SCHEMA_VERSION, type ScreeningDb } from './db';
import { describeFailure, newCaseId, StorageError } from './records';

export type { HandoverKeyRow, SealedRow } from './db';

export interface IncomingReferral {
  id: string;
  packageId: string;
  receivedAt: number;
  expiresAt: number;
  /** Who signed it; `knownAs` is the directory name when the key matched a verified entry at opening. */
  sender: { publicKey: string; fingerprint: string; knownAs: string | null };
  body: ReferralBody;
  /** The latest acknowledgement made (received, accepted or declined). */
  decision: { decision: AckDecision; at: number; note: string | null } | null;
}

export interface SentPackage {
  id: string;
  packageId: string;
  caseId: string;
  referralId: string;
  serviceId: string;
  serviceName: string;
  /** The key the package was encrypted to: only an acknowledgement signed by it counts. */
  recipientPublicKey: string;
  sentAt: number;
  expiresAt: number;
  acknowledged: { decision: AckDecision; at: number } | null;
}

const DAY = 24 * 60 * 60 * 1000;
const address = (table: string, id: string): RecordAddress => ({ table, id, schema: SCHEMA_VERSION });

export class HandoverStore {
  private identityPromise: Promise<TabletIdentity> | null = null;

  constructor(
    private readonly db: ScreeningDb,
    private readonly key: CryptoKey,
  ) {}

  /** Whether this tablet already has its service key (without creating one). */
  async hasIdentity(): Promise<boolean> {
    return (await this.db.handoverKeys.get('tablet')) !== undefined;
  }

  /** This tablet's identity, created and sealed on first use; the private keys stay in memory, not extractable. */
  identity(): Promise<TabletIdentity> {
    this.identityPromise ??= this.loadOrCreateIdentity().catch((error: unknown) => {
      this.identityPromise = null;
      throw error;
    });
    return this.identityPromise;
  }

  private async loadOrCreateIdentity(): Promise<TabletIdentity> {
    const row = await this.db.handoverKeys.get('tablet');
    if (row) {
      const [agreementPkcs8, signingPkcs8, card] = await Promise.all([
        openSecret(this.key, row.agreement, address('handoverKeys', 'tablet/agreement')),
        openSecret(this.key, row.signing, address('handoverKeys', 'tablet/signing')),
        open<{ publicKey: string; createdAt: number }>(this.key, row.card, address('handoverKeys', 'tablet/card')),
      ]);
      return identityFromSecrets({ agreementPkcs8, signingPkcs8, publicKey: card.publicKey });
    }
    const { identity, secrets } = await generateIdentity();
    const [agreement, signing, card] = await Promise.all([
      sealSecret(this.key, secrets.agreementPkcs8, address('handoverKeys', 'tablet/agreement')),
      sealSecret(this.key, secrets.signingPkcs8, address('handoverKeys', 'tablet/signing')),
      seal(this.key, { publicKey: secrets.publicKey, createdAt: Date.now() }, address('handoverKeys', 'tablet/card')),
    ]);
    try {
      // add, not put: a second tab creating its own key at the same moment must not replace the first.
      await this.db.handoverKeys.add({ id: 'tablet', agreement, signing, card });
    } catch (error) {
      if ((error as { name?: string })?.name === 'ConstraintError') return this.loadOrCreateIdentity();
      throw new StorageError(`This tablet's service key could not be saved (${describeFailure(error)}).`, error);
    }
    return identity;
  }

  // ------------------------------------------------------------ incoming

  private async readAll<T>(table: 'handoverIncoming' | 'handoverSent'): Promise<T[]> {
    const rows = await this.db[table].toArray();
    return Promise.all(rows.map((row) => open<T>(this.key, row.sealed, address(table, row.id))));
  }

  private async write(table: 'handoverIncoming' | 'handoverSent', id: string, value: unknown): Promise<void> {
    const sealed = await seal(this.key, value, address(table, id));
    try {
      await this.db[table].put({ id, sealed });
    } catch (error) {
      throw new StorageError(`The hand-over record could not be saved (${describeFailure(error)}). Nothing was changed.`, error);
    }
  }

  /** Received referrals, newest first. */
  async listIncoming(): Promise<IncomingReferral[]> {
    return (await this.readAll<IncomingReferral>('handoverIncoming')).sort((a, b) => b.receivedAt - a.receivedAt);
  }

  /** Files a referral that was opened and checked. The same package opened twice is filed once. */
  async fileIncoming(input: Omit<IncomingReferral, 'id' | 'decision'>): Promise<{ referral: IncomingReferral; duplicate: boolean }> {
    const existing = (await this.listIncoming()).find((r) => r.packageId === input.packageId);
    if (existing) return { referral: existing, duplicate: true };
    const referral: IncomingReferral = { ...input, id: newCaseId(), decision: null };
    await this.write('handoverIncoming', referral.id, referral);
    return { referral, duplicate: false };
  }

  async decideIncoming(id: string, decision: IncomingReferral['decision']): Promise<IncomingReferral> {
    const row = await this.db.handoverIncoming.get(id);
    if (!row) throw new StorageError('this referral is no longer on this tablet');
    const current = await open<IncomingReferral>(this.key, row.sealed, address('handoverIncoming', id));
    const next = { ...current, decision };
    await this.write('handoverIncoming', id, next);
    return next;
  }

  async removeIncoming(id: string): Promise<void> {
    await this.db.handoverIncoming.delete(id);
  }

  // ------------------------------------------------------------ sent

  async recordSent(input: Omit<SentPackage, 'id' | 'acknowledged'>): Promise<SentPackage> {
    const sent: SentPackage = { ...input, id: newCaseId(), acknowledged: null };
    await this.write('handoverSent', sent.id, sent);
    return sent;
  }

  async findSent(packageId: string): Promise<SentPackage | null> {
    return (await this.readAll<SentPackage>('handoverSent')).find((s) => s.packageId === packageId) ?? null;
  }

  async markAcknowledged(id: string, acknowledged: SentPackage['acknowledged']): Promise<void> {
    const row = await this.db.handoverSent.get(id);
    if (!row) throw new StorageError('this package is no longer recorded on this tablet');
    const current = await open<SentPackage>(this.key, row.sealed, address('handoverSent', id));
    await this.write('handoverSent', id, { ...current, acknowledged });
  }

  /**
   * Hand-over records follow the retention period of cases: a referral received
   * is deleted that many days after its decision (or its arrival, if none was
   * taken); a package sent, that many days after it was sent.
   */
  async applyRetention(retentionDays: number, now = Date.now()): Promise<number> {
    const limit = retentionDays * DAY;
    const incoming = (await this.readAll<IncomingReferral>('handoverIncoming')).filter((r) => (r.decision?.at ?? r.receivedAt) + limit <= now);
    const sent = (await this.readAll<SentPackage>('handoverSent')).filter((s) => s.sentAt + limit <= now);
    await this.db.transaction('rw', [this.db.handoverIncoming, this.db.handoverSent], async () => {
      await this.db.handoverIncoming.bulkDelete(incoming.map((r) => r.id));
      await this.db.handoverSent.bulkDelete(sent.map((s) => s.id));
    });
    return incoming.length + sent.length;
  }
}
