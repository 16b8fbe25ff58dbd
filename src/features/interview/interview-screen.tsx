import { useEffect, useId, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LANGUAGES, questionText, sectionInvitation, visibleQuestionIds, type AnswerMap, type AnswerValue, type Assessment, type Language } from '../../engine';
import { createI18n, loadLanguage, type UiLanguage } from '../../i18n';
import { answerLabel } from '../../components/answer-label';
import { displayLanguageOf, personLanguageName } from '../../components/person-language';
import type { InterviewStore } from '../../storage';
import { PhoneText } from '../../components/phone-text';
import { ElementPanel } from './element-panel';
import { interviewVariant } from './interview-locale';
import { consentRefused } from '../../machines/retained-answers';
import { LanguageStep } from './language-step';
import { NotesDrawer } from './notes-drawer';
import { interviewProgress } from './progress';
import { QuestionView, type DraftState, type PersonText } from './question-view';
import { ResultView } from './result-view';
import { ReviewView } from './review-view';
import { SectionProgress } from './section-progress';
import { useActorSnapshot, useAssessment, useExtras, useInterviewLoader, useSaveError, type ExtrasStore, type FreshCase, type InterviewActor, type InterviewExtras } from './use-interview';
import { useLocalVoice, useSpeech } from './use-voice';
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
  /** A case started a moment ago: drawn at once, written in the background. */
  fresh?: FreshCase;
}

export type { FreshCase };

export function InterviewScreen({ store, caseId, onHome, onSummary, practice, fresh }: Props) {
  const { t, i18n } = useTranslation();
  const loaded = useInterviewLoader(store, caseId, i18n.language, fresh);
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
  return (
    <Interview
      actor={loaded.actor}
      questionnaire={loaded.questionnaire}
      reference={loaded.reference}
      extrasStore={loaded.extras}
      started={loaded.started}
      onHome={onHome}
      onSummary={onSummary}
      practice={practice}
    />
  );
}

