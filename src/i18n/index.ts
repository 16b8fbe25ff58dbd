/**
 * One i18next set-up for the app and the command line. Strings are bundled (no
 * HTTP back-end): the app must work offline, and the command line must not need
 * a server. The app loads only the language on screen (each language is its own
 * precached chunk, so switching is instant offline); the command line and the
 * tests load all three through `./all`.
 */
import i18next, { type i18n } from 'i18next';
import type en from './locales/en.json';
import { DEFAULT_LANGUAGE, type UiLanguage } from './languages';

export * from './languages';

export type InterfaceStrings = typeof en;

const loaded = new Map<UiLanguage, InterfaceStrings>();
const loaders: Record<UiLanguage, () => Promise<{ default: InterfaceStrings }>> = {
  en: () => import('./locales/en.json'),
  fr: () => import('./locales/fr.json'),
  ar: () => import('./locales/ar.json'),
};

export function registerLanguage(lng: UiLanguage, strings: InterfaceStrings): void {
  loaded.set(lng, strings);
}

/** Makes a language's strings available to createI18n; resolves at once when they already are. */
export async function loadLanguage(lng: UiLanguage): Promise<void> {
  if (!loaded.has(lng)) registerLanguage(lng, (await loaders[lng]()).default);
}

export function createI18n(lng: UiLanguage = DEFAULT_LANGUAGE): i18n {
  const strings = loaded.get(lng);
  if (!strings) throw new Error(`the "${lng}" interface strings are not loaded yet (loadLanguage first)`);
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    resources: { [lng]: { translation: strings } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key must show up in tests, not fall back silently to another language.
    saveMissing: false,
  });
  return instance;
}
