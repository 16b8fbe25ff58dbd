/**
 * Shared by the storage tests (never imported by the app): cases as the
 * interview writes them, and a raw reader of every IndexedDB row.
 */
import type Dexie from 'dexie';
import type { CaseContent, CaseSummary } from './types';

export const PASSPHRASE = 'correct horse battery staple';

/** A machine snapshot shaped like the interview machine's persisted one. */
export function snapshotAt(value: string, answers: CaseContent['answers']): CaseContent['snapshot'] {
  return { status: 'active', value, historyValue: {}, context: { answers, questionId: null, meansOpened: false, returnToReview: false }, children: {} };
}

export function contentOf(answers: CaseContent['answers'], extra: Partial<CaseContent> = {}): CaseContent {
  return { answers, snapshot: snapshotAt('means', answers), interviewLanguage: 'fr', ...extra };
}

export const SUMMARY: CaseSummary = { outcome: 'possible_victim', flags: ['urgent_needs'], section: 'means', answered: 3 };

/** Every value of every row of every table, binary fields decoded as text, as someone with the raw database would read it. */
/**
 * Everything the database holds, as text an attacker would search. `skipMeta` leaves
 * out meta rows the app must keep in clear and says so in its README (the time of
 * the last failed unlock, which the wait before the next attempt needs before unlock).
 */
export async function rawText(db: Dexie, options: { skipMeta?: string[] } = {}): Promise<string> {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) parts.push(new TextDecoder('latin1').decode(value));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        parts.push(key);
        walk(inner);
      }
    } else parts.push(String(value));
  };
  const skipped = new Set(options.skipMeta ?? []);
  for (const table of db.tables) {
    const rows = await table.toArray();
    rows.filter((row) => !(table.name === 'meta' && skipped.has((row as { key?: string }).key ?? ''))).forEach(walk);
  }
  return parts.join('\n');
}

export const STATUS_WORDS = ['in_progress', 'completed', 'referred', 'sent', 'received', 'accepted', 'declined', 'unlock_failed', 'open_case', 'retention_delete', 'presumed_victim', 'possible_victim'];
