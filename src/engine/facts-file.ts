/**
 * The facts contract (DESIGN.md "Contracts"): how a prosecutor checks a reading by
 * hand, how scenarios state what they expect, how the rules are tested one by one.
 * Anything unexpected is an error, never silently "unknown".
 */
import { ALL_CODES, CODES_BY_GROUP, isElementGroup, isFactCode } from './codes';
import { describe, InputError, ProblemList } from './errors';
import { isTri } from './logic';
import type { FactSet } from './model';

const TOP_LEVEL_KEYS = new Set(['ageYears', 'mayBeChild', 'childAtEvents', 'facts']);

export function isFactsDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'facts' in doc && !('answers' in doc);
}

export function parseFactsDocument(doc: unknown, where: string[] = []): FactSet {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(`expected an object with "ageYears", "mayBeChild" and "facts", found ${describe(doc)}`, where);
  }
  const record = doc as Record<string, unknown>;
  // The whole file is checked: every problem is listed, not only the first.
  const problems = new ProblemList();
  for (const key of Object.keys(record)) {
    if (!TOP_LEVEL_KEYS.has(key)) problems.add(`unknown field "${key}" (expected ageYears, mayBeChild, childAtEvents, facts)`, where);
  }

  let ageYears = record.ageYears ?? null;
  if (ageYears !== null && (typeof ageYears !== 'number' || !Number.isFinite(ageYears) || ageYears < 0 || ageYears > 130)) {
    problems.add(`"ageYears" must be a number of years between 0 and 130, or null when unknown; found ${describe(ageYears)}`, where);
    ageYears = null;
  }
  let mayBeChild = record.mayBeChild ?? null;
  if (mayBeChild !== null && typeof mayBeChild !== 'boolean') {
    problems.add(`"mayBeChild" must be true, false or null; found ${describe(mayBeChild)}`, where);
    mayBeChild = null;
  }
  let childAtEvents = record.childAtEvents ?? null;
  if (childAtEvents !== null && typeof childAtEvents !== 'boolean') {
    problems.add(`"childAtEvents" must be true, false or null; found ${describe(childAtEvents)}`, where);
    childAtEvents = null;
  }

  let rawFacts = record.facts ?? {};
  if (typeof rawFacts !== 'object' || rawFacts === null || Array.isArray(rawFacts)) {
    problems.add(`"facts" must be an object of code → "yes" | "no" | "unknown"; found ${describe(rawFacts)}`, where);
    rawFacts = {};
  }

  const set: FactSet = { ageYears: ageYears as number | null, mayBeChild: mayBeChild as boolean | null, childAtEvents: childAtEvents as boolean | null, ageQuestions: [], facts: {}, groups: {} };
  for (const [key, value] of Object.entries(rawFacts as Record<string, unknown>)) {
    if (!isTri(value)) {
      problems.add(`"${key}" must be "yes", "no" or "unknown"; found ${describe(value)}`, [...where, 'facts']);
      continue;
    }
    const fact = value === 'unknown' ? { value, sources: [], unknownReason: 'not_asked' as const } : { value, sources: [] };
    if (isElementGroup(key)) {
      set.groups[key] = fact;
    } else if (isFactCode(key)) {
      set.facts[key] = fact;
    } else {
      problems.add(`unknown code "${key}"${suggest(key)}`, [...where, 'facts']);
    }
  }

  for (const [group, fact] of Object.entries(set.groups)) {
    if (!fact || !isElementGroup(group)) continue;
    const clash = CODES_BY_GROUP[group].find((code) => code in set.facts);
    if (clash) problems.add(`"${group}" sets the whole element and "${clash}" one of its codes; give one or the other`, [...where, 'facts']);
  }
  problems.throwIfAny();
  return set;
}

function suggest(key: string): string {
  const close = ALL_CODES.filter((code) => code.endsWith(key.slice(key.indexOf('.') + 1)) || code.startsWith(`${key}.`));
  return close.length > 0 ? ` (did you mean ${close.slice(0, 3).map((c) => `"${c}"`).join(', ')}?)` : '';
}
