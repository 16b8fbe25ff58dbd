import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The questionnaire and its validator are not needed to draw the first screen.
const QuestionnaireOverview = lazy(() => import('./questionnaire-overview'));

interface Props {
  /** The most recent interview still in progress, if any. */
  resumable: { id: string; reference: string } | null;
  /** Days since the last backup (null: never), when a reminder is due. */
  backupDue?: { days: number | null } | null;
  onStart: () => void;
  onResume: (id: string) => void;
  onCases: () => void;
  onDirectory: () => void;
  onStatistics: () => void;
  /** Simulations, in a database of their own: nothing started there is a real case. */
  onTraining: () => void;
  /** Referral packages between services: open one, this tablet's key, the keys of services. */
  onHandover?: () => void;
  busy?: boolean;
}

export function HomeScreen({ resumable, backupDue, onStart, onResume, onCases, onDirectory, onStatistics, onTraining, onHandover, busy }: Props) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      {backupDue && (
        <p className="notice" role="note" data-testid="backup-reminder">
          {backupDue.days === null ? t('home.backupNever') : t('home.backupOld', { count: backupDue.days })}
        </p>
      )}
      <div className="home-actions">
        <button type="button" className="button button--primary button--big" onClick={onStart} disabled={busy}>
          {t('home.start')}
        </button>
        {resumable && (
          <button type="button" className="button button--secondary button--big" data-action="resume" onClick={() => onResume(resumable.id)}>
            {t('home.resume', { reference: resumable.reference })}
          </button>
        )}
        <button type="button" className="button button--secondary button--big" data-action="cases" onClick={onCases}>
          {t('home.cases')}
        </button>
        <button type="button" className="button button--secondary button--big" data-action="directory" onClick={onDirectory}>
          {t('directory.open')}
        </button>
        {onHandover && (
          <button type="button" className="button button--secondary button--big" data-action="handover" onClick={onHandover}>
            {t('handover.open')}
          </button>
        )}
        <button type="button" className="button button--secondary button--big" data-action="statistics" onClick={onStatistics}>
          {t('stats.open')}
        </button>
        <button type="button" className="button button--secondary button--big" data-action="training" onClick={onTraining}>
          {t('training.open')}
        </button>
      </div>
      <p className="notice" role="note">
        {t('app.notice')}
      </p>
      <p className="hotline">{t('app.hotline')}</p>
      <Suspense fallback={null}>
        <QuestionnaireOverview />
      </Suspense>
    </div>
  );
}