/** Portrait on a tablet: the side column moves under the question and its section list closes. */
const NARROW = '(max-width: 900px)';
function useNarrow(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

/** The interface strings of another language (the person's), once loaded. */
function useStringsOf(language: UiLanguage | null): TFunction | null {
  const [loaded, setLoaded] = useState<UiLanguage | null>(null);
  useEffect(() => {
    if (!language) return;
    let live = true;
    void loadLanguage(language).then(() => live && setLoaded(language));
    return () => {
      live = false;
    };
  }, [language]);
  return useMemo(() => (language && loaded === language ? createI18n(language).t : null), [language, loaded]);
}

/** How long the "changed your mind?" strip stays after a one-tap answer. */
const UNDO_MS = 8000;

interface InterviewProps {
  actor: InterviewActor;
  questionnaire: Questionnaire;
  reference: string;
  extrasStore: ExtrasStore;
  started: boolean;
  onHome: () => void;
  onSummary?: () => void;
  practice?: PracticeHooks;
}

function Interview({ actor, questionnaire, reference, extrasStore, started, onHome, onSummary, practice }: InterviewProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const snapshot = useActorSnapshot(actor);
  const saveError = useSaveError();
  const extras = useExtras(extrasStore);
  const { answers, questionId, meansOpened } = snapshot.context;
  const assessment = useAssessment(questionnaire, answers);
  const visible = useMemo(() => visibleQuestionIds(questionnaire, answers), [questionnaire, answers]);
  const uiLanguage: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'fr';
  const locale = questionnaire.locales[uiLanguage];
  const step = String(snapshot.value);
  const question = questionId ? questionnaire.byId.get(questionId) : undefined;
  const narrow = useNarrow();
  // Third-person words for information from others, simpler words for a child now (LEGAL.md §9.3, §9.9).
  const variant = interviewVariant(questionnaire, answers);
  const wording = useMemo(() => ({ child: variant.child, thirdPerson: variant.thirdPerson }), [variant.child, variant.thirdPerson]);
  const progress = useMemo(() => interviewProgress(questionnaire, answers, { questionId, step, meansOpened: Boolean(meansOpened) }), [questionnaire, answers, questionId, step, meansOpened]);

  // 'first': the first screen of a new case; 'change': reopened from the interview, and cancellable.
  const [choosingLanguage, setChoosingLanguage] = useState<'first' | 'change' | null>(!started && !practice ? 'first' : null);
  const [personView, setPersonView] = useState(false);
  const [personInline, setPersonInline] = useState(false);
  const [undo, setUndo] = useState<{ questionId: string; value: AnswerValue } | null>(null);
  const [draft, setDraft] = useState<{ questionId: string; state: DraftState } | null>(null);

  const personLanguage = displayLanguageOf(extras.details);
  const personName = personLanguageName(t, extras.details);
  const personStrings = useStringsOf(personLanguage);
  const person: PersonText | null = personLanguage && personStrings && personName ? { language: personLanguage, locale: questionnaire.locales[personLanguage], t: personStrings, name: personName } : null;
  const voice = useLocalVoice(personLanguage);
  const speech = useSpeech();

  // A new screen or question starts at its top, as a new page would (after the question has taken the focus).
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step, questionId, choosingLanguage]);

  useEffect(() => {
    if (!undo) return;
    const timer = window.setTimeout(() => setUndo(null), UNDO_MS);
    return () => window.clearTimeout(timer);
  }, [undo]);

  const { stop: stopSpeech } = speech;
  useEffect(() => stopSpeech(), [questionId, stopSpeech]);

  const label = (qid: string) => (questionnaire.byId.has(qid) ? questionText(locale, qid, wording) : qid);
  const amendDetails = (details: NonNullable<InterviewExtras['details']>) => extrasStore.amend((e) => ({ ...e, details }));

  if (choosingLanguage) {
    return (
      <LanguageStep
        details={extras.details}
        onSave={(details) => {
          amendDetails(details);
          setChoosingLanguage(null);
        }}
        onCancel={choosingLanguage === 'change' ? () => setChoosingLanguage(null) : undefined}
        onClose={onHome}
      />
    );
  }

  /** One tap: the answer is recorded and the interview moves on at once; the strip offers to undo. */
  const choose = (value: AnswerValue) => {
    // A second tap before the screen has redrawn lands on the question already answered: it is not a second answer.
    if (!question || actor.getSnapshot().context.questionId !== question.id) return;
    actor.send({ type: 'answer.set', questionId: question.id, value });
    actor.send({ type: 'question.next' });
    setUndo({ questionId: question.id, value });
  };

  const saveBanner = saveError && (
    <p role="alert" className="error banner">
      {saveError}
    </p>
  );
  const undoQuestion = undo ? questionnaire.byId.get(undo.questionId) : undefined;
  const undoStrip = (
    <div className="undo-strip" role="status" data-testid="undo-strip">
      {undo && undoQuestion && (
        <>
          <span>{t('conversation.undo.text', { answer: answerLabel(t, undoQuestion, locale, undo.value) })}</span>
          <button
            type="button"
            className="button button--secondary"
            data-action="undo"
            onClick={() => {
              actor.send({ type: 'question.goto', questionId: undo.questionId });
              setUndo(null);
            }}
          >
            {t('conversation.undo.button')}
          </button>
        </>
      )}
    </div>
  );
  const overall =
    question && progress.position !== null ? (
      <p className="overall-progress" data-testid="overall-progress">
        {t(progress.approximate ? 'conversation.overallAbout' : 'conversation.overall', { n: progress.position, total: progress.total })}
      </p>
    ) : null;
  /**
   * Under the app's bar and as sticky: where the interview stands, "changed your
   * mind?" after a one-tap answer, and the notes. Its height never changes, so
   * nothing under the officer's finger moves when the strip comes and goes.
   */
  const bar = (
    <div className="interview-bar no-print">
      {overall}
      {undoStrip}
      <NotesDrawer
        notes={extras.notes}
        questionId={questionId}
        questionLabel={label}
        onAdd={(text, at) => extrasStore.amend((e) => ({ ...e, notes: [...e.notes, { id: crypto.randomUUID(), at: Date.now(), questionId: at, text }] }))}
        onDelete={(noteId) => extrasStore.amend((e) => ({ ...e, notes: e.notes.filter((n) => n.id !== noteId) }))}
      />
    </div>
  );

  if (step === 'review') {
    return (
      <div className="page page--interview" data-step="review">
        {bar}
        {saveBanner}
        <ReviewView
          questionnaire={questionnaire}
          locale={locale}
          answers={answers}
          assessment={assessment}
          wording={wording}
          notes={extras.notes}
          onAnswer={(qid, value) => actor.send({ type: 'answer.set', questionId: qid, value })}
          onConfirm={() => actor.send({ type: 'review.confirm' })}
          onBack={() => actor.send({ type: 'question.back' })}
          showOpenQuestions={!practice}
        />
      </div>
    );
  }
  if (step === 'result' && practice) {
    return (
      <div className="page page--interview" data-step="practice-end">
        {bar}
        {saveBanner}
        {practice.renderResult({ questionnaire, answers, assessment, onReview: () => actor.send({ type: 'review.open' }) })}
      </div>
    );
  }
  if (step === 'result') {
    return (
      <div className="page page--interview" data-step="result" data-outcome={assessment.outcome}>
        {bar}
        {saveBanner}
        <ResultView questionnaire={questionnaire} locale={locale} answers={answers} assessment={assessment} reference={reference} onReview={() => actor.send({ type: 'review.open' })} onHome={onHome} onSummary={onSummary} />
      </div>
    );
  }

  const value = question ? answers[question.id] : undefined;
  const oneTap = question?.type === 'yes_no' || question?.type === 'single';
  const draftState = question && draft?.questionId === question.id ? draft.state : undefined;
  const filled = question?.type === 'multiple' ? (Array.isArray(value) ? value.length > 0 : value !== undefined) : (draftState ?? (value !== undefined ? 'valid' : 'empty')) === 'valid';
  const invalid = draftState === 'invalid';
  const forPerson = question !== undefined && question.audience !== 'officer';
  const details = extras.details;
  const interpreterWords =
    details?.interpreter === 'yes'
      ? details.interpreterRole
        ? t('conversation.language.withInterpreter', { role: t(`conversation.language.roles.${details.interpreterRole}`) })
        : t('conversation.language.withInterpreterNoRole')
      : details?.interpreter === 'no'
        ? t('conversation.language.noInterpreter')
        : null;
  const next = () => actor.send({ type: 'question.next' });
  const back = () => actor.send({ type: 'question.back' });

  return (
    <div className={`interview${personView ? ' interview--person' : ''}`} data-step={step}>
      {bar}
      <aside className="interview__side">
        <p className="muted">
          {t('report.labelValue', { label: t('result.reference'), value: '' })}
          <span dir="ltr">{reference}</span>
        </p>
        <button type="button" className="button button--secondary" data-action="close-interview" onClick={onHome}>
          {t('interview.close')}
        </button>
        <p className="person-line" data-testid="person-language-line">
          {interpreterWords
            ? t('conversation.language.lineWith', { language: personName ?? t('conversation.language.notRecorded'), interpreter: interpreterWords })
            : t('conversation.language.line', { language: personName ?? t('conversation.language.notRecorded') })}
        </p>
        <button type="button" className="link-button" data-action="person-language" onClick={() => setChoosingLanguage('change')}>
          {t('conversation.language.change')}
        </button>
        <SectionProgress key={String(narrow)} progress={progress} current={question?.section ?? (step === 'meansSkipped' ? 'means' : step)} narrow={narrow} />
        {/* In practice the live statuses would give the trainee's reading away; the person must never see them. */}
        {practice ? <p className="muted">{t('training.panelHidden')}</p> : !personView && <ElementPanel assessment={assessment} />}
      </aside>
      <div className="interview__main">
        {saveBanner}
        {question && (
          <>
            <h1 className="section-title">{locale.sections[question.section]?.title}</h1>
            {/* A chapter opens with an open invitation read aloud (LEGAL.md §9.1). */}
            {sectionInvitation(locale, question.section, wording) && questionnaire.sections.find((s) => s.id === question.section)?.questions.find((q) => visible.has(q.id))?.id === question.id && (
              <p className="invitation">
                <span className="invitation__label">{t('interview.invitation')}</span> {sectionInvitation(locale, question.section, wording)}
              </p>
            )}
            {forPerson && (person || personName) && (
              <div className="question-tools" role="group" aria-label={t('conversation.person.tools')}>
                {person ? (
                  <>
                    <button type="button" className="button button--secondary" aria-pressed={personView} data-action="show-to-person" onClick={() => setPersonView((v) => !v)}>
                      {t('conversation.person.show')}
                    </button>
                    {person.language !== uiLanguage && !personView && (
                      <button type="button" className="button button--secondary" aria-pressed={personInline} data-action="person-inline" onClick={() => setPersonInline((v) => !v)}>
                        {t('conversation.person.inline', { language: person.name })}
                      </button>
                    )}
                    {voice && (
                      <button
                        type="button"
                        className="button button--secondary"
                        data-action="read-aloud"
                        onClick={() => (speech.speaking ? speech.stop() : speech.speak(questionText(person.locale, question.id, wording), voice))}
                      >
                        {speech.speaking ? t('conversation.person.stopReading') : t('conversation.person.readAloud')}
                      </button>
                    )}
                  </>
                ) : (
                  <p className="muted">{t('conversation.person.noText', { language: personName })}</p>
                )}
              </div>
            )}
            <QuestionView
              // Its own key: the practice aside beside it is keyed by the question id too.
              key={`question:${question.id}`}
              question={question}
              locale={locale}
              value={value}
              wording={wording}
              person={person}
              personView={personView}
              personInline={personInline}
              onAnswer={(v) => actor.send({ type: 'answer.set', questionId: question.id, value: v })}
              onChoose={choose}
              onDraft={(state) => setDraft({ questionId: question.id, state })}
              onClear={() => actor.send({ type: 'answer.clear', questionId: question.id })}
            />
            <div className="actions actions--question">
              <button type="button" className="button button--secondary" data-action="back" onClick={back}>
                {t('interview.back')}
              </button>
              {oneTap ? (
                value !== undefined ? (
                  <button type="button" className="button button--secondary" data-action="next" onClick={next}>
                    {t('interview.next')}
                  </button>
                ) : (
                  <button type="button" className="button button--text" data-action="skip" onClick={next}>
                    {t('interview.skip')}
                  </button>
                )
              ) : (
                <>
                  {!filled && !invalid && (
                    <button type="button" className="button button--text" data-action="skip" onClick={next}>
                      {t('interview.skip')}
                    </button>
                  )}
                  <button type="button" className="button button--primary" data-action="next" disabled={!filled} aria-describedby={invalid ? `${id}-fix` : undefined} onClick={next}>
                    {t('interview.next')}
                  </button>
                </>
              )}
            </div>
            {invalid && (
              <p id={`${id}-fix`} className="muted">
                {t('conversation.fixNumber')}
              </p>
            )}
            {practice?.questionAside(question.id, (v) => actor.send({ type: 'answer.set', questionId: question.id, value: v }))}
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
              <button type="button" className="button button--secondary" data-action="back" onClick={back}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--primary" data-action="next" onClick={() => actor.send({ type: 'urgent.continue' })}>
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
              <button type="button" className="button button--secondary" data-action="back" onClick={back}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'means.open' })}>
                {t('interview.meansSkipped.open')}
              </button>
              <button type="button" className="button button--primary" data-action="next" onClick={next}>
                {t('interview.next')}
              </button>
            </div>
          </section>
        )}
        {step === 'privacyPaused' && (
          <section aria-labelledby="privacy-heading">
            <h1 id="privacy-heading">{t('interview.privacy.title')}</h1>
            <p>{t('interview.privacy.text')}</p>
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'question.back' })}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--secondary" data-action="privacy-continue" onClick={() => actor.send({ type: 'privacy.continue' })}>
                {t('interview.privacy.continue')}
              </button>
              <button type="button" className="button button--primary" data-action="privacy-later" onClick={onHome}>
                {t('interview.privacy.later')}
              </button>
            </div>
          </section>
        )}
        {step === 'declined' && (
          <section aria-labelledby="declined-heading">
            <h1 id="declined-heading">{t('interview.declined.title')}</h1>
            {/* Refusing the interview and refusing the record are told apart: both end it (LEGAL.md §9.2). */}
            <p>{questionnaire.roles.consent_interview && answers[questionnaire.roles.consent_interview] === 'yes' ? t('interview.declined.textRecord') : t('interview.declined.text')}</p>
            <p className="hotline">
              <PhoneText text={t('app.hotline')} />
            </p>
            <div className="actions">
              <button type="button" className="button button--secondary" data-action="back" onClick={back}>
                {t('interview.back')}
              </button>
              <button type="button" className="button button--secondary" data-action="declined-urgent" onClick={() => actor.send({ type: 'declined.urgent' })}>
                {t('interview.declined.urgent')}
              </button>
              <button type="button" className="button button--primary" onClick={onHome}>
                {t('result.home')}
              </button>
            </div>
          </section>
        )}
        {step === 'declinedEnd' && (
          <section aria-labelledby="declined-end-heading" data-consent-refused={consentRefused(questionnaire, answers)}>
            <h1 id="declined-end-heading">{t('interview.declined.endTitle')}</h1>
            <p>{t('interview.declined.endText')}</p>
            <p className="hotline">
              <PhoneText text={t('app.hotline')} />
            </p>
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => actor.send({ type: 'question.back' })}>
                {t('interview.back')}
              </button>
              {onSummary && (
                <button type="button" className="button button--secondary" data-action="declined-summary" onClick={onSummary}>
                  {t('interview.declined.summary')}
                </button>
              )}
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
