/**
 * The SyncSource of today's store, built on CaseStore's public methods only (list,
 * exportCase, putCases, update, remove, directory, setDirectory and its change
 * events), never on its tables: a store that replaces CaseStore implements the
 * same interface (records.ts) and team sync works unchanged.
 *
 * The cursor is this adapter's own business: the latest updatedAt it reported and
 * the ids of the cases it knew, so that a case deleted while sync was not running
 * (the retention period runs at unlock) is still reported, as a tombstone.
 */
import type { BackupCase } from '../backup';
import type { CaseContent, CaseStore, Referral, StoreChange } from '../case-store';
import { statsRecord, type StatsRecord } from '../../content/statistics';
import { findQuestionnaire } from '../../content/questionnaires';
import { assessAnswers } from '../../engine';
import { canonical, isTombstone, updatedAtOf, valueHash } from './merge';
import type { AnySyncRecord, ChangeHint, Stamp, SyncedCase, SyncKind, SyncRecord, SyncSource, SyncValues } from './records';

interface Cursor {
  at: number;
  cases: string[];
  directory: string | null;
}

/** The content fields kept apart in a synced case (the rest is merged field by field). */
const CASE_OWN = ['answers', 'answerMeta', 'team', 'referrals', 'notes', 'editors'] as const;

export function toSyncedCase(c: BackupCase): SyncedCase {
  const content = c.content as CaseContent & { notes?: SyncedCase['notes']; editors?: SyncedCase['editors'] };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) if (!(CASE_OWN as readonly string[]).includes(key) && value !== undefined) fields[key] = value;
  return {
    origin: content.team?.origin ?? '',
    createdAt: c.createdAt,
    status: c.status,
    questionnaireId: c.questionnaireId,
    questionnaireVersion: c.questionnaireVersion,
    answers: { ...content.answers },
    // Stamps as the store has them: the interview's { at } or a full stamp from an earlier merge.
    answerMeta: { ...(content.answerMeta ?? {}) } as SyncedCase['answerMeta'],
    fields,
    fieldMeta: { ...(content.team?.fieldMeta ?? {}) },
    notes: content.notes ?? [],
    editors: content.editors ?? [],
    summary: { ...c.summary, referral: undefined },
    summaryMeta: content.team?.summaryMeta ?? ({ at: c.updatedAt } as SyncedCase['summaryMeta']),
    history: content.team?.history ?? [],
    merges: content.team?.merges ?? [],
  };
}

export function fromSyncedCase(id: string, v: SyncedCase, existing: BackupCase | null): BackupCase {
  const referrals = existing?.content.referrals ?? [];
  const content: CaseContent & Record<string, unknown> = {
    ...(v.fields as Partial<CaseContent>),
    snapshot: v.fields.snapshot ?? null,
    interviewLanguage: typeof v.fields.interviewLanguage === 'string' ? v.fields.interviewLanguage : 'fr',
    answers: v.answers,
    answerMeta: v.answerMeta,
    team: {
      origin: v.origin,
      fieldMeta: Object.fromEntries(Object.entries(v.fieldMeta).map(([f, stamp]) => [f, { ...stamp, hash: valueHash(v.fields[f]) }])),
      summaryMeta: { ...v.summaryMeta, hash: valueHash(v.summary) },
      history: v.history,
      merges: v.merges,
    },
  };
  if (referrals.length > 0) content.referrals = referrals;
  if (v.notes.length > 0) content.notes = v.notes as NonNullable<CaseContent['notes']>;
  if (v.editors.length > 0) content.editors = v.editors as NonNullable<CaseContent['editors']>;
  const closed = v.status !== 'in_progress';
  return {
    id,
    createdAt: v.createdAt,
    updatedAt: Math.max(existing?.updatedAt ?? 0, updatedAtOf('case', v)),
    closedAt: closed ? (existing?.closedAt ?? Date.now()) : undefined,
    status: v.status,
    questionnaireId: v.questionnaireId,
    questionnaireVersion: v.questionnaireVersion,
    summary: { ...v.summary, referral: latestReferral(referrals) },
    content,
  };
}

function latestReferral(referrals: Referral[]): { serviceName: string; status: Referral['status'] } | null {
  const latest = referrals.reduce<Referral | null>((best, r) => (!best || r.at >= best.at ? r : best), null);
  return latest ? { serviceName: latest.serviceName, status: latest.status } : null;
}

function recordsOfCase(c: BackupCase): AnySyncRecord[] {
  const value = toSyncedCase(c);
  const records: AnySyncRecord[] = [{ kind: 'case', id: c.id, value, updatedAt: c.updatedAt }];
  for (const referral of c.content.referrals ?? []) {
    records.push({ kind: 'referral', id: referral.id, value: { caseId: c.id, referral, stamp: { at: c.updatedAt } as SyncValues['referral']['stamp'] }, updatedAt: c.updatedAt });
  }
  if (c.summary.stats) {
    const stats = { ...(c.summary.stats as unknown as StatsRecord), referral: latestReferral(c.content.referrals ?? [])?.status ?? 'none' } as StatsRecord;
    records.push({ kind: 'stats', id: c.id, value: stats, updatedAt: c.updatedAt });
  }
  return records;
}

export class CaseStoreSource implements SyncSource {
  constructor(private readonly store: CaseStore) {}

