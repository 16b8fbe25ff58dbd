import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { assessAnswers, DONT_KNOW, visibleQuestionIds, type AnswerMap, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../../engine';
import { answerLabel } from '../../components/answer-label';

interface Props {
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  answers: AnswerMap;
  assessment: Assessment;
  onEdit: (questionId: string) => void;
  onConfirm: () => void;
  onBack: () => void;
  /** Off in practice: which open questions could move the outcome says where the outcome stands. */
  showOpenQuestions?: boolean;
}

/** Questions still open whose answer could move the outcome one way or the other. */
function decisiveOpenQuestions(questionnaire: Questionnaire, answers: AnswerMap, outcome: string): string[] {
  const visible = visibleQuestionIds(questionnaire, answers);
  return questionnaire.questions
    .filter((q) => q.type === 'yes_no' && visible.has(q.id) && (answers[q.id] === undefined || answers[q.id] === DONT_KNOW))
    .filter((q) => (['yes', 'no'] as const).some((v) => assessAnswers(questionnaire, { ...answers, [q.id]: v }).outcome !== outcome))
    .map((q) => q.id);
}

/** Every answer grouped by the element it bears on, each editable. */
export function ReviewView({ questionnaire, locale, answers, assessment, onEdit, onConfirm, onBack, showOpenQuestions = true }: Props) {
  const { t } = useTranslation();
  const visible = useMemo(() => visibleQuestionIds(questionnaire, answers), [questionnaire, answers]);
  const open = useMemo(() => (showOpenQuestions ? decisiveOpenQuestions(questionnaire, answers, assessment.outcome) : []), [showOpenQuestions, questionnaire, answers, assessment.outcome]);

  // The act, means, purpose and para. 4 sections are the elements; the others hold consent, the person and context.
  const groups = questionnaire.sections.map((s) => s.id);

  return (
    <div className="review">
      <h1>{t('review.title')}</h1>
      {open.length > 0 && (
        <section className="notice" aria-labelledby="open-heading">
          <h2 id="open-heading">{t('review.openTitle')}</h2>
          <p>{t('review.openIntro')}</p>
          <ul className="plain-list">
            {open.map((id) => (
              <li key={id}>
                <button type="button" className="link-button" onClick={() => onEdit(id)}>
                  {locale.questions[id]?.text}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {groups.map((section) => {
        const ids = questionnaire.questions.filter((q) => q.section === section && visible.has(q.id)).map((q) => q.id);
        if (ids.length === 0) return null;
        return (
          <section key={section} aria-labelledby={`review-${section}`} className="card">
            <h2 id={`review-${section}`}>{t(`section.${section}`)}</h2>
            <dl className="answers-table">
              {ids.map((id) => (
                <div key={id} className="answers-table__row">
                  <dt>{locale.questions[id]?.text}</dt>
                  <dd>
                    <span>{answerLabel(t, questionnaire.byId.get(id)!, locale, answers[id])}</span>
                    <button type="button" className="button button--small" onClick={() => onEdit(id)} aria-label={t('review.editQuestion', { question: locale.questions[id]?.text })}>
                      {t('review.edit')}
                    </button>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('interview.back')}
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm}>
          {t('review.confirm')}
        </button>
      </div>
    </div>
  );
}
