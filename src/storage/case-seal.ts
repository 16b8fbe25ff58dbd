/**
 * How a case is sealed for this tablet: its content (padded, bound to its id)
 * and its head (the index entry). Pure WebCrypto and JSON, no IndexedDB: the
 * store seals with it, and so does the restore worker, off the screen's thread.
 */
import { open, seal, type Envelope, type RecordAddress } from '../crypto/envelope';
import { sealHead } from './index-entry';
import type { ContentRow } from './db';
import { SCHEMA_VERSION } from './names';
import type { BackupCase, CaseContent, CaseIndexEntry } from './types';

/** Content is padded to whole kilobytes: its length says little about what was answered. */
const CONTENT_PAD = 1024;

const address = (table: string, id: string): RecordAddress => ({ table, id, schema: SCHEMA_VERSION });

/**
 * The interview machine's snapshot carries the answers again (its context): the
 * copy is left out of what is sealed, and put back when the case is opened. A
 * third of each save, each restore and each byte on disk.
 */
export function contentToSeal(content: CaseContent): CaseContent {
  const snapshot = content.snapshot as { context?: { answers?: unknown } } | null;
  const context = snapshot && typeof snapshot === 'object' ? snapshot.context : undefined;
  if (!context || typeof context !== 'object' || JSON.stringify(context.answers) !== JSON.stringify(content.answers)) return content;
  const { answers: _copy, ...rest } = context;
  return { ...content, snapshot: { ...snapshot, context: rest } };
}

/** The content as it was before contentToSeal: the snapshot's answers put back. */
export function contentOpened(content: CaseContent): CaseContent {
  const snapshot = content.snapshot as { context?: Record<string, unknown> } | null;
  const context = snapshot && typeof snapshot === 'object' ? snapshot.context : undefined;
  if (!context || typeof context !== 'object' || 'answers' in context) return content;
  return { ...content, snapshot: { ...snapshot, context: { answers: content.answers, ...context } } };
}

export const sealContent = (key: CryptoKey, id: string, content: CaseContent) => seal(key, contentToSeal(content), address('content', id), CONTENT_PAD);

/** A case's content as it was saved (written by any version). Open content only through here. */
export async function openContent(key: CryptoKey, id: string, content: Envelope): Promise<CaseContent> {
  return contentOpened(await open<CaseContent>(key, content, address('content', id)));
}

/** What the case list shows of a case's details, taken from its content at each save. */
export function listedDetails(content: CaseContent): Pick<CaseIndexEntry, 'place' | 'personLanguage' | 'personLanguageOther'> {
  return {
    place: content.details?.place?.trim() || null,
    personLanguage: content.details?.personLanguage ?? null,
    personLanguageOther: content.details?.personLanguage === 'other' ? content.details?.personLanguageOther?.trim() || null : null,
  };
}

/** The index entry of a case as a backup or the team carries it. */
export function entryOf(c: BackupCase): CaseIndexEntry {
  return {
    id: c.id,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.status === 'in_progress' ? null : (c.closedAt ?? c.updatedAt),
    status: c.status,
    questionnaireId: c.questionnaireId,
    questionnaireVersion: c.questionnaireVersion,
    summary: c.summary,
    ...listedDetails(c.content),
  };
}

/** A case sealed for writing: its content row (content and head) and its index entry. */
export interface SealedCase {
  entry: CaseIndexEntry;
  row: ContentRow;
}

/** Seals a case of a backup or of the team, as it will be written here. */
export async function sealCase(key: CryptoKey, c: BackupCase): Promise<SealedCase> {
  const entry = entryOf(c);
  const [head, content] = await Promise.all([sealHead(key, entry), sealContent(key, c.id, c.content)]);
  return { entry, row: { id: c.id, content, head } };
}

/** One case of a restore to write: the file's case `id`, written here as `as` (a new id when kept beside this tablet's copy). */
export interface RestoreWrite {
  id: string;
  as: string;
}

/** Seals the named cases with this tablet's data key, in the order given, each under its `as` id. */
export type CaseSealer = (key: CryptoKey, writes: RestoreWrite[]) => Promise<SealedCase[]>;

/** Seals cases held in memory (a checked backup, cases of the team), each under the id asked for. */
export function sealerOf(cases: BackupCase[]): CaseSealer {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return async (key, writes) =>
    Promise.all(
      writes.map((w) => {
        const c = byId.get(w.id);
        if (!c) throw new Error(`case ${w.id} is not among the cases to seal`);
        return sealCase(key, w.as === c.id ? c : { ...c, id: w.as });
      }),
    );
}
