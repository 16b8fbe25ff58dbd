export interface PersonReading {
  child: boolean;
  ageUncertain: boolean;
}

/**
 * Who is a child [design, LEGAL.md §3]: an age under 18, or a reason to think the
 * person may be under 18, which wins over a stated adult age (the age is then
 * disputed). An unknown age is always flagged for an age assessment; without a
 * reason to think the person may be a child, the adult rules apply meanwhile.
 */
export function readPerson(ageYears: number | null, mayBeChild: boolean | null): PersonReading {
  const statedChild = ageYears !== null && ageYears < 18;
  const child = statedChild || mayBeChild === true;
  const ageUncertain = ageYears === null || (mayBeChild === true && !statedChild);
  return { child, ageUncertain };
}
