/**
 * Paragraph 4 (model v2, LEGAL.md §3.2): each effect is a fact fed by several
 * answers, and also by other facts. "Par quelque procédé que ce soit": the effects
 * are objective facts about the situation, not the person's own judgement of it
 * [text, al. 4; design: reading].
 *
 * The questionnaire links concrete answers (passport kept, locked in, juju oath...)
 * straight to the effects; this table adds the links between facts that are codes
 * of their own, so that a facts file and an answers file read the same way.
 */
import type { FactCode, ThresholdCode } from './codes';
import type { Fact, FactSet, FactSource } from './model';

/** Facts whose "yes" is also a "yes" for a para-4 effect. Only yes propagates. */
export const THRESHOLD_FEEDERS: Readonly<Record<ThresholdCode, readonly FactCode[]>> = {
  // Abduction takes away the freedom to change one's situation.
  'threshold.no_freedom_to_change': ['means.abduction'],
  // Force, threats and abduction bend the person's will.
  'threshold.will_alienated': ['means.force', 'means.threat', 'means.abduction'],
  // Exploitation of prostitution or pornography and organ removal violate dignity.
  'threshold.dignity_violated': ['purpose.prostitution', 'purpose.pornography', 'purpose.organs'],
};

const NOT_ASKED: Fact = { value: 'unknown', sources: [], unknownReason: 'not_asked' };

/**
 * The para-4 effects as the model reads them: own answers, plus every feeding fact
 * that is yes. An effect ruled out while a feeder says yes is yes, and the
 * disagreement is kept (it becomes a contradiction). For a person intercepted
 * before the exploitation began, an effect that is ruled out is read as unknown:
 * it cannot yet be observed and is read on the intended exploitation.
 */
export function readThresholdEffects(set: FactSet, exploitationNotStarted: boolean): Partial<Record<ThresholdCode, Fact>> {
  const effects: Partial<Record<ThresholdCode, Fact>> = {};
  for (const [effect, feeders] of Object.entries(THRESHOLD_FEEDERS) as [ThresholdCode, readonly FactCode[]][]) {
    const own = set.facts[effect] ?? NOT_ASKED;
    const fed: FactSource[] = [];
    for (const feeder of feeders) {
      const fact = set.facts[feeder];
      if (fact?.value !== 'yes') continue;
      const yesSources = fact.sources.filter((source) => source.value === 'yes');
      // A facts file has no answers: the feeding fact itself is the evidence.
      if (yesSources.length === 0) fed.push({ question: feeder, answer: 'yes', value: 'yes', via: feeder });
      else for (const source of yesSources) fed.push({ ...source, via: feeder });
    }
    let fact: Fact = own;
    // A facts file's own "no" has no answer behind it: name the fact itself, so the disagreement can be listed.
    const ownSources = own.value === 'no' && own.sources.length === 0 ? [{ question: effect, answer: 'no', value: 'no' as const, overall: true }] : own.sources;
    if (fed.length > 0 && own.value !== 'yes') fact = { value: 'yes', sources: [...ownSources, ...fed] };
    else if (fed.length > 0) fact = { ...own, sources: [...own.sources, ...fed] };
    if (exploitationNotStarted && fact.value === 'no') fact = { value: 'unknown', sources: fact.sources, unknownReason: 'exploitation_not_started' };
    if (fact !== NOT_ASKED) effects[effect] = fact;
  }
  return effects;
}
