/**
 * Every training scenario, run through the engine, must reproduce the assessment
 * its authors expect from the law; together they must exercise every outcome
 * level and every flag.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGGRAVATING_CODES, assessAnswers, LANGUAGES } from '../../src/engine';
import { parseJson } from '../../src/content/documents';
import { findQuestionnaire } from '../../src/content/questionnaires';
import { parseScenario } from '../../src/content/scenarios';
import { builtInScenarios, SCENARIO_SOURCES } from '../../src/content/scenario-library';

const DIR = 'questionnaires/scenarios';
const files = readdirSync(DIR).filter((name) => name.endsWith('.json')).sort();
const scenarios = files.map((name) => {
  const file = join(DIR, name);
  return { name, scenario: parseScenario(parseJson(readFileSync(file, 'utf8'), file), file) };
});

describe('training scenarios', () => {
  it('there are at least 12, with distinct ids matching their file names', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    for (const { name, scenario } of scenarios) expect(`${scenario.id}.json`).toBe(name);
  });

  it('the app carries every scenario file, as the tests read it', () => {
    expect(SCENARIO_SOURCES.map((s) => s.file).sort()).toEqual(files.map((name) => `${DIR}/${name}`));
    expect(builtInScenarios()).toEqual(scenarios.map((s) => s.scenario));
  });

  it.each(scenarios)('$name reproduces its expected assessment', ({ scenario }) => {
    const assessment = assessAnswers(findQuestionnaire(scenario.questionnaire, scenario.version), scenario.answers);
    expect({ outcome: assessment.outcome, elements: assessment.elements, flags: [...assessment.flags].sort() }).toEqual({
      ...scenario.expected,
      flags: [...scenario.expected.flags].sort(),
    });
  });

  it.each(scenarios)('$name has its narrative, goal and teaching point in every language, and its key questions are answered', ({ scenario }) => {
    for (const lang of LANGUAGES) {
      expect(scenario.narrative[lang]?.length).toBeGreaterThan(200);
      expect(scenario.teachingPoint[lang]?.length).toBeGreaterThan(40);
    }
    for (const id of scenario.keyQuestions) expect(scenario.answers).toHaveProperty([id]);
  });

  it('together they cover every outcome level and every flag', () => {
    const outcomes = new Set(scenarios.map(({ scenario }) => scenario.expected.outcome));
    expect([...outcomes].sort()).toEqual(['insufficient', 'not_indicated', 'possible_victim', 'presumed_victim']);
    const flags = new Set(scenarios.flatMap(({ scenario }) => scenario.expected.flags));
    const every = [
      'urgent_needs',
      'child',
      'age_uncertain',
      'consent_irrelevant',
      'smuggling',
      'non_punishment',
      'labour_exploitation',
      'aggravating:child',
      ...AGGRAVATING_CODES.map((code) => `aggravating:${code.slice('aggravating.'.length)}`),
    ];
    expect(every.filter((flag) => !flags.has(flag))).toEqual([]);
  });
});
