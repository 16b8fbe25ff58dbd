import type { ElementGroup, FactCode } from './codes';
import type { Tri } from './logic';

export type { Tri } from './logic';

/** Why a fact is unknown: the summary tells these apart (LEGAL.md §3). */
export type UnknownReason = 'dont_know' | 'refused' | 'not_asked';

/** One answer that contributed to a fact. */
export interface FactSource {
  question: string;
  /** The answer as given: a yes/no/option value, or dont_know / refused. */
  answer: string;
  value: Tri;
}

export interface Fact {
  value: Tri;
  /** Every question whose answer touched this code; empty when it came from a facts file or was never asked. */
  sources: FactSource[];
  /** Present when value is unknown. */
  unknownReason?: UnknownReason;
}

/**
 * What is established about a person. `groups` holds an element set directly
 * (a facts file saying `"means": "no"`), which the contract allows instead of codes.
 */
export interface FactSet {
  ageYears: number | null;
  mayBeChild: boolean | null;
  /** Questions behind the age reading, for the reasons. */
  ageQuestions: string[];
  facts: Partial<Record<FactCode, Fact>>;
  groups: Partial<Record<ElementGroup, Fact>>;
}

export type ElementStatus = 'indicated' | 'not_indicated' | 'unknown' | 'not_required';
export type Outcome = 'presumed_victim' | 'possible_victim' | 'not_indicated' | 'insufficient';

export const OUTCOMES: readonly Outcome[] = ['presumed_victim', 'possible_victim', 'insufficient', 'not_indicated'];

export type Flag =
  | 'urgent_needs'
  | 'child'
  | 'age_uncertain'
  | 'consent_irrelevant'
  | 'smuggling'
  | 'non_punishment'
  | 'labour_exploitation'
  | `aggravating:${string}`;

export interface ElementReason {
  element: ElementGroup;
  status: ElementStatus;
  /** The codes that produced the status (the yes codes when indicated, the no codes when ruled out, the open codes when unknown). */
  codes: string[];
  questions: string[];
  article: string;
}

export interface FlagReason {
  flag: Flag;
  codes: string[];
  questions: string[];
  article: string;
}

export type IloDimension =
  | 'deceptive_recruitment'
  | 'coercive_recruitment'
  | 'recruitment_abuse_of_vulnerability'
  | 'exploitative_conditions'
  | 'coercion_at_destination'
  | 'abuse_of_vulnerability_at_destination';

export const ILO_DIMENSIONS: readonly IloDimension[] = [
  'deceptive_recruitment',
  'coercive_recruitment',
  'recruitment_abuse_of_vulnerability',
  'exploitative_conditions',
  'coercion_at_destination',
  'abuse_of_vulnerability_at_destination',
];

export type IloStrength = 'strong' | 'medium' | 'weak';

export interface IndicatorHit {
  indicator: string;
  dimension: IloDimension;
  strength: IloStrength;
  question: string;
}

export interface IndicatorReading {
  /** False when the input was a facts file: there were no answers to read indicators from. */
  evaluated: boolean;
  list: 'adult' | 'child';
  dimensions: Record<IloDimension, 'positive' | 'negative'>;
  reading: 'trafficking' | 'exploitation_only' | 'none';
  hits: IndicatorHit[];
}

export interface Assessment {
  outcome: Outcome;
  elements: Record<ElementGroup, ElementStatus>;
  flags: Flag[];
  reasons: ElementReason[];
  flagReasons: FlagReason[];
  /** How the outcome follows from the element statuses, with the article it rests on. */
  outcomeBasis: { combination: Tri; child: boolean; article: string };
  person: { ageYears: number | null; mayBeChild: boolean | null; treatedAsChild: boolean };
  facts: Record<string, Fact>;
  indicators: IndicatorReading;
}
