/**
 * Facts → assessment, exactly as LEGAL.md §3 (decision model version 2, carried
 * into README "How the engine decides"). Every status carries the codes and
 * questions behind it so that the summary can say why; nothing here reads the
 * answers' wording.
 */
import {
  AGGRAVATING_CODES,
  ARTICLE_CHILD_EXCEPTION,
  ARTICLE_OF,
  CODES_BY_GROUP,
  ELEMENT_GROUPS,
  THRESHOLD_CODES,
  type ElementGroup,
  type FactCode,
  type ThresholdCode,
} from './codes';
import { and3, type Tri } from './logic';
import type {
  Assessment,
  Contradiction,
  ElementReason,
  ElementStatus,
  Fact,
  FactSet,
  Flag,
  FlagReason,
  IndicatorReading,
  OtherOffenceReason,
  Outcome,
} from './model';
import { emptyIndicatorReading } from './indicators';
import { OTHER_OFFENCE_RULES } from './other-offences';
import { readPerson, type PersonReading } from './person';
import { readThresholdEffects } from './threshold';

const NOT_ASKED: Fact = { value: 'unknown', sources: [], unknownReason: 'not_asked' };

export function factOf(set: FactSet, code: FactCode): Fact {
  return set.facts[code] ?? NOT_ASKED;
}

/** The questions behind some facts; with `value`, only the answers that say that. */
function questionsOf(facts: Fact[], value?: Tri): string[] {
  return [...new Set(facts.flatMap((fact) => fact.sources.filter((source) => value === undefined || source.value === value).map((source) => source.question)))];
}

interface GroupReading {
  value: Tri;
  status: ElementStatus;
  codes: string[];
  facts: Fact[];
}

/** act, means, purpose: indicated when any code is yes, ruled out when every code is no (§3.2). */
function readAnyOf(set: FactSet, group: ElementGroup): GroupReading {
  const direct = set.groups[group];
  if (direct) return fromValue(direct.value, [group], [direct]);
  const entries = CODES_BY_GROUP[group].map((code) => [code, factOf(set, code)] as const);
  const yes = entries.filter(([, fact]) => fact.value === 'yes');
  if (yes.length > 0) return fromEntries('yes', yes);
  if (entries.every(([, fact]) => fact.value === 'no')) return fromEntries('no', entries);
  return fromEntries('unknown', entries.filter(([, fact]) => fact.value === 'unknown'));
}

/** Paragraph 4: the three effects are joined by "et", so all three are needed and one "no" rules it out. */
function readThreshold(set: FactSet, effects: Partial<Record<ThresholdCode, Fact>>, notStarted: boolean): GroupReading {
  const direct = set.groups.threshold;
  if (direct) {
    // Intercepted before the exploitation: para. 4 cannot yet be observed (§3.2).
    if (notStarted && direct.value === 'no') return fromValue('unknown', ['threshold'], [{ ...direct, value: 'unknown', unknownReason: 'exploitation_not_started' }]);
    return fromValue(direct.value, ['threshold'], [direct]);
  }
  const entries = THRESHOLD_CODES.map((code) => [code, effects[code] ?? NOT_ASKED] as const);
  const value = and3(...entries.map(([, fact]) => fact.value));
  if (value === 'yes') return fromEntries('yes', entries);
  return fromEntries(value, entries.filter(([, fact]) => fact.value === value));
}

function fromEntries(value: Tri, entries: ReadonlyArray<readonly [string, Fact]>): GroupReading {
  return fromValue(
    value,
    entries.map(([code]) => code),
    entries.map(([, fact]) => fact),
  );
}

function fromValue(value: Tri, codes: string[], facts: Fact[]): GroupReading {
  const status: ElementStatus = value === 'yes' ? 'indicated' : value === 'no' ? 'not_indicated' : 'unknown';
  return { value, status, codes, facts };
}

const STATUS_AS_TRI: Record<ElementStatus, Tri> = {
  indicated: 'yes',
  not_indicated: 'no',
  unknown: 'unknown',
  not_required: 'yes',
};

/** Answers behind one fact that disagree: the fact is yes (§3.1) and the disagreement is listed. */
function contradictionsOf(facts: Partial<Record<FactCode, Fact>>): Contradiction[] {
  const list: Contradiction[] = [];
  for (const [code, fact] of Object.entries(facts) as [FactCode, Fact][]) {
    const forIt = questionsOf([fact], 'yes');
    const against = [...new Set(fact.sources.filter((source) => source.value === 'no' && source.overall).map((source) => source.question))].filter((question) => !forIt.includes(question));
    if (forIt.length > 0 && against.length > 0) list.push({ fact: code, for: forIt, against });
  }
  return list;
}

