/**
 * What the hand-over screens do, apart from drawing: build and seal a referral
 * package from a case, open whatever package arrives (a referral or an
 * acknowledgement) and file it, answer a referral with a signed acknowledgement.
 * Every check happens before anything is written: a refused file changes nothing.
 */
import { assessAnswers, InputError } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { validateService, STARTER_DIRECTORY, type Service } from '../../content/directory';
import { buildAckBody, buildReferralBody, encodeBody, parseAckBody, parseReferralBody, type AckDecision } from '../../content/handover-package';
import { base32, HandoverError, MAX_PACKAGE_BYTES, openPackage, packageMeta, sealPackage, type PackageMeta } from '../../crypto/handover';
import type { CaseContent, CaseStore, IncomingReferral, Officer, Referral, ReferralStatus } from '../../storage';

/** A refusal that is not about the file's cryptography: the screen words it. */
export class HandoverFlowError extends Error {
  constructor(
    readonly code: 'ack_unknown' | 'ack_wrong_signer' | 'not_allowed' | 'no_key' | 'case_gone' | 'content',
    message: string,
  ) {
    super(message);
    this.name = 'HandoverFlowError';
  }
}

/** The interview notes a case may carry: the closing question's free text, and notes taken during the interview. */
type ContentWithNotes = CaseContent & {
  notes?: { id: string; at: number; questionId: string | null; text: string }[];
  officer?: Officer | null;
};

export interface NoteChoice {
  key: string;
  text: string;
  at: number | null;
}

/** The notes the officer may choose to include (none is included unless ticked). */
export function noteCandidates(content: CaseContent): NoteChoice[] {
  const list: NoteChoice[] = [];
  const closing = content.answers['closing.officer_notes'];
  if (typeof closing === 'string' && closing !== 'refused' && closing.trim()) list.push({ key: 'closing', text: closing.trim(), at: null });
  for (const note of (content as ContentWithNotes).notes ?? []) if (note.text.trim()) list.push({ key: note.id, text: note.text.trim(), at: note.at });
  return list;
}

/** Sharing is allowed by the person's consent or by a legal reason the officer recorded, as for printing. */
export function sharingBasis(content: CaseContent): Referral['basis'] | null {
  if (content.answers['consent.share_referral'] === 'yes') return 'consent';
  return content.referWithoutConsent ?? null;
}

export async function loadDirectory(store: CaseStore): Promise<Service[]> {
  const stored = await store.directory();
  return stored ? stored.map((s) => validateService(s)) : STARTER_DIRECTORY;
}

/** A neutral file name: nothing about the case, the person or the service. */
export function packageFileName(): string {
  return `package-${base32(crypto.getRandomValues(new Uint8Array(5))).toLowerCase()}.bin`;
}

export function saveBytes(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a picked file, refusing an oversized one before reading it. */
export async function readPackageFile(file: File): Promise<Uint8Array<ArrayBuffer>> {
  if (file.size > MAX_PACKAGE_BYTES) throw new HandoverError('too_large', `${file.name} is ${file.size} bytes, over the ${MAX_PACKAGE_BYTES}-byte limit`);
  return new Uint8Array(await file.arrayBuffer());
}

export interface SentResult {
  file: Uint8Array<ArrayBuffer>;
  fileName: string;
  meta: PackageMeta;
}

/**
 * Seals the case's referral to the service's key and records it: a referral
 * (method "package", status "sent", with the package id) on the case, and the
 * package on the hand-over list so that its acknowledgement finds the case.
 */
export async function sendReferral(store: CaseStore, input: { caseId: string; service: Service; noteKeys: string[]; days: number }): Promise<SentResult> {
  const { item, content } = await store.load(input.caseId);
  const basis = sharingBasis(content);
  if (!basis) throw new HandoverFlowError('not_allowed', 'sharing is not allowed for this case');
  const { service } = input;
  if (!service.publicKey || !service.keyVerifiedAt) throw new HandoverFlowError('no_key', `${service.name} has no verified key`);
  const questionnaire = findQuestionnaire(item.questionnaireId, item.questionnaireVersion);
  const assessment = assessAnswers(questionnaire, content.answers);
  const officer = (content as ContentWithNotes).officer ?? (await store.officer());
  const now = Date.now();
  const notes = noteCandidates(content).filter((n) => input.noteKeys.includes(n.key));
  const body = buildReferralBody({
    reference: item.reference,
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    answers: content.answers,
    assessment,
    interviewAt: item.createdAt,
    sentAt: now,
    officer,
    to: { serviceId: service.id, serviceName: service.name },
    basis,
    details: { place: content.details?.place ?? '', interpreter: content.details?.interpreter ?? null, language: content.interviewLanguage || null },
    notes: notes.map(({ text, at }) => ({ text, at })),
  });
  const handover = store.handover();
  const identity = await handover.identity();
  const meta = packageMeta('referral', input.days, now);
  const file = await sealPackage(meta, encodeBody(body), identity, service.publicKey);

  const referral: Referral = { id: crypto.randomUUID(), serviceId: service.id, serviceName: service.name, at: now, method: 'package', basis, status: 'sent', notes: [], packageId: meta.id };
  await store.update(input.caseId, (current, summary) => ({
    content: { ...current, referrals: [...(current.referrals ?? []), referral] },
    summary: { ...summary, referral: { serviceName: service.name, status: 'sent' } },
    status: 'referred',
  }));
  await handover.recordSent({ packageId: meta.id, caseId: input.caseId, referralId: referral.id, serviceId: service.id, serviceName: service.name, recipientPublicKey: service.publicKey, sentAt: now, expiresAt: meta.expiresAt });
  await store.audit('export', item.reference);
  return { file, fileName: packageFileName(), meta };
}

export type OpenedResult =
  | { kind: 'referral'; referral: IncomingReferral; duplicate: boolean }
  | { kind: 'ack'; caseReference: string; serviceName: string; decision: AckDecision; applied: boolean };

const RANK: Record<ReferralStatus, number> = { sent: 0, received: 1, accepted: 2, declined: 2 };

function content<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new HandoverFlowError('content', error.message);
    throw error;
  }
}

