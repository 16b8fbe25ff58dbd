import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/confirm-button';
import type { CaseListItem, CaseStatus, CaseStore } from '../../storage';

interface Props {
  store: CaseStore;
  onOpen: (id: string) => void;
  onSummary: (id: string) => void;
  onHome: () => void;
}

const PAGE = 50;
const STATUSES: CaseStatus[] = ['in_progress', 'completed', 'referred'];
const OUTCOMES = ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient'] as const;

/** Every real case on the device: search by reference, filter by status and outcome, open or delete. */
export function CaseListScreen({ store, onOpen, onSummary, onHome }: Props) {
  const { t, i18n } = useTranslation();
  const [cases, setCases] = useState<CaseListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [outcome, setOutcome] = useState<string>('');
  const [shown, setShown] = useState(PAGE);
  const id = useId();

  useEffect(() => {
    let cancelled = false;
    store.list().then(
      (list) => !cancelled && setCases(list),
      (failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [store]);

  const filtered = useMemo(() => {
    const q = query.trim().toUpperCase().replace(/[^0-9A-Z]/g, '');
    return (cases ?? []).filter(
      (c) =>
        (!q || c.reference.replace(/-/g, '').includes(q) || c.id.includes(q)) &&
        (!status || c.status === status) &&
        (!outcome || (c.status !== 'in_progress' && c.summary.outcome === outcome)),
    );
  }, [cases, query, status, outcome]);

  const date = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-MA' : i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  async function remove(caseId: string) {
    await store.remove(caseId);
    setCases((list) => (list ?? []).filter((c) => c.id !== caseId));
  }

  return (
    <div className="page page--wide">
      <h1>{t('cases.title')}</h1>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('cases.search')}</label>
          <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} dir="ltr" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('cases.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">{t('cases.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t('report.outcome')}</label>
          <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{t('cases.all')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}.title`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {cases === null && !error && <p role="status">{t('cases.loading')}</p>}
      {cases !== null && (
        <p role="status" className="muted">
          {t('cases.count', { count: filtered.length, total: cases.length })}
        </p>
      )}
      <ul className="case-list">
        {filtered.slice(0, shown).map((c) => (
          <li key={c.id} className="case">
            <div className="case__main">
              <strong dir="ltr">{c.reference}</strong>
              <span>{date.format(c.updatedAt)}</span>
              <span className={`badge badge--${c.status}`}>{t(`cases.statuses.${c.status}`)}</span>
              {c.status !== 'in_progress' && c.summary.outcome && <span className={`status status--outcome-${c.summary.outcome}`}>{t(`outcome.${c.summary.outcome}.title`)}</span>}
              {c.daysLeft !== null && <span className="muted">{t('cases.daysLeft', { count: c.daysLeft })}</span>}
              {c.summary.referral && <span>{t('cases.referredTo', { service: c.summary.referral.serviceName, status: t(`summary.statuses.${c.summary.referral.status}`) })}</span>}
            </div>
            <div className="case__actions">
              <button type="button" className="button" onClick={() => onOpen(c.id)} aria-label={`${c.status === 'in_progress' ? t('cases.resume') : t('cases.open')} ${c.reference}`}>
                {c.status === 'in_progress' ? t('cases.resume') : t('cases.open')}
              </button>
              {c.status !== 'in_progress' && (
                <button type="button" className="button button--secondary" onClick={() => onSummary(c.id)} aria-label={`${t('summary.open')} ${c.reference}`}>
                  {t('summary.open')}
                </button>
              )}
              <ConfirmButton
                label={t('cases.delete')}
                accessibleLabel={`${t('cases.delete')} ${c.reference}`}
                question={t('cases.confirmDelete', { reference: c.reference })}
                yes={t('cases.delete')}
                no={t('cases.cancel')}
                onConfirm={() => remove(c.id)}
              />
            </div>
          </li>
        ))}
      </ul>
      {filtered.length > shown && (
        <button type="button" className="button button--secondary" onClick={() => setShown((n) => n + PAGE)}>
          {t('cases.more')}
        </button>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}
