/**
 * Every interface language at once, for the command line, the tests and the
 * referral summary (printed in a language chosen apart from the screen's).
 * Importing this module makes createI18n work for any language, synchronously.
 */
import en from './locales/en.json';
import fr from './locales/fr.json';
import ar from './locales/ar.json';
import { registerLanguage } from './index';

export const resources = {
  en: { translation: en },
  fr: { translation: fr },
  ar: { translation: ar },
} as const;

for (const [lng, bundle] of Object.entries(resources)) registerLanguage(lng as keyof typeof resources, bundle.translation);
