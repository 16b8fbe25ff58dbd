/**
 * Facts → assessment, exactly as LEGAL.md §3 (carried into README "How the engine
 * decides"). Every status carries the codes and questions behind it so that the
 * summary can say why; nothing here reads the answers' wording.
 */
import {
  AGGRAVATING_CODES,
  ARTICLE_CHILD_EXCEPTION,
  ARTICLE_OF,
  CODES_BY_GROUP,
  ELEMENT_GROUPS,
  type ElementGroup,
  type FactCode,
} from './codes';
import { and3, type Tri } from './logic';
import type {
  Assessment,
  ElementReason,
  ElementStatus,
  Fact,
  FactSet,
  Flag,
  FlagReason,
  IndicatorReading,
  Outcome,
} from './model';
import { emptyIndicatorReading } from './indicators';
import { readPerson, type PersonReading } from './person';

const NOT_ASKED: Fact = { value: 'unknown', sources: [], unknownReason: 'not_asked' };

export function factOf(set: FactSet, code: FactCode): Fact {
  return set.facts[code] ?? NOT_ASKED;
}

function questionsOf(facts: Fact[]): string[] {
  return [...new Set(facts.flatMap((fact) => fact.sources.map((source) => source.question)))];
}

interface GroupReading {
  value: Tri;
  status: ElementStatus;
  codes: string[];
  facts: Fact[];
}

/** act, means, purpose: indicated when any code is yes, ruled out when every code is no. */
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
function readThreshold(set: FactSet): GroupReading {
  const direct = set.groups.threshold;
  if (direct) return fromValue(direct.value, ['threshold'], [direct]);
  const entries = CODES_BY_GROUP.threshold.map((code) => [code, factOf(set, code)] as const);
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

export function assessFactSet(set: FactSet, indicators: IndicatorReading = emptyIndicatorReading(set)): Assessment {
  const person = readPerson(set.ageYears, set.mayBeChild);
  const readings: Record<ElementGroup, GroupReading> = {
    act: readAnyOf(set, 'act'),
    means: readAnyOf(set, 'means'),
    purpose: readAnyOf(set, 'purpose'),
    threshold: readThreshold(set),
  };

  const elements = {} as Record<ElementGroup, ElementStatus>;
  const reasons: ElementReason[] = [];
  for (const group of ELEMENT_GROUPS) {
    const reading = readings[group];
    const notRequired = group === 'means' && person.child;
    const status: ElementStatus = notRequired ? 'not_required' : reading.status;
    elements[group] = status;
    reasons.push({
      element: group,
      status,
      codes: reading.codes,
      questions: [...new Set([...questionsOf(reading.facts), ...(notRequired ? set.ageQuestions : [])])],
      article: notRequired ? ARTICLE_CHILD_EXCEPTION : ARTICLE_OF[group],
    });
  }

  // A child: act and purpose suffice (para. 2); para. 4 is recorded but does not
  // block a presumption [design: doubt favours protection, the prosecutor weighs it].
  const combination = person.child
    ? and3(STATUS_AS_TRI[elements.act], STATUS_AS_TRI[elements.purpose])
    : and3(...ELEMENT_GROUPS.map((group) => STATUS_AS_TRI[elements[group]]));

  // For a child the means are not required, but evidence of them is still evidence:
  // it must not leave a child at "insufficient" where an adult with the same
  // answers would be a possible victim.
  const anyIndicated = ELEMENT_GROUPS.some((group) => readings[group].status === 'indicated');
  const outcome: Outcome =
    combination === 'yes'
      ? 'presumed_victim'
      : combination === 'no'
        ? 'not_indicated'
        : anyIndicated
          ? 'possible_victim'
          : 'insufficient';

  const { flags, flagReasons } = readFlags(set, person, outcome, readings);

  const facts: Record<string, Fact> = {};
  for (const [code, fact] of Object.entries(set.facts)) facts[code] = fact;
  for (const [group, fact] of Object.entries(set.groups)) facts[group] = fact;

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
    },
    person: { ageYears: set.ageYears, mayBeChild: set.mayBeChild, treatedAsChild: person.child },
    facts,
    indicators,
  };
}

function readFlags(
  set: FactSet,
  person: PersonReading,
  outcome: Outcome,
  readings: Record<ElementGroup, GroupReading>,
): { flags: Flag[]; flagReasons: FlagReason[] } {
  const flagReasons: FlagReason[] = [];
  const raise = (flag: Flag, codes: FactCode[], article: string, extraQuestions: string[] = []) => {
    const facts = codes.map((code) => factOf(set, code));
    flagReasons.push({ flag, codes, questions: [...new Set([...questionsOf(facts), ...extraQuestions])], article });
  };
  const yes = (code: FactCode) => factOf(set, code).value === 'yes';

  // Urgent needs come first, whatever the legal outcome.
  const needs = (['context.needs_medical', 'context.needs_safety', 'context.needs_shelter'] as const).filter(yes);
  if (needs.length > 0) raise('urgent_needs', needs, 'Loi 27.14 art. 4');

  if (person.child) raise('child', [], ARTICLE_CHILD_EXCEPTION, set.ageQuestions);
  if (person.ageUncertain) raise('age_uncertain', [], ARTICLE_CHILD_EXCEPTION, set.ageQuestions);

  if (yes('context.consent_claimed') && (readings.means.value === 'yes' || person.child)) {
    const meansCodes = readings.means.value === 'yes' ? (readings.means.codes.filter((c) => c.includes('.')) as FactCode[]) : [];
    raise('consent_irrelevant', ['context.consent_claimed', ...meansCodes], person.child ? ARTICLE_CHILD_EXCEPTION : ARTICLE_OF.means, person.child ? set.ageQuestions : []);
  }

  if (yes('context.paid_for_crossing')) {
    const codes: FactCode[] = ['context.paid_for_crossing'];
    if (factOf(set, 'context.ended_on_arrival').value !== 'unknown') codes.push('context.ended_on_arrival');
    raise('smuggling', codes, 'Loi 02-03 art. 52');
  }

  if (yes('context.offence_under_coercion')) raise('non_punishment', ['context.offence_under_coercion'], 'Circulaire du Ministère public, juillet 2018');

  const exploitativeConditions = yes('context.exploitative_conditions');
  if (outcome !== 'presumed_victim' && (exploitativeConditions || readings.purpose.value === 'yes')) {
    const codes: FactCode[] = exploitativeConditions ? ['context.exploitative_conditions'] : [];
    if (readings.purpose.value === 'yes') codes.push(...(readings.purpose.codes.filter((c) => c.includes('.')) as FactCode[]));
    raise('labour_exploitation', codes, 'Code du travail; Loi 19-12');
  }

  if (person.child) raise('aggravating:child', [], '448-3 [src]', set.ageQuestions);
  for (const code of AGGRAVATING_CODES) {
    if (yes(code)) raise(`aggravating:${code.slice('aggravating.'.length)}`, [code], '448-3 – 448-5 [src]');
  }

  return { flags: flagReasons.map((reason) => reason.flag), flagReasons };
}
