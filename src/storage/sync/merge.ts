/**
 * Merging two copies of a record without losing anything. Pure and deterministic:
 * the same two inputs give the same result in either order, on any tablet, so two
 * tablets resolving the same CouchDB conflict write the same content.
 *
 * A case is merged per answer: the answer set later wins — unless the other one was
 * set knowing it (its stamp's `over`), which wins whatever the clocks say — and the
 * one replaced goes to the case history. Ties go to the higher tablet id. Notes and
 * editors are sets (both kept). Other fields of the case are merged the same way as
 * answers, as a whole each. When both copies carry edits the other did not see, the
 * merge records a notice listing what it decided, shown to the officer on the case.
 */
import type { AnswerValue, CaseTombstone, MergeChange, MergeNotice, Stamp, Superseded, SyncedCase, SyncedReferral, SyncValues } from './records';

/** JSON with sorted keys: equal values give equal text. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

const sameStamp = (a: { at: number; by: string } | null | undefined, b: { at: number; by: string } | null | undefined) => !!a && !!b && a.at === b.at && a.by === b.by;

/** Positive when stamp a wins over b. An edit made over the other wins; then the later; then the higher tablet id. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (sameStamp(a.over, b) && !sameStamp(b.over, a)) return 1;
  if (sameStamp(b.over, a) && !sameStamp(a.over, b)) return -1;
  if (a.at !== b.at) return a.at - b.at;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  return 0;
}

/** Neither edit was made knowing the other: a conflict to show. */
const concurrent = (a: Stamp, b: Stamp) => !sameStamp(a.over, b) && !sameStamp(b.over, a);

function pick<T>(a: { value: T; stamp: Stamp }, b: { value: T; stamp: Stamp }): [winner: { value: T; stamp: Stamp }, loser: { value: T; stamp: Stamp }] {
  const order = compareStamps(a.stamp, b.stamp) || (canonical(a.value) < canonical(b.value) ? -1 : canonical(a.value) > canonical(b.value) ? 1 : 0);
  return order >= 0 ? [a, b] : [b, a];
}

const historyKey = (h: Superseded) => `${h.key}\u0000${h.stamp.at}\u0000${h.stamp.by}\u0000${canonical(h.value)}`;

