import { useTranslation } from 'react-i18next';
import { type AnswerMap, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../../engine';
import { ElementTable } from '../../components/element-table';
import { flagWords } from '../../i18n/flag-words';
import { iloWords } from '../../i18n/ilo-words';

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

/** The outcome in words an officer can act on, and why. */
export function ResultView({ questionnaire, locale, answers, assessment, reference, onReview, onHome, onSummary }: Props) {
  const { t, i18n } = useTranslation();
  const ilo = iloWords(t, assessment.indicators);

  return (
    <div className="result">
      <p className="muted">
        {t('report.labelValue', { label: t('result.reference'), value: '' })}
        <span dir="ltr">{reference}</span>
      </p>
      <h1>{t('result.title')}</h1>
      <div className={`outcome outcome--${assessment.outcome}`} role="status">
        <p className="outcome__title">{t(`outcome.${assessment.outcome}.title`)}</p>
        <p>{t(`outcome.${assessment.outcome}.action`)}</p>
      </div>
      <p className="notice" role="note">
        {t('report.disclaimer')}
      </p>

      {assessment.flagReasons.length > 0 && (
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">{t('report.flags')}</h2>
          <ul className="flags">
            {assessment.flagReasons.map((reason) => (
              <li key={reason.flag} className={`flag flag--${reason.flag.split(':')[0]}`}>
                <strong>{flagWords(t, reason.flag, assessment.outcome).title}</strong> — {flagWords(t, reason.flag, assessment.outcome).text}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="elements-table-heading">
        <h2 id="elements-table-heading">{t('report.elements')}</h2>
        <ElementTable t={t} language={i18n.language} questionnaire={questionnaire} locale={locale} answers={answers} assessment={assessment} className="elements-table" />
      </section>

      <section aria-labelledby="ilo-heading" className="card">
        <h2 id="ilo-heading">{t('ilo.heading')}</h2>
        <p>{ilo.reading}</p>
        {ilo.partial && <p>{ilo.partial}</p>}
        <ul className="plain-list">
          {ilo.dimensions.map((d) => (
            <li key={d.dimension} data-dimension={d.dimension} data-value={d.value}>
              {t('report.labelValue', { label: d.label, value: d.word })}
            </li>
          ))}
        </ul>
      </section>

      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onReview}>
          {t('result.review')}
        </button>
        {onSummary && (
          <button type="button" className="button button--primary" data-action="summary" onClick={onSummary}>
            {t('summary.open')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}
