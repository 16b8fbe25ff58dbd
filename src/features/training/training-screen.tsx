import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeMessages } from '../../components/outcome-messages';
import { scenarioText, type Scenario, type ScenarioText } from '../../content/scenarios';
import { downloadFile } from '../../components/download';
import { ensureTrainingStrings } from '../../i18n/training';
import type { PracticeListItem, TrainingStore } from '../../storage';
import { ScenarioEditor } from './scenario-editor';
import { useScenarios, type ScenarioCatalogue } from './use-scenarios';
import { WorkshopView } from './workshop-view';
import { ScenarioSelects } from './scenario-selects';
import { scenarioMatches } from './scenario-search';
import { useFocusOnMount } from './use-focus-on-mount';
import { ConfirmButton } from '../../components/confirm-button';

interface Props {
  training: TrainingStore;
  language: string;
  onPractice: (practiceId: string) => void;
  onExit: () => void;
}

type View = 'library' | 'workshop' | 'editor';

/** Training home: the scenario library, practices under way, the workshop table and the trainer's own scenarios. */
export function TrainingScreen({ training, language, onPractice, onExit }: Props) {
  const { t, i18n } = useTranslation();
  ensureTrainingStrings(i18n);
  const catalogue = useScenarios(training);
  const [view, setView] = useState<View>('library');

  if (!catalogue) return <p className="page" role="status">{t('interview.loading')}</p>;
  return (
    <div className="page training" data-training-view={view}>
      <h1>{t('training.title')}</h1>
      <p className="lead">{t('training.intro')}</p>
      <nav className="tabs" aria-label={t('training.sections')}>
        {(['library', 'workshop', 'editor'] as const).map((v) => (
          <button key={v} type="button" className="button button--secondary tab" aria-current={view === v ? 'page' : undefined} data-action={`training-${v}`} onClick={() => setView(v)}>
            {t(`training.view.${v}`)}
          </button>
        ))}
        <button type="button" className="button button--secondary tab" data-action="leave-training" onClick={onExit}>
          {t('training.leave')}
        </button>
      </nav>
      {catalogue.loadError && (
        <p role="alert" className="error">
          {t('training.loadFailed', { reason: catalogue.loadError })}
        </p>
      )}
      {view === 'library' && <Library training={training} catalogue={catalogue} language={language} onPractice={onPractice} />}
      {view === 'workshop' && <WorkshopView training={training} language={language} />}
      {view === 'editor' && <ScenarioEditor training={training} catalogue={catalogue} language={language} onRecord={onPractice} />}
    </div>
  );
}

/** A scenario text in the reader's language, marked with its own language when it falls back to another. */
export function LocalText({ text, language, as: Tag = 'span' }: { text: ScenarioText; language: string; as?: 'span' | 'p' | 'h2' | 'h3' }) {
  const shown = scenarioText(text, language);
  return (
    <Tag lang={shown.language} dir={shown.language === 'ar' ? 'rtl' : 'ltr'}>
      {shown.text}
    </Tag>
  );
}

export function scenarioFileName(scenario: Scenario): string {
  return `scenario-${scenario.id}.json`;
}

