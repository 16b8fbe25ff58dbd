/**
 * What the tests search a raw dump of the database for, so that "nothing in clear"
 * fails only on a real leak. The dump holds ciphertext decoded as Latin-1 and the
 * audit chain's hashes as hex, both random: a short string matches them by chance
 * (a phone's "0539" was found in a hash, about one run in fifteen). So every trace
 * searched for is long, or bounded so that random hex or bytes cannot form it.
 */

/**
 * A time within a day of `at` written in clear: its ISO year-month, or its epoch
 * time (milliseconds or seconds) as a number standing alone — a run of hex digits
 * around it, as in a hash, is not a time.
 */
export function dateTraces(at: number): [string, RegExp] {
  const DAY = 86_400_000;
  const STEP = 10_000_000; // what the sixth digit of epoch milliseconds counts
  const leading = new Set<string>();
  for (let time = at - DAY; time <= at + DAY + STEP; time += STEP) leading.add(String(Math.min(time, at + DAY)).slice(0, 6));
  return [new Date(at).toISOString().slice(0, 7), new RegExp(`(?<![0-9a-f])(?:${[...leading].join('|')})\\d{4}(?:\\d{3})?(?![0-9a-f])`, 'i')];
}

/** A case reference ("TR-" and two groups of four), whole. */
export const CASE_REFERENCE = /TR-[0-9A-Z]{4}-[0-9A-Z]{4}/;
