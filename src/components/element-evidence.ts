import type { Assessment, ElementReason } from '../engine';

/**
 * The answers behind an element's status, sorted by what they say about it. An
 * answer "no" can support a status ("free to leave? — no" establishes a means),
 * and a "don't know" never does: each answer is placed by the value it gave the
 * fact (its FactSource), not by its wording.
 */
export interface ElementEvidence {
  /** Answers that give the status its value. */
  support: string[];
  /** Answers pointing the other way, outweighed (one "yes" is enough for an element). */
  against: string[];
  /** Answers that left a fact open ("don't know", "prefers not to answer"). */
  open: string[];
  /** For an unknown status: answers already given that settle nothing yet. */
  given: string[];
  /** For means not required (a child): evidence of means, kept for the prosecutor. */
  recorded: string[];
}

export function elementEvidence(assessment: Assessment, reason: ElementReason): ElementEvidence {
  const evidence: ElementEvidence = { support: [], against: [], open: [], given: [], recorded: [] };
  const values = new Map<string, Set<string>>();
  for (const code of reason.codes) {
    for (const source of assessment.facts[code]?.sources ?? []) {
      values.set(source.question, (values.get(source.question) ?? new Set()).add(source.value));
    }
  }
  if (reason.status === 'not_required') {
    // The age answers are why the means are not required; means found anyway are recorded.
    evidence.support = reason.questions.filter((q) => !values.has(q));
    evidence.recorded = [...values].filter(([, v]) => v.has('yes')).map(([q]) => q);
    return evidence;
  }
  const direction = reason.status === 'indicated' ? 'yes' : reason.status === 'not_indicated' ? 'no' : null;
  for (const [question, v] of values) {
    if (direction && v.has(direction)) evidence.support.push(question);
    else if (direction && (v.has('yes') || v.has('no'))) evidence.against.push(question);
    else if (!direction && (v.has('yes') || v.has('no'))) evidence.given.push(question);
    else evidence.open.push(question);
  }
  return evidence;
}