function sortedHistory(items: Superseded[]): Superseded[] {
  const byKey = new Map<string, Superseded>();
  for (const item of items) byKey.set(historyKey(item), byKey.get(historyKey(item)) ?? item);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

/** Stable, short, and the same on every tablet: FNV-1a over the notice's content. */
function digest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** A short digest of a value: a stamp kept with the store's copy says which value it belongs to. */
export const valueHash = (value: unknown) => digest(canonical(value));

/** Fields that change with every save and carry nothing to keep: merged, never kept in the history. */
const UNKEPT_FIELDS = new Set(['snapshot', 'interviewLanguage']);

export const isTombstone = (value: SyncValues['case']): value is CaseTombstone => (value as CaseTombstone).deleted === true;

/** The latest time anything in a case was set. */
export function latestChange(value: SyncedCase): number {
  return Math.max(value.createdAt, value.summaryMeta.at, ...Object.values(value.answerMeta).map((s) => s.at), ...Object.values(value.fieldMeta).map((s) => s.at), ...value.notes.map((n) => n.at));
}

const STATUS_RANK = { in_progress: 0, completed: 1, referred: 2 } as const;

export function mergeCase(a: SyncValues['case'], b: SyncValues['case']): SyncValues['case'] {
  if (isTombstone(a) || isTombstone(b)) {
    if (isTombstone(a) && isTombstone(b)) return compareStamps(a.stamp, b.stamp) >= 0 ? a : b;
    const [tomb, live] = isTombstone(a) ? [a, b as SyncedCase] : [b as CaseTombstone, a as SyncedCase];
    // A deletion does not erase an edit it did not see: anything set after it keeps the case.
    return latestChange(live) > tomb.stamp.at ? live : tomb;
  }
  const history: Superseded[] = [...a.history, ...b.history];
  const known = new Set(history.map(historyKey));
  const changes: MergeChange[] = [];
  const added: MergeNotice['added'] = [];
  let aOnly = false;
  let bOnly = false;

  const answers: Record<string, AnswerValue> = {};
  const answerMeta: Record<string, Stamp> = {};
  for (const q of [...new Set([...Object.keys(a.answers), ...Object.keys(b.answers)])].sort()) {
    const inA = q in a.answers;
    const inB = q in b.answers;
    if (!inA || !inB) {
      const side = inA ? a : b;
      answers[q] = side.answers[q]!;
      answerMeta[q] = side.answerMeta[q]!;
      added.push({ questionId: q, stamp: side.answerMeta[q]! });
      if (inA) aOnly = true;
      else bOnly = true;
      continue;
    }
    const x = { value: a.answers[q]!, stamp: a.answerMeta[q]! };
    const y = { value: b.answers[q]!, stamp: b.answerMeta[q]! };
    const [winner, loser] = pick(x, y);
    answers[q] = winner.value;
    answerMeta[q] = winner.stamp;
    if (same(x.value, y.value) && sameStamp(x.stamp, y.stamp)) continue;
    const lost: Superseded = { key: q, value: loser.value, stamp: loser.stamp };
    if (!same(x.value, y.value)) {
      if (concurrent(winner.stamp, loser.stamp) && !known.has(historyKey(lost))) changes.push({ questionId: q, kept: winner, replaced: loser });
      history.push(lost);
    }
    if (winner === x) aOnly = true;
    else bOnly = true;
  }

  const fields: Record<string, unknown> = {};
  const fieldMeta: Record<string, Stamp> = {};
  for (const f of [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].sort()) {
    const inA = f in a.fields;
    const inB = f in b.fields;
    if (!inA || !inB) {
      const side = inA ? a : b;
      fields[f] = side.fields[f];
      fieldMeta[f] = side.fieldMeta[f]!;
      continue;
    }
    const [winner, loser] = pick({ value: a.fields[f], stamp: a.fieldMeta[f]! }, { value: b.fields[f], stamp: b.fieldMeta[f]! });
    fields[f] = winner.value;
    fieldMeta[f] = winner.stamp;
    if (!same(winner.value, loser.value) && !UNKEPT_FIELDS.has(f)) history.push({ key: `field:${f}`, value: loser.value, stamp: loser.stamp });
  }
  // The interview resumes from its snapshot: it must carry the merged answers, not one side's.
  const snapshot = fields.snapshot as { context?: { answers?: unknown } } | null | undefined;
  if (snapshot && typeof snapshot === 'object' && snapshot.context && typeof snapshot.context === 'object' && 'answers' in snapshot.context && !same(snapshot.context.answers, answers)) {
    fields.snapshot = { ...snapshot, context: { ...snapshot.context, answers } };
  }

  const notes = new Map<string, SyncedCase['notes'][number]>();
  for (const note of [...a.notes, ...b.notes]) {
    const other = notes.get(note.id);
    notes.set(note.id, !other || canonical(note) > canonical(other) ? note : other);
  }
  const editors = new Map(([...a.editors, ...b.editors] as SyncedCase['editors']).map((e) => [canonical(e), e]));

  const [summary] = pick({ value: a.summary, stamp: a.summaryMeta }, { value: b.summary, stamp: b.summaryMeta });
  const merges = new Map([...a.merges, ...b.merges].map((m) => [m.id, m]));
  // Both copies had something the other had not: a merge of edits made apart, shown to the officer.
  if (changes.length > 0 || (aOnly && bOnly && added.length > 0)) {
    const content = { changes, added: aOnly && bOnly ? added : [] };
    const id = digest(canonical(content));
    const at = Math.max(...changes.flatMap((c) => [c.kept.stamp.at, c.replaced.stamp.at]), ...content.added.map((x) => x.stamp.at));
    if (!merges.has(id)) merges.set(id, { id, at, ...content });
  }

  const [first, second] = a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.origin <= b.origin) ? [a, b] : [b, a];
  return {
    origin: first.origin,
    createdAt: first.createdAt,
    status: STATUS_RANK[a.status] >= STATUS_RANK[b.status] ? a.status : b.status,
    questionnaireId: first.questionnaireId,
    questionnaireVersion: first.questionnaireVersion ?? second.questionnaireVersion,
    answers,
    answerMeta,
    fields,
    fieldMeta,
    notes: [...notes.values()].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    editors: [...editors.entries()].sort(([kx, x], [ky, y]) => x.at - y.at || (kx < ky ? -1 : kx > ky ? 1 : 0)).map(([, e]) => e),
    summary: summary.value,
    summaryMeta: summary.stamp,
    history: sortedHistory(history),
    merges: [...merges.values()].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1)),
  };
}

