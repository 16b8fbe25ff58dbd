import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n';
import '../i18n/all';
import { displayLanguageOf, interpreterText, personLanguageName } from './person-language';

const fr = createI18n('fr').t;
const ar = createI18n('ar').t;

describe("the person's language on a case", () => {
  it('shows the questions in the language chosen, Darija with the Arabic text, and none for a language without written questions', () => {
    expect(displayLanguageOf({ interpreter: null, personLanguage: 'en' })).toBe('en');
    expect(displayLanguageOf({ interpreter: null, personLanguage: 'other', personLanguageOther: 'Darija' })).toBe('ar');
    expect(displayLanguageOf({ interpreter: null, personLanguage: 'other', personLanguageOther: ' الدارجة ' })).toBe('ar');
    expect(displayLanguageOf({ interpreter: null, personLanguage: 'other', personLanguageOther: 'Tamazight' })).toBeNull();
    expect(displayLanguageOf({ interpreter: null, personLanguage: 'other', personLanguageOther: 'Pidgin' })).toBeNull();
    expect(displayLanguageOf(undefined)).toBeNull();
  });

  it('names it in the reader\'s language, a typed name as typed', () => {
    expect(personLanguageName(fr, { interpreter: null, personLanguage: 'ar' })).toBe('Arabe');
    expect(personLanguageName(ar, { interpreter: null, personLanguage: 'other', personLanguageOther: 'Darija' })).toBe('الدارجة (العربية المغربية)');
    expect(personLanguageName(fr, { interpreter: null, personLanguage: 'other', personLanguageOther: 'Tagalog' })).toBe('Tagalog');
    expect(personLanguageName(fr, { interpreter: 'no' })).toBeNull();
  });

  it('says who interprets', () => {
    expect(interpreterText(fr, { interpreter: 'yes', interpreterRole: 'relative' })).toBe('Oui — Un proche, un ami ou une personne venue avec la personne');
    expect(interpreterText(fr, { interpreter: 'yes' })).toBe('Oui');
    expect(interpreterText(fr, { interpreter: 'no', interpreterRole: 'ngo' })).toBe('Non');
    expect(interpreterText(fr, { interpreter: null })).toBeNull();
  });
});
