import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessAnswers } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { recommendServices, STARTER_DIRECTORY, validateService, type Service } from '../../content/directory';
import { toHtcds } from '../../content/htcds';
import { createI18n, type UiLanguage } from '../../i18n';
// The summary may be printed in another language than the screen's: it carries all three.
import '../../i18n/all';
import type { CaseContent, CaseListItem, CaseStore, Referral, ReferralStatus } from '../../storage';
import { SummaryDocument } from './summary-document';
import { printHeaderProperties } from './print-header';
import { downloadFile } from '../../components/download';

interface Props {
  store: CaseStore;
  caseId: string;
  onBack: () => void;
  /** To the encrypted hand-over (src/features/handover), offered only when sharing is allowed. */
  onSendSecurely?: () => void;
}

const STATUSES: ReferralStatus[] = ['sent', 'received', 'accepted', 'declined'];
const METHODS: Referral['method'][] = ['phone', 'in_person', 'letter', 'email'];

/** Sharing is allowed when the person agreed to it or the officer recorded a legal reason to refer without it. */
const sharingAllowed = (content: CaseContent) => content.answers['consent.share_referral'] === 'yes' || Boolean(content.referWithoutConsent);

/**
 * The referral summary: what will print, in the language chosen for the reader,
 * and the referrals made from it. Printing and export are blocked until consent
 * to share is recorded or a legal reason to refer without it is given — printing
 * from the browser's menu too: the print stylesheet then prints a one-line notice
 * instead of the summary. Every print, allowed or not, is written to the audit log.
 */
