/**
 * One i18next set-up for the app and the command line. Resources are bundled (no
 * HTTP back-end): the app must work offline, and the CLI must not need a server.
 */
import i18next, { type i18n } from 'i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ar from './locales/ar.json';
import { DEFAULT_LANGUAGE, type UiLanguage } from './languages';

export * from './languages';

export const resources = {
  en: { translation: en },
  fr: { translation: fr },
  ar: { translation: ar },
} as const;

export function createI18n(lng: UiLanguage = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key must show up in tests, not fall back silently to another language.
    saveMissing: false,
  });
  return instance;
}
