/**
 * What a practice run adds to the real interview: the narrative and the
 * scenario's scripted answer beside each question, and at the end the
 * trainee's own reading before the debrief.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeMessages } from '../../components/outcome-messages';
import { assessAnswers, ELEMENT_GROUPS, OUTCOMES, type AnswerMap, type AnswerValue, type Assessment, type ElementGroup, type ElementStatus, type Language, type Outcome, type Questionnaire } from '../../engine';
import { answerLabel } from '../../components/answer-label';
import { debrief, ELEMENT_STATUSES, emptyReading, isReadingComplete, resultOf, TEACHING_FLAGS, type Reading, type TeachingFlag } from '../../content/training';
import type { Scenario } from '../../content/scenarios';
import { findQuestionnaire } from '../../content/questionnaires';
import { ensureTrainingStrings } from '../../i18n/training';
import type { PracticeDetails, TrainingStore } from '../../storage';
import { AuthoringEnd, type ScenarioDraft } from './authoring';
import { DebriefView } from './debrief-view';
import { LocalText } from './training-screen';
import { useScenarios } from './use-scenarios';

export interface PracticeHooks {
  questionAside: (questionId: string, answer: (value: AnswerValue) => void) => ReactNode;
  renderResult: (result: { questionnaire: Questionnaire; answers: AnswerMap; assessment: Assessment; onReview: () => void }) => ReactNode;
  meansSkipped: { title: string; text: string };
}

type PracticeState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; hooks: PracticeHooks };

export function usePractice(training: TrainingStore, practiceId: string, language: string, onExit: () => void): PracticeState {
  const { t, i18n } = useTranslation();
  ensureTrainingStrings(i18n);
  const catalogue = useScenarios(training);
  const [details, setDetails] = useState<PracticeDetails | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void training.details(practiceId).then(setDetails, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [training, practiceId]);

  if (error) return { status: 'error', message: error };
  if (!catalogue || !details) return { status: 'loading' };
  const meansSkipped = { title: t('training.meansSkippedPracticeTitle'), text: t('training.meansSkippedPractice') };
  if (details.authoring) {
    const draft = details.authoring as ScenarioDraft;
    return {
      status: 'ready',
      hooks: {
        meansSkipped,
        questionAside: () => (
          <p className="notice scripted" role="note">
            {t('training.authoringNote')}
          </p>
        ),
        renderResult: (result) => <AuthoringEnd training={training} practiceId={practiceId} draft={draft} language={language} onExit={onExit} {...result} />,
      },
    };
  }
  const entry = catalogue.find(details.scenarioId);
  if (!entry) return { status: 'error', message: t('training.scenarioMissing', { id: details.scenarioId }) };
  const scenario = entry.scenario;
  return {
    status: 'ready',
    hooks: {
      meansSkipped,
      questionAside: (questionId, answer) => <ScriptedAnswer key={questionId} training={training} practiceId={practiceId} scenario={scenario} questionId={questionId} language={language} onUse={answer} />,
      renderResult: (result) => <PracticeEnd training={training} practiceId={practiceId} scenario={scenario} language={language} onExit={onExit} {...result} />,
    },
  };
}

function ScriptedAnswer({ training, practiceId, scenario, questionId, language, onUse }: { training: TrainingStore; practiceId: string; scenario: Scenario; questionId: string; language: string; onUse: (value: AnswerValue) => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const scripted = scenario.answers[questionId];
  const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);

  const [problem, setProblem] = useState<string | null>(null);
  function reveal() {
    setShown(true);
    // The debrief says which scripted answers the trainee looked at.
    training.updateDetails(practiceId, (d) => (d.revealed.includes(questionId) ? d : { ...d, revealed: [...d.revealed, questionId] })).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }

  const question = questionnaire.byId.get(questionId);
  const locale = questionnaire.locales[(['fr', 'ar', 'en'].includes(language) ? language : 'fr') as Language];
  return (
    <aside className="scripted card" aria-label={t('training.scriptTitle')}>
      <details>
        <summary>{t('training.narrative')}</summary>
        <LocalText as="p" text={scenario.narrative} language={language} />
      </details>
      <OutcomeMessages message={null} problem={problem} />
      {!shown ? (
        <button type="button" className="button button--secondary" data-action="reveal-script" onClick={reveal}>
          {t('training.reveal')}
        </button>
      ) : (
        <div role="status" data-testid="scripted-answer">
          {scripted === undefined || !question ? (
            <p>{t('training.scriptSilent')}</p>
          ) : (
            <>
              <p>{t('training.scriptSays', { answer: answerLabel(t, question, locale, scripted) })}</p>
              <button type="button" className="button button--secondary" data-action="use-script" onClick={() => onUse(scripted)}>
                {t('training.useScript')}
              </button>
            </>
          )}
        </div>
      )}
    </aside>
  );
}

interface EndProps {
  training: TrainingStore;
  practiceId: string;
  scenario: Scenario;
  language: string;
  questionnaire: Questionnaire;
  answers: AnswerMap;
  assessment: Assessment;
  onReview: () => void;
  onExit: () => void;
}

/**
 * The trainee's reading first, then the debrief; the result is recorded once,
 * for the workshop table, and the debrief stays on the answers as they were when
 * the reading was stated, so the printout and the table always agree.
 */
