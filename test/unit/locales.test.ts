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

describe('interface languages', () => {
  const english = allStrings('en');

  it.each(Object.keys(UI_LANGUAGES))('%s has every key, no extra key, no empty string and the same placeholders', (lang) => {
    const other = allStrings(lang as keyof typeof resources);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    for (const [key, text] of other) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(english.get(key)!));
    }
  });

  it('names every code, element and aggravating circumstance the engine can output', () => {
    for (const code of [...ALL_CODES, ...ELEMENT_GROUPS]) expect(english.has(`code.${code}`), code).toBe(true);
    for (const code of AGGRAVATING_CODES) expect(english.has(`aggravating.${code.slice('aggravating.'.length)}`), code).toBe(true);
    expect(english.has('aggravating.child')).toBe(true);
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
