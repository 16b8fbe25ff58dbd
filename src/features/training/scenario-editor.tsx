import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../engine';
import { checkFileSize, ImportError, parseJsonFile } from '../../content/import-check';
import { MAX_SCENARIO_BYTES, parseScenario, type Scenario } from '../../content/scenarios';
import { describeImportError } from '../../components/import-error';
import { currentQuestionnaire } from '../../content/questionnaires';
import type { ScenarioDraft } from './authoring';
import { ScenarioSelects } from './scenario-selects';
import { downloadFile } from '../../components/download';
import { OutcomeMessages } from '../../components/outcome-messages';
import { FileButton } from '../../components/file-button';
import { ConfirmButton } from '../../components/confirm-button';
import type { PracticeListItem, TrainingStore } from '../../storage';
import { LocalText, scenarioFileName } from './training-screen';
import type { ScenarioCatalogue } from './use-scenarios';

const TEXTS = ['title', 'learningGoal', 'narrative', 'teachingPoint'] as const;
type TextField = (typeof TEXTS)[number];

/**
 * A trainer's own scenarios: imported from a file someone shared, or written
 * here on the script of an existing scenario (its answers, key questions and
 * expected reading), with the trainer's own story, goal and teaching point.
 * Every scenario is checked as the built-in ones are before it is kept.
 */
