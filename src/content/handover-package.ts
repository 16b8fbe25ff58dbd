/**
 * What travels inside an encrypted referral package and its acknowledgement,
 * and the service key file. The crypto layer (src/crypto/handover.ts) carries
 * these bodies as bytes; here each one is written and, on arrival, checked by a
 * strict schema (sizes, formats, enums; unknown fields refused) before anything
 * is shown or stored.
 *
 * A referral body is the HTCDS-shaped export (src/content/htcds.ts) plus the
 * 448-1 detail a receiving service needs to act — element statuses with the
 * codes and article behind them, the flags and why, the outcome — and the
 * officer's notes the officer chose to include. No answers, no name.
 */
import { z } from 'zod';
import { InputError, ELEMENT_GROUPS, type AnswerMap, type Assessment } from '../engine';
import { DECISION_ORGS, METHODS_OF_CONTROL, TYPES_OF_EXPLOITATION, TYPES_OF_SEX_EXPLOITATION, toHtcds } from './htcds';
import { SERVICE_KEY_PATTERN } from './directory';

export const REFERRAL_FORMAT = 'screening-448-1-referral';
export const ACK_FORMAT = 'screening-448-1-referral-ack';
export const SERVICE_KEY_FORMAT = 'screening-448-1-service-key';
export const MAX_NOTES = 50;
export const MAX_NOTE_CHARS = 4000;
/** A key file is a few hundred bytes; anything much larger is not one. */
export const MAX_KEY_FILE_BYTES = 4096;

const EARLIEST = Date.UTC(2020, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
const date = z.number().int().min(EARLIEST).max(LATEST);
const text = (max: number) => z.string().max(max);
const reference = z.string().regex(/^TR-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'not a case reference (TR-XXXX-XXXX)');
const code = z.string().regex(/^[a-z_]{1,40}(\.[a-z_]{1,40})?$/, 'not a code');
/** A question id ("section.name") or, from a facts file, a fact code: the same shape. */
const questionOrCode = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/).max(80);
const flag = z.string().regex(/^[a-z_]{1,40}(:[a-z_]{1,40})?$/, 'not a flag');
const article = text(60);
const elementStatus = z.enum(['indicated', 'not_indicated', 'unknown', 'not_required']);
const outcome = z.enum(['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']);
export const PACKAGE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const fingerprint = z.string().regex(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/, 'not a fingerprint (6 groups of 4 characters)');

const htcds = z.strictObject({
  vic_TraffickingStatus: z.literal('PossibleVictimOfTrafficking').optional(),
  vic_TraffickingStatusDecisionMakingOrg: z.enum(DECISION_ORGS),
  vic_MethodsOfControl: z.array(z.enum(METHODS_OF_CONTROL)).max(METHODS_OF_CONTROL.length),
  vic_TypeOfExploitation: z.array(z.enum(TYPES_OF_EXPLOITATION)).max(TYPES_OF_EXPLOITATION.length),
  vic_TypeOfSexExploitation: z.array(z.enum(TYPES_OF_SEX_EXPLOITATION)).max(TYPES_OF_SEX_EXPLOITATION.length),
  con_Consent: z.boolean(),
  cas_ReferredOrganisation: text(160).optional(),
  cas_ReasonForOutgoingReferral: text(200).optional(),
  cas_OutgoingReferralDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  cas_OutgoingReferralDetails: text(300).optional(),
  x_art4481: z.strictObject({
    caseReference: reference,
    questionnaire: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), version: z.number().int().min(1).max(999) }),
    outcome,
    elements: z.strictObject(Object.fromEntries(ELEMENT_GROUPS.map((g) => [g, elementStatus])) as Record<(typeof ELEMENT_GROUPS)[number], typeof elementStatus>),
    flags: z.array(flag).max(40),
    reasons: z.array(z.strictObject({ element: z.enum(ELEMENT_GROUPS), status: elementStatus, codes: z.array(code).max(60), article })).max(ELEMENT_GROUPS.length),
    ageAtScreening: z.number().int().min(0).max(130).nullable(),
    treatedAsChild: z.boolean(),
    iloReading: z.string().regex(/^[a-z_]{1,40}$/).nullable(),
    // Decision model v2: the model, a child when it began, the points to clarify and other offences.
    model: z.literal(2),
    childAtEvents: z.boolean().nullable(),
    contradictions: z.array(z.strictObject({ fact: code, for: z.array(questionOrCode).max(40), against: z.array(questionOrCode).max(40) })).max(60),
    otherOffences: z.array(z.strictObject({ offence: z.string().regex(/^[a-z_]{1,40}$/), codes: z.array(code).max(20), article })).max(20),
  }),
});

const referralBody = z.strictObject({
  format: z.literal(REFERRAL_FORMAT),
  version: z.literal(1),
  caseReference: reference,
  sentAt: date,
  from: z.strictObject({ officer: text(120).nullable(), service: text(160).nullable(), orgType: z.enum(DECISION_ORGS) }),
  to: z.strictObject({ serviceId: z.string().regex(/^[a-z0-9-]{1,80}$/), serviceName: text(160) }),
  /** Why sharing is allowed: the person's consent, or the legal reason the officer recorded. */
  basis: z.enum(['consent', 'child', 'danger_to_life']),
  interview: z.strictObject({ at: date, place: text(200).nullable(), language: text(40).nullable(), interpreter: z.enum(['yes', 'no']).nullable() }),
  htcds,
  flagReasons: z.array(z.strictObject({ flag, codes: z.array(code).max(60), article })).max(40),
  notes: z.array(z.strictObject({ text: z.string().min(1).max(MAX_NOTE_CHARS), at: date.nullable() })).max(MAX_NOTES),
});
export type ReferralBody = z.infer<typeof referralBody>;

