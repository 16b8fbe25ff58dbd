/**
 * The ILO/European Commission (2009) operational indicators: a second reading of
 * the same answers, shown as supporting evidence and never fed into the legal
 * outcome (LEGAL.md §4).
 */
import { readPerson } from './person';
import type { FactSet, IloDimension, IloStrength, IndicatorHit, IndicatorReading } from './model';
import { ILO_DIMENSIONS } from './model';

const RECRUITMENT: readonly IloDimension[] = [
  'deceptive_recruitment',
  'coercive_recruitment',
  'recruitment_abuse_of_vulnerability',
];

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

export function readIndicators(hits: readonly IndicatorHit[], child: boolean): IndicatorReading {
  const dimensions = {} as IndicatorReading['dimensions'];
  for (const dimension of ILO_DIMENSIONS) {
    const distinct = new Map<string, IloStrength>();
    for (const hit of hits) if (hit.dimension === dimension) distinct.set(hit.indicator, hit.strength);
    dimensions[dimension] = dimensionIsPositive([...distinct.values()]) ? 'positive' : 'negative';
  }
  const positive = (d: IloDimension) => dimensions[d] === 'positive';
  const recruitment = child || RECRUITMENT.some(positive);
  const exploitation = positive('exploitative_conditions');
  const control = positive('coercion_at_destination') || positive('abuse_of_vulnerability_at_destination');
  const reading = recruitment && exploitation && control ? 'trafficking' : exploitation ? 'exploitation_only' : 'none';
  return { evaluated: true, list: child ? 'child' : 'adult', dimensions, reading, hits: [...hits] };
}

/** A facts file has no answers: the reading is marked as not evaluated rather than "negative". */
export function emptyIndicatorReading(set: Pick<FactSet, 'ageYears' | 'mayBeChild'>): IndicatorReading {
  const reading = readIndicators([], readPerson(set.ageYears, set.mayBeChild).child);
  return { ...reading, evaluated: false };
}
