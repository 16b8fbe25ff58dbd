import { useTranslation } from 'react-i18next';
import { type AnswerMap, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../../engine';
import { ElementTable } from '../../components/element-table';
import { IloReading } from '../../components/ilo-reading';
import { LegalNotes } from '../../components/legal-notes';
import { flagWords } from '../../i18n/flag-words';

interface Props {
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  answers: AnswerMap;
  assessment: Assessment;
  reference: string;
  onReview: () => void;
  onHome: () => void;
  onSummary?: () => void;
}

/** The outcome in words an officer can act on, what to do next at the top, and why. */
export function ResultView({ questionnaire, locale, answers, assessment, reference, onReview, onHome, onSummary }: Props) {
  const { t, i18n } = useTranslation();

  return (
    <div className="result">
      <p className="muted">
        {t('report.labelValue', { label: t('result.reference'), value: '' })}
        <span dir="ltr">{reference}</span>
      </p>
      <h1>{t('result.title')}</h1>
      <div className={`outcome outcome--${assessment.outcome}`} role="status">
        <p className="outcome__title">{t(`outcome.${assessment.outcome}.title`)}</p>
      </div>
      {/* What to do comes first: the referral summary and the next steps, before the reasons. */}
      <section aria-labelledby="next-steps-heading" className="next-steps">
        <h2 id="next-steps-heading">{t('conversation.result.nextSteps')}</h2>
        <p>{t(`outcome.${assessment.outcome}.action`)}</p>
        <div className="actions">
          {onSummary && (
            <button type="button" className="button button--primary" data-action="summary" onClick={onSummary}>
              {t('summary.open')}
            </button>
          )}
          <button type="button" className="button button--secondary" data-action="review" onClick={onReview}>
            {t('result.review')}
          </button>
          <button type="button" className="button button--secondary" data-action="home" onClick={onHome}>
            {t('result.home')}
          </button>
        </div>
      </section>
      <p className="notice" role="note">
        {t('report.disclaimer')}
      </p>

      {assessment.flagReasons.length > 0 && (
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">{t('report.flags')}</h2>
          <ul className="flags">
            {assessment.flagReasons.map((reason) => (
              <li key={reason.flag} className={`flag flag--${reason.flag.split(':')[0]}`}>
                <strong>{flagWords(t, reason, assessment.outcome).title}</strong> — {flagWords(t, reason, assessment.outcome).text}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="elements-table-heading">
        <h2 id="elements-table-heading">{t('report.elements')}</h2>
        <ElementTable t={t} language={i18n.language} questionnaire={questionnaire} locale={locale} answers={answers} assessment={assessment} className="elements-table" />
      </section>

      <LegalNotes t={t} questionnaire={questionnaire} locale={locale} answers={answers} assessment={assessment} />

      <section aria-labelledby="ilo-heading" className="card">
        <h2 id="ilo-heading">{t('ilo.heading')}</h2>
        <IloReading t={t} indicators={assessment.indicators} />
      </section>

    </div>
  );
}