export const ACK_DECISIONS = ['received', 'accepted', 'declined'] as const;
export type AckDecision = (typeof ACK_DECISIONS)[number];

const ackBody = z.strictObject({
  format: z.literal(ACK_FORMAT),
  version: z.literal(1),
  packageId: z.string().regex(PACKAGE_ID_PATTERN, 'not a package id'),
  caseReference: reference,
  decision: z.enum(ACK_DECISIONS),
  at: date,
  service: text(160).nullable(),
  note: text(500).nullable(),
});
export type AckBody = z.infer<typeof ackBody>;

const serviceKeyFile = z.strictObject({
  format: z.literal(SERVICE_KEY_FORMAT),
  version: z.literal(1),
  label: text(160).nullable(),
  publicKey: z.string().regex(SERVICE_KEY_PATTERN, 'not a service key (SK1.…)'),
  fingerprint,
});

function fail(error: z.ZodError, file: string): never {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new InputError('unknown field, refused', [file, `field "${[...issue.path, issue.keys[0]].join('.')}"`]);
  }
  throw new InputError(issue.message, [file, `field "${issue.path.join('.') || 'format'}"`]);
}

function json(bytes: Uint8Array | string, file: string): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InputError('not valid JSON', [file]);
  }
}

export interface ReferralInput {
  reference: string;
  questionnaire: { id: string; version: number };
  answers: AnswerMap;
  assessment: Assessment;
  interviewAt: number;
  sentAt: number;
  officer: { name: string; service: string; orgType?: (typeof DECISION_ORGS)[number] } | null;
  to: { serviceId: string; serviceName: string };
  basis: ReferralBody['basis'];
  details: { place: string; interpreter: 'yes' | 'no' | null; language: string | null };
  notes: { text: string; at: number | null }[];
}

/** The body of a referral package, checked against its own schema before it is encrypted. */
export function buildReferralBody(input: ReferralInput): ReferralBody {
  const record = toHtcds({
    caseReference: input.reference,
    questionnaire: input.questionnaire,
    answers: input.answers,
    assessment: input.assessment,
    decisionOrg: input.officer?.orgType ?? 'Other',
    referral: { organisation: input.to.serviceName, date: input.sentAt, method: 'encrypted package', basis: input.basis },
  });
  const body = {
    format: REFERRAL_FORMAT,
    version: 1,
    caseReference: input.reference,
    sentAt: input.sentAt,
    from: { officer: input.officer?.name.slice(0, 120) || null, service: input.officer?.service.slice(0, 160) || null, orgType: input.officer?.orgType ?? 'Other' },
    to: input.to,
    basis: input.basis,
    interview: { at: input.interviewAt, place: input.details.place.trim().slice(0, 200) || null, language: input.details.language, interpreter: input.details.interpreter },
    htcds: record,
    flagReasons: input.assessment.flagReasons.map(({ flag: f, codes, article: a }) => ({ flag: f, codes, article: a })),
    notes: input.notes.map((n) => ({ text: n.text.slice(0, MAX_NOTE_CHARS), at: n.at })),
  };
  const parsed = referralBody.safeParse(body);
  if (!parsed.success) fail(parsed.error, 'referral');
  return parsed.data;
}

export function buildAckBody(input: Omit<AckBody, 'format' | 'version'>): AckBody {
  const parsed = ackBody.safeParse({ format: ACK_FORMAT, version: 1, ...input });
  if (!parsed.success) fail(parsed.error, 'acknowledgement');
  return parsed.data;
}

export function encodeBody(body: ReferralBody | AckBody): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(body));
}

/** A referral body that arrived: every field checked, unknown fields refused. */
export function parseReferralBody(bytes: Uint8Array): ReferralBody {
  const parsed = referralBody.safeParse(json(bytes, 'referral'));
  if (!parsed.success) fail(parsed.error, 'referral');
  return parsed.data;
}

export function parseAckBody(bytes: Uint8Array): AckBody {
  const parsed = ackBody.safeParse(json(bytes, 'acknowledgement'));
  if (!parsed.success) fail(parsed.error, 'acknowledgement');
  return parsed.data;
}

export interface ServiceKeyCard {
  publicKey: string;
  label: string | null;
  /** The fingerprint the file states, to compare with the one computed from the key; null for a bare key line. */
  statedFingerprint: string | null;
}

/** A service key file as this app writes it. */
export function serialiseServiceKey(card: { publicKey: string; label: string | null; fingerprint: string }): string {
  return JSON.stringify({ format: SERVICE_KEY_FORMAT, version: 1, label: card.label, publicKey: card.publicKey, fingerprint: card.fingerprint }, null, 2);
}

/** A key file, or the one-line key (as a QR code or a paste carries it). */
export function parseServiceKey(input: string, file = 'key'): ServiceKeyCard {
  if (input.length > MAX_KEY_FILE_BYTES) throw new InputError(`larger than ${MAX_KEY_FILE_BYTES} bytes: not a service key`, [file]);
  const trimmed = input.trim();
  if (trimmed.startsWith('SK1.')) {
    if (!SERVICE_KEY_PATTERN.test(trimmed)) throw new InputError('not a complete service key (SK1.…)', [file]);
    return { publicKey: trimmed, label: null, statedFingerprint: null };
  }
  const parsed = serviceKeyFile.safeParse(json(trimmed, file));
  if (!parsed.success) fail(parsed.error, file);
  return { publicKey: parsed.data.publicKey, label: parsed.data.label, statedFingerprint: parsed.data.fingerprint };
}
