/**
 * Recording a new scenario's script: the trainer runs the real interview,
 * answering as the person in the story would. At the end the engine's reading
 * of those answers becomes the scenario's expected reading (shown, so the
 * trainer can go back and change an answer), and the trainer picks the
 * questions that matter for the debrief.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeMessages } from '../../components/outcome-messages';
import type { AnswerMap, Assessment, Language, Questionnaire } from '../../engine';
import { ElementTable } from '../../components/element-table';
import { flagWords } from '../../i18n/flag-words';
import { parseScenario, type Scenario } from '../../content/scenarios';
import { describeImportError } from '../../components/import-error';
import type { TrainingStore } from '../../storage';

export type ScenarioDraft = Omit<Scenario, 'answers' | 'keyQuestions' | 'expected'>;

interface Props {
  training: TrainingStore;
  practiceId: string;
  draft: ScenarioDraft;
  language: string;
  questionnaire: Questionnaire;
  answers: AnswerMap;
  assessment: Assessment;
  onReview: () => void;
  onExit: () => void;
}

export function AuthoringEnd({ training, practiceId, draft, language, questionnaire, answers, assessment, onReview, onExit }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const locale = questionnaire.locales[(['fr', 'ar', 'en'].includes(language) ? language : 'fr') as Language];
  // The questions behind each element and flag are the ones a trainee must not miss: offered first, ticked.
  const decisive = useMemo(() => [...new Set([...assessment.reasons.flatMap((r) => r.questions), ...assessment.flagReasons.flatMap((r) => r.questions)])].filter((q) => answers[q] !== undefined), [assessment, answers]);
  const others = questionnaire.questions.map((q) => q.id).filter((q) => answers[q] !== undefined && !decisive.includes(q));
  const [keyQuestions, setKeyQuestions] = useState<string[]>(decisive);
  const [problem, setProblem] = useState<string | null>(null);

  async function save() {
    const doc = {
      ...draft,
      answers,
      keyQuestions: questionnaire.questions.map((q) => q.id).filter((q) => keyQuestions.includes(q)),
      expected: { outcome: assessment.outcome, elements: assessment.elements, flags: assessment.flags },
    };
    try {
      const scenario = parseScenario(doc, t('training.theForm'), { trainer: true });
      await training.saveScenario(scenario);
      await training.removePractice(practiceId);
      onExit();
    } catch (error) {
      setProblem(describeImportError(t, error, t('training.theForm')));
    }
  }

  const toggle = (q: string) => setKeyQuestions((list) => (list.includes(q) ? list.filter((x) => x !== q) : [...list, q]));
  const checklist = (ids: string[]) => (
    <div className="choices choices--column">
      {ids.map((q) => (
        <label key={q} className="choice">
          <input type="checkbox" checked={keyQuestions.includes(q)} onChange={() => toggle(q)} />
          {locale.questions[q]?.text}
        </label>
      ))}
    </div>
  );

  return (
    <div className="authoring" data-step="authoring">
      <h1>{t('training.authoringTitle')}</h1>
      <p className="lead">{t('training.authoringIntro')}</p>
      <div className={`outcome outcome--${assessment.outcome}`} role="status">
        <p className="outcome__title">{t(`outcome.${assessment.outcome}.title`)}</p>
      </div>
      <ElementTable t={t} language={language} questionnaire={questionnaire} locale={locale} answers={answers} assessment={assessment} className="elements-table" />
      {assessment.flagReasons.length > 0 && (
        <ul className="flags">
          {assessment.flagReasons.map((reason) => (
            <li key={reason.flag} className="flag">
              <strong>{flagWords(t, reason, assessment.outcome).title}</strong>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="choice-group">
        <legend id={`${id}-key`}>{t('training.chooseKeyQuestions')}</legend>
        {checklist(decisive)}
        {others.length > 0 && (
          <details>
            <summary className="link-button">{t('training.otherQuestions')}</summary>
            {checklist(others)}
          </details>
        )}
      </fieldset>
      <OutcomeMessages message={null} problem={problem} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onReview}>
          {t('result.review')}
        </button>
        <button type="button" className="button button--primary" data-action="save-recorded-scenario" disabled={keyQuestions.length === 0} onClick={() => void save()}>
          {t('training.saveRecorded')}
        </button>
      </div>
    </div>
  );
}