/**
 * The store's copy of a case, stamped against the team's copy: a value the store
 * holds without a stamp, or with a stamp lacking its tablet, is this tablet's edit
 * made at `at`, over whatever the team's copy had.
 */
export function stampLocal(local: SyncedCase, team: SyncValues['case'] | null, me: string, who: string | null, at: number): SyncedCase {
  const teamCase = team && !isTombstone(team) ? team : null;
  const stampFor = (value: unknown, partial: (Partial<Stamp> & { hash?: string }) | undefined, teamValue: unknown, teamStamp: Stamp | undefined, hasTeamValue: boolean): Stamp => {
    if (hasTeamValue && teamStamp && same(value, teamValue)) return teamStamp;
    // A full stamp the store kept: still this value's (an answer is stamped anew by the interview when it changes;
    // another field carries the digest of the value it was stamped with).
    if (partial?.by && typeof partial.at === 'number' && (partial.hash === undefined || partial.hash === valueHash(value))) {
      const { hash: _hash, ...stamp } = partial;
      return stamp as Stamp;
    }
    // An edit replaced the value the store had: its stamp, if the store kept one (the interview records it for answers).
    // Never the team's current stamp: the store may not have seen that copy yet.
    const over = partial?.over !== undefined ? partial.over : partial?.by && typeof partial.at === 'number' ? { at: partial.at, by: partial.by } : null;
    return { at: partial?.at ?? at, by: me, who, over };
  };
  const answerMeta: Record<string, Stamp> = {};
  for (const [q, value] of Object.entries(local.answers)) {
    answerMeta[q] = stampFor(value, local.answerMeta[q], teamCase?.answers[q], teamCase?.answerMeta[q], !!teamCase && q in teamCase.answers);
  }
  const fieldMeta: Record<string, Stamp> = {};
  for (const [f, value] of Object.entries(local.fields)) {
    fieldMeta[f] = stampFor(value, local.fieldMeta[f], teamCase?.fields[f], teamCase?.fieldMeta[f], !!teamCase && f in teamCase.fields);
  }
  const summaryMeta = stampFor(local.summary, local.summaryMeta, teamCase?.summary, teamCase?.summaryMeta, !!teamCase);
  return { ...local, origin: teamCase?.origin || local.origin || me, answerMeta, fieldMeta, summaryMeta };
}

export function mergeReferral(a: SyncedReferral, b: SyncedReferral): SyncedReferral {
  const [winner, loser] = pick({ value: a, stamp: a.stamp }, { value: b, stamp: b.stamp });
  const notes = new Map([...winner.value.referral.notes, ...loser.value.referral.notes].map((n) => [canonical(n), n]));
  return {
    ...winner.value,
    referral: { ...winner.value.referral, notes: [...notes.entries()].sort(([kx, x], [ky, y]) => x.at - y.at || (kx < ky ? -1 : 1)).map(([, n]) => n) },
  };
}

export function mergeDirectory(a: SyncValues['directory'], b: SyncValues['directory']): SyncValues['directory'] {
  return pick({ value: a, stamp: a.stamp }, { value: b, stamp: b.stamp })[0].value;
}

/** Statistics records are derived from a case: two copies differ only by timing; any fixed choice converges. */
export function mergeStats(a: SyncValues['stats'], b: SyncValues['stats']): SyncValues['stats'] {
  return canonical(a) >= canonical(b) ? a : b;
}

export function mergeValues<K extends keyof SyncValues>(kind: K, a: SyncValues[K], b: SyncValues[K]): SyncValues[K] {
  switch (kind) {
    case 'case':
      return mergeCase(a as SyncValues['case'], b as SyncValues['case']) as SyncValues[K];
    case 'referral':
      return mergeReferral(a as SyncedReferral, b as SyncedReferral) as SyncValues[K];
    case 'directory':
      return mergeDirectory(a as SyncValues['directory'], b as SyncValues['directory']) as SyncValues[K];
    default:
      return mergeStats(a as SyncValues['stats'], b as SyncValues['stats']) as SyncValues[K];
  }
}

/** The time a record last changed, for the store's ordering. */
export function updatedAtOf(kind: keyof SyncValues, value: SyncValues[keyof SyncValues]): number {
  if (kind === 'case') return isTombstone(value as SyncValues['case']) ? (value as CaseTombstone).stamp.at : latestChange(value as SyncedCase);
  if (kind === 'referral' || kind === 'directory') return (value as { stamp: Stamp }).stamp.at;
  return 0;
}
