/**
 * A restore's pack: up to PACK_SIZE cases sealed together in one content row.
 *
 * Why: IndexedDB's cost is per row, not per byte (measured in Chromium: 20,000
 * rows of 3.5 KB take 9–10 s to write; the same bytes in 200 rows take under
 * one). A restore of 20,000 cases therefore writes its new cases a hundred to a
 * row, and each case's index entry names its pack (CaseIndexEntry.pack).
 *
 * A case is in one place only: its own row, or one pack. Packs are written by a
 * restore and never changed: the first change to any of a pack's cases (a save,
 * a delete, retention, the team, a later restore) moves the pack's other cases
 * to rows of their own and deletes the pack, in one transaction
 * (CaseStore.expandPacks). So a deleted case never stays behind in a pack.
 *
 * Pure WebCrypto and JSON, no IndexedDB: the restore worker seals packs with it.
 */
import { open, seal, type Envelope, type RecordAddress } from '../crypto/envelope';
import { pack, unpack } from './index-entry';
import { contentToSeal, contentOpened, entryOf } from './case-seal';
import type { ContentRow } from './db';
import { SCHEMA_VERSION } from './names';
import { newCaseId } from './records';
import type { BackupCase, CaseContent, CaseIndexEntry } from './types';

/** Cases per pack: a pack of 100 (~350 KB) decrypts in a few milliseconds to open one of its cases. */
export const PACK_SIZE = 100;

/**
 * A pack's id starts with this: after every case id (Crockford base32, upper
 * case) in IndexedDB's order, so that a key range tells packs from cases
 * without reading either, and no case id from any file can be taken for one.
 */
export const PACK_PREFIX = '~pack-';

/** Packs are padded to 16 KB: the row's length says little about its cases' answers. */
const PACK_PAD = 16 * 1024;

export const isPackId = (id: string) => id.startsWith(PACK_PREFIX);

export const newPackId = () => `${PACK_PREFIX}${newCaseId()}${newCaseId()}`;

const packAddress = (id: string): RecordAddress => ({ table: 'pack', id, schema: SCHEMA_VERSION });

/** One case in a pack: its content and its index entry (which names the pack). */
export interface PackMember {
  content: CaseContent;
  entry: CaseIndexEntry;
}

/** Seals cases into one pack row; their index entries name it. */
export async function sealPack(key: CryptoKey, cases: BackupCase[]): Promise<{ row: ContentRow; entries: CaseIndexEntry[] }> {
  const id = newPackId();
  const entries = cases.map((c) => ({ ...entryOf(c), pack: id }));
  const members = cases.map((c, i) => [pack(entries[i]!), contentToSeal(c.content)]);
  return { row: { id, content: await seal(key, members, packAddress(id), PACK_PAD) }, entries };
}

/** A pack's cases by id. Throws when the row is not this pack sealed with this key. */
export async function openPack(key: CryptoKey, id: string, sealed: Envelope): Promise<Map<string, PackMember>> {
  const members = await open<[ReturnType<typeof pack>, CaseContent][]>(key, sealed, packAddress(id));
  const out = new Map<string, PackMember>();
  for (const [packed, content] of members) {
    const entry = unpack(packed);
    out.set(entry.id, { entry, content: contentOpened(content) });
  }
  return out;
}
