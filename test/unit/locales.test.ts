/** Every string a person sees exists in French, Arabic and English, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { ALL_CODES, ELEMENT_GROUPS, AGGRAVATING_CODES } from '../../src/engine';
import { createI18n, UI_LANGUAGES } from '../../src/i18n';
import { resources } from '../../src/i18n/all';
import { ensureTrainingStrings, trainingResources } from '../../src/i18n/training';
import { ensureHandoverStrings, handoverResources } from '../../src/i18n/handover';

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

/** The main strings with the training and hand-over screens' own, as the app has them once those screens are open. */
function allStrings(lang: keyof typeof resources): Map<string, string> {
  const main = resources[lang].translation as Tree;
  return leaves({
    ...main,
    training: { ...(main.training as Tree), ...(trainingResources[lang] as Tree) },
    handover: { ...(main.handover as Tree), ...(handoverResources[lang] as Tree) },
  });
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * Keys with plural forms (key_one, key_other…) count as one key: each language
 * must have exactly the forms its own plural rules use (Arabic six, French
 * three, English two), each with the placeholders of the English key.
 */
function byBase(strings: Map<string, string>, plural: Set<string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of strings) {
    const form = PLURAL.exec(key)?.[1] ?? '';
    const base = form && plural.has(key.slice(0, -form.length - 1)) ? key.slice(0, -form.length - 1) : key;
    if (!out.has(base)) out.set(base, new Map());
    out.get(base)!.set(base === key ? '' : form, text);
  }
  return out;
}

/** A key is plural when English has its "_one" and "_other" forms ("code.purpose.sexual_other" is not). */
const englishFlat = allStrings('en');
const pluralBases = new Set([...englishFlat.keys()].filter((k) => k.endsWith('_one') && englishFlat.has(`${k.slice(0, -4)}_other`)).map((k) => k.slice(0, -4)));

describe('interface languages', () => {
  const english = byBase(englishFlat, pluralBases);

  it.each(Object.keys(UI_LANGUAGES))('%s has every key, no extra key, no empty string and the same placeholders', (lang) => {
    const other = byBase(allStrings(lang as keyof typeof resources), pluralBases);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    const categories = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
    for (const [key, forms] of other) {
      const englishForms = english.get(key)!;
      const reference = englishForms.get('other') ?? englishForms.get('')!;
      if (pluralBases.has(key)) expect([...forms.keys()].sort(), `${lang} ${key}: plural forms`).toEqual(categories);
      else expect([...forms.keys()], `${lang} ${key}`).toEqual(['']);
      for (const [form, text] of forms) {
        expect(text.trim(), `${lang} ${key} ${form}`).not.toBe('');
        // A plural form may say the number in words ("ملفان", two files) instead of {{count}}.
        const without = (list: (string | undefined)[]) => (form ? list.filter((p) => p !== 'count') : list);
        expect(without(placeholders(text)), `${lang} ${key} ${form}`).toEqual(without(placeholders(reference)));
      }
    }
  });

  it('plural forms follow each language\'s rules (Arabic has six)', () => {
    const ar = createI18n('ar');
    ar.addResourceBundle('ar', 'translation', { probe: { n_zero: 'z', n_one: 'o', n_two: 't', n_few: 'f', n_many: 'm', n_other: 'x' } }, true, true);
    const t = ar.t as unknown as (key: string, options: { count: number }) => string;
    expect([0, 1, 2, 3, 11, 100].map((count) => t('probe.n', { count }))).toEqual(['z', 'o', 't', 'f', 'm', 'x']);
  });

  it('names every code, element and aggravating circumstance the engine can output', () => {
    for (const code of [...ALL_CODES, ...ELEMENT_GROUPS]) expect(englishFlat.has(`code.${code}`), code).toBe(true);
    for (const code of AGGRAVATING_CODES) expect(englishFlat.has(`aggravating.${code.slice('aggravating.'.length)}`), code).toBe(true);
    expect(englishFlat.has('aggravating.child')).toBe(true);
  });

  it('Arabic is written right to left, French and English left to right', () => {
    expect(UI_LANGUAGES.ar.dir).toBe('rtl');
    expect(UI_LANGUAGES.fr.dir).toBe('ltr');
    expect(createI18n('ar').t('outcome.presumed_victim.title')).toBe('ضحية مفترضة');
  });

  it('the training strings arrive with the training screens, in the language on screen', () => {
    const i18n = createI18n('ar');
    expect(i18n.exists('training.debriefTitle')).toBe(false);
    expect(i18n.t('training.banner')).toBe(resources.ar.translation.training.banner);
    ensureTrainingStrings(i18n);
    expect(i18n.t('training.debriefTitle')).toBe(trainingResources.ar.debriefTitle);
  });

  it('the hand-over strings arrive with the hand-over screens; the two words shown elsewhere are there from the start', () => {
    const i18n = createI18n('fr');
    expect(i18n.exists('handover.errors.notAddressed')).toBe(false);
    expect(i18n.t('handover.sendSecurely')).toBe(resources.fr.translation.handover.sendSecurely);
    ensureHandoverStrings(i18n);
    expect(i18n.t('handover.errors.notAddressed')).toBe(handoverResources.fr.errors.notAddressed);
    expect(i18n.t('handover.open')).toBe(resources.fr.translation.handover.open);
  });

  it('a missing key shows as the key, never silently as another language', () => {
    const t = createI18n('ar').t as unknown as (key: string) => string;
    expect(t('no.such.key')).toBe('no.such.key');
  });
});
