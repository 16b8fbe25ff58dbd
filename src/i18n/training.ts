/**
 * The training screens' strings, loaded with those screens: the unlock screen
 * does not need them, and the first screen stays small. The three words the
 * rest of the app shows (the home button, the banner, the watermark) stay in
 * the main locale files.
 */
import type { i18n } from 'i18next';
import en from './locales/training/en.json';
import fr from './locales/training/fr.json';
import ar from './locales/training/ar.json';

export const trainingResources = { en, fr, ar } as const;

const ready = new WeakSet<i18n>();

/** Idempotent; call before the first training string is drawn. */
export function ensureTrainingStrings(instance: i18n): void {
  if (ready.has(instance)) return;
  for (const [lang, strings] of Object.entries(trainingResources)) instance.addResourceBundle(lang, 'translation', { training: strings }, true, false);
  ready.add(instance);
}