/**
 * Opens a package that arrived, of either kind. A referral is filed (sealed) as
 * received; an acknowledgement moves the referral it names forward
 * (sent → received → accepted or declined), only if it is signed by the key
 * the referral was encrypted to.
 */
export async function openArrived(store: CaseStore, bytes: Uint8Array<ArrayBuffer>, directory: Service[], now = Date.now()): Promise<OpenedResult> {
  const handover = store.handover();
  const identity = await handover.identity();
  const opened = await openPackage(bytes, identity, now);

  if (opened.meta.kind === 'referral') {
    const body = content(() => parseReferralBody(opened.body));
    const known = directory.find((s) => s.publicKey === opened.sender.publicKey && s.keyVerifiedAt);
    const result = await handover.fileIncoming({
      packageId: opened.meta.id,
      receivedAt: now,
      expiresAt: opened.meta.expiresAt,
      sender: { ...opened.sender, knownAs: known?.name ?? null },
      body,
    });
    if (!result.duplicate) await store.audit('import', body.caseReference);
    return { kind: 'referral', ...result };
  }

  const ack = content(() => parseAckBody(opened.body));
  const sent = await handover.findSent(ack.packageId);
  if (!sent) throw new HandoverFlowError('ack_unknown', 'no package with this id was sent from this tablet');
  if (sent.recipientPublicKey !== opened.sender.publicKey) throw new HandoverFlowError('ack_wrong_signer', 'the acknowledgement is not signed by the key the package was sent to');
  let applied = false;
  try {
    await store.update(sent.caseId, (current, summary) => {
      const referrals = (current.referrals ?? []).map((r) => {
        if (r.packageId !== ack.packageId) return r;
        // An acknowledgement never moves a referral back (a late "received" after "accepted").
        if (RANK[ack.decision] < RANK[r.status] || (RANK[ack.decision] === RANK[r.status] && r.status === ack.decision)) return r;
        applied = true;
        const notes = ack.note ? [...r.notes, { at: ack.at, text: ack.note }] : r.notes;
        return { ...r, status: ack.decision, notes };
      });
      const last = referrals.at(-1);
      return { content: { ...current, referrals }, summary: { ...summary, referral: last ? { serviceName: last.serviceName, status: last.status } : null } };
    });
  } catch {
    throw new HandoverFlowError('case_gone', 'the case of this referral is no longer on this tablet');
  }
  await handover.markAcknowledged(sent.id, { decision: ack.decision, at: ack.at });
  return { kind: 'ack', caseReference: ack.caseReference, serviceName: sent.serviceName, decision: ack.decision, applied };
}

/** The acknowledgement of a referral received, signed by this tablet and encrypted to the tablet that sent it. */
export async function acknowledge(store: CaseStore, referral: IncomingReferral, decision: AckDecision, note: string | null): Promise<{ file: Uint8Array<ArrayBuffer>; fileName: string; referral: IncomingReferral }> {
  const handover = store.handover();
  const identity = await handover.identity();
  const officer = await store.officer();
  const now = Date.now();
  const body = buildAckBody({ packageId: referral.packageId, caseReference: referral.body.caseReference, decision, at: now, service: officer?.service.slice(0, 160) || null, note: note?.trim().slice(0, 500) || null });
  const file = await sealPackage(packageMeta('ack', 30, now), encodeBody(body), identity, referral.sender.publicKey);
  const updated = await handover.decideIncoming(referral.id, { decision, at: now, note: body.note });
  await store.audit('export', referral.body.caseReference);
  return { file, fileName: packageFileName(), referral: updated };
}
