import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessAnswers, DONT_KNOW, questionText, visibleQuestionIds, type AnswerMap, type AnswerValue, type Assessment, type Questionnaire, type QuestionnaireLocale } from '../../engine';
import { answerLabel } from '../../components/answer-label';
import { NoteList, type Note } from './notes-drawer';
import { QuestionView } from './question-view';

interface Props {
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  answers: AnswerMap;
  assessment: Assessment;
  /** An answer changed in place, without leaving the review. */
  onAnswer: (questionId: string, value: AnswerValue) => void;
  onConfirm: () => void;
  onBack: () => void;
  /** Off in practice: which open questions could move the outcome says where the outcome stands. */
  showOpenQuestions?: boolean;
  wording?: { child: boolean; thirdPerson: boolean };
  notes?: Note[];
}

/** Questions still open whose answer could move the outcome one way or the other. */
function decisiveOpenQuestions(questionnaire: Questionnaire, answers: AnswerMap, outcome: string): string[] {
  const visible = visibleQuestionIds(questionnaire, answers);
  return questionnaire.questions
    .filter((q) => q.type === 'yes_no' && visible.has(q.id) && (answers[q.id] === undefined || answers[q.id] === DONT_KNOW))
    .filter((q) => (['yes', 'no'] as const).some((v) => assessAnswers(questionnaire, { ...answers, [q.id]: v }).outcome !== outcome))
    .map((q) => q.id);
}

const NO_WORDING = { child: false, thirdPerson: false };

/**
 * Every answer, section by section (closed, with their counts), the open
 * questions that could change the outcome first. An answer is changed where it
 * stands: the page does not move, and the officer stays at the same spot.
 */
export function ReviewView({ questionnaire, locale, answers, assessment, onAnswer, onConfirm, onBack, showOpenQuestions = true, wording = NO_WORDING, notes = [] }: Props) {
  const { t } = useTranslation();
  const visible = useMemo(() => visibleQuestionIds(questionnaire, answers), [questionnaire, answers]);
  // The list as it was when the review opened: a question answered here stays in place with its new answer.
  const [open] = useState(() => (showOpenQuestions ? decisiveOpenQuestions(questionnaire, answers, assessment.outcome) : []));
  const label = (id: string) => questionText(locale, id, wording);
  const row = (id: string, place: string) => (
    <ReviewRow key={`${place}-${id}`} questionnaire={questionnaire} locale={locale} questionId={id} value={answers[id]} label={label(id)} wording={wording} onAnswer={(value) => onAnswer(id, value)} />
  );

  return (
    <div className="review">
      <h1>{t('review.title')}</h1>
      {open.length > 0 && (
        <section className="notice" aria-labelledby="open-heading" data-testid="open-questions">
          <h2 id="open-heading">{t('review.openTitle')}</h2>
          <p>{t('review.openIntro')}</p>
          <dl className="answers-table">{open.map((id) => row(id, 'open'))}</dl>
        </section>
      )}
      {questionnaire.sections.map(({ id: section }) => {
        const ids = questionnaire.questions.filter((q) => q.section === section && visible.has(q.id)).map((q) => q.id);
        if (ids.length === 0) return null;
        const done = ids.filter((id) => answers[id] !== undefined).length;
        return (
          <details key={section} className="card review-section" data-section={section}>
            <summary>
              <h2 id={`review-${section}`}>{t(`section.${section}`)}</h2>
              <span className="muted">{t('conversation.review.sectionCount', { done, total: ids.length })}</span>
            </summary>
            <dl className="answers-table">{ids.map((id) => row(id, 'section'))}</dl>
          </details>
        );
      })}
      {notes.length > 0 && (
        <section className="card" aria-labelledby="review-notes">
          <h2 id="review-notes">{t('conversation.notes.title')}</h2>
          <NoteList notes={notes} questionLabel={label} />
        </section>
      )}
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

interface RowProps {
  questionnaire: Questionnaire;
  locale: QuestionnaireLocale;
  questionId: string;
  value: AnswerValue | undefined;
  label: string;
  wording: { child: boolean; thirdPerson: boolean };
  onAnswer: (value: AnswerValue) => void;
}

/** One answer, and its answer control opened in place when the officer changes it. */
function ReviewRow({ questionnaire, locale, questionId, value, label, wording, onAnswer }: RowProps) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const change = useRef<HTMLButtonElement>(null);
  const question = questionnaire.byId.get(questionId)!;

  function close() {
    setEditing(false);
    change.current?.focus({ preventScroll: true });
  }

  return (
    <div className="answers-table__row" data-review-question={questionId}>
      <dt id={`${id}-q`}>{label}</dt>
      <dd>
        <span>{answerLabel(t, question, locale, value)}</span>
        <button
          ref={change}
          type="button"
          className="button button--small"
          aria-expanded={editing}
          aria-controls={editing ? `${id}-edit` : undefined}
          aria-label={t('review.editQuestion', { question: label })}
          onClick={() => (editing ? close() : setEditing(true))}
        >
          {t('review.edit')}
        </button>
        {editing && (
          <div id={`${id}-edit`} className="review-editor" role="group" aria-label={t('conversation.review.editing')}>
            <QuestionView
              inline={{ labelledBy: `${id}-q` }}
              question={question}
              locale={locale}
              value={value}
              wording={wording}
              onAnswer={onAnswer}
              onChoose={(v) => {
                onAnswer(v);
                close();
              }}
            />
            <button type="button" className="button button--primary" data-action="done-editing" onClick={close}>
              {t('conversation.review.done')}
            </button>
          </div>
        )}
      </dd>
    </div>
  );
}