export function ScenarioEditor({ training, catalogue, language, onRecord }: { training: TrainingStore; catalogue: ScenarioCatalogue; language: string; onRecord: (practiceId: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [base, setBase] = useState(catalogue.entries[0]?.scenario.id ?? '');
  const [textLanguage, setTextLanguage] = useState<Language>((LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'fr');
  const [texts, setTexts] = useState<Record<TextField, string>>({ title: '', learningGoal: '', narrative: '', teachingPoint: '' });
  const [recordings, setRecordings] = useState<PracticeListItem[]>([]);

  useEffect(() => {
    training.listPractices().then(
      (list) => setRecordings(list.filter((p) => p.details.authoring)),
      (error: unknown) => setProblem(t('training.loadFailed', { reason: error instanceof Error ? error.message : String(error) })),
    );
  }, [training, t]);
  const [form, setForm] = useState<Scenario['form']>('forced_labour');
  const [difficulty, setDifficulty] = useState<Scenario['difficulty']>('introductory');

  const builtInIds = new Set(catalogue.entries.filter((e) => !e.own).map((e) => e.scenario.id));
  const own = catalogue.entries.filter((e) => e.own);

  async function keep(doc: unknown, file: string) {
    const scenario = parseScenario(doc, file, { trainer: true });
    // Nothing already on the tablet is replaced by an import: the trainer deletes it first, on purpose.
    if (builtInIds.has(scenario.id)) throw new Error(t('training.builtInClash', { file, id: scenario.id }));
    if (await training.hasScenario(scenario.id)) throw new Error(t('training.ownClash', { file, id: scenario.id }));
    await training.saveScenario(scenario);
    catalogue.reload();
    return scenario;
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      checkFileSize(file, MAX_SCENARIO_BYTES);
      const scenario = await keep(parseJsonFile(await file.text(), file.name, MAX_SCENARIO_BYTES), file.name);
      setProblem(null);
      setMessage(t('training.scenarioImported', { id: scenario.id }));
    } catch (error) {
      setMessage(null);
      // The clash messages are this screen's own, already in its language; a refused file is said in it too.
      setProblem(t('training.scenarioRefused', { reason: error instanceof Error && !(error instanceof ImportError) && error.name === 'Error' ? error.message : describeImportError(t, error, file.name) }));
    }
  }

  /** The texts and labels of the form, checked before any script is attached to them. */
  function draft(): ScenarioDraft | null {
    if (TEXTS.some((field) => !texts[field].trim())) {
      setMessage(null);
      setProblem(t('training.textsRequired'));
      return null;
    }
    const slug = texts.title.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'scenario';
    const current = currentQuestionnaire();
    return {
      id: `own-${slug}-${crypto.randomUUID().slice(0, 6)}`,
      questionnaire: current.id,
      version: current.version,
      form,
      difficulty,
      ...(Object.fromEntries(TEXTS.map((field) => [field, { [textLanguage]: texts[field].trim() }])) as Pick<ScenarioDraft, TextField>),
    };
  }

  /** On the script of an existing scenario: its answers, key questions and expected reading. */
  async function create(event: FormEvent) {
    event.preventDefault();
    const source = catalogue.find(base)?.scenario;
    if (!source) return setProblem(t('training.chooseBase'));
    const doc = draft();
    if (!doc) return;
    try {
      const scenario = await keep({ ...doc, questionnaire: source.questionnaire, version: source.version, answers: source.answers, keyQuestions: source.keyQuestions, expected: source.expected }, t('training.theForm'));
      setTexts({ title: '', learningGoal: '', narrative: '', teachingPoint: '' });
      setProblem(null);
      setMessage(t('training.scenarioSaved', { id: scenario.id }));
    } catch (error) {
      setMessage(null);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  /** A new script: the trainer answers the interview as the person would, starting from the chosen scenario's answers (or none). */
  async function record() {
    const doc = draft();
    if (!doc) return;
    const source = catalogue.find(base)?.scenario;
    const practiceId = await training.createPractice({
      questionnaireId: doc.questionnaire,
      questionnaireVersion: doc.version,
      details: { scenarioId: '', trainee: t('training.author'), workshop: '', authoring: doc },
      content: { answers: source && source.questionnaire === doc.questionnaire && source.version === doc.version ? source.answers : {}, snapshot: null, interviewLanguage: language },
    });
    onRecord(practiceId);
  }

  async function remove(scenarioId: string) {
    await training.removeScenario(scenarioId);
    catalogue.reload();
    setMessage(t('training.scenarioDeleted'));
  }

  return (
    <section aria-labelledby={`${id}-heading`} data-step="scenario-editor">
      <h2 id={`${id}-heading`}>{t('training.view.editor')}</h2>
      <OutcomeMessages message={message} problem={problem} />
      <div className="actions">
        <FileButton label={t('training.importScenario')} action="import-scenario" onFiles={(files) => importFile(files[0])} />
      </div>

      <form className="card" onSubmit={(e) => void create(e)} noValidate>
        <h3>{t('training.newScenario')}</h3>
        <p>{t('training.newScenarioIntro')}</p>
        <div className="field">
          <label htmlFor={`${id}-base`}>{t('training.base')}</label>
          <select id={`${id}-base`} value={base} onChange={(e) => setBase(e.target.value)}>
            <option value="">{t('training.noBase')}</option>
            {catalogue.entries.map(({ scenario }) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.id}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('training.textLanguage')}</label>
          <select id={`${id}-lang`} value={textLanguage} onChange={(e) => setTextLanguage(e.target.value as Language)}>
            {LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {t(`training.languageName.${lang}`)}
              </option>
            ))}
          </select>
        </div>
        {TEXTS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{t(`training.field.${field}`)}</label>
            {field === 'title' ? (
              <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-${field}`} lang={textLanguage} dir={textLanguage === 'ar' ? 'rtl' : 'ltr'} value={texts[field]} maxLength={200} onChange={(e) => setTexts((x) => ({ ...x, [field]: e.target.value }))} />
            ) : (
              <textarea autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-${field}`} lang={textLanguage} dir={textLanguage === 'ar' ? 'rtl' : 'ltr'} rows={field === 'narrative' ? 8 : 3} value={texts[field]} onChange={(e) => setTexts((x) => ({ ...x, [field]: e.target.value }))} />
            )}
          </div>
        ))}
        <ScenarioSelects form={form} difficulty={difficulty} onForm={setForm} onDifficulty={setDifficulty} />
        <div className="actions">
          <button type="submit" className="button button--secondary" data-action="save-scenario" disabled={!base}>
            {t('training.saveScenario')}
          </button>
          <button type="button" className="button button--primary" data-action="record-script" onClick={() => void record()}>
            {t('training.recordScript')}
          </button>
        </div>
      </form>

      {recordings.length > 0 && (
        <section aria-labelledby={`${id}-recordings`}>
          <h3 id={`${id}-recordings`}>{t('training.recordings')}</h3>
          <ul className="plain-list">
            {recordings.map((p) => (
              <li key={p.id} className="row-actions">
                <LocalText text={(p.details.authoring as ScenarioDraft).title} language={language} />
                <button type="button" className="button button--secondary" onClick={() => onRecord(p.id)}>
                  {t('training.resume')}
                </button>
                <ConfirmButton
                  label={t('training.discard')}
                  question={t('training.confirmDelete')}
                  yes={t('training.deleteYes')}
                  no={t('training.cancel')}
                  onConfirm={() => training.removePractice(p.id).then(() => setRecordings((list) => list.filter((x) => x.id !== p.id)))}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      <h3>{t('training.ownScenarios')}</h3>
      {own.length === 0 && catalogue.refused.length === 0 && <p className="muted">{t('training.noOwn')}</p>}
      <ul className="plain-list">
        {own.map(({ scenario }) => (
          <li key={scenario.id} className="row-actions" data-scenario-id={scenario.id}>
            <LocalText text={scenario.title} language={language} />
            <button type="button" className="button button--secondary" onClick={() => downloadFile(scenarioFileName(scenario), `${JSON.stringify(scenario, null, 2)}\n`)}>
              {t('training.exportScenario')}
            </button>
            <ConfirmButton label={t('training.deleteScenario')} question={t('training.confirmDelete')} yes={t('training.deleteYes')} no={t('training.cancel')} onConfirm={() => remove(scenario.id)} />
          </li>
        ))}
        {catalogue.refused.map((r) => (
          <li key={r.id} className="error">
            {t('training.scenarioUnreadable', { id: r.id, reason: r.reason })}
            <ConfirmButton label={t('training.deleteScenario')} question={t('training.confirmDelete')} yes={t('training.deleteYes')} no={t('training.cancel')} onConfirm={() => remove(r.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
