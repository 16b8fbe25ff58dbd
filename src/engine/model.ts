import type { ElementGroup, FactCode } from './codes';
import type { Tri } from './logic';

export type { Tri } from './logic';

/**
 * Why a fact is unknown: the summary tells these apart (LEGAL.md §3).
 * `exploitation_not_started`: a para-4 effect ruled out only by answers about the
 * present, for a person intercepted before the exploitation began (§3.2).
 */
export type UnknownReason = 'dont_know' | 'refused' | 'not_asked' | 'exploitation_not_started';

/** One answer that contributed to a fact. */
export interface FactSource {
  /** The question answered; for a facts file (which has no answers), the fact code that says it. */
  question: string;
  /** The answer as given: a yes/no/option value, or dont_know / refused. */
  answer: string;
  value: Tri;
  /** Set when the answer counts through another fact (model v2, §3.2): e.g. force → will alienated. */
  via?: FactCode;
  /** The question asks about the fact as a whole, not one concrete form of it (see `overall` in the questionnaire). */
  overall?: boolean;
}

/**
 * Answers behind one fact that disagree (§3.1): the fact is yes, and the prosecutor
 * is told what to clarify. Only an answer about the fact as a whole can disagree
 * with a concrete one; two answers about different concrete forms never do.
 */
export interface Contradiction {
  fact: FactCode;
  /** Questions (or, for a facts file, fact codes) whose answer says yes. */
  for: string[];
  /** Questions (or fact codes) whose answer rules the fact out as a whole. */
  against: string[];
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
  /**
   * true / false: the officer's reading; 'unknown': asked, and the officer could not
   * tell (§3.3: treated as a child); null: not asked.
   */
  mayBeChild: boolean | 'unknown' | null;
  /** Under 18 when the recruitment or the exploitation began (model v2, §3.3); null when unknown. */
  childAtEvents: boolean | null;
  /** False when the answers never reached the age questions (see PersonInput.ageAsked). */
  ageAsked?: boolean;
  /** Questions behind the age reading, for the reasons. */
  ageQuestions: string[];
  /** Of those, the ones whose answers make the person a child (the support of "means not required"). */
  childQuestions?: string[];
  facts: Partial<Record<FactCode, Fact>>;
  groups: Partial<Record<ElementGroup, Fact>>;
}

export type ElementStatus = 'indicated' | 'not_indicated' | 'unknown' | 'not_required';
export type Outcome = 'presumed_victim' | 'possible_victim' | 'not_indicated' | 'insufficient';

export const OUTCOMES: readonly Outcome[] = ['presumed_victim', 'possible_victim', 'insufficient', 'not_indicated'];

export type Flag =
  | 'urgent_needs'
  | 'others_at_risk'
  | 'child'
  | 'child_at_events'
  | 'age_uncertain'
  | 'not_interviewed'
  | 'threshold_disputed'
  | 'consent_irrelevant'
  | 'smuggling'
  | 'non_punishment'
  | 'duress'
  | 'labour_exploitation'
  | 'other_offences'
  | `aggravating:${string}`;

/** What the `other_offences` flag points the prosecutor to (LEGAL.md §3.5). */
export type OtherOffence =
  | 'violence'
  | 'sequestration'
  | 'weapon'
  | 'procuring'
  | 'organ_removal'
  | 'forced_marriage_or_slavery'
  | 'extortion'
  | 'child_in_danger';

export interface OtherOffenceReason {
  offence: OtherOffence;
  codes: FactCode[];
  questions: string[];
  /** The text it points to, as LEGAL.md gives it ([src] where marked there). */
  article: string;
}

export interface ElementReason {
  element: ElementGroup;
  status: ElementStatus;
  /** The codes that produced the status (the yes codes when indicated, the no codes when ruled out, the open codes when unknown). */
  codes: string[];
  /** The answers that support the status: yes answers when indicated, no answers when ruled out, open ones when unknown. */
  questions: string[];
  article: string;
}

export interface FlagReason {
  flag: Flag;
  codes: string[];
  questions: string[];
  article: string;
  /** other_offences: what it points to, one entry each. */
  offences?: OtherOffenceReason[];
  /** smuggling: true only beside a presumed victim whose relationship with the smuggler did not end on arrival (§3.5). */
  turnedIntoTrafficking?: boolean;
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

/** positive: enough indicators; negative: indicators asked, too few present; not_assessed: nothing behind it was asked (§4). */
export type DimensionStatus = 'positive' | 'negative' | 'not_assessed';

export type IloReading = 'trafficking' | 'exploitation_only' | 'too_few_indicators' | 'not_applicable';

/**
 * Why no ILO/EC list applies: a sexual purpose (the two sexual-exploitation lists
 * are not bundled: their weights were not available), a purpose with no ILO/EC list
 * (organs, medical experiments, armed conflict), or a facts file (no answers).
 */
export type IloNotApplicable = 'sexual_list_unavailable' | 'no_ilo_list' | 'no_answers';

export interface IndicatorReading {
  /** False when the input was a facts file: there were no answers to read indicators from. */
  evaluated: boolean;
  /** Which labour list (adult or child) the weights come from. */
  list: 'adult' | 'child';
  dimensions: Record<IloDimension, DimensionStatus>;
  reading: IloReading;
  notApplicableReason: IloNotApplicable | null;
  /** A child whose means questions were skipped: the coercion dimensions were not asked (§4). */
  partial: boolean;
  hits: IndicatorHit[];
}

export interface Assessment {
  outcome: Outcome;
  elements: Record<ElementGroup, ElementStatus>;
  flags: Flag[];
  reasons: ElementReason[];
  flagReasons: FlagReason[];
  /** How the outcome follows from the element statuses, with the article it rests on. */
  outcomeBasis: { combination: Tri; child: boolean; article: string; thresholdDisputed: boolean };
  person: {
    ageYears: number | null;
    mayBeChild: boolean | 'unknown' | null;
    childAtEvents: boolean | null;
    /** Treated as a child for al. 2 (a child now, presumed one, or a child when it began). */
    treatedAsChild: boolean;
    /** A child now, or presumed one: refer to child protection. */
    childNow: boolean;
  };
  facts: Record<string, Fact>;
  /** Answers that disagree about one fact: points to clarify, never a reason to doubt the person (§3.1). */
  contradictions: Contradiction[];
  /** Facts pointing to other offences, whatever the outcome; shown as the `other_offences` flag only short of trafficking. */
  otherOffences: OtherOffenceReason[];
  indicators: IndicatorReading;
  /** The decision model the reading follows (LEGAL.md §3): 2. */
  model: 2;
}
