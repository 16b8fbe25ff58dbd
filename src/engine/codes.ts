/**
 * The element codes of Penal Code art. 448-1 (Law 27.14) as the project's stable
 * vocabulary. The questionnaire, the engine, the summary and the exports all speak
 * these codes; people only ever see the labels from the locale files.
 * Source: LEGAL.md §2, carried into the project so that nothing reads ../shared.
 */

export const ELEMENT_GROUPS = ['act', 'means', 'purpose', 'threshold'] as const;
export type ElementGroup = (typeof ELEMENT_GROUPS)[number];

export const ACT_CODES = [
  'act.recruit',
  'act.lure',
  'act.transport',
  'act.transfer',
  'act.harbour',
  'act.receive',
  'act.intermediary',
] as const;

export const MEANS_CODES = [
  'means.threat',
  'means.force',
  'means.coercion',
  'means.abduction',
  'means.fraud',
  'means.deception',
  'means.abuse_of_power',
  'means.abuse_of_vulnerability',
  'means.payment_to_controller',
] as const;

export const PURPOSE_CODES = [
  'purpose.prostitution',
  'purpose.pornography',
  'purpose.sexual_other',
  'purpose.forced_labour',
  'purpose.servitude',
  'purpose.begging',
  'purpose.slavery',
  'purpose.organs',
  'purpose.medical_experiments',
  'purpose.criminal',
  'purpose.armed_conflict',
] as const;

export const THRESHOLD_CODES = [
  'threshold.will_alienated',
  'threshold.no_freedom_to_change',
  'threshold.dignity_violated',
] as const;

export const CONTEXT_CODES = [
  'context.consent_claimed',
  'context.paid_for_crossing',
  'context.ended_on_arrival',
  'context.exploitative_conditions',
  'context.offence_under_coercion',
  'context.needs_medical',
  'context.needs_safety',
  'context.needs_shelter',
  // Model v2 (LEGAL.md §2): facts that drive the v2 flags and the reading of para. 4.
  'context.exploitation_not_started',
  'context.others_at_risk',
  'context.not_interviewed',
  'context.unaccompanied_child',
  'context.ransom_or_extortion',
] as const;

export const AGGRAVATING_CODES = [
  'aggravating.vulnerable_person',
  'aggravating.family_or_authority',
  'aggravating.public_official',
  'aggravating.weapon',
  'aggravating.violence',
  'aggravating.group',
  'aggravating.transnational',
  'aggravating.death_or_harm',
] as const;

export type ActCode = (typeof ACT_CODES)[number];
export type MeansCode = (typeof MEANS_CODES)[number];
export type PurposeCode = (typeof PURPOSE_CODES)[number];
export type ThresholdCode = (typeof THRESHOLD_CODES)[number];
export type ContextCode = (typeof CONTEXT_CODES)[number];
export type AggravatingCode = (typeof AGGRAVATING_CODES)[number];
export type FactCode = ActCode | MeansCode | PurposeCode | ThresholdCode | ContextCode | AggravatingCode;

export const CODES_BY_GROUP: Readonly<Record<ElementGroup, readonly FactCode[]>> = {
  act: ACT_CODES,
  means: MEANS_CODES,
  purpose: PURPOSE_CODES,
  threshold: THRESHOLD_CODES,
};

export const ALL_CODES: readonly FactCode[] = [
  ...ACT_CODES,
  ...MEANS_CODES,
  ...PURPOSE_CODES,
  ...THRESHOLD_CODES,
  ...CONTEXT_CODES,
  ...AGGRAVATING_CODES,
];

const codeSet: ReadonlySet<string> = new Set(ALL_CODES);
const groupSet: ReadonlySet<string> = new Set(ELEMENT_GROUPS);

export function isFactCode(value: string): value is FactCode {
  return codeSet.has(value);
}

export function isElementGroup(value: string): value is ElementGroup {
  return groupSet.has(value);
}

/** The element a code belongs to, or null for context and aggravating codes. */
export function groupOf(code: FactCode): ElementGroup | null {
  const prefix = code.slice(0, code.indexOf('.'));
  return isElementGroup(prefix) ? prefix : null;
}

/** Article paragraph that each element comes from, as printed in reasons and summaries. */
export const ARTICLE_OF: Readonly<Record<ElementGroup, string>> = {
  act: '448-1 al. 1',
  means: '448-1 al. 1',
  purpose: '448-1 al. 1, al. 3',
  threshold: '448-1 al. 4',
};
export const ARTICLE_CHILD_EXCEPTION = '448-1 al. 2';
