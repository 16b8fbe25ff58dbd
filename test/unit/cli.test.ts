/**
 * `npm run assess` as a person uses it: a file in, an assessment out, and one clear
 * line on stderr with a non-zero exit for anything malformed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each case starts a TypeScript process: seconds on a loaded two-core machine. Not a speed check.
const SPAWN_TIMEOUT = 60_000;

const TSX = join('node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'assess-'));

function assess(args: string[], input?: string) {
  const result = spawnSync(TSX, ['src/cli/assess.ts', ...args], { encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const DESIGN_EXAMPLE = {
  ageYears: 16,
  mayBeChild: null,
  facts: { 'act.recruit': 'yes', means: 'no', 'purpose.begging': 'yes', 'threshold.will_alienated': 'unknown', 'context.consent_claimed': 'yes' },
};

describe('npm run assess', { timeout: SPAWN_TIMEOUT }, () => {
  it('prints the assessment of a facts file as JSON and exits 0', () => {
    const { code, stdout, stderr } = assess([file('facts.json', DESIGN_EXAMPLE)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const assessment = JSON.parse(stdout);
    expect(assessment.outcome).toBe('presumed_victim');
    expect(assessment.elements.means).toBe('not_required');
    expect(assessment.reasons[0]).toMatchObject({ element: 'act', status: 'indicated', codes: ['act.recruit'], article: '448-1 al. 1' });
  });

  it('reads an answers file against the questionnaire it names', () => {
    const answers = { questionnaire: 'art-448-1', version: 1, answers: { 'person.age_years': 15, 'act.middleman': 'yes', 'purpose.activities': ['housework'], 'purpose.always_available': 'yes' } };
    const { code, stdout } = assess([file('answers.json', answers)]);
    expect(code).toBe(0);
    const assessment = JSON.parse(stdout);
    expect(assessment.outcome).toBe('presumed_victim');
    expect(assessment.reasons.find((r: { element: string }) => r.element === 'purpose').questions).toEqual(['purpose.always_available']);
  });

  it('reads standard input with "-"', () => {
    const { code, stdout } = assess(['-'], JSON.stringify(DESIGN_EXAMPLE));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).outcome).toBe('presumed_victim');
  });

  it('prints for a person in French, Arabic or English', () => {
    const path = file('facts-text.json', DESIGN_EXAMPLE);
    const fr = assess([path, '--format', 'text', '--lang', 'fr']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Victime présumée');
    expect(fr.stdout).toContain('art.\u00a0448-1, al.\u00a02');
    // French typography: a narrow no-break space before the colon.
    expect(fr.stdout).toContain('Résultat\u202f: Victime présumée');
    const ar = assess([path, '--format', 'text', '--lang', 'ar']);
    expect(ar.stdout).toContain('ضحية مفترضة');
    // The Bulletin officiel form, the same helper as the element table and the summary.
    expect(ar.stdout).toContain('الفصل\u00a01-448، الفقرة\u00a02');
    expect(ar.stdout).toContain('الفصل\u00a01-448، الفقرتان\u00a01 و3');
    expect(ar.stdout).not.toMatch(/448-1 الفقرة/);
    const en = assess([path, '--format=text', '--lang=en']);
    expect(en.stdout).toContain('Presumed victim');
    expect(en.stdout).toContain('Screening — not a legal determination');
  }, 60_000); // three command-line runs: on a shared, loaded machine each takes seconds

  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{"facts": {', /^error: .*bad-not-JSON\.json: not valid JSON \(line 1, column 12\)/],
    ['an unknown code', { facts: { 'act.recruitment': 'yes' } }, /unknown code "act\.recruitment"/],
    ['an unknown value', { facts: { 'act.recruit': 'probably' } }, /"act\.recruit" must be "yes", "no" or "unknown"; found "probably"/],
    ['a group and one of its codes', { facts: { means: 'no', 'means.threat': 'yes' } }, /"means" sets the whole element and "means\.threat" one of its codes/],
    ['an age that is not a number', { ageYears: '16', facts: {} }, /"ageYears" must be a number/],
    ['an answer to a question that does not exist', { questionnaire: 'art-448-1', version: 1, answers: { 'means.beaten': 'yes' } }, /answer to question "means\.beaten", which does not exist/],
    ['an answer of the wrong kind', { questionnaire: 'art-448-1', version: 1, answers: { 'means.hurt': 'sometimes' } }, /answers: "means\.hurt": expected "yes", "no", "dont_know" or "refused", found "sometimes"/],
    ['an unknown questionnaire version', { questionnaire: 'art-448-1', version: 9, answers: {} }, /version 9 is not in this build/],
    ['neither facts nor answers', { person: 'x' }, /not a facts file .* with fields person/],
  ])('refuses %s with one clear message and a non-zero exit', (name, content, message) => {
    const { code, stdout, stderr } = assess([file(`bad-${name.replace(/\W+/g, '-')}.json`, content)]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lists every problem of a file, one line each, not only the first', () => {
    const { code, stderr } = assess([file('bad-many.json', { ageYears: 'x', mayBeChild: 'maybe', facts: { 'act.recruitment': 'yes', 'means.force': 'often' } })]);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.startsWith('error: '))).toBe(true);
    expect(stderr).toMatch(/"ageYears" must be a number/);
    expect(stderr).toMatch(/"mayBeChild" must be true, false or null/);
    expect(stderr).toMatch(/unknown code "act\.recruitment"/);
    expect(stderr).toMatch(/"means\.force" must be "yes", "no" or "unknown"; found "often"/);
    const answers = assess([file('bad-answers.json', { questionnaire: 'art-448-1', version: 1, answers: { 'means.hurt': 'sometimes', 'means.beaten': 'yes', 'purpose.activities': ['none', 'begging'] } })]);
    expect(answers.stderr.trim().split('\n')).toHaveLength(3);
    expect(answers.stderr).toMatch(/"none" cannot be given together with another option \("begging"\)/);
  });

  it('says "empty file" for an empty file', () => {
    const { code, stderr } = assess([file('empty.json', '  \n')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/empty\.json: empty file$/m);
  });

  it('warns on standard error about an answer to a question the other answers hide, names it, and still exits 0', () => {
    // "Free after crossing" is only asked of someone who paid to cross.
    const { code, stdout, stderr } = assess([file('hidden.json', { questionnaire: 'art-448-1', version: 1, answers: { 'person.age_years': 30, 'context.paid_to_cross': 'no', 'context.free_after_crossing': 'yes' } })]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).outcome).toBeDefined();
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: .*hidden\.json: answers: "context\.free_after_crossing": answered, but the other answers hide this question/)]);
  });

  it('says what is wrong with the command line itself', () => {
    expect(assess([]).stderr).toMatch(/no file given/);
    expect(assess(['x.json', '--lang', 'de']).stderr).toMatch(/--lang must be fr, ar or en/);
    expect(assess(['x.json', '--format', 'xml']).code).toBe(2);
    expect(assess([join(dir, 'missing.json')]).stderr).toMatch(/missing\.json: cannot read: no such file/);
  });
});
