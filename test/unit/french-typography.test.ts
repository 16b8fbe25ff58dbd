/**
 * French typography in every French string a person reads: a narrow no-break
 * space (U+202F) before ":", ";", "?" and "!", and inside « »; the apostrophe ’.
 * A plain space lets the line break before the colon; no space at all is English
 * punctuation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../src/i18n/all';
import { trainingResources } from '../../src/i18n/training';
import { STARTER_DIRECTORY } from '../../src/content/directory';

type Tree = { [key: string]: unknown };
function strings(node: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof node === 'string') out.push([path, node]);
  else if (Array.isArray(node)) node.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node as Tree)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** What is wrong with a French string, or null. */
function problem(text: string): string | null {
  const prose = text.replace(/{{[^}]*}}/g, 'x').replace(/https?:\/\/\S+/g, '');
  for (const match of prose.matchAll(/(^|[^\u202f])([:;?!])/g)) {
    // A time (14:30) is not punctuation.
    if (match[2] === ':' && /\d/.test(match[1]!) && /^\d/.test(prose.slice(match.index + 2))) continue;
    return `"${match[2]}" without a narrow no-break space before it`;
  }
  if (/«(?!\u202f)|(?<!\u202f)»/.test(text)) return '« » without narrow no-break spaces inside';
  // French prints the apostrophe ’ (l’enfant), not the typewriter ' that mixed with it before.
  if (/\p{L}'\p{L}/u.test(text)) return "a straight apostrophe (') where French prints ’";
  return null;
}

const scenarioDir = 'questionnaires/scenarios';
const sources: [string, [string, string][]][] = [
  ['src/i18n/locales/fr.json', strings(resources.fr.translation, '')],
  ['src/i18n/locales/training/fr.json', strings(trainingResources.fr, '')],
  ['questionnaires/art-448-1/v1/locales/fr.json', strings(JSON.parse(readFileSync('questionnaires/art-448-1/v1/locales/fr.json', 'utf8')), '')],
  ['questionnaires/art-448-1/v2/locales/fr.json', strings(JSON.parse(readFileSync('questionnaires/art-448-1/v2/locales/fr.json', 'utf8')), '')],
  ['src/i18n/locales/handover/fr.json', strings(JSON.parse(readFileSync('src/i18n/locales/handover/fr.json', 'utf8')), '')],
  ['src/content/directory.ts', STARTER_DIRECTORY.flatMap((s) => [[`${s.id}.name`, s.name], [`${s.id}.contact`, s.contact]] as [string, string][])],
  ...readdirSync(scenarioDir).map((file): [string, [string, string][]] => {
    const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Tree;
    return [join(scenarioDir, file), (['title', 'learningGoal', 'narrative', 'teachingPoint'] as const).map((field) => [`${field}.fr`, String((scenario[field] as Tree).fr)])];
  }),
];

describe('French typography', () => {
  it.each(sources)('%s', (_file, entries) => {
    const wrong = entries.map(([key, text]) => [key, problem(text), text] as const).filter(([, p]) => p !== null);
    expect(wrong.map(([key, p, text]) => `${key}: ${p}: ${text.slice(0, 80)}`)).toEqual([]);
  });

  it('catches a plain space, a missing space and bare guillemets', () => {
    expect(problem('Lieu : Tanger')).toMatch(/":"/);
    expect(problem('Lieu: Tanger')).toMatch(/":"/);
    expect(problem('« oui »')).toMatch(/«/);
    expect(problem('Lieu\u202f: « oui\u202f»'.replace('« ', '«\u202f'))).toBeNull();
    expect(problem('{{done}}/{{total}} à 14:30')).toBeNull();
    expect(problem("Retour à l'accueil")).toMatch(/apostrophe/);
    expect(problem('Retour à l’accueil')).toBeNull();
  });
});