export function assessFactSet(set: FactSet, indicators: IndicatorReading = emptyIndicatorReading(set)): Assessment {
  const person = readPerson(set);
  const notStarted = factOf(set, 'context.exploitation_not_started').value === 'yes';
  const effects = readThresholdEffects(set, notStarted);
  const facts: Partial<Record<FactCode, Fact>> = { ...set.facts, ...effects };
  const effective: FactSet = { ...set, facts };

  const readings: Record<ElementGroup, GroupReading> = {
    act: readAnyOf(effective, 'act'),
    means: readAnyOf(effective, 'means'),
    purpose: readAnyOf(effective, 'purpose'),
    threshold: readThreshold(effective, effects, notStarted),
  };

  const elements = {} as Record<ElementGroup, ElementStatus>;
  const reasons: ElementReason[] = [];
  for (const group of ELEMENT_GROUPS) {
    const reading = readings[group];
    const notRequired = group === 'means' && person.child;
    const status: ElementStatus = notRequired ? 'not_required' : reading.status;
    elements[group] = status;
    // Only the answers that say what the status says: a "no" is never shown as support of "indicated".
    const supporting = questionsOf(reading.facts, reading.value);
    reasons.push({
      element: group,
      status,
      codes: reading.codes,
      questions: [...new Set([...supporting, ...(notRequired ? (set.childQuestions ?? set.ageQuestions) : [])])],
      article: notRequired ? ARTICLE_CHILD_EXCEPTION : ARTICLE_OF[group],
    });
  }

  // Act AND (means, or child) AND purpose AND threshold (§3.4). For a child, para. 4
  // is recorded but does not block a presumption [design: doubt favours protection,
  // the prosecutor weighs it].
  const combination = person.child
    ? and3(STATUS_AS_TRI[elements.act], STATUS_AS_TRI[elements.purpose])
    : and3(...ELEMENT_GROUPS.map((group) => STATUS_AS_TRI[elements[group]]));

  // Para. 4 disputed (§3.4): an adult with act, means and purpose indicated and only
  // the threshold ruled out is a possible victim — the prosecutor weighs para. 4.
  const thresholdDisputed =
    !person.child &&
    elements.act === 'indicated' &&
    elements.means === 'indicated' &&
    elements.purpose === 'indicated' &&
    elements.threshold === 'not_indicated';

  // For a child the means are not required, but evidence of them is still evidence:
  // it must not leave a child below an adult with the same answers.
  const anyIndicated = ELEMENT_GROUPS.some((group) => readings[group].status === 'indicated');
  const outcome: Outcome =
    combination === 'yes'
      ? 'presumed_victim'
      : thresholdDisputed
        ? 'possible_victim'
        : combination === 'no'
          ? 'not_indicated'
          : anyIndicated
            ? 'possible_victim'
            : 'insufficient';

  const otherOffences = readOtherOffences(effective, person);
  const { flags, flagReasons } = readFlags(effective, person, outcome, readings, thresholdDisputed, otherOffences);

  const factsOut: Record<string, Fact> = {};
  for (const [code, fact] of Object.entries(facts)) factsOut[code] = fact;
  for (const [group, fact] of Object.entries(set.groups)) factsOut[group] = fact;

  return {
    outcome,
    elements,
    flags,
    reasons,
    flagReasons,
    outcomeBasis: {
      combination,
      child: person.child,
      article: person.child ? `${ARTICLE_OF.act}, ${ARTICLE_CHILD_EXCEPTION}` : '448-1 al. 1, al. 3, al. 4',
      thresholdDisputed,
    },
    person: { ageYears: set.ageYears, mayBeChild: set.mayBeChild, childAtEvents: set.childAtEvents, treatedAsChild: person.child, childNow: person.childNow },
    facts: factsOut,
    contradictions: contradictionsOf(facts),
    otherOffences,
    indicators,
    model: 2,
  };
}

function readOtherOffences(set: FactSet, person: PersonReading): OtherOffenceReason[] {
  const found: OtherOffenceReason[] = [];
  for (const rule of OTHER_OFFENCE_RULES) {
    if (rule.childOnly && !person.childNow) continue;
    const codes = rule.codes.filter((code) => factOf(set, code).value === 'yes');
    if (codes.length === 0) continue;
    found.push({ offence: rule.offence, codes, questions: questionsOf(codes.map((code) => factOf(set, code)), 'yes'), article: rule.article });
  }
  return found;
}

const VICTIM: readonly Outcome[] = ['presumed_victim', 'possible_victim'];
const SHORT_OF_TRAFFICKING: readonly Outcome[] = ['not_indicated', 'insufficient'];
const LABOUR_PURPOSES: readonly FactCode[] = ['purpose.forced_labour', 'purpose.servitude', 'purpose.begging'];

