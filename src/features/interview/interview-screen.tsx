import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { visibleQuestionIds, type AnswerMap, type AnswerValue, type Assessment, type Language } from '../../engine';
import type { InterviewStore } from '../../storage';
import { PhoneText } from '../../components/phone-text';
import { ElementPanel } from './element-panel';
import { QuestionView } from './question-view';
import { ResultView } from './result-view';
import { ReviewView } from './review-view';
import { SectionProgress } from './section-progress';
import { useActorSnapshot, useAssessment, useInterviewLoader, useSaveError, type InterviewActor } from './use-interview';
import type { Questionnaire } from '../../engine';

/**
 * What a practice run changes in the real flow; the app passes it in, so the
 * training feature never imports this one.
 */
export interface PracticeHooks {
  /** Beside each question: the scenario's scripted answer, on request. */
  questionAside: (questionId: string, answer: (value: AnswerValue) => void) => ReactNode;
  /** Instead of the result: the trainee states a reading before seeing the tool's. */
  renderResult: (result: { questionnaire: Questionnaire; answers: AnswerMap; assessment: Assessment; onReview: () => void }) => ReactNode;
  /** Neutral words for the skipped means: the real ones name the child exception, which the trainee must find. */
  meansSkipped: { title: string; text: string };
}

interface Props {
  store: InterviewStore;
  caseId: string;
  onHome: () => void;
  onSummary?: () => void;
  practice?: PracticeHooks;
}