export function SummaryScreen({ store, caseId, onBack, onSendSecurely }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [item, setItem] = useState<CaseListItem | null>(null);
  const [content, setContent] = useState<CaseContent | null>(null);
  const [directory, setDirectory] = useState<Service[]>(STARTER_DIRECTORY);
  const [language, setLanguage] = useState<UiLanguage>((['fr', 'ar', 'en'].includes(i18n.language) ? i18n.language : 'fr') as UiLanguage);
  const [serviceId, setServiceId] = useState('');
  const [method, setMethod] = useState<Referral['method']>('phone');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Changes are written one after another, each on the latest stored content.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([store.load(caseId), store.directory()]).then(([loaded, d]) => {
      if (cancelled) return;
      setItem(loaded.item);
      setContent(loaded.content);
      if (d) setDirectory(d.map((s) => validateService(s)));
    }, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      cancelled = true;
    };
  }, [store, caseId]);

  const questionnaire = useMemo(() => (item ? findQuestionnaire(item.questionnaireId, item.questionnaireVersion) : null), [item]);
  const assessment = useMemo(() => (questionnaire && content ? assessAnswers(questionnaire, content.answers) : null), [questionnaire, content]);
  const recommended = useMemo(() => (assessment ? recommendServices(directory, assessment) : []), [directory, assessment]);
  const summaryT = useMemo(() => createI18n(language).t, [language]);
  const gateOpen = content ? sharingAllowed(content) : false;
  const reference = item?.reference ?? null;

  // The running header and footer of every printed page (reference, confidential, page n / N).
  useEffect(() => {
    if (!reference || !gateOpen) return;
    const root = document.documentElement.style;
    const properties = printHeaderProperties(summaryT, reference, language);
    for (const [name, value] of Object.entries(properties)) root.setProperty(name, value);
    return () => {
      for (const name of Object.keys(properties)) root.removeProperty(name);
    };
  }, [reference, gateOpen, summaryT, language]);

  // Every print — the button or the browser's own menu — leaves an audit entry.
  useEffect(() => {
    if (!reference) return;
    const printing = () => void store.audit(gateOpen ? 'print' : 'print_blocked', reference);
    window.addEventListener('beforeprint', printing);
    return () => window.removeEventListener('beforeprint', printing);
  }, [store, reference, gateOpen]);

  if (error) return <p className="page error" role="alert">{error}</p>;
  if (!item || !content || !questionnaire || !assessment) return <p className="page" role="status">{t('interview.loading')}</p>;

  const consented = content.answers['consent.share_referral'] === 'yes';
  const referrals = content.referrals ?? [];
  const latest = referrals.at(-1) ?? null;

  /**
   * Applies a change at once on screen and writes it after the ones before it.
   * `update` must not read a React event: by the time it runs on the stored
   * content, React has already reset the control the event came from.
   */
  function change(update: (c: CaseContent) => CaseContent, status?: 'referred'): Promise<void> {
    setContent((shown) => (shown ? update(shown) : shown));
    setSaveError(null);
    pending.current++;
    const write = queue.current.then(async () => {
      try {
        const next = await store.update(caseId, (current, summary) => {
          const updated = update(current);
          const last = updated.referrals?.at(-1);
          return { content: updated, summary: { ...summary, referral: last ? { serviceName: last.serviceName, status: last.status } : null }, status };
        });
        // Only the last of several quick changes redraws from the store, so nothing flickers back.
        if (pending.current === 1) setContent(next);
        // The same mark as an interview answer's save (tests wait for it; it carries no data).
        performance.mark('screening:saved');
      } catch (failure) {
        setSaveError(t('summary.saveFailed', { reason: failure instanceof Error ? failure.message : String(failure) }));
        const reloaded = await store.load(caseId).catch(() => null);
        if (reloaded) setContent(reloaded.content);
      } finally {
        pending.current--;
      }
    });
    queue.current = write;
    return write;
  }

  function print() {
    // The audit entry is written by the beforeprint listener, for this button and the browser's menu alike.
    window.print();
  }

  async function exportHtcds() {
    const record = toHtcds({
      caseReference: item!.reference,
      questionnaire: { id: questionnaire!.id, version: questionnaire!.version },
      answers: content!.answers,
      assessment: assessment!,
      // The organisation of the officer who screened, as recorded with the case.
      decisionOrg: content!.officer?.orgType ?? 'Other',
      referral: latest ? { organisation: latest.serviceName, date: latest.at, method: latest.method, basis: latest.basis } : null,
    });
    await store.audit('export', item!.reference);
    downloadFile(`${item!.reference}-htcds.json`, JSON.stringify(record, null, 2));
  }

  async function addReferral() {
    const service = directory.find((s) => s.id === serviceId);
    if (!service) return;
    const basis = consented ? 'consent' : content!.referWithoutConsent!;
    const referral: Referral = { id: crypto.randomUUID(), serviceId: service.id, serviceName: service.name, at: Date.now(), method, basis, status: 'sent', notes: [] };
    await change((c) => ({ ...c, referrals: [...(c.referrals ?? []), referral] }), 'referred');
  }

  const reasonName = `${id}-reason`;
  return (
    <div className={gateOpen ? 'summary-page' : 'summary-page summary-page--print-blocked'}>
      {/* What Ctrl+P prints when sharing is not allowed: the summary itself is hidden by the print stylesheet. */}
      {!gateOpen && (
        <p className="print-only print-blocked-notice" lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
          {summaryT('summary.printBlocked')}
        </p>
      )}
      <div className="summary-controls no-print">
        <h1>{t('summary.screenTitle')}</h1>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-lang`}>{t('summary.summaryLanguage')}</label>
            <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
              <option value="fr">Français</option>
              <option value="ar">العربية</option>
              <option value="en">English</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-place`}>{t('summary.place')}</label>
            <input
              id={`${id}-place`}
              defaultValue={content.details?.place ?? ''}
              maxLength={80}
              autoComplete="off"
              spellCheck={false}
              autoCorrect="off"
              onBlur={(e) => {
                const place = e.target.value;
                if (place !== (content.details?.place ?? '')) void change((c) => ({ ...c, details: { ...c.details, place, interpreter: c.details?.interpreter ?? null } }));
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-interp`}>{t('summary.interpreter')}</label>
            <select
              id={`${id}-interp`}
              value={content.details?.interpreter ?? ''}
              onChange={(e) => {
                const interpreter = (e.target.value || null) as 'yes' | 'no' | null;
                void change((c) => ({ ...c, details: { ...c.details, place: c.details?.place ?? '', interpreter } }));
              }}
            >
              <option value="">—</option>
              <option value="yes">{t('answer.yes')}</option>
              <option value="no">{t('answer.no')}</option>
            </select>
          </div>
        </div>

        <section className={gateOpen ? 'card' : 'card card--danger'} aria-labelledby={`${id}-gate`}>
          <h2 id={`${id}-gate`}>{t('summary.gateTitle')}</h2>
          {consented ? (
            <p>{t('summary.gateConsent')}</p>
          ) : (
            <fieldset className="radio-group">
              <legend>{t('summary.gateNoConsent')}</legend>
              {(['', 'child', 'danger_to_life'] as const).map((reason) => (
                <label key={reason || 'none'} className="radio">
                  <input
                    type="radio"
                    name={reasonName}
                    checked={(content.referWithoutConsent ?? '') === reason}
                    onChange={() => void change((c) => ({ ...c, referWithoutConsent: reason || null }))}
                  />
                  {t(`summary.reasons.${reason || 'none'}`)}
                </label>
              ))}
            </fieldset>
          )}
        </section>

        <div className="actions">
          <button type="button" className="button button--secondary" onClick={onBack}>
            {t('interview.back')}
          </button>
          <button type="button" className="button button--primary" data-action="print" disabled={!gateOpen} onClick={print}>
            {t('summary.print')}
          </button>
          <button type="button" className="button button--secondary" data-action="htcds" disabled={!gateOpen} onClick={() => void exportHtcds()}>
            {t('summary.exportHtcds')}
          </button>
          {gateOpen && onSendSecurely && (
            <button type="button" className="button button--secondary" data-action="send-securely" onClick={onSendSecurely}>
              {t('handover.sendSecurely')}
            </button>
          )}
        </div>
        {!gateOpen && <p className="error">{t('summary.blocked')}</p>}
        {saveError && (
          <p className="error" role="alert">
            {saveError}
          </p>
        )}

        <section className="card" aria-labelledby={`${id}-referral`}>
          <h2 id={`${id}-referral`}>{t('summary.referralsTitle')}</h2>
          <div className="filters">
            <div className="field">
              <label htmlFor={`${id}-service`}>{t('summary.service')}</label>
              <select id={`${id}-service`} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                <option value="">—</option>
                {[...recommended, ...directory.filter((s) => !recommended.includes(s))].map((s) => (
                  <option key={s.id} value={s.id}>
                    {recommended.includes(s) ? '★ ' : ''}
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-method`}>{t('summary.method')}</label>
              <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as Referral['method'])}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`summary.methods.${m}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="button" className="button button--primary" data-action="refer" disabled={!gateOpen || !serviceId} onClick={() => void addReferral()}>
            {t('summary.recordReferral')}
          </button>
          <ul className="plain-list">
            {referrals.map((r) => (
              <li key={r.id} className="case">
                <span>{r.serviceName}</span>
                <label className="visually-hidden" htmlFor={`${id}-${r.id}`}>
                  {t('cases.status')}
                </label>
                <select
                  id={`${id}-${r.id}`}
                  value={r.status}
                  data-referral={r.id}
                  onChange={(e) => {
                    const status = e.target.value as ReferralStatus;
                    void change((c) => ({ ...c, referrals: (c.referrals ?? []).map((x) => (x.id === r.id ? { ...x, status } : x)) }));
                  }}
                >
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`summary.statuses.${s}`)}
                    </option>
                  ))}
                </select>
                {r.notes.map((n) => (
                  <span key={n.at} className="muted">
                    {n.text}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {referrals.length > 0 && (
            <div className="field">
              <label htmlFor={`${id}-note`}>{t('summary.followUp')}</label>
              <input id={`${id}-note`} value={note} maxLength={200} autoComplete="off" spellCheck={false} autoCorrect="off" onChange={(e) => setNote(e.target.value)} />
              <button
                type="button"
                className="button button--secondary"
                disabled={!note.trim()}
                onClick={() => {
                  const text = note.trim();
                  setNote('');
                  void change((c) => ({ ...c, referrals: (c.referrals ?? []).map((x, i, all) => (i === all.length - 1 ? { ...x, notes: [...x.notes, { at: Date.now(), text }] } : x)) }));
                }}
              >
                {t('summary.addNote')}
              </button>
            </div>
          )}
        </section>
        <h2>{t('summary.preview')}</h2>
      </div>
      <SummaryDocument
        t={summaryT}
        language={language}
        data={{ reference: item.reference, createdAt: item.createdAt, questionnaire, answers: content.answers, assessment, content, recommended, referrals }}
      />
    </div>
  );
}
