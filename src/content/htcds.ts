/**
 * One case as JSON for systems that read IOM's Human Trafficking Case Data
 * Standard (HTCDS 2.0): HTCDS field names where they exist (LEGAL.md §7), the
 * art. 448-1 detail in an extension. No name, no date of birth, no free text.
 */
import type { AnswerMap, Assessment } from '../engine';

export const HTCDS_FIELDS = [
  'vic_TraffickingStatus',
  'vic_TraffickingStatusDecisionMakingOrg',
  'vic_MethodsOfControl',
  'vic_TypeOfExploitation',
  'vic_TypeOfSexExploitation',
  'con_Consent',
  'cas_ReferredOrganisation',
  'cas_ReasonForOutgoingReferral',
  'cas_OutgoingReferralDate',
  'cas_OutgoingReferralDetails',
] as const;

export const DECISION_ORGS = ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'] as const;
export const METHODS_OF_CONTROL = [
  'PhysicalThreats', 'ThreatsLawEnforcement', 'ThreatensChildrenFamily', 'DebtBondage', 'FalsePromises', 'PhysicalAbuse', 'SexualAbuse', 'TakesEarnings',
  'RestrictsFinancialAccess', 'RestrictsMedicalCare', 'WithholdsNecessities', 'PsychologicalAbuse', 'PsychoactiveSubstance', 'ExcessiveWorkingHours', 'WithholdsDocuments', 'Other',
] as const;
export const TYPES_OF_EXPLOITATION = ['ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'Servitude', 'ForcedMilitaryByNonStateActors', 'OrganRemoval', 'ForcedBegging', 'ForcedAdoption', 'Surrogacy', 'Other'] as const;
export const TYPES_OF_SEX_EXPLOITATION = ['Prostitution', 'Pornography', 'RemoteInteractiveServices', 'PrivateSexualServices'] as const;

type DecisionOrg = (typeof DECISION_ORGS)[number];

type Method = (typeof METHODS_OF_CONTROL)[number];

/**
 * Which answer shows which HTCDS method of control: a yes/no question answered
 * "yes", or a choice (single, or ticked in a checklist) with that value. Both
 * questionnaire versions: their question ids never collide.
 */
const CONTROL_BY_ANSWER: readonly [question: string, value: string, method: Method][] = [
  // Version 1
  ['means.threatened', 'yes', 'PhysicalThreats'],
  ['means.hurt', 'yes', 'PhysicalAbuse'],
  ['means.documents_kept', 'yes', 'WithholdsDocuments'],
  ['means.debt', 'yes', 'DebtBondage'],
  ['means.threat_police', 'yes', 'ThreatsLawEnforcement'],
  ['means.substances', 'yes', 'PsychoactiveSubstance'],
  ['means.job_different', 'yes', 'FalsePromises'],
  ['means.pay_different', 'yes', 'FalsePromises'],
  ['means.false_papers', 'yes', 'FalsePromises'],
  ['means.watched', 'yes', 'Other'],
  ['means.free_to_leave', 'no', 'Other'],
  ['purpose.sexual_acts', 'yes', 'SexualAbuse'],
  ['purpose.earnings_taken', 'yes', 'TakesEarnings'],
  ['context.long_hours', 'yes', 'ExcessiveWorkingHours'],
  ['threshold.humiliated', 'yes', 'PsychologicalAbuse'],
  // Version 2: the closed questions and what the person mentioned unprompted
  ['control.threats', 'yes', 'PhysicalThreats'],
  ['control.mentioned', 'threats', 'PhysicalThreats'],
  ['journey.mentioned', 'threatened', 'PhysicalThreats'],
  ['control.hurt', 'yes', 'PhysicalAbuse'],
  ['control.mentioned', 'hurt', 'PhysicalAbuse'],
  ['control.papers_kept', 'yes', 'WithholdsDocuments'],
  ['control.mentioned', 'papers_kept', 'WithholdsDocuments'],
  ['arrival.mentioned', 'papers_taken', 'WithholdsDocuments'],
  ['journey.mentioned', 'papers_taken', 'WithholdsDocuments'],
  ['control.debt', 'yes', 'DebtBondage'],
  ['control.mentioned', 'debt', 'DebtBondage'],
  ['control.police_threat', 'yes', 'ThreatsLawEnforcement'],
  ['control.mentioned', 'police_threat', 'ThreatsLawEnforcement'],
  ['control.drugs', 'yes', 'PsychoactiveSubstance'],
  ['control.mentioned', 'drugs', 'PsychoactiveSubstance'],
  ['recruitment.job_different', 'yes', 'FalsePromises'],
  ['recruitment.pay_different', 'yes', 'FalsePromises'],
  ['recruitment.papers_promise', 'yes', 'FalsePromises'],
  ['recruitment.mentioned', 'deceived_job', 'FalsePromises'],
  ['recruitment.mentioned', 'deceived_pay', 'FalsePromises'],
  ['recruitment.mentioned', 'false_papers', 'FalsePromises'],
  ['recruitment.mentioned', 'marriage_promise', 'FalsePromises'],
  ['control.ransom', 'yes', 'ThreatensChildrenFamily'],
  ['control.mentioned', 'ransom', 'ThreatensChildrenFamily'],
  ['control.oath_or_curse', 'yes', 'PsychologicalAbuse'],
  ['control.mentioned', 'oath_or_curse', 'PsychologicalAbuse'],
  ['control.shame_threat', 'yes', 'PsychologicalAbuse'],
  ['control.mentioned', 'shame_threat', 'PsychologicalAbuse'],
  ['control.humiliated', 'yes', 'PsychologicalAbuse'],
  ['control.locked_in', 'yes', 'Other'],
  ['control.mentioned', 'locked_in', 'Other'],
  ['control.watched', 'yes', 'Other'],
  ['control.mentioned', 'watched', 'Other'],
  ['control.isolated', 'yes', 'Other'],
  ['control.mentioned', 'isolated', 'Other'],
  ['work.sexual_acts', 'yes', 'SexualAbuse'],
  ['work.sexual_known', 'yes', 'SexualAbuse'],
  ['work.pay', 'withheld', 'TakesEarnings'],
  ['work.hours', 'yes', 'ExcessiveWorkingHours'],
  ['work.housing', 'yes', 'WithholdsNecessities'],
];

/** Answers that record a forced marriage (a practice similar to slavery in the legal reading). */
const FORCED_MARRIAGE: readonly [string, string][] = [
  ['purpose.forced_marriage', 'yes'],
  ['work.marriage', 'yes'],
  ['work.intended', 'marriage'],
];

export interface HtcdsInput {
  caseReference: string;
  questionnaire: { id: string; version: number };
  answers: AnswerMap;
  assessment: Assessment;
  decisionOrg: DecisionOrg;
  referral: { organisation: string; date: number; method: string; basis: string } | null;
}

export function toHtcds(input: HtcdsInput): Record<string, unknown> {
  const { answers, assessment } = input;
  const gave = (id: string, value: string) => {
    const answer = answers[id];
    return Array.isArray(answer) ? answer.includes(value) : answer === value;
  };
  const fact = (code: string) => assessment.facts[code]?.value === 'yes';

  const control = new Set(CONTROL_BY_ANSWER.filter(([id, value]) => gave(id, value)).map(([, , method]) => method));
  const forcedMarriage = FORCED_MARRIAGE.some(([id, value]) => gave(id, value));

  const types = new Set<(typeof TYPES_OF_EXPLOITATION)[number]>();
  const sex = new Set<(typeof TYPES_OF_SEX_EXPLOITATION)[number]>();
  if (fact('purpose.prostitution')) sex.add('Prostitution');
  if (fact('purpose.pornography')) sex.add('Pornography');
  if (sex.size > 0) types.add('SexualExploitation');
  if (fact('purpose.sexual_other')) types.add('SexualExploitation');
  if (fact('purpose.forced_labour')) types.add(assessment.person.treatedAsChild ? 'ChildLabour' : 'ForcedLabour');
  if (fact('purpose.servitude')) types.add('Servitude');
  if (fact('purpose.begging')) types.add('ForcedBegging');
  if (fact('purpose.organs')) types.add('OrganRemoval');
  if (forcedMarriage) types.add('ForcedMarriage');
  if (fact('purpose.slavery') && !forcedMarriage) types.add('Other');
  if (fact('purpose.criminal') || fact('purpose.medical_experiments') || fact('purpose.armed_conflict')) types.add('Other');

  const record: Record<string, unknown> = {
    vic_TraffickingStatusDecisionMakingOrg: input.decisionOrg,
    vic_MethodsOfControl: [...control],
    vic_TypeOfExploitation: [...types],
    vic_TypeOfSexExploitation: [...sex],
    con_Consent: answers['consent.share_referral'] === 'yes',
  };
  // The tool never says "actual" victim: only a presumed or possible victim is a possible victim of trafficking.
  if (assessment.outcome === 'presumed_victim' || assessment.outcome === 'possible_victim') record.vic_TraffickingStatus = 'PossibleVictimOfTrafficking';
  if (input.referral) {
    record.cas_ReferredOrganisation = input.referral.organisation;
    record.cas_ReasonForOutgoingReferral = `art. 448-1 screening: ${assessment.outcome}`;
    record.cas_OutgoingReferralDate = new Date(input.referral.date).toISOString().slice(0, 10);
    record.cas_OutgoingReferralDetails = `method: ${input.referral.method}; basis: ${input.referral.basis}`;
  }
  record.x_art4481 = {
    caseReference: input.caseReference,
    questionnaire: input.questionnaire,
    outcome: assessment.outcome,
    elements: assessment.elements,
    flags: assessment.flags,
    reasons: assessment.reasons.map(({ element, status, codes, article }) => ({ element, status, codes, article })),
    ageAtScreening: assessment.person.ageYears,
    treatedAsChild: assessment.person.treatedAsChild,
    iloReading: assessment.indicators.evaluated ? assessment.indicators.reading : null,
    model: assessment.model,
    childAtEvents: assessment.person.childAtEvents,
    // Points to clarify, as question ids: never a reason to doubt the person (LEGAL.md §3.1).
    contradictions: assessment.contradictions,
    otherOffences: assessment.otherOffences.map(({ offence, codes, article }) => ({ offence, codes, article })),
  };
  return record;
}

/** Problems with an export, or an empty list: every field is a known HTCDS field (or the extension) with an allowed value. */
export function htcdsProblems(record: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const allowed = new Set<string>([...HTCDS_FIELDS, 'x_art4481']);
  for (const key of Object.keys(record)) if (!allowed.has(key)) problems.push(`unknown field "${key}"`);
  const within = (field: string, list: readonly string[]) => {
    const value = record[field];
    if (value === undefined) return;
    for (const v of Array.isArray(value) ? value : [value]) if (!list.includes(v as string)) problems.push(`${field}: "${String(v)}" is not an HTCDS value`);
  };
  within('vic_TraffickingStatus', ['PossibleVictimOfTrafficking']);
  within('vic_TraffickingStatusDecisionMakingOrg', DECISION_ORGS);
  within('vic_MethodsOfControl', METHODS_OF_CONTROL);
  within('vic_TypeOfExploitation', TYPES_OF_EXPLOITATION);
  within('vic_TypeOfSexExploitation', TYPES_OF_SEX_EXPLOITATION);
  if (record.con_Consent !== undefined && typeof record.con_Consent !== 'boolean') problems.push('con_Consent must be true or false');
  return problems;
}