export function InterviewScreen({ store, caseId, onHome, onSummary, practice }: Props) {
  const { t, i18n } = useTranslation();
  const loaded = useInterviewLoader(store, caseId, i18n.language);
  if (loaded.status === 'loading') return <p className="page" role="status">{t('interview.loading')}</p>;
  if (loaded.status === 'busy') {
    return (
      <div className="page" data-step="busy">
        <h1>{t('interview.busyTitle')}</h1>
        <p>{t('interview.busyText')}</p>
        <button type="button" className="button button--primary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    );
  }
  if (loaded.status === 'error') {
    return (
      <div className="page">
        <p role="alert" className="error">
          {t('interview.loadFailed', { reason: loaded.message })}
        </p>
        <button type="button" className="button" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    );
  }
  return <Interview actor={loaded.actor} questionnaire={loaded.questionnaire} reference={loaded.reference} onHome={onHome} onSummary={onSummary} practice={practice} />;
}

function Interview({ actor, questionnaire, reference, onHome, onSummary, practice }: { actor: InterviewActor; questionnaire: Questionnaire; reference: string; onHome: () => void; onSummary?: () => void; practice?: PracticeHooks }) {
  const { t, i18n } = useTranslation();
  const snapshot = useActorSnapshot(actor);
  const saveError = useSaveError();
  const { answers, questionId } = snapshot.context;
  const assessment = useAssessment(questionnaire, answers);
  const visible = useMemo(() => visibleQuestionIds(questionnaire, answers), [questionnaire, answers]);
  const locale = questionnaire.locales[(['fr', 'ar', 'en'].includes(i18n.language) ? i18n.language : 'fr') as Language];
  const step = String(snapshot.value);
  const question = questionId ? questionnaire.byId.get(questionId) : undefined;

  // A new screen starts at its top, as a new page would.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step]);

  const saveBanner = saveError && (
    <p role="alert" className="error banner">
      {saveError}
    </p>
  );

  if (step === 'review') {
    return (
      <div className="page" data-step="review">
        {saveBanner}
        <ReviewView
          questionnaire={questionnaire}
          locale={locale}
          answers={answers}
          assessment={assessment}
          onEdit={(id) => actor.send({ type: 'question.goto', questionId: id })}
          onConfirm={() => actor.send({ type: 'review.confirm' })}
          onBack={() => actor.send({ type: 'question.back' })}
          showOpenQuestions={!practice}
        />
      </div>
    );
  }
  if (step === 'result' && practice) {
    return (
      <div className="page" data-step="practice-end">
        {saveBanner}
        {practice.renderResult({ questionnaire, answers, assessment, onReview: () => actor.send({ type: 'review.open' }) })}
      </div>
    );
  }
  if (step === 'result') {
    return (
      <div className="page" data-step="result" data-outcome={assessment.outcome}>
        {saveBanner}
        <ResultView questionnaire={questionnaire} locale={locale} answers={answers} assessment={assessment} reference={reference} onReview={() => actor.send({ type: 'review.open' })} onHome={onHome} onSummary={onSummary} />
      </div>
    );
  }

  return (
    <div className="interview" data-step={step}>
      <aside className="interview__side">
        <p className="muted">
          {t('report.labelValue', { label: t('result.reference'), value: '' })}
          <span dir="ltr">{reference}</span>
        </p>
        <button type="button" className="button button--secondary" data-action="close-interview" onClick={onHome}>
          {t('interview.close')}
        </button>
        <SectionProgress questionnaire={questionnaire} current={question?.section ?? (step === 'meansSkipped' ? 'means' : step)} answers={answers} visible={visible} />
        {/* In practice the live statuses would give the trainee's reading away. */}
        {practice ? <p className="muted">{t('training.panelHidden')}</p> : <ElementPanel assessment={assessment} />}
      </aside>
      <div className="interview__main">
        {saveBanner}
        {question && (
          <>
            <h1 className="section-title">{locale.sections[question.section]?.title}</h1>
            <QuestionView question={question} locale={locale} value={answers[question.id]} onAnswer={(value) => actor.send({ type: 'answer.set', questionId: question.id, value })} onClear={() => actor.send({ type: 'answer.clear', questionId: question.id })} />
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'question.back' })}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--primary" onClick={() => actor.send({ type: 'question.next' })}>
                {answers[question.id] === undefined ? t('interview.skip') : t('interview.next')}
              </button>
            </div>
            {practice?.questionAside(question.id, (value) => actor.send({ type: 'answer.set', questionId: question.id, value }))}
          </>
        )}
        {step === 'urgent' && (
          <section className="urgent" aria-labelledby="urgent-heading">
            <h1 id="urgent-heading">{t('interview.urgent.title')}</h1>
            <ul>
              {assessment.flagReasons
                .find((r) => r.flag === 'urgent_needs')
                ?.codes.map((code) => (
                  <li key={code}>
                    <PhoneText text={t(`interview.urgent.${code.slice('context.'.length)}` as 'interview.urgent.needs_medical')} />
                  </li>
                ))}
            </ul>
            <p className="hotline">
              <PhoneText text={t('app.hotline')} />
            </p>
            {assessment.person.treatedAsChild && <p>{t('interview.urgent.child')}</p>}
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'question.back' })}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--primary" onClick={() => actor.send({ type: 'urgent.continue' })}>
                {t('interview.urgent.continue')}
              </button>
            </div>
          </section>
        )}
        {step === 'meansSkipped' && (
          <section aria-labelledby="means-heading">
            <h1 id="means-heading">{practice ? practice.meansSkipped.title : t('interview.meansSkipped.title')}</h1>
            <p>{practice ? practice.meansSkipped.text : t('interview.meansSkipped.why')}</p>
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'question.back' })}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'means.open' })}>
                {t('interview.meansSkipped.open')}
              </button>
              <button type="button" className="button button--primary" onClick={() => actor.send({ type: 'question.next' })}>
                {t('interview.next')}
              </button>
            </div>
          </section>
        )}
        {step === 'declined' && (
          <section aria-labelledby="declined-heading">
            <h1 id="declined-heading">{t('interview.declined.title')}</h1>
            <p>{t('interview.declined.text')}</p>
            <p className="hotline">
              <PhoneText text={t('app.hotline')} />
            </p>
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'question.back' })}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--primary" onClick={onHome}>
                {t('result.home')}
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