/** The flags of §3.5, each only beside the outcomes its row allows. Urgent needs first, then others at risk. */
function readFlags(
  set: FactSet,
  person: PersonReading,
  outcome: Outcome,
  readings: Record<ElementGroup, GroupReading>,
  thresholdDisputed: boolean,
  otherOffences: OtherOffenceReason[],
): { flags: Flag[]; flagReasons: FlagReason[] } {
  const flagReasons: FlagReason[] = [];
  const raise = (flag: Flag, codes: FactCode[], article: string, extraQuestions: string[] = [], extra: Partial<FlagReason> = {}) => {
    const facts = codes.map((code) => factOf(set, code));
    flagReasons.push({ flag, codes, questions: [...new Set([...questionsOf(facts, 'yes'), ...extraQuestions])], article, ...extra });
  };
  const yes = (code: FactCode) => factOf(set, code).value === 'yes';
  const victim = VICTIM.includes(outcome);
  const shortOf = SHORT_OF_TRAFFICKING.includes(outcome);
  const meansCodes = () => readings.means.codes.filter((c) => c.includes('.')) as FactCode[];

  // Urgent needs come first, whatever the legal outcome; others still inside are urgent for the police.
  const needs = (['context.needs_medical', 'context.needs_safety', 'context.needs_shelter'] as const).filter(yes);
  if (needs.length > 0) raise('urgent_needs', needs, 'Loi 27.14 art. 4');
  if (yes('context.others_at_risk')) raise('others_at_risk', ['context.others_at_risk'], '448-1');

  if (person.childNow) raise('child', [], ARTICLE_CHILD_EXCEPTION, set.ageQuestions);
  if (person.childAtEventsOnly) raise('child_at_events', [], ARTICLE_CHILD_EXCEPTION, set.ageQuestions);
  if (person.ageUncertain) raise('age_uncertain', [], ARTICLE_CHILD_EXCEPTION, set.ageQuestions);
  if (yes('context.not_interviewed')) raise('not_interviewed', ['context.not_interviewed'], '448-1');

  if (thresholdDisputed && outcome === 'possible_victim') {
    const ruledOut = readings.threshold.codes.filter((c) => c.includes('.')) as FactCode[];
    raise('threshold_disputed', ruledOut, ARTICLE_OF.threshold, questionsOf(readings.threshold.facts, 'no'));
  }

  if (victim && yes('context.consent_claimed') && (readings.means.value === 'yes' || person.child)) {
    const codes: FactCode[] = ['context.consent_claimed', ...(readings.means.value === 'yes' ? meansCodes() : [])];
    raise('consent_irrelevant', codes, person.child ? ARTICLE_CHILD_EXCEPTION : ARTICLE_OF.means, person.child ? set.ageQuestions : []);
  }

  if (yes('context.paid_for_crossing')) {
    const codes: FactCode[] = ['context.paid_for_crossing'];
    const ended = factOf(set, 'context.ended_on_arrival');
    if (ended.value !== 'unknown') codes.push('context.ended_on_arrival');
    // "The smuggling turned into trafficking" only beside a presumed victim whose
    // relationship with the facilitator did not end on arrival.
    raise('smuggling', codes, 'Loi 02-03 art. 52', [], { turnedIntoTrafficking: outcome === 'presumed_victim' && ended.value === 'no' });
  }

  if (yes('context.offence_under_coercion')) {
    if (victim) raise('non_punishment', ['context.offence_under_coercion'], 'Circulaire du Ministère public, juillet 2018');
    else raise('duress', ['context.offence_under_coercion'], 'Code pénal art. 124 [src, to verify]');
  }

  if (shortOf) {
    const exploitativeConditions = yes('context.exploitative_conditions');
    const labourPurposes = LABOUR_PURPOSES.filter(yes);
    if (exploitativeConditions || labourPurposes.length > 0) {
      raise('labour_exploitation', [...(exploitativeConditions ? (['context.exploitative_conditions'] as FactCode[]) : []), ...labourPurposes], 'Code du travail; Loi 19-12');
    }
    if (otherOffences.length > 0) {
      raise('other_offences', [...new Set(otherOffences.flatMap((o) => o.codes))], otherOffences.map((o) => o.article).join('; '), otherOffences.flatMap((o) => o.questions), { offences: otherOffences });
    }
  }

  if (victim) {
    if (person.child) raise('aggravating:child', [], '448-3 [src]', set.ageQuestions);
    for (const code of AGGRAVATING_CODES) {
      if (yes(code)) raise(`aggravating:${code.slice('aggravating.'.length)}`, [code], '448-3 – 448-5 [src]');
    }
  }

  return { flags: flagReasons.map((reason) => reason.flag), flagReasons };
}
