/**
 * The hand-over screens' strings, loaded with those screens (like training's):
 * the unlock screen does not need them. The words the rest of the app shows
 * (the home button, the summary's "send securely") stay in the main locale
 * files under the same "handover" key.
 */
import type { i18n } from 'i18next';
import en from './locales/handover/en.json';
import fr from './locales/handover/fr.json';
import ar from './locales/handover/ar.json';

export const handoverResources = { en, fr, ar } as const;

const ready = new WeakSet<i18n>();

/** Idempotent; call before the first hand-over string is drawn. */
export function ensureHandoverStrings(instance: i18n): void {
  if (ready.has(instance)) return;
  for (const [lang, strings] of Object.entries(handoverResources)) instance.addResourceBundle(lang, 'translation', { handover: strings }, true, false);
  ready.add(instance);
}
