/**
 * A case's index entry as it is sealed: as a tuple in the index's shards and in
 * restore packs, and as an object in each case's own head. Pure: no IndexedDB.
 */
import { open, seal, type Envelope } from '../crypto/envelope';
import { SCHEMA_VERSION } from './names';
import type { CaseIndexEntry, CaseStatus, CaseSummary, ReferralStatus } from './types';

/** A case's head is padded: its length does not tell one status or outcome from another. */
export const HEAD_PAD = 512;

/**
 * Entries are kept in a shard as tuples, not objects: at 20,000 cases the names of
 * the fields would be half of what every unlock decrypts and parses.
 */
export type Packed = [
  id: string,
  createdAt: number,
  updatedAt: number,
  closedAt: number | null,
  status: CaseStatus,
  questionnaireId: string,
  questionnaireVersion: number,
  outcome: CaseSummary['outcome'],
  flags: string[],
  section: string,
  answered: number,
  referral: [string, ReferralStatus] | null,
  stats: unknown[] | Record<string, unknown> | null,
  place: string | null,
  personLanguage: string | null,
  personLanguageOther: string | null,
  /** Only when the case is in a restore's pack (written only then: older shards end before it). */
  pack?: string,
];

/** The statistics record's fields (src/content/statistics.ts); a record with other fields is kept as an object. */
const STATS_FIELDS = ['year', 'quarter', 'ageBand', 'child', 'sex', 'region', 'outcome', 'forms', 'means', 'flags', 'referral'];

function packStats(stats: CaseSummary['stats']): Packed[12] {
  if (!stats) return null;
  const keys = Object.keys(stats);
  return keys.length === STATS_FIELDS.length && STATS_FIELDS.every((k) => k in stats) ? STATS_FIELDS.map((k) => stats[k]) : stats;
}

function unpackStats(packed: Packed[12]): CaseSummary['stats'] {
  if (!packed) return null;
  return Array.isArray(packed) ? Object.fromEntries(STATS_FIELDS.map((k, i) => [k, packed[i]])) : packed;
}

export function pack(e: CaseIndexEntry): Packed {
  const s = e.summary;
  const packed: Packed = [e.id, e.createdAt, e.updatedAt, e.closedAt, e.status, e.questionnaireId, e.questionnaireVersion, s.outcome, s.flags, s.section, s.answered, s.referral ? [s.referral.serviceName, s.referral.status] : null, packStats(s.stats), e.place, e.personLanguage, e.personLanguageOther];
  if (e.pack !== undefined) packed.push(e.pack);
  return packed;
}

export function unpack(p: Packed): CaseIndexEntry {
  const [id, createdAt, updatedAt, closedAt, status, questionnaireId, questionnaireVersion, outcome, flags, section, answered, referral, stats, place, personLanguage, personLanguageOther, inPack] = p;
  const entry: CaseIndexEntry = {
    id,
    createdAt,
    updatedAt,
    closedAt,
    status,
    questionnaireId,
    questionnaireVersion,
    summary: { outcome, flags, section, answered, referral: referral ? { serviceName: referral[0], status: referral[1] } : null, stats: unpackStats(stats) },
    place,
    personLanguage,
    personLanguageOther,
  };
  if (typeof inPack === 'string') entry.pack = inPack;
  return entry;
}

export const headAddress = (id: string) => ({ table: 'caseHead', id, schema: SCHEMA_VERSION });

export function sealHead(key: CryptoKey, entry: CaseIndexEntry): Promise<Envelope> {
  return seal(key, entry, headAddress(entry.id), HEAD_PAD);
}

export function openHead(key: CryptoKey, id: string, head: Envelope): Promise<CaseIndexEntry> {
  return open<CaseIndexEntry>(key, head, headAddress(id));
}

