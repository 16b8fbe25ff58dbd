/** Directory files, recommended services and the HTCDS export. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessAnswers, assessFactSet, parseFactsDocument } from '../../src/engine';
import { findQuestionnaire } from '../../src/content/questionnaires';
import { parseScenario } from '../../src/content/scenarios';
import { diffDirectory, parseDirectory, recommendServices, serialiseDirectory, STARTER_DIRECTORY } from '../../src/content/directory';
import { HTCDS_FIELDS, htcdsProblems, toHtcds } from '../../src/content/htcds';

const DIR = 'questionnaires/scenarios';
const scenarios = readdirSync(DIR)
  .filter((n) => n.endsWith('.json'))
  .map((n) => parseScenario(JSON.parse(readFileSync(join(DIR, n), 'utf8')), n));

describe('directory of services', () => {
  it('round-trips through its file format', () => {
    expect(parseDirectory(serialiseDirectory(STARTER_DIRECTORY), 'annuaire.json')).toEqual(STARTER_DIRECTORY);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"services": [', /annuaire\.json: not a file of this kind, or it is incomplete/],
    ['another kind of file', '{"format":"x","version":1,"services":[]}', /annuaire\.json: field "format"/],
    ['a service without contact', JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [{ ...STARTER_DIRECTORY[0], contact: undefined }] }), /annuaire\.json: field "services › 1 › contact": missing/],
    ['an unknown service type', JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [{ ...STARTER_DIRECTORY[0], type: 'hospital' }] }), /field "services › 1 › type": a value this app does not accept/],
    ['a duplicated id', JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [STARTER_DIRECTORY[0], STARTER_DIRECTORY[0]] }), /field "services › 2 › id": appears twice/],
    ['a 400-character contact', JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [{ ...STARTER_DIRECTORY[0], contact: '0'.repeat(400) }] }), /field "services › 1 › contact": longer than 200 characters/],
    ['an unknown field', JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [{ ...STARTER_DIRECTORY[0], phone: '0600' }] }), /field "services › 1 › phone": a field this app does not know/],
    ['a file over 1 MB', JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [], pad: 'x'.repeat(1_100_000) }), /annuaire\.json: the file is larger than 1\.0 MB/],
  ])('refuses %s with a message naming the file and field', (_name, text, message) => {
    expect(() => parseDirectory(text, 'annuaire.json')).toThrow(message);
  });

  it('shows what an import changes before anything is replaced: added, changed (old and new contact), removed', () => {
    const [hotline, prosecutor, ...rest] = STARTER_DIRECTORY;
    const swapped = { ...hotline!, contact: '0600 11 22 33' };
    const local = { ...prosecutor!, id: 'local-shelter', name: 'Foyer local', type: 'shelter' as const };
    const diff = diffDirectory(STARTER_DIRECTORY, [swapped, ...rest, local]);
    expect(diff.added).toEqual([local]);
    expect(diff.removed).toEqual([prosecutor]);
    expect(diff.changed).toEqual([{ before: hotline, after: swapped, fields: ['contact'] }]);
    expect(diffDirectory(STARTER_DIRECTORY, STARTER_DIRECTORY)).toEqual({ added: [], changed: [], removed: [] });
  });

  it('recommends child protection first for a child, and health first for urgent medical needs', () => {
    const child = assessFactSet(parseFactsDocument({ ageYears: 14, facts: { 'act.recruit': 'yes', 'purpose.begging': 'yes' } }));
    const forChild = recommendServices(STARTER_DIRECTORY, child);
    expect(forChild[0]!.type).toBe('child_protection');
    expect(forChild.every((s) => s.takes.includes('children'))).toBe(true);
    const injured = assessFactSet(parseFactsDocument({ ageYears: 30, facts: { 'context.needs_medical': 'yes', 'act.recruit': 'yes' } }));
    expect(recommendServices(STARTER_DIRECTORY, injured)[0]!.type).toBe('health');
    const labour = assessFactSet(parseFactsDocument({ ageYears: 30, facts: { 'context.exploitative_conditions': 'yes', threshold: 'no' } }));
    expect(recommendServices(STARTER_DIRECTORY, labour).map((s) => s.type)).toContain('labour');
  });
});

describe('HTCDS export', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s exports only HTCDS fields and values, with the 448-1 detail in the extension', (_id, scenario) => {
    const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
    const assessment = assessAnswers(questionnaire, scenario.answers);
    const record = toHtcds({ caseReference: 'TR-TEST-0001', questionnaire, answers: scenario.answers, assessment, decisionOrg: 'Police', referral: { organisation: 'Parquet', date: Date.UTC(2026, 10, 28), method: 'phone', basis: 'consent' } });
    expect(htcdsProblems(record)).toEqual([]);
    expect(Object.keys(record).filter((k) => k !== 'x_art4481').every((k) => (HTCDS_FIELDS as readonly string[]).includes(k))).toBe(true);
    expect(record.vic_TraffickingStatus).toBe(['presumed_victim', 'possible_victim'].includes(scenario.expected.outcome) ? 'PossibleVictimOfTrafficking' : undefined);
    expect(JSON.stringify(record)).not.toMatch(/Actual/);
    const notes = scenario.answers['closing.officer_notes'];
    if (typeof notes === 'string' && notes.length > 5) expect(JSON.stringify(record)).not.toContain(notes);
    expect(record.x_art4481).toMatchObject({ outcome: scenario.expected.outcome, elements: scenario.expected.elements });
  });

  it('reads the methods of control from questionnaire v2, whether mentioned unprompted or answered, and carries the points to clarify', () => {
    const questionnaire = findQuestionnaire('art-448-1', 2);
    const answers = {
      'source.from': 'person',
      'person.age_years': 30,
      'person.may_be_child': 'no',
      'recruitment.mentioned': ['offered_work', 'deceived_job'],
      'work.started': 'ongoing',
      'work.activities': ['housework'],
      'work.could_refuse': 'no',
      'work.marriage': 'yes',
      'control.mentioned': ['papers_kept', 'hurt'],
      'control.drugs': 'yes',
      'leaving.what_if_left': ['nothing'],
    };
    const assessment = assessAnswers(questionnaire, answers);
    const record = toHtcds({ caseReference: 'TR-TEST-0002', questionnaire, answers, assessment, decisionOrg: 'NGO', referral: null });
    expect(htcdsProblems(record)).toEqual([]);
    expect(record.vic_MethodsOfControl).toEqual(expect.arrayContaining(['WithholdsDocuments', 'PhysicalAbuse', 'PsychoactiveSubstance', 'FalsePromises']));
    expect(record.vic_TypeOfExploitation).toEqual(expect.arrayContaining(['ForcedLabour', 'ForcedMarriage']));
    expect(record.x_art4481).toMatchObject({ model: 2, contradictions: [{ fact: 'threshold.no_freedom_to_change', for: ['control.mentioned'], against: ['leaving.what_if_left'] }] });
  });

  it('flags a field or value that is not in the standard', () => {
    expect(htcdsProblems({ vic_TraffickingStatus: 'ActualVictimOfTrafficking', prs_Name: 'x' })).toEqual(['unknown field "prs_Name"', 'vic_TraffickingStatus: "ActualVictimOfTrafficking" is not an HTCDS value']);
  });
});
