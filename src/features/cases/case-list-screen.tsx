import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { ConfirmButton } from '../../components/confirm-button';
import { afterNextPaint } from '../../components/next-paint';
import type { CaseListItem, CaseOutcome, CaseStatus, CaseStore } from '../../storage';

interface Props {
  store: CaseStore;
  onOpen: (id: string) => void;
  onSummary: (id: string) => void;
  onHome: () => void;
}

const STATUSES: CaseStatus[] = ['in_progress', 'completed', 'referred'];
const OUTCOMES = ['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient'] as const;
const PERSON_LANGUAGES = ['fr', 'ar', 'en', 'other'] as const;

/** Lower case, without accents or punctuation: "Tanger-Méd" is found by "tanger med". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The local calendar day, as <input type="date"> gives it. */
const dayOf = (time: number) => {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** What is searched in a case, worked out the first time a search needs it (the store keeps the same items). */
const searchKeys = new WeakMap<CaseListItem, { reference: string; place: string; day: string }>();
function searchKey(c: CaseListItem) {
  let key = searchKeys.get(c);
  if (!key) searchKeys.set(c, (key = { reference: c.reference.replace(/[^0-9A-Z]/g, ''), place: fold(c.place ?? ''), day: dayOf(c.createdAt) }));
  return key;
}

/**
 * Every real case on the device, for a shift's work: each row says where and
 * when the interview took place, how it ended, where the case stands, the
 * person's language and the latest referral. Search by reference or place,
 * filter by day, status and outcome — all in memory, on the sealed index the
 * store opened at unlock. Only the rows on screen are drawn, so the list opens
 * as fast with 20,000 cases as with 20.
 */
export function CaseListScreen({ store, onOpen, onSummary, onHome }: Props) {
  const { t, i18n } = useTranslation();
  // Drawn in the first render when the store has them at hand (the list, or the latest
  // cases read after the home screen was drawn): the tap on "cases" waits for no read.
  const [listedNow] = useState(() => store.listedNow());
  const [cases, setCases] = useState<CaseListItem[] | null>(listedNow && 'list' in listedNow ? listedNow.list : null);
  /** The latest cases, shown until the whole list is read (store.preview). */
  const [preview, setPreview] = useState<CaseListItem[] | null>(listedNow && 'preview' in listedNow ? listedNow.preview : null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [day, setDay] = useState('');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [outcome, setOutcome] = useState<string>('');
  const id = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const [listTop, setListTop] = useState(0);

  useEffect(() => {
    let cancelled = false;
    // Right after unlock the index may not be open yet: the latest cases are drawn
    // first, and the whole list is read once they are on screen.
    const first = listedNow ? Promise.resolve(null) : store.preview().catch(() => null);
    first
      .then(async (latest) => {
        if (cancelled) return;
        if (latest) setPreview(latest);
        if (latest || listedNow) await afterNextPaint();
        return store.list();
      })
      .then(
      (list) => {
        if (cancelled || !list) return;
        setCases(list);
        setPreview(null);
        // For the benchmark (case list open at 1,000 / 20,000 cases); carries no data.
        performance.mark('screening:cases-listed');
      },
      () => !cancelled && setError(t('caseList.loadFailed')),
    );
    return () => {
      cancelled = true;
    };
  }, [store, t, listedNow]);

  const deferredQuery = useDeferredValue(query);
  const filtered = useMemo(() => {
    const list = cases ?? preview ?? [];
    const words = fold(deferredQuery);
    const code = deferredQuery.toUpperCase().replace(/[^0-9A-Z]/g, '');
    // No filter: the store's own array, nothing copied — the list opens as fast with 20,000 cases as with 20.
    if (!words && !day && !status && !outcome) return list;
    return list.filter(
      (c) =>
        (!words || (code.length > 0 && searchKey(c).reference.includes(code)) || searchKey(c).place.includes(words)) &&
        (!day || searchKey(c).day === day) &&
        (!status || c.status === status) &&
        (!outcome || (c.status !== 'in_progress' && c.summary.outcome === outcome)),
    );
  }, [cases, preview, deferredQuery, day, status, outcome]);

  useLayoutEffect(() => {
    if (listRef.current) setListTop(listRef.current.getBoundingClientRect().top + window.scrollY);
  }, [cases, preview, error]);

  const virtualizer = useWindowVirtualizer({ count: filtered.length, estimateSize: () => 132, overscan: 4, scrollMargin: listTop, getItemKey: (index) => filtered[index]!.id });

  const locale = i18n.language === 'ar' ? 'ar-MA' : i18n.language;
  const date = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }), [locale]);

  async function remove(caseId: string) {
    await store.remove(caseId);
    setCases((list) => list && list.filter((c) => c.id !== caseId));
    setPreview((list) => list && list.filter((c) => c.id !== caseId));
  }

  // What every row says the same way, translated once per language rather than once per
  // row: at 4× CPU, i18next's t() cost the first draw of the list a third of its time.
  const label = useMemo(
    () => ({
      when: t('caseList.when'),
      place: t('caseList.place'),
      noPlace: t('caseList.noPlace'),
      language: t('caseList.language'),
      referral: t('caseList.referral'),
      retention: t('caseList.retention'),
      resume: t('cases.resume'),
      open: t('cases.open'),
      summary: t('summary.open'),
      delete: t('cases.delete'),
      cancel: t('cases.cancel'),
      status: Object.fromEntries(STATUSES.map((s) => [s, t(`cases.statuses.${s}`)])) as Record<CaseStatus, string>,
      outcome: Object.fromEntries(OUTCOMES.map((o) => [o, t(`outcome.${o}.title`)])) as Record<CaseOutcome, string>,
      languages: Object.fromEntries(PERSON_LANGUAGES.map((l) => [l, t(`caseList.languages.${l}`)])) as Record<string, string>,
    }),
    [t],
  );

  const languageOf = (c: CaseListItem) => {
    if (!c.personLanguage) return null;
    if (c.personLanguage === 'other' && c.personLanguageOther) return c.personLanguageOther;
    return label.languages[c.personLanguage] ?? c.personLanguage;
  };

  const row = (c: CaseListItem) => {
    const language = languageOf(c);
    const outcome = c.status !== 'in_progress' && c.summary.outcome ? label.outcome[c.summary.outcome] : null;
    const action = c.status === 'in_progress' ? label.resume : label.open;
    return (
      <div className="case__card">
        <div className="case__main">
          <strong dir="ltr">{c.reference}</strong>
          <span className={`badge badge--${c.status}`}>{label.status[c.status]}</span>
          {outcome && <span className={`status status--outcome-${c.summary.outcome}`}>{outcome}</span>}
        </div>
        <dl className="case__facts">
          <div>
            <dt>{label.when}</dt>
            <dd>{date.format(c.createdAt)}</dd>
          </div>
          <div>
            <dt>{label.place}</dt>
            <dd>{c.place ?? <span className="muted">{label.noPlace}</span>}</dd>
          </div>
          {language && (
            <div>
              <dt>{label.language}</dt>
              <dd>{language}</dd>
            </div>
          )}
          {c.summary.referral && (
            <div>
              <dt className="visually-hidden">{label.referral}</dt>
              <dd>{t('cases.referredTo', { service: c.summary.referral.serviceName, status: t(`summary.statuses.${c.summary.referral.status}`) })}</dd>
            </div>
          )}
          {c.daysLeft !== null && (
            <div>
              <dt className="visually-hidden">{label.retention}</dt>
              <dd className="muted">{t('caseList.daysLeft', { count: c.daysLeft })}</dd>
            </div>
          )}
        </dl>
        <div className="case__actions">
          <button type="button" className="button" onClick={() => onOpen(c.id)} aria-label={`${action} ${c.reference}`}>
            {action}
          </button>
          {c.status !== 'in_progress' && (
            <button type="button" className="button button--secondary" onClick={() => onSummary(c.id)} aria-label={`${label.summary} ${c.reference}`}>
              {label.summary}
            </button>
          )}
          <ConfirmButton
            label={label.delete}
            accessibleLabel={`${label.delete} ${c.reference}`}
            question={() => t('cases.confirmDelete', { reference: c.reference })}
            yes={label.delete}
            no={label.cancel}
            onConfirm={() => remove(c.id)}
          />
        </div>
      </div>
    );
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="page page--wide">
      <h1>{t('cases.title')}</h1>
      <div className="filters filters--cases" role="search">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('caseList.search')}</label>
          <input id={`${id}-q`} type="search" value={query} autoComplete="off" spellCheck={false} autoCorrect="off" onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-day`}>{t('caseList.date')}</label>
          <input id={`${id}-day`} type="date" autoComplete="off" spellCheck={false} autoCorrect="off" value={day} onChange={(e) => setDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('cases.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">{t('cases.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label.status[s]}
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
                {label.outcome[o]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {(query || day || status || outcome) && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setQuery('');
              setDay('');
              setStatus('');
              setOutcome('');
            }}
          >
            {t('caseList.clear')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {cases === null && !error && (
        <p role="status" className={preview ? 'muted' : undefined}>
          {preview ? t('caseList.loadingRest') : t('cases.loading')}
        </p>
      )}
      {cases !== null && (
        <p role="status" className="muted" data-testid="case-count">
          {cases.length === 0 ? t('caseList.empty') : filtered.length === 0 ? t('caseList.none') : t('caseList.count', { count: filtered.length, total: cases.length })}
        </p>
      )}
      <ul ref={listRef} className="case-list case-list--virtual" aria-label={t('caseList.list')} style={{ blockSize: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const c = filtered[item.index]!;
          return (
            <li key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="case" data-case={c.reference} style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}>
              {row(c)}
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}
