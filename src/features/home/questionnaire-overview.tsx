import { useTranslation } from 'react-i18next';
import { currentQuestionnaire } from '../../content/questionnaires';
import { isUiLanguage, DEFAULT_LANGUAGE } from '../../i18n';

export default function QuestionnaireOverview() {
  const { t, i18n } = useTranslation();
  const questionnaire = currentQuestionnaire();
  const lang = isUiLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  const locale = questionnaire.locales[lang];
  return (
    <section aria-labelledby="overview-heading" className="card">
      <h2 id="overview-heading">{t('app.sectionsHeading')}</h2>
      <p>{t('app.version', { id: questionnaire.id, version: questionnaire.version, count: questionnaire.questions.length })}</p>
      <ol className="section-list">
        {questionnaire.sections.map((section) => (
          <li key={section.id}>
            <strong>{locale.sections[section.id]?.title}</strong>
            {locale.sections[section.id]?.intro ? <span> — {locale.sections[section.id]?.intro}</span> : null}
          </li>
        ))}
      </ol>
      <p className="muted">{t('app.offlineReady')}</p>
    </section>
  );
}