  async changesSince(cursor: string | null, hints?: ChangeHint[]): Promise<{ records: AnySyncRecord[]; cursor: string }> {
    const previous: Cursor = cursor ? (JSON.parse(cursor) as Cursor) : { at: -1, cases: [], directory: null };
    const known = new Set(previous.cases);
    let changed: string[];
    let present: Set<string>;
    let at = previous.at;
    if (hints) {
      // Only what the store said changed: no listing of every case.
      changed = [...new Set(hints.filter((h) => h.kind === 'case').map((h) => h.id))];
      present = new Set(known);
    } else {
      const items = await this.store.list();
      present = new Set(items.map((i) => i.id));
      changed = items.filter((i) => i.updatedAt > previous.at || !known.has(i.id)).map((i) => i.id);
      for (const id of known) if (!present.has(id)) changed.push(id);
    }
    const records: AnySyncRecord[] = [];
    const cases = await this.store.exportMany(changed);
    for (const [i, id] of changed.entries()) {
      const c = cases[i];
      if (c) {
        present.add(id);
        at = Math.max(at, c.updatedAt);
        records.push(...recordsOfCase(c));
      } else if (known.has(id) || present.has(id)) {
        present.delete(id);
        records.push({ kind: 'case', id, value: { deleted: true, stamp: { at: Date.now() } as Stamp }, updatedAt: Date.now() });
      }
    }
    let directory = previous.directory;
    if (!hints || hints.some((h) => h.kind === 'directory')) {
      const services = await this.store.directory();
      const text = services ? canonical(services) : null;
      if (services && text !== previous.directory) {
        records.push({ kind: 'directory', id: 'team', value: { services, stamp: { at: Date.now() } as SyncValues['directory']['stamp'] }, updatedAt: Date.now() });
      }
      directory = text;
    }
    return { records, cursor: JSON.stringify({ at, cases: [...present].sort(), directory } satisfies Cursor) };
  }

  async get(kind: SyncKind, id: string): Promise<AnySyncRecord | null> {
    if (kind === 'case') {
      const c = await this.store.exportCase(id);
      return c ? { kind, id, value: toSyncedCase(c), updatedAt: c.updatedAt } : null;
    }
    if (kind === 'directory') {
      const services = await this.store.directory();
      return services ? { kind, id, value: { services, stamp: { at: 0 } as SyncValues['directory']['stamp'] }, updatedAt: 0 } : null;
    }
    // Referrals are read through their case (the engine knows which); statistics records are the team's only.
    return null;
  }

  /** A referral as the store holds it, through its case. */
  async getReferral(caseId: string, referralId: string): Promise<{ record: SyncRecord<'referral'> | null; caseUpdatedAt: number | null }> {
    const c = await this.store.exportCase(caseId);
    const referral = c?.content.referrals?.find((r) => r.id === referralId);
    return {
      record: c && referral ? { kind: 'referral', id: referralId, value: { caseId, referral, stamp: { at: c.updatedAt } as SyncValues['referral']['stamp'] }, updatedAt: c.updatedAt } : null,
      caseUpdatedAt: c?.updatedAt ?? null,
    };
  }

  async applyRemote(records: { record: AnySyncRecord; expected: number | null }[]): Promise<{ skipped: string[] }> {
    const skipped: string[] = [];
    const writes: { value: BackupCase; expectedUpdatedAt: number | null }[] = [];
    for (const { record, expected } of records) {
      if (record.kind === 'case') {
        if (isTombstone(record.value)) {
          if (expected !== null) await this.store.remove(record.id, 'delete');
          continue;
        }
        const existing = expected === null ? null : await this.store.exportCase(record.id);
        if (existing && existing.updatedAt !== expected) {
          skipped.push(record.id);
          continue;
        }
        writes.push({ value: fromSyncedCase(record.id, record.value, existing), expectedUpdatedAt: expected });
      } else if (record.kind === 'referral') {
        const { caseId, referral } = record.value;
        const existing = await this.store.exportCase(caseId);
        if (!existing || existing.updatedAt !== expected) {
          skipped.push(record.id);
          continue;
        }
        const referrals = [...(existing.content.referrals ?? []).filter((r) => r.id !== referral.id), referral].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
        writes.push({
          value: { ...existing, content: { ...existing.content, referrals }, summary: { ...existing.summary, referral: latestReferral(referrals) } },
          expectedUpdatedAt: expected,
        });
      } else if (record.kind === 'directory') {
        await this.store.setDirectory(record.value.services);
      }
    }
    if (writes.length > 0) skipped.push(...(await this.store.putCases(writes)));
    return { skipped };
  }

  async forget(records: ChangeHint[]): Promise<void> {
    await this.store.forgetCases(records.filter((r) => r.kind === 'case').map((r) => r.id));
  }

  onLocalChange(listener: (hint: ChangeHint) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<StoreChange>).detail);
    this.store.changes.addEventListener('change', handler);
    return () => this.store.changes.removeEventListener('change', handler);
  }

  summarize(value: SyncedCase): SyncedCase['summary'] {
    try {
      const assessment = assessAnswers(findQuestionnaire(value.questionnaireId, value.questionnaireVersion), value.answers);
      const section = (value.fields.snapshot as { value?: unknown } | null | undefined)?.value;
      return {
        ...value.summary,
        outcome: assessment.outcome,
        flags: assessment.flags,
        section: typeof section === 'string' ? section : value.summary.section,
        answered: Object.keys(value.answers).length,
        stats: statsRecord(value.answers, assessment, value.createdAt, 'none') as Record<string, unknown> | null,
      };
    } catch {
      // A questionnaire this build does not have: keep the summary as it came.
      return value.summary;
    }
  }

  async who(): Promise<string | null> {
    const officer = await this.store.officer();
    return officer ? `${officer.name}${officer.service ? ` (${officer.service})` : ''}` : null;
  }
}