function PracticeEnd(props: EndProps) {
  const { training, practiceId, scenario, questionnaire } = props;
  const { t } = useTranslation();
  const [details, setDetails] = useState<PracticeDetails | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    training.details(practiceId).then(setDetails, (error: unknown) => setProblem(t('training.loadFailed', { reason: error instanceof Error ? error.message : String(error) })));
  }, [training, practiceId, t]);
  if (problem) {
    return (
      <p role="alert" className="error">
        {problem}
      </p>
    );
  }
  if (!details) return <p role="status">{t('interview.loading')}</p>;
  const reading = details.reading as Reading | null;
  if (!reading) return <Conclusion {...props} onStated={setDetails} details={details} />;
  const answers = (details.answersAtReading as AnswerMap | null) ?? props.answers;
  const tool = assessAnswers(questionnaire, answers);
  return <DebriefView {...props} answers={answers} assessment={tool} details={details} reading={reading} debrief={debrief(scenario, tool, answers, reading, details.revealed)} />;
}

function Conclusion({ training, practiceId, scenario, assessment, answers, onReview, details, onStated }: EndProps & { details: PracticeDetails; onStated: (d: PracticeDetails) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reading, setReading] = useState<Reading>(emptyReading);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!isReadingComplete(reading)) return setProblem(t('training.readingIncomplete'));
    setBusy(true);
    try {
      // One result per practice, under the practice's own id: a double tap or a retry adds nothing.
      const result = resultOf({ id: practiceId, workshop: details.workshop, trainee: details.trainee, scenario, completedAt: Date.now(), debrief: debrief(scenario, assessment, answers, reading, details.revealed) });
      await training.addResults([result]);
      onStated(await training.updateDetails(practiceId, (d) => ({ ...d, reading, resultId: practiceId, answersAtReading: answers })));
    } catch (error) {
      setBusy(false);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  const setElement = (group: ElementGroup, status: ElementStatus) => setReading((r) => ({ ...r, elements: { ...r.elements, [group]: status } }));
  const toggleFlag = (flag: TeachingFlag) => setReading((r) => ({ ...r, flags: r.flags.includes(flag) ? r.flags.filter((f) => f !== flag) : [...r.flags, flag] }));

  return (
    <form className="conclusion" data-step="conclusion" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('training.conclusionTitle')}</h1>
      <p className="lead">{t('training.conclusionIntro')}</p>
      {ELEMENT_GROUPS.map((group) => (
        <fieldset key={group} className="choice-group" data-element={group}>
          <legend>{t(`element.${group}`)}</legend>
          <div className="choices">
            {ELEMENT_STATUSES.map((status) => (
              <label key={status} className="choice">
                <input type="radio" name={`${id}-${group}`} value={status} checked={reading.elements[group] === status} onChange={() => setElement(group, status)} />
                {t(`status.${status}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="choice-group" data-element="outcome">
        <legend>{t('training.yourOutcome')}</legend>
        <div className="choices choices--column">
          {OUTCOMES.map((outcome: Outcome) => (
            <label key={outcome} className="choice">
              <input type="radio" name={`${id}-outcome`} value={outcome} checked={reading.outcome === outcome} onChange={() => setReading((r) => ({ ...r, outcome }))} />
              {t(`outcome.${outcome}.title`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="choice-group" data-element="flags">
        <legend>{t('training.yourFlags')}</legend>
        <div className="choices choices--column">
          {TEACHING_FLAGS.map((flag) => (
            <label key={flag} className="choice">
              <input type="checkbox" value={flag} checked={reading.flags.includes(flag)} onChange={() => toggleFlag(flag)} />
              {t(`flag.${flag}.title`)}
            </label>
          ))}
        </div>
      </fieldset>
      <OutcomeMessages message={null} problem={problem} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onReview}>
          {t('result.review')}
        </button>
        <button type="submit" className="button button--primary" data-action="state-reading" disabled={busy}>
          {t('training.stateReading')}
        </button>
      </div>
    </form>
  );
}