function Library({ training, catalogue, language, onPractice }: { training: TrainingStore; catalogue: ScenarioCatalogue; language: string; onPractice: (id: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState('');
  const [difficulty, setDifficulty] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [practices, setPractices] = useState<PracticeListItem[]>([]);

  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    training.listPractices().then(setPractices, (error: unknown) => setProblem(t('training.loadFailed', { reason: error instanceof Error ? error.message : String(error) })));
  }, [training, t]);
  const forget = (ids: string[]) => Promise.all(ids.map((x) => training.removePractice(x))).then(() => setPractices((list) => list.filter((p) => !ids.includes(p.id))));

  const shown = useMemo(() => {
    return catalogue.entries.filter(({ scenario }) => {
      if (form && scenario.form !== form) return false;
      if (difficulty && scenario.difficulty !== difficulty) return false;
      return scenarioMatches([scenarioText(scenario.title, language).text, scenarioText(scenario.learningGoal, language).text], search);
    });
  }, [catalogue.entries, form, difficulty, search, language]);

  const selected = chosen ? catalogue.find(chosen) : undefined;
  if (selected) return <PracticeSetup training={training} scenario={selected.scenario} language={language} onBack={() => setChosen(null)} onPractice={onPractice} />;

  const inProgress = practices.filter((p) => p.details.resultId === null && !p.details.authoring);
  const finished = practices.filter((p) => p.details.resultId !== null);
  const titleOf = (scenarioId: string) => {
    const entry = catalogue.find(scenarioId);
    return entry ? <LocalText text={entry.scenario.title} language={language} /> : scenarioId;
  };
  return (
    <>
      <OutcomeMessages message={null} problem={problem} />
      {inProgress.length > 0 && (
        <section aria-labelledby={`${id}-progress`} className="card">
          <h2 id={`${id}-progress`}>{t('training.inProgress')}</h2>
          <ul className="plain-list">
            {inProgress.map((p) => (
              <li key={p.id} className="row-actions">
                <span>
                  {p.details.trainee} — {titleOf(p.details.scenarioId)}
                </span>
                <button type="button" className="button button--secondary" data-action="resume-practice" onClick={() => onPractice(p.id)}>
                  {t('training.resume')}
                </button>
                <ConfirmButton label={t('training.discard')} question={t('training.confirmDelete')} yes={t('training.deleteYes')} no={t('training.cancel')} onConfirm={() => forget([p.id])} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {finished.length > 0 && (
        <section aria-labelledby={`${id}-finished`} className="card">
          <h2 id={`${id}-finished`}>{t('training.finished')}</h2>
          <ul className="plain-list">
            {finished.map((p) => (
              <li key={p.id} className="row-actions" data-practice={p.id}>
                <span>
                  {p.details.trainee} — {titleOf(p.details.scenarioId)}
                </span>
                <button type="button" className="button button--secondary" onClick={() => onPractice(p.id)}>
                  {t('training.openDebrief')}
                </button>
                <ConfirmButton label={t('training.deleteScenario')} question={t('training.confirmDelete')} yes={t('training.deleteYes')} no={t('training.cancel')} onConfirm={() => forget([p.id])} />
              </li>
            ))}
          </ul>
          <ConfirmButton label={t('training.deleteFinished')} question={t('training.confirmDelete')} yes={t('training.deleteYes')} no={t('training.cancel')} onConfirm={() => forget(finished.map((p) => p.id))} />
        </section>
      )}
      <section aria-labelledby={`${id}-library`}>
        <h2 id={`${id}-library`}>{t('training.library')}</h2>
        <div className="filters">
          <ScenarioSelects form={form} difficulty={difficulty} onForm={setForm} onDifficulty={setDifficulty} withAll />
          <div className="field">
            <label htmlFor={`${id}-search`}>{t('training.filterGoal')}</label>
            <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        </div>
        <p className="muted" role="status">
          {t('training.shown', { count: shown.length })}
        </p>
        <ul className="scenario-list">
          {shown.map(({ scenario, own }) => (
            <li key={scenario.id} className="card scenario-card" data-scenario-id={scenario.id}>
              <LocalText as="h3" text={scenario.title} language={language} />
              <p className="muted">
                {t(`training.form.${scenario.form}`)} · {t(`training.difficulty.${scenario.difficulty}`)}
                {own && ` · ${t('training.own')}`}
              </p>
              <p>
                <strong>{t('training.learningGoal')}</strong> <LocalText text={scenario.learningGoal} language={language} />
              </p>
              <div className="actions">
                <button type="button" className="button button--primary" data-action="choose-scenario" aria-label={t('training.practiseNamed', { title: scenarioText(scenario.title, language).text })} onClick={() => setChosen(scenario.id)}>
                  {t('training.practise')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  data-action="export-scenario"
                  aria-label={t('training.exportNamed', { title: scenarioText(scenario.title, language).text })}
                  onClick={() => downloadFile(scenarioFileName(scenario), `${JSON.stringify(scenario, null, 2)}\n`)}
                >
                  {t('training.exportScenario')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function PracticeSetup({ training, scenario, language, onBack, onPractice }: { training: TrainingStore; scenario: Scenario; language: string; onBack: () => void; onPractice: (id: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [trainee, setTrainee] = useState('');
  const [workshop, setWorkshop] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    void training.workshop().then(setWorkshop);
  }, [training]);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!trainee.trim()) return setProblem(t('training.traineeRequired'));
    setBusy(true);
    try {
      await training.setWorkshop(workshop.trim());
      const practiceId = await training.createPractice({
        questionnaireId: scenario.questionnaire,
        questionnaireVersion: scenario.version,
        details: { scenarioId: scenario.id, trainee: trainee.trim(), workshop: workshop.trim() },
        content: { answers: {}, snapshot: null, interviewLanguage: language },
      });
      onPractice(practiceId);
    } catch (error) {
      setBusy(false);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="practice-setup" data-step="practice-setup">
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        <LocalText text={scenario.title} language={language} />
      </h2>
      <p className="muted">
        {t(`training.form.${scenario.form}`)} · {t(`training.difficulty.${scenario.difficulty}`)}
      </p>
      <p>
        <strong>{t('training.learningGoal')}</strong> <LocalText text={scenario.learningGoal} language={language} />
      </p>
      <h3>{t('training.narrative')}</h3>
      <LocalText as="p" text={scenario.narrative} language={language} />
      <p className="notice" role="note">
        {t('training.howTo')}
      </p>
      <form onSubmit={(e) => void start(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-trainee`}>{t('training.trainee')}</label>
          <input spellCheck={false} autoCorrect="off" id={`${id}-trainee`} value={trainee} maxLength={120} autoComplete="off" onChange={(e) => setTrainee(e.target.value)} aria-describedby={`${id}-trainee-hint`} />
          <p id={`${id}-trainee-hint`} className="muted">
            {t('training.traineeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-workshop`}>{t('training.workshop')}</label>
          <input spellCheck={false} autoCorrect="off" id={`${id}-workshop`} value={workshop} maxLength={120} autoComplete="off" onChange={(e) => setWorkshop(e.target.value)} />
        </div>
        <OutcomeMessages message={null} problem={problem} />
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={onBack}>
            {t('interview.back')}
          </button>
          <button type="submit" className="button button--primary" data-action="start-practice" disabled={busy}>
            {t('training.start')}
          </button>
        </div>
      </form>
    </section>
  );
}
