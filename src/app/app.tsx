import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, directionOf, isUiLanguage, type UiLanguage } from '../i18n';
import { HomeScreen } from '../features/home/home-screen';
import { LanguageSwitcher } from '../components/language-switcher';

/** The interface language is a device preference, not data about a person. */
const LANGUAGE_KEY = 'ui-language';

function initialLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isUiLanguage(fromUrl)) return fromUrl;
  const stored = window.localStorage.getItem(LANGUAGE_KEY);
  return isUiLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

export function App() {
  const [language, setLanguage] = useState<UiLanguage>(initialLanguage);
  const i18n = useMemo(() => createI18n(language), [language]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    document.title = i18n.t('app.name');
    window.localStorage.setItem(LANGUAGE_KEY, language);
  }, [language, i18n]);

  return (
    <I18nextProvider i18n={i18n}>
      <a className="skip-link" href="#main">
        {i18n.t('app.skipToContent')}
      </a>
      <header className="app-bar">
        <span className="app-bar__title">{i18n.t('app.shortName')}</span>
        <LanguageSwitcher value={language} onChange={setLanguage} />
      </header>
      <main id="main" tabIndex={-1}>
        <HomeScreen />
      </main>
    </I18nextProvider>
  );
}
