import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ELEMENT_GROUPS } from '../../engine';
import { MAX_RESULTS_BYTES, parseResultsFile, resultsFile, summariseWorkshop, workshopCsv, type MissKey, type PracticeResult } from '../../content/training';
import { downloadFile } from '../../components/download';
import { describeImportError } from '../../components/import-error';
import { checkFileSize } from '../../content/import-check';
import { OutcomeMessages } from '../../components/outcome-messages';
import { FileButton } from '../../components/file-button';
import { ConfirmButton } from '../../components/confirm-button';
import type { TrainingStore } from '../../storage';
import { LocalText } from './training-screen';

const ALL = '\u0000all';

/** The trainer's table: every result of a workshop, what the group missed most, and a CSV to take away. */
export function WorkshopView({ training, language }: { training: TrainingStore; language: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [results, setResults] = useState<PracticeResult[] | null>(null);
  const [workshop, setWorkshop] = useState(ALL);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const failed = (error: unknown) => {
    setResults((r) => r ?? []);
    setProblem(t('training.loadFailed', { reason: error instanceof Error ? error.message : String(error) }));
  };
  const reload = () => training.results().then((list) => setResults(list as PracticeResult[]), failed);
  useEffect(() => {
    training.results().then((list) => setResults(list as PracticeResult[]), failed);
    void training.workshop().then((name) => name && setWorkshop(name));
    // failed only sets state; it does not need to re-run the effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [training]);

  const workshops = useMemo(() => [...new Set((results ?? []).map((r) => r.workshop))].sort(), [results]);
  // A workshop with no result left (deleted, or only other files imported) falls back to all: never a filter the select cannot show.
  const shownWorkshop = workshop === ALL || workshops.includes(workshop) ? workshop : ALL;
  const selected = useMemo(() => (results ?? []).filter((r) => shownWorkshop === ALL || r.workshop === shownWorkshop), [results, shownWorkshop]);
  const summary = useMemo(() => summariseWorkshop(selected), [selected]);
  if (!results) return <p role="status">{t('interview.loading')}</p>;

  async function importFiles(files: File[]) {
    try {
      // Every file is read and checked before anything is added: one bad file adds nothing.
      const parsed = await Promise.all(
        files.map(async (file) => {
          checkFileSize(file, MAX_RESULTS_BYTES);
          return parseResultsFile(await file.text(), file.name);
        }),
      );
      const added = await training.addResults(parsed.flat());
      await reload();
      setProblem(null);
      setMessage(t('training.imported', { count: added, files: files.length }));
    } catch (error) {
      setMessage(null);
      setProblem(t('training.importRefused', { reason: describeImportError(t, error) }));
    }
  }

  async function removeSelected() {
    await training.removeResults(selected.map((r) => r.id));
    await reload();
    setMessage(t('training.deleted', { count: selected.length }));
  }

  const label = shownWorkshop === ALL ? 'all' : shownWorkshop.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workshop';
  const missLabel = (key: MissKey) => (key === 'outcome' ? t('training.outcomeWord') : key.startsWith('flag:') ? t(`flag.${key.slice(5) as 'child'}.title`) : t(`element.${key as 'act'}`));
  const maxMiss = Math.max(1, ...summary.misses.map((m) => m.count));
  const rowHeight = 30;

  return (
    <section aria-labelledby={`${id}-title`} data-step="workshop">
      <h2 id={`${id}-title`}>{t('training.view.workshop')}</h2>
      <p>{t('training.workshopIntro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-workshop`}>{t('training.workshop')}</label>
          <select id={`${id}-workshop`} value={shownWorkshop} onChange={(e) => setWorkshop(e.target.value)}>
            <option value={ALL}>{t('training.allWorkshops')}</option>
            {workshops.map((w) => (
              <option key={w} value={w}>
                {w || t('training.noWorkshop')}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--end">
          <FileButton label={t('training.importResults')} action="import-results" multiple onFiles={importFiles} />
        </div>
      </div>
      <OutcomeMessages message={message} problem={problem} />
      <p data-testid="workshop-count">{t('training.resultsCount', { count: summary.results, trainees: summary.trainees })}</p>

      {selected.length > 0 && (
        <>
          <figure className="chart">
            <figcaption>{t('training.missedMost')}</figcaption>
            {summary.misses.length === 0 ? (
              <p className="muted">{t('training.nothingMissed')}</p>
            ) : (
              <div className="chart__body">
                <svg viewBox={`0 0 400 ${summary.misses.length * rowHeight}`} role="img" aria-label={`${t('training.missedMost')}: ${summary.misses.map((m) => `${missLabel(m.key)} ${m.count}`).join(', ')}`} className="chart__svg">
                  {summary.misses.map((m, i) => (
                    <rect key={m.key} className="chart__bar" x={0} y={i * rowHeight + 5} width={Math.max((m.count / maxMiss) * 380, 2)} height={rowHeight - 10} />
                  ))}
                </svg>
                <table className="chart__table" data-testid="misses">
                  <tbody>
                    {summary.misses.map((m) => (
                      <tr key={m.key} data-miss={m.key}>
                        <th scope="row">{missLabel(m.key)}</th>
                        <td>{m.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </figure>

          <h3>{t('training.byScenario')}</h3>
          <table className="elements-table">
            <thead>
              <tr>
                <th scope="col">{t('training.scenario')}</th>
                <th scope="col">{t('training.results')}</th>
                <th scope="col">{t('training.outcomeRight')}</th>
                <th scope="col">{t('training.averageScore')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.scenarios.map((s) => (
                <tr key={s.scenarioId}>
                  <th scope="row">
                    <LocalText text={s.title} language={language} />
                  </th>
                  <td>{s.results}</td>
                  <td>{s.outcomeCorrect}</td>
                  <td>{s.averageScore} %</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{t('training.everyResult')}</h3>
          {/* Upright, the table may scroll sideways: the region takes the focus so a keyboard can scroll it too. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('training.everyResult')}>
            <table className="elements-table" data-testid="workshop-table">
              <thead>
                <tr>
                  <th scope="col">{t('training.trainee')}</th>
                  <th scope="col">{t('training.scenario')}</th>
                  <th scope="col">{t('training.outcomeWord')}</th>
                  <th scope="col">{t('training.elementsWrong')}</th>
                  <th scope="col">{t('training.flagsMissed')}</th>
                  <th scope="col">{t('training.keyAsked')}</th>
                  <th scope="col">{t('training.scoreColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {selected.map((r) => {
                  const wrong = ELEMENT_GROUPS.filter((g) => !r.elements[g].correct);
                  return (
                    <tr key={r.id} data-trainee={r.trainee}>
                      <th scope="row">{r.trainee}</th>
                      <td>
                        <LocalText text={r.scenarioTitle} language={language} />
                      </td>
                      <td>{r.outcome.correct ? `✓ ${t('training.right')}` : `✗ ${r.outcome.reading ? t(`outcome.${r.outcome.reading}.title`) : '—'}`}</td>
                      <td>{wrong.length === 0 ? '—' : wrong.map((g) => t(`element.${g}`)).join(', ')}</td>
                      <td>{[...r.flags.missed, ...r.flags.wrong].map((f) => t(`flag.${f}.title`)).join(', ') || '—'}</td>
                      <td>
                        {r.keyQuestions.asked} / {r.keyQuestions.total}
                        {r.keyQuestions.scriptLookedAt > 0 && ` (${t('training.lookedAt', { count: r.keyQuestions.scriptLookedAt })})`}
                      </td>
                      <td>
                        {r.score.points} / {r.score.max}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <div className="actions no-print">
            <button type="button" className="button button--primary" data-action="export-workshop-csv" onClick={() => downloadFile(`training-${label}.csv`, workshopCsv(selected), 'text/csv')}>
              {t('training.exportCsv')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => downloadFile(`training-results-${label}.json`, resultsFile(selected))}>
              {t('training.exportResults')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('training.print')}
            </button>
            <ConfirmButton label={t('training.deleteResults')} question={t('training.deleteConfirm', { count: selected.length })} yes={t('training.deleteYes')} no={t('training.cancel')} onConfirm={removeSelected} />
          </div>
        </>
      )}
    </section>
  );
}
