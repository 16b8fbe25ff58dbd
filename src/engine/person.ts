/**
 * Who is a child for the law (LEGAL.md §3.3, model v2) [design]. The benefit of
 * the doubt goes to the person: a reason to think they may be under 18, or an
 * officer who cannot tell, makes them a child until an age assessment says
 * otherwise; so does an unknown age that nobody could judge.
 */
export interface PersonInput {
  ageYears: number | null;
  /** true / false: the officer's reading; 'unknown': asked, the officer could not tell; null: not asked. */
  mayBeChild: boolean | 'unknown' | null;
  /** Under 18 when the recruitment or the exploitation began; null when unknown. */
  childAtEvents: boolean | null;
  /**
   * False when an interview never reached the age questions (a refused or unfinished
   * interview): nobody tried to tell, so the age is only flagged for assessment. A
   * facts file always counts as asked (§3.3: null and null mean nobody could tell).
   */
  ageAsked?: boolean;
}

export interface PersonReading {
  /** Treated as a child for para. 2 (means not required): a child now, presumed one, or a child when it began. */
  child: boolean;
  /** A child now (or presumed one): refer to child protection whatever the outcome. */
  childNow: boolean;
  /** Under 18 when it began and not a child now (flag `child_at_events`). */
  childAtEventsOnly: boolean;
  ageUncertain: boolean;
}

export function readPerson({ ageYears, mayBeChild, childAtEvents, ageAsked = true }: PersonInput): PersonReading {
  const statedChild = ageYears !== null && ageYears < 18;
  const statedAdult = ageYears !== null && ageYears >= 18;
  // An unknown age that nobody could judge is read like "the officer cannot tell".
  const cannotTell = mayBeChild === 'unknown' || (ageAsked && ageYears === null && mayBeChild === null);
  const childNow = statedChild || mayBeChild === true || cannotTell;
  const child = childNow || childAtEvents === true;
  const ageUncertain =
    // An unknown age is always flagged for an age assessment, whatever the officer's reading.
    ageYears === null ||
    // A stated adult age that the officer doubts, or cannot confirm.
    (statedAdult && (mayBeChild === true || mayBeChild === 'unknown')) ||
    // A stated child age that the officer doubts the other way.
    (statedChild && mayBeChild === false) ||
    // A child today who says it began when they were already 18: the sources disagree.
    (statedChild && childAtEvents === false);
  return { child, childNow, childAtEventsOnly: childAtEvents === true && !childNow, ageUncertain };
}
