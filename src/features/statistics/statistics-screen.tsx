import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  aggregate,
  countedRecords,
  enoughToShow,
  exportCsv,
  exportYears,
  filterRecords,
  MIN_THRESHOLD,
  parsePeriod,
  periodsOf,
  REGIONS,
  shownCount,
  type Region,
  type StatsRecord,
  type Table,
} from '../../content/statistics';
import { downloadFile } from '../../components/download';
import { NumberInput } from '../../components/number-input';
import type { CaseStore } from '../../storage';

const OUTCOME_ORDER = ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient'] as const;
const OUTCOME_COLOURS: Record<string, string> = { presumed_victim: '#8a1c1c', possible_victim: '#c26a00', not_indicated: '#2f6b3a', insufficient: '#6b7785' };

/**
 * The quarter at a glance, for coordinators: counts of finished interviews only,
 * small counts hidden, every count rounded (content/statistics.ts says why), and
 * nothing at all below the threshold in total.
 */
export function StatisticsScreen({ store, onHome, teamRecords }: { store: CaseStore; onHome: () => void; /** On the coordinator's tablet: every statistics record of the team. */ teamRecords?: () => Promise<StatsRecord[]> }) {
  const { t } = useTranslation();
  const id = useId();
  const [records, setRecords] = useState<StatsRecord[] | null>(null);
  const [threshold, setThreshold] = useState(MIN_THRESHOLD);
  const [region, setRegion] = useState<Region | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [scope, setScope] = useState<'tablet' | 'team'>('tablet');

  useEffect(() => {
    setRecords(null);
    // The team's records go through the same aggregation, rounding and suppression as this tablet's.
    if (scope === 'team' && teamRecords) return void teamRecords().then(setRecords);
    void store.list().then((items) => setRecords(countedRecords(items)));
  }, [store, scope, teamRecords]);

  const periods = useMemo(() => periodsOf(records ?? []), [records]);
  const parse = (p: string) => (p ? parsePeriod(p) : undefined);
  const selected = useMemo(() => filterRecords(records ?? [], { from: parse(from), to: parse(to), region: region || undefined }), [records, from, to, region]);
  const shownPeriods = useMemo(() => periods.filter((p) => (!from || p >= from) && (!to || p <= to)), [periods, from, to]);
  const dashboard = useMemo(() => aggregate(selected, shownPeriods), [selected, shownPeriods]);
  const years = useMemo(() => exportYears(from, to, records ?? []), [from, to, records]);

  if (!records) return <p className="page" role="status">{t('interview.loading')}</p>;

  const shown = (n: number) => {
    const value = shownCount(n, threshold);
    // Isolated left to right, so that "< 5" is not mirrored into "5 >" in Arabic.
    return value === null ? `\u2066< ${threshold}\u2069` : String(value);
  };
  const enough = enoughToShow(selected, threshold);
  const periodLabel = (p: string) => t('stats.quarter', parsePeriod(p));

  async function exportTables() {
    if (!years) return;
    // Whole years only, every region's rows (a row is keyed by its region): the same rows in every export that includes the year.
    const rows = filterRecords(records ?? [], { region: region || undefined });
    downloadFile(`statistiques-${years.from}-${years.to}.csv`, exportCsv(rows, threshold, years), 'text/csv');
    await store.audit('export', scope === 'team' ? 'team statistics' : 'statistics');
  }

  const label = {
    outcome: (k: string) => t(`outcome.${k}.title` as 'outcome.insufficient.title'),
    code: (k: string) => t(`code.${k}` as 'code.act'),
    age: (k: string) => (k === 'unknown' ? t('report.ageUnknown') : k),
    children: (k: string) => t(`stats.children.${k}` as 'stats.children.minor'),
    sex: (k: string) => t(`stats.sex.${k}` as 'stats.sex.female'),
    region: (k: string) => t(`stats.regions.${k}` as 'stats.regions.morocco'),
    referral: (k: string) => (k === 'none' ? t('stats.noReferral') : t(`summary.statuses.${k}` as 'summary.statuses.sent')),
    flag: (k: string) => (k === 'aggravating:child' ? t('aggravating.child') : t(`flag.${k}.title` as 'flag.child.title')),
  };

  return (
    <div className="page page--wide statistics">
      <h1>{t('stats.title')}</h1>
      <p>{t('stats.intro', { threshold })}</p>
      <p>{t('stats.rounding', { threshold })}</p>
      <div className="filters filters--stats">
        {teamRecords && (
          <div className="field">
            <label htmlFor={`${id}-scope`}>{t('team.statsScope')}</label>
            <select id={`${id}-scope`} data-action="stats-scope" value={scope} onChange={(e) => setScope(e.target.value as 'tablet' | 'team')}>
              <option value="tablet">{t('team.statsThisTablet')}</option>
              <option value="team">{t('team.statsTeam')}</option>
            </select>
          </div>
        )}
        <PeriodSelect id={`${id}-from`} label={t('stats.from')} all={t('cases.all')} periods={periods} value={from} onChange={setFrom} format={periodLabel} />
        <PeriodSelect id={`${id}-to`} label={t('stats.to')} all={t('cases.all')} periods={periods} value={to} onChange={setTo} format={periodLabel} />
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('stats.region')}</label>
          <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value as Region | '')}>
            <option value="">{t('cases.all')}</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {label.region(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-k`}>{t('stats.threshold')}</label>
          <NumberInput id={`${id}-k`} min={MIN_THRESHOLD} max={50} value={threshold} onValue={(n) => setThreshold(Math.max(MIN_THRESHOLD, n || MIN_THRESHOLD))} />
        </div>
      </div>
      {!enough ? (
        <p className="notice" role="status" data-testid="stats-not-enough">
          {t('stats.notEnough', { threshold })}
        </p>
      ) : (
        <>
      <p className="lead" data-testid="stats-total">
        {t('stats.total', { count: shown(dashboard.total) })}
      </p>

      <StackedChart title={t('stats.overTime')} periods={dashboard.byQuarter} threshold={threshold} label={label.outcome} shown={shown} periodLabel={periodLabel} />
      <BarChart title={t('stats.outcomes')} table={dashboard.outcomes} threshold={threshold} label={label.outcome} shown={shown} />
      <BarChart title={t('stats.forms')} table={dashboard.forms} threshold={threshold} label={label.code} shown={shown} />
      <BarChart title={t('stats.means')} table={dashboard.means} threshold={threshold} label={label.code} shown={shown} />
      <BarChart title={t('stats.childrenTitle')} table={dashboard.children} threshold={threshold} label={label.children} shown={shown} />
      <BarChart title={t('stats.ageBands')} table={dashboard.ageBands} threshold={threshold} label={label.age} shown={shown} />
      <BarChart title={t('stats.sexTitle')} table={dashboard.sex} threshold={threshold} label={label.sex} shown={shown} />
      <BarChart title={t('stats.regionsTitle')} table={dashboard.regions} threshold={threshold} label={label.region} shown={shown} />
      <BarChart title={t('stats.referrals')} table={dashboard.referrals} threshold={threshold} label={label.referral} shown={shown} />
      <BarChart title={t('stats.flags')} table={dashboard.flags} threshold={threshold} label={label.flag} shown={shown} />
        </>
      )}

      <div className="actions">
        {enough && years && (
          <button type="button" className="button button--primary" data-action="export-stats" onClick={() => void exportTables()}>
            {years.from === years.to ? t('stats.exportYear', { year: years.from }) : t('stats.exportYears', { from: years.from, to: years.to })}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}

interface ChartProps {
  title: string;
  threshold: number;
  label: (key: string) => string;
  shown: (n: number) => string;
}

/** A horizontal bar chart in plain SVG, with the same numbers as a table beside it for screen readers. */
function BarChart({ title, table, threshold, label, shown }: ChartProps & { table: Table }) {
  const { t } = useTranslation();
  // Bars are drawn from the published (rounded) counts: the picture must not be more exact than the numbers.
  const published = (n: number) => shownCount(n, threshold) ?? 0;
  const max = Math.max(threshold, ...table.map((e) => published(e.count)));
  const rowHeight = 30;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {table.length === 0 ? (
        <p className="muted">{t('stats.none')}</p>
      ) : (
        <div className="chart__body">
          <svg viewBox={`0 0 400 ${table.length * rowHeight}`} role="img" aria-label={t('report.labelValue', { label: title, value: table.map((e) => `${label(e.key)} ${shown(e.count)}`).join(', ') })} className="chart__svg">
            {table.map((e, i) => {
              const hidden = e.count < threshold;
              const width = hidden ? 0 : (published(e.count) / max) * 380;
              return <rect key={e.key} className={hidden ? 'chart__bar chart__bar--hidden' : 'chart__bar'} x={0} y={i * rowHeight + 5} width={Math.max(width, 2)} height={rowHeight - 10} />;
            })}
          </svg>
          <table className="chart__table">
            <tbody>
              {table.map((e) => (
                <tr key={e.key}>
                  <th scope="row">{label(e.key)}</th>
                  <td>{shown(e.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

function StackedChart({ title, periods, threshold, label, shown, periodLabel }: ChartProps & { periods: { period: string; outcomes: Record<string, number> }[]; periodLabel: (period: string) => string }) {
  const { t } = useTranslation();
  const published = (n: number) => shownCount(n, threshold) ?? 0;
  const totals = periods.map((p) => Object.values(p.outcomes).reduce((a, b) => a + published(b), 0));
  const max = Math.max(threshold, ...totals);
  const barWidth = 400 / Math.max(periods.length, 1);
  return (
    <figure className="chart chart--stacked">
      <figcaption>{title}</figcaption>
      {periods.length === 0 ? (
        <p className="muted">{t('stats.none')}</p>
      ) : (
        <div className="chart__body">
          <svg viewBox="0 0 400 200" role="img" aria-label={title} className="chart__svg">
            {periods.map((p, i) => {
              let y = 200;
              return OUTCOME_ORDER.map((outcome) => {
                const n = published(p.outcomes[outcome] ?? 0);
                if (n === 0) return null;
                const h = (n / max) * 190;
                y -= h;
                return <rect key={outcome} x={i * barWidth + 6} y={y} width={barWidth - 12} height={h} fill={OUTCOME_COLOURS[outcome]} />;
              });
            })}
          </svg>
          <table className="chart__table">
            <thead>
              <tr>
                <th scope="col">{t('stats.period')}</th>
                {OUTCOME_ORDER.map((o) => (
                  <th key={o} scope="col">
                    <span className="swatch" style={{ background: OUTCOME_COLOURS[o] }} aria-hidden="true" />
                    {label(o)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{periodLabel(p.period)}</th>
                  {OUTCOME_ORDER.map((o) => (
                    // A zero is shown as "< 5" too: an empty cell must look like a small one.
                    <td key={o}>{shown(p.outcomes[o] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

/** One end of the period filter: every quarter with data, or all. */
function PeriodSelect({ id, label, all, periods, value, onChange, format }: { id: string; label: string; all: string; periods: string[]; value: string; onChange: (period: string) => void; format: (period: string) => string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {periods.map((p) => (
          <option key={p} value={p}>
            {format(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
