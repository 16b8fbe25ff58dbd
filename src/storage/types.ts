/**
 * The shapes the stores of this folder share. This module imports nothing, so
 * every other module can depend on it without an import circle (a test in
 * test/unit/architecture.test.ts fails on any circle in src/storage).
 */

export type CaseStatus = 'in_progress' | 'completed' | 'referred';
export const CASE_STATUSES: readonly CaseStatus[] = ['in_progress', 'completed', 'referred'];

export type ReferralBasis = 'consent' | 'child' | 'danger_to_life';
export type ReferralStatus = 'sent' | 'received' | 'accepted' | 'declined';
export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'received', 'accepted', 'declined'];

export type CaseOutcome = 'presumed_victim' | 'possible_victim' | 'not_indicated' | 'insufficient';

export interface Officer {
  name: string;
  service: string;
  /** The kind of organisation deciding, as HTCDS names it. */
  orgType?: 'Police' | 'NGO' | 'CourtOrProsecution' | 'NonPoliceGovernmentalOrganization' | 'Other';
}

export interface CaseSummary {
  outcome: CaseOutcome | null;
  flags: string[];
  section: string;
  answered: number;
  /** The latest referral, for the case list. */
  referral?: { serviceName: string; status: ReferralStatus } | null;
  /** The coarse record for anonymous statistics; null when the person did not agree to be counted. */
  stats?: Record<string, unknown> | null;
}

export interface Referral {
  id: string;
  serviceId: string;
  serviceName: string;
  at: number;
  /** 'package': an encrypted referral package (src/features/handover), tracked by its acknowledgement. */
  method: 'phone' | 'in_person' | 'letter' | 'email' | 'package';
  basis: ReferralBasis;
  status: ReferralStatus;
  notes: { at: number; text: string }[];
  /** The id of the encrypted package that carried this referral; its acknowledgement names it. */
  packageId?: string;
}

export interface CaseContent {
  answers: Record<string, string | number | string[]>;
  /** The interview machine's persisted snapshot, to resume at the same place. */
  snapshot: unknown;
  /** The officer's screen language when the case was last saved. */
  interviewLanguage: string;
  /** Where the interview took place, the interpreter and the person's language (for the summary and the case list). */
  details?: {
    place: string;
    interpreter: 'yes' | 'no' | null;
    /** Who interprets (LEGAL.md §8: a relative as interpreter is a warning). */
    interpreterRole?: 'professional' | 'ngo' | 'relative' | 'other' | null;
    /** The person's language: a questionnaire language code ('fr' | 'ar' | 'en') or 'other'. */
    personLanguage?: string | null;
    /** When personLanguage is 'other': its name as typed (e.g. "Tamazight", "Pidgin"). */
    personLanguageOther?: string | null;
  };
  /** A legal reason to refer without the person's consent to share, stated on the summary. */
  referWithoutConsent?: 'child' | 'danger_to_life' | null;
  referrals?: Referral[];
  /** Who interviewed, recorded when the case is created, never read from today's settings. */
  officer?: { name: string; service: string; orgType?: Officer['orgType'] } | null;
  /** Who changed the case later (name, service, when). */
  editors?: { name: string; service: string; at: number }[];
  /** Notes taken during the interview, each tied to the question on screen when it was taken. */
  notes?: { id: string; at: number; questionId: string | null; text: string }[];
  /** When each answer was set (the interview stamps it; team sync adds which tablet and officer). */
  answerMeta?: Record<string, AnswerStamp>;
  /** Team sync: answers replaced by a later one, and merges of edits made on two tablets. */
  team?: CaseTeamRecord;
}

/** What changed on this tablet, for team sync: a case (created, saved, deleted) or the directory. */
export type StoreChange = { kind: 'case'; id: string } | { kind: 'directory'; id: 'team' };

// Team sync's record of who changed what (src/storage/sync): kept here, with the case, so this module imports nothing.
/** Who set a value and when. `by` is a tablet id (it breaks ties); `who` is the officer's name as that tablet had it. */
export interface Stamp {
  at: number;
  by: string;
  who?: string | null;
  /** The stamp of the value this one replaced, as the editing tablet saw it: says an edit was made knowing the other. */
  over?: { at: number; by: string } | null;
}

/** What the interview records when an answer is set; sync fills in the rest of the stamp. */
export type AnswerStamp = Partial<Stamp> & { at: number };

/** An answer (or a case field) replaced by a later one: kept, never thrown away. */
export interface Superseded {
  /** The question id, or `field:<name>` for a field of the case other than an answer. */
  key: string;
  value: unknown;
  stamp: Stamp;
}

export interface MergeChange {
  questionId: string;
  kept: { value: unknown; stamp: Stamp };
  replaced: { value: unknown; stamp: Stamp };
}

/** Edits made on two tablets without seeing each other, merged: shown on the case. */
export interface MergeNotice {
  id: string;
  at: number;
  changes: MergeChange[];
  /** Answers that only one side had, brought together by the merge. */
  added: { questionId: string; stamp: Stamp }[];
}

/** The team part of a case's content: kept with the case (sealed) and in its synced record. */
export interface CaseTeamRecord {
  /** The tablet the case was started on. */
  origin?: string;
  /** The stamps of the case's other fields and summary, each with the digest of the value it belongs to. */
  fieldMeta?: Record<string, Stamp & { hash: string }>;
  summaryMeta?: Stamp & { hash: string };
  history: Superseded[];
  merges: MergeNotice[];
}



/**
 * One case in the sealed case index: everything the case list, the home screen,
 * retention and statistics need, so that none of them decrypts a case. The same
 * record is sealed per case as the case's head (the index can be rebuilt from
 * the heads).
 */
export interface CaseIndexEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** When the case was completed or referred: retention counts from here. Null while in progress. */
  closedAt: number | null;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  /** Outcome, flags, section, answers count, latest referral, statistics record. */
  summary: CaseSummary;
  /** From content.details, for the case list and its search. */
  place: string | null;
  personLanguage: string | null;
  personLanguageOther: string | null;
  /**
   * The sealed row that holds this case with others of the same restore
   * (case-pack.ts); absent when the case has its own content row. A case is in
   * one place only: the first change to it moves its pack's cases to rows of
   * their own (CaseStore.expandPacks).
   */
  pack?: string;
}

/** An index entry as the case list shows it: with its printed reference and the days it has left. */
export interface CaseListItem extends CaseIndexEntry {
  reference: string;
  /** Days before the retention period deletes a closed case; null while in progress. */
  daysLeft: number | null;
}

/** One case as a backup file carries it. */
export interface BackupCase {
  id: string;
  createdAt: number;
  updatedAt: number;
  closedAt?: number;
  status: CaseStatus;
  questionnaireId: string;
  questionnaireVersion: number;
  summary: CaseSummary;
  content: CaseContent;
}

/** The pseudonymous reference printed on summaries: derived from the random id, never from the person. */
export function referenceOf(id: string): string {
  return `TR-${id.slice(0, 4)}-${id.slice(4, 8)}`;
}
