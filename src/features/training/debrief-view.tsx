import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CHILD_EXCEPTION, ARTICLE_OF, type AnswerMap, type Assessment, type Language, type Questionnaire } from '../../engine';
import { answerLabel } from '../../components/answer-label';
import { downloadFile } from '../../components/download';
import { localArticle } from '../../i18n/article';
import { POINTS, resultsFile, type Debrief, type PracticeResult, type Reading } from '../../content/training';
import type { Scenario } from '../../content/scenarios';
import type { PracticeDetails, TrainingStore } from '../../storage';
import { LocalText } from './training-screen';
import { useFocusOnMount } from './use-focus-on-mount';

interface Props {
  training: TrainingStore;
  scenario: Scenario;
  language: string;
  questionnaire: Questionnaire;
  answers: AnswerMap;
  assessment: Assessment;
  details: PracticeDetails;
  reading: Reading;
  debrief: Debrief;
  onExit: () => void;
}

/**
 * Three readings side by side, element by element: the trainee's, the tool's on
 * the trainee's answers, and the law's on the scenario's facts. Then the
 * questions that mattered, the teaching point and the article paragraphs.
 */
export function DebriefView({ training, scenario, language, questionnaire, details, debrief: d, onExit }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const locale = questionnaire.locales[(['fr', 'ar', 'en'].includes(language) ? language : 'fr') as Language];
  const wrongElements = d.elements.filter((e) => !e.correct);
  const mark = (correct: boolean) => (correct ? `✓ ${t('training.right')}` : `✗ ${t('training.wrong')}`);
  const status = (s: string | null) => (s ? t(`status.${s as 'indicated'}`) : '—');

  async function exportResult() {
    const results = (await training.results()) as PracticeResult[];
    const mine = results.filter((r) => r.id === details.resultId);
    const safeName = details.trainee.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'trainee';
    downloadFile(`training-result-${safeName}-${scenario.id}.json`, resultsFile(mine));
  }

  return (
    <article className="debrief" data-step="debrief">
      <h1 ref={heading} tabIndex={-1}>
        {t('training.debriefTitle')}
      </h1>
      <p className="muted">
        <LocalText text={scenario.title} language={language} /> — {details.trainee}
        {details.workshop && ` — ${details.workshop}`}
      </p>
      <div className="outcome debrief__score" role="status">
        <p className="outcome__title" data-testid="score">
          {t('training.score', { points: d.score.points, max: d.score.max })}
        </p>
        <p>{t('training.scoreRule', { element: POINTS.element, outcome: POINTS.outcome, flag: POINTS.flag })}</p>
      </div>
      {wrongElements.length > 0 || !d.outcome.correct ? (
        <p className="error" data-testid="missed">
          {t('training.missed', { list: [...wrongElements.map((e) => t(`element.${e.element}`)), ...(d.outcome.correct ? [] : [t('training.outcomeWord')])].join(', ') })}
        </p>
      ) : (
        <p className="notice" data-testid="missed">
          {t('training.allRight')}
        </p>
      )}

      <section aria-labelledby={`${id}-elements`}>
        <h2 id={`${id}-elements`}>{t('training.elementsTitle')}</h2>
        <table className="elements-table debrief-table">
          <thead>
            <tr>
              <th scope="col">{t('result.element')}</th>
              <th scope="col">{t('training.yours')}</th>
              <th scope="col">{t('training.tool')}</th>
              <th scope="col">{t('training.expected')}</th>
              <th scope="col">{t('training.verdict')}</th>
              <th scope="col">{t('evidence.article')}</th>
            </tr>
          </thead>
          <tbody>
            {d.elements.map((e) => (
              <tr key={e.element} data-element={e.element} data-verdict={e.correct ? 'right' : 'wrong'}>
                <th scope="row">{t(`element.${e.element}`)}</th>
                <td>{status(e.reading)}</td>
                <td className={`status status--${e.tool}`}>{status(e.tool)}</td>
                <td className={`status status--${e.expected}`}>{status(e.expected)}</td>
                <td className={e.correct ? 'verdict verdict--right' : 'verdict verdict--wrong'}>{mark(e.correct)}</td>
                <td>{localArticle(e.element === 'means' && e.expected === 'not_required' ? ARTICLE_CHILD_EXCEPTION : ARTICLE_OF[e.element], t, language)}</td>
              </tr>
            ))}
            <tr data-element="outcome" data-verdict={d.outcome.correct ? 'right' : 'wrong'}>
              <th scope="row">{t('training.outcomeWord')}</th>
              <td>{d.outcome.reading ? t(`outcome.${d.outcome.reading}.title`) : '—'}</td>
              <td>{t(`outcome.${d.outcome.tool}.title`)}</td>
              <td>{t(`outcome.${d.outcome.expected}.title`)}</td>
              <td className={d.outcome.correct ? 'verdict verdict--right' : 'verdict verdict--wrong'}>{mark(d.outcome.correct)}</td>
              <td>{localArticle('448-1', t, language)}</td>
            </tr>
          </tbody>
        </table>
        {d.outcome.tool !== d.outcome.expected && (
          <p className="notice" role="note">
            {t('training.toolDiffers')}
          </p>
        )}
      </section>

      {d.decisive.length > 0 && (
        <section aria-labelledby={`${id}-decisive`} data-testid="decisive">
          <h2 id={`${id}-decisive`}>{t('training.decisiveTitle')}</h2>
          <p>{t('training.decisiveIntro')}</p>
          <ul className="plain-list decisive-list">
            {d.decisive.map((group) => (
              <li key={group.questions.map((q) => q.id).join('+')} data-decisive={group.questions.map((q) => q.id).join(' ')}>
                {group.together && <p className="muted">{t('training.decisiveTogether')}</p>}
                <ul>
                  {group.questions.map((q) => {
                    const question = questionnaire.byId.get(q.id)!;
                    return (
                      <li key={q.id}>
                        <strong>{locale.questions[q.id]?.text}</strong> —{' '}
                        {t('training.decisiveAnswers', {
                          scripted: answerLabel(t, question, locale, q.scripted),
                          given: q.given === undefined ? t('training.questionVerdict.notAsked') : answerLabel(t, question, locale, q.given),
                        })}
                      </li>
                    );
                  })}
                </ul>
                <p>
                  {t('training.decisiveFixes', {
                    list: new Intl.ListFormat(language, { type: 'conjunction' }).format(group.fixes.map((part) => (part === 'outcome' ? t('training.outcomeWord') : t(`element.${part}`)))),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {d.flags.length > 0 && (
        <section aria-labelledby={`${id}-flags`}>
          <h2 id={`${id}-flags`}>{t('training.flagsTitle')}</h2>
          <table className="elements-table debrief-table">
            <thead>
              <tr>
                <th scope="col">{t('report.flags')}</th>
                <th scope="col">{t('training.yours')}</th>
                <th scope="col">{t('training.tool')}</th>
                <th scope="col">{t('training.expected')}</th>
                <th scope="col">{t('training.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {d.flags.map((f) => (
                <tr key={f.flag} data-flag={f.flag} data-verdict={f.verdict}>
                  <th scope="row">{t(`flag.${f.flag}.title`)}</th>
                  <td>{f.reading ? t('answer.yes') : t('answer.no')}</td>
                  <td>{f.tool ? t('answer.yes') : t('answer.no')}</td>
                  <td>{f.expected ? t('answer.yes') : t('answer.no')}</td>
                  <td className={f.verdict === 'caught' ? 'verdict verdict--right' : 'verdict verdict--wrong'}>{t(`training.flagVerdict.${f.verdict}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby={`${id}-questions`}>
        <h2 id={`${id}-questions`}>{t('training.keyQuestions')}</h2>
        <p>{t('training.keyQuestionsIntro')}</p>
        <table className="elements-table debrief-table">
          <thead>
            <tr>
              <th scope="col">{t('training.question')}</th>
              <th scope="col">{t('training.inScenario')}</th>
              <th scope="col">{t('training.yourRecord')}</th>
              <th scope="col">{t('training.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {d.keyQuestions.map((q) => {
              const question = questionnaire.byId.get(q.id)!;
              const verdict = q.skippedByDesign ? 'skippedByDesign' : !q.asked ? 'notAsked' : q.matches ? 'asked' : 'different';
              return (
                <tr key={q.id} data-question={q.id} data-verdict={verdict}>
                  <th scope="row">{locale.questions[q.id]?.text}</th>
                  <td>{answerLabel(t, question, locale, q.scripted)}</td>
                  <td>{q.asked ? answerLabel(t, question, locale, q.given) : '—'}</td>
                  <td className={verdict === 'asked' ? 'verdict verdict--right' : verdict === 'skippedByDesign' ? 'verdict' : 'verdict verdict--wrong'}>
                    {t(`training.questionVerdict.${verdict}`)}
                    {q.revealed && ` (${t('training.revealed')})`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby={`${id}-point`} className="card">
        <h2 id={`${id}-point`}>{t('training.teachingPoint')}</h2>
        <LocalText as="p" text={scenario.teachingPoint} language={language} />
        <p>
          <strong>{t('training.learningGoal')}</strong> <LocalText text={scenario.learningGoal} language={language} />
        </p>
      </section>

      <div className="actions no-print">
        <button type="button" className="button button--secondary" data-action="print" onClick={() => window.print()}>
          {t('training.print')}
        </button>
        <button type="button" className="button button--secondary" data-action="export-result" onClick={() => void exportResult()}>
          {t('training.exportResult')}
        </button>
        <button type="button" className="button button--primary" data-action="back-to-training" onClick={onExit}>
          {t('training.backToTraining')}
        </button>
      </div>
    </article>
  );
}
