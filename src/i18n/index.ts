/**
 * One i18next set-up for the app and the command line. Strings are bundled (no
 * HTTP back-end): the app must work offline, and the command line must not need
 * a server. The first screen loads only the unlock screen's strings of the
 * language on screen (boot-strings.ts); the rest, and the other languages, load
 * after it is drawn (each its own precached chunk, so switching is instant
 * offline). The command line and the tests load all three through `./all`.
 */
import i18next, { type i18n } from 'i18next';
import type en from './locales/en.json';
import { DEFAULT_LANGUAGE, type UiLanguage } from './languages';

export * from './languages';

export type InterfaceStrings = typeof en;

/** Every string of a language, once loaded. */
const loaded = new Map<UiLanguage, InterfaceStrings>();
/** The first screen's strings (boot-strings.ts), until the rest is loaded. */
const boot = new Map<UiLanguage, Partial<InterfaceStrings>>();
/** Instances made with the first screen's strings only: they get the rest when it loads. */
const partial = new Set<i18n>();

const loaders: Record<UiLanguage, () => Promise<{ default: InterfaceStrings }>> = {
  en: () => import('./locales/en.json'),
  fr: () => import('./locales/fr.json'),
  ar: () => import('./locales/ar.json'),
};
const bootLoaders: Record<UiLanguage, () => Promise<{ default: Partial<InterfaceStrings> }>> = {
  en: () => import('virtual:boot-strings-en'),
  fr: () => import('virtual:boot-strings-fr'),
  ar: () => import('virtual:boot-strings-ar'),
};

export function registerLanguage(lng: UiLanguage, strings: InterfaceStrings): void {
  loaded.set(lng, strings);
  for (const instance of partial) {
    if (instance.language !== lng) continue;
    instance.addResourceBundle(lng, 'translation', strings, true, true);
    partial.delete(instance);
  }
}

/**
 * Makes the first screen's strings of a language available to createI18n
 * (resolves at once when they are): what main.tsx loads before the first draw.
 */
export async function loadLanguage(lng: UiLanguage): Promise<void> {
  if (!loaded.has(lng) && !boot.has(lng)) boot.set(lng, (await bootLoaders[lng]()).default);
}

/** Every string of a language; instances already made for it get them too (and redraw). */
export async function loadAllStrings(lng: UiLanguage): Promise<void> {
  if (!loaded.has(lng)) registerLanguage(lng, (await loaders[lng]()).default);
}

export function createI18n(lng: UiLanguage = DEFAULT_LANGUAGE): i18n {
  const strings = loaded.get(lng) ?? boot.get(lng);
  if (!strings) throw new Error(`the "${lng}" interface strings are not loaded yet (loadLanguage first)`);
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    resources: { [lng]: { translation: strings } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key must show up in tests, not fall back silently to another language:
    // it is drawn as the key, and named on the console (a key, never a person's data).
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => console.error(`missing interface string "${key}" (${lng})`),
    // Redraw when the rest of the strings arrives (loadAllStrings).
    react: { bindI18nStore: 'added' },
  });
  if (!loaded.has(lng)) partial.add(instance);
  return instance;
}
