/**
 * Who is answerable for a case: the officer who interviewed, recorded once when
 * the case is created, and the officers who changed it afterwards. Both are read
 * from the case, never from today's settings: on a tablet shared across shifts the
 * officer in Settings now is often not the one who did the interview.
 */
import type { CaseContent, Officer } from './types';

export type CaseOfficer = NonNullable<CaseContent['officer']>;
export type CaseEditor = NonNullable<CaseContent['editors']>[number];

/** The officer as a case records them (the settings may carry more later; the case keeps these). */
export function caseOfficer(officer: Officer | null): CaseOfficer | null {
  if (!officer || !officer.name.trim()) return null;
  return { name: officer.name, service: officer.service, ...(officer.orgType ? { orgType: officer.orgType } : {}) };
}

const norm = (text: string | undefined) => (text ?? '').trim().toLocaleLowerCase();

export function sameOfficer(a: { name: string; service: string } | null | undefined, b: { name: string; service: string } | null | undefined): boolean {
  return Boolean(a && b) && norm(a!.name) === norm(b!.name) && norm(a!.service) === norm(b!.service);
}

/** A shift: changes by the same officer within this time are one edit (its time moves on), not a new line each answer. */
const SAME_EDIT_MS = 8 * 60 * 60 * 1000;

/** The content without what moves when nothing was changed by hand (where the interview stands, the screen's language). */
function handWritten(content: CaseContent): string {
  const { snapshot: _snapshot, interviewLanguage: _language, editors: _editors, officer: _officer, ...rest } = content;
  return stableJson(rest);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The content to store when `me` saves a change to a case whose stored content is
 * `previous`: who interviewed and who edited stay as stored (a caller holding an
 * older copy cannot rewrite them), and a change made by hand by an officer other
 * than the one who interviewed adds them to the editors — or moves on the time
 * of their last edit within the same shift.
 */
export function recordEdit(previous: CaseContent, next: CaseContent, me: Officer | null, now: number): CaseContent {
  const kept: CaseContent = { ...next, officer: previous.officer, editors: previous.editors };
  if (previous.officer === undefined) delete kept.officer;
  if (previous.editors === undefined) delete kept.editors;
  const editor = caseOfficer(me);
  // The officer who interviewed completing their own case (the place, a referral) is not "someone else who changed it".
  if (!editor || sameOfficer(previous.officer, editor) || handWritten(previous) === handWritten(next)) return kept;
  const editors = [...(previous.editors ?? [])];
  const last = editors.at(-1);
  if (last && sameOfficer(last, editor) && now - last.at < SAME_EDIT_MS) editors[editors.length - 1] = { ...last, at: now };
  else editors.push({ name: editor.name, service: editor.service, at: now });
  return { ...kept, editors };
}
