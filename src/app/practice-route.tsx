/**
 * A practice run: the real interview screen, on the training database, with the
 * training feature's additions. Composed here so that neither feature imports the other.
 */
import { useTranslation } from 'react-i18next';
import { InterviewScreen } from '../features/interview/interview-screen';
import { usePractice } from '../features/training/practice';
import type { TrainingStore } from '../storage';

export function PracticeRoute({ training, practiceId, onExit }: { training: TrainingStore; practiceId: string; onExit: () => void }) {
  const { t, i18n } = useTranslation();
  const practice = usePractice(training, practiceId, i18n.language, onExit);
  if (practice.status === 'loading') return <p className="page" role="status">{t('interview.loading')}</p>;
  if (practice.status === 'error') {
    return (
      <div className="page">
        <p role="alert" className="error">
          {t('interview.loadFailed', { reason: practice.message })}
        </p>
        <button type="button" className="button" onClick={onExit}>
          {t('training.backToTraining')}
        </button>
      </div>
    );
  }
  return <InterviewScreen store={training} caseId={practiceId} onHome={onExit} practice={practice.hooks} />;
}
