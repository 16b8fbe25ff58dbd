import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessAnswers } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { recommendServices, STARTER_DIRECTORY, validateService, type Service } from '../../content/directory';
import { toHtcds } from '../../content/htcds';
import { createI18n, type UiLanguage } from '../../i18n';
// The summary may be printed in another language than the screen's: it carries all three.
import '../../i18n/all';
import type { CaseContent, CaseListItem, CaseStore, Officer, Referral, ReferralStatus } from '../../storage';
import { SummaryDocument } from './summary-document';
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

/**
 * The referral summary: what will print, in the language chosen for the reader,
 * and the referrals made from it. Printing and export are blocked until consent
 * to share is recorded or a legal reason to refer without it is given.
 */
export function SummaryScreen({ store, caseId, onBack, onSendSecurely }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [item, setItem] = useState<CaseListItem | null>(null);
  const [content, setContent] = useState<CaseContent | null>(null);
  const [officer, setOfficer] = useState<Officer | null>(null);
  const [directory, setDirectory] = useState<Service[]>(STARTER_DIRECTORY);
  const [language, setLanguage] = useState<UiLanguage>((['fr', 'ar', 'en'].includes(i18n.language) ? i18n.language : 'fr') as UiLanguage);
  const [serviceId, setServiceId] = useState('');
  const [method, setMethod] = useState<Referral['method']>('phone');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([store.load(caseId), store.officer(), store.directory()]).then(([loaded, o, d]) => {
      if (cancelled) return;
      setItem(loaded.item);
      setContent(loaded.content);
      setOfficer(o);
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

  if (error) return <p className="page error" role="alert">{error}</p>;
  if (!item || !content || !questionnaire || !assessment) return <p className="page" role="status">{t('interview.loading')}</p>;

  const consented = content.answers['consent.share_referral'] === 'yes';
  const gateOpen = consented || Boolean(content.referWithoutConsent);
  const referrals = content.referrals ?? [];
  const latest = referrals.at(-1) ?? null;

  async function change(update: (c: CaseContent) => CaseContent, status?: 'referred') {
    const next = await store.update(caseId, (current, summary) => {
      const updated = update(current);
      const last = updated.referrals?.at(-1);
      return { content: updated, summary: { ...summary, referral: last ? { serviceName: last.serviceName, status: last.status } : null }, status };
    });
    setContent(next);
  }


  async function print() {
    await store.audit('print', item!.reference);
    window.print();
  }

  async function exportHtcds() {
    const record = toHtcds({
      caseReference: item!.reference,
      questionnaire: { id: questionnaire!.id, version: questionnaire!.version },
      answers: content!.answers,
      assessment: assessment!,
      decisionOrg: officer?.orgType ?? 'Other',
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
    <div className="summary-page">
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
            <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-place`} defaultValue={content.details?.place ?? ''} maxLength={80} onBlur={(e) => void change((c) => ({ ...c, details: { ...c.details, place: e.target.value, interpreter: c.details?.interpreter ?? null } }))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-interp`}>{t('summary.interpreter')}</label>
            <select id={`${id}-interp`} value={content.details?.interpreter ?? ''} onChange={(e) => void change((c) => ({ ...c, details: { ...c.details, place: c.details?.place ?? '', interpreter: (e.target.value || null) as 'yes' | 'no' | null } }))}>
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
          <button type="button" className="button button--primary" data-action="print" disabled={!gateOpen} onClick={() => void print()}>
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
                  onChange={(e) => void change((c) => ({ ...c, referrals: (c.referrals ?? []).map((x) => (x.id === r.id ? { ...x, status: e.target.value as ReferralStatus } : x)) }))}
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
              <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-note`} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
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
        data={{ reference: item.reference, createdAt: item.createdAt, questionnaire, answers: content.answers, assessment, content, officer, recommended, referrals }}
      />
    </div>
  );
}
