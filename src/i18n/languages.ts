/** The shipped languages, with the writing direction each needs. */
export const UI_LANGUAGES = {
  fr: { name: 'Français', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
  en: { name: 'English', dir: 'ltr' },
} as const;

export type UiLanguage = keyof typeof UI_LANGUAGES;
export const DEFAULT_LANGUAGE: UiLanguage = 'fr';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && Object.hasOwn(UI_LANGUAGES, value);
}

export function directionOf(lang: UiLanguage): 'ltr' | 'rtl' {
  return UI_LANGUAGES[lang].dir;
}
