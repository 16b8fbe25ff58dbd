import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../i18n';

interface Props {
  value: UiLanguage;
  onChange: (language: UiLanguage) => void;
}

export function LanguageSwitcher({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t('app.language')} className="language-switcher">
      {(Object.keys(UI_LANGUAGES) as UiLanguage[]).map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={lang === value}
          className="button button--quiet"
          onClick={() => onChange(lang)}
        >
          {UI_LANGUAGES[lang].name}
        </button>
      ))}
    </div>
  );
}
