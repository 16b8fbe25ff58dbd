import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The questionnaire and its validator are not needed to draw the first screen.
const QuestionnaireOverview = lazy(() => import('./questionnaire-overview'));

export function HomeScreen() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      <p className="notice" role="note">
        {t('app.notice')}
      </p>
      <p className="hotline">{t('app.hotline')}</p>
      <p>{t('app.comingSoon')}</p>
      <Suspense fallback={null}>
        <QuestionnaireOverview />
      </Suspense>
    </div>
  );
}
