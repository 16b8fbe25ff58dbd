/**
 * The ILO/European Commission (2009) operational indicators: a second reading of
 * the same answers, shown as supporting evidence and never fed into the legal
 * outcome (LEGAL.md §4, with the model-v2 paragraph on how the reading is shown).
 */
import type { FactCode } from './codes';
import type { DimensionStatus, FactSet, IloDimension, IloNotApplicable, IloStrength, IndicatorHit, IndicatorReading } from './model';
import { ILO_DIMENSIONS } from './model';
import { readPerson } from './person';

const RECRUITMENT: readonly IloDimension[] = [
  'deceptive_recruitment',
  'coercive_recruitment',
  'recruitment_abuse_of_vulnerability',
];

/** Purposes the two labour lists are about (§4: forced labour, servitude, slavery, begging, forced criminality). */
export const LABOUR_LIST_PURPOSES: readonly FactCode[] = ['purpose.forced_labour', 'purpose.servitude', 'purpose.slavery', 'purpose.begging', 'purpose.criminal'];
/** The sexual-exploitation lists exist, but their weights were not available here: not applicable until bundled. */
export const SEXUAL_PURPOSES: readonly FactCode[] = ['purpose.prostitution', 'purpose.pornography', 'purpose.sexual_other'];
/** No ILO/EC list covers these. */
export const NO_LIST_PURPOSES: readonly FactCode[] = ['purpose.organs', 'purpose.medical_experiments', 'purpose.armed_conflict'];

/**
 * A dimension is positive with at least 2 strong, or 1 strong + 1 medium or weak,
 * or 3 medium, or 2 medium + 1 weak indicators. The same indicator reached by two
 * questions counts once.
 */
export function dimensionIsPositive(strengths: readonly IloStrength[]): boolean {
  const strong = strengths.filter((s) => s === 'strong').length;
  const medium = strengths.filter((s) => s === 'medium').length;
  const weak = strengths.filter((s) => s === 'weak').length;
  return strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1);
}

export interface IndicatorInput {
  hits: readonly IndicatorHit[];
  /** Dimensions with at least one indicator question answered with a real answer (not "don't know", refused or unasked). */
  assessed: ReadonlySet<IloDimension>;
  child: boolean;
  /** Purpose codes that are yes. */
  purposes: readonly FactCode[];
  /** A child whose means questions were skipped (none of them answered). */
  meansSkipped: boolean;
}

/**
 * Which list applies (§4): the labour lists when a labour purpose is indicated, or
 * when none is indicated yet (the work described is then the labour kind: the
 * questionnaire sets the purpose code itself for sex, begging, crime and armed
 * groups). A sexual purpose, or one with no ILO/EC list, makes the reading not applicable.
 */
export function listFor(purposes: readonly FactCode[]): IloNotApplicable | null {
  if (purposes.some((code) => LABOUR_LIST_PURPOSES.includes(code))) return null;
  if (purposes.some((code) => SEXUAL_PURPOSES.includes(code))) return 'sexual_list_unavailable';
  if (purposes.some((code) => NO_LIST_PURPOSES.includes(code))) return 'no_ilo_list';
  return null;
}

export function readIndicators({ hits, assessed, child, purposes, meansSkipped }: IndicatorInput): IndicatorReading {
  const dimensions = {} as Record<IloDimension, DimensionStatus>;
  for (const dimension of ILO_DIMENSIONS) {
    const distinct = new Map<string, IloStrength>();
    for (const hit of hits) if (hit.dimension === dimension) distinct.set(hit.indicator, hit.strength);
    // Never "negative" for what was not asked or answered "don't know".
    dimensions[dimension] = dimensionIsPositive([...distinct.values()]) ? 'positive' : assessed.has(dimension) ? 'negative' : 'not_assessed';
  }
  const notApplicableReason = listFor(purposes);
  const positive = (d: IloDimension) => dimensions[d] === 'positive';
  // For a child the recruitment dimensions are not required (§4).
  const recruitment = child || RECRUITMENT.some(positive);
  const exploitation = positive('exploitative_conditions');
  const control = positive('coercion_at_destination') || positive('abuse_of_vulnerability_at_destination');
  const reading: IndicatorReading['reading'] = notApplicableReason
    ? 'not_applicable'
    : recruitment && exploitation && control
      ? 'trafficking'
      : exploitation
        ? 'exploitation_only'
        : // Missing indicators are not evidence against trafficking.
          'too_few_indicators';
  return { evaluated: true, list: child ? 'child' : 'adult', dimensions, reading, notApplicableReason, partial: child && meansSkipped, hits: [...hits] };
}

/** A facts file has no answers: nothing was assessed, and the reading says so rather than "negative". */
export function emptyIndicatorReading(set: Pick<FactSet, 'ageYears' | 'mayBeChild' | 'childAtEvents'>): IndicatorReading {
  const child = readPerson(set).child;
  const dimensions = Object.fromEntries(ILO_DIMENSIONS.map((d) => [d, 'not_assessed'])) as Record<IloDimension, DimensionStatus>;
  return { evaluated: false, list: child ? 'child' : 'adult', dimensions, reading: 'not_applicable', notApplicableReason: 'no_answers', partial: false, hits: [] };
}
