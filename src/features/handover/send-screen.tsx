import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../content/directory';
import { DEFAULT_EXPIRY_DAYS } from '../../crypto/handover';
import type { CaseContent, CaseListItem, CaseStore } from '../../storage';
import { ensureHandoverStrings } from '../../i18n/handover';
import { loadDirectory, noteCandidates, sendReferral, sharingBasis, saveBytes, type SentResult } from './actions';
import { PackageOutput } from './package-output';
import { dateFormat, refusalWords } from './words';
import './handover.css';

interface Props {
  store: CaseStore;
  caseId: string;
  onBack: () => void;
  /** To the service keys, when no service has a verified key yet. */
  onServiceKeys: () => void;
}

const EXPIRY_CHOICES = [7, DEFAULT_EXPIRY_DAYS, 30];

/**
 * "Send securely to…": the case's referral as one encrypted file for a service
 * whose key this tablet verified. The officer picks the service, the notes to
 * include (none by default) and how long the package may be opened.
 */
export function SendScreen({ store, caseId, onBack, onServiceKeys }: Props) {
  const { t, i18n } = useTranslation();
  ensureHandoverStrings(i18n);
  const id = useId();
  const [loaded, setLoaded] = useState<{ item: CaseListItem; content: CaseContent; directory: Service[] } | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [noteKeys, setNoteKeys] = useState<string[]>([]);
  const [days, setDays] = useState(DEFAULT_EXPIRY_DAYS);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<(SentResult & { serviceName: string }) | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([store.load(caseId), loadDirectory(store)]).then(
      ([{ item, content }, directory]) => !cancelled && setLoaded({ item, content, directory }),
      (error: unknown) => !cancelled && setProblem(refusalWords(t, error, i18n.language)),
    );
    return () => {
      cancelled = true;
    };
  }, [store, caseId, t, i18n.language]);

  if (!loaded) return problem ? <p className="page error" role="alert">{problem}</p> : <p className="page" role="status">{t('interview.loading')}</p>;

  const { item, content, directory } = loaded;
  const basis = sharingBasis(content);
  const withKey = directory.filter((s) => s.publicKey);
  const verified = withKey.filter((s) => s.keyVerifiedAt);
  const notes = noteCandidates(content);
  const date = dateFormat(i18n.language, true);

  async function send() {
    const service = verified.find((s) => s.id === serviceId);
    if (!service) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await sendReferral(store, { caseId, service, noteKeys, days });
      setSent({ ...result, serviceName: service.name });
      saveBytes(result.fileName, result.file);
    } catch (error) {
      setProblem(refusalWords(t, error, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page handover" data-view="send">
      <h1>{t('handover.send.title')}</h1>
      <p className="lead">{t('handover.send.intro', { reference: item.reference })}</p>
      {!basis ? (
        <p className="error" role="alert">
          {t('handover.errors.notAllowed')}
        </p>
      ) : sent ? (
        <section className="card" aria-labelledby={`${id}-done`}>
          <h2 id={`${id}-done`}>{t('handover.send.doneTitle')}</h2>
          <p role="status">{t('handover.send.done', { service: sent.serviceName, date: date.format(sent.meta.expiresAt) })}</p>
          <PackageOutput file={sent.file} fileName={sent.fileName} />
        </section>
      ) : (
        <>
          <p>{t(`handover.send.basis.${basis}`)}</p>
          <section className="card" aria-labelledby={`${id}-to`}>
            <h2 id={`${id}-to`}>{t('handover.send.toTitle')}</h2>
            {verified.length === 0 ? (
              <>
                <p className="notice">{withKey.length > 0 ? t('handover.send.noVerified') : t('handover.send.noKey')}</p>
                <button type="button" className="button button--secondary" onClick={onServiceKeys}>
                  {t('handover.view.serviceKeys')}
                </button>
              </>
            ) : (
              <div className="field">
                <label htmlFor={`${id}-service`}>{t('handover.send.service')}</label>
                <select id={`${id}-service`} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                  <option value="">—</option>
                  {withKey.map((s) => (
                    <option key={s.id} value={s.id} disabled={!s.keyVerifiedAt}>
                      {s.keyVerifiedAt ? s.name : t('handover.send.unverifiedOption', { name: s.name })}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby={`${id}-what`}>
            <h2 id={`${id}-what`}>{t('handover.send.whatTitle')}</h2>
            <p>{t('handover.send.what')}</p>
            {notes.length > 0 ? (
              <fieldset className="radio-group">
                <legend>{t('handover.send.notesLegend')}</legend>
                {notes.map((note) => (
                  <label key={note.key} className="radio note-choice">
                    <input
                      type="checkbox"
                      data-note={note.key}
                      checked={noteKeys.includes(note.key)}
                      onChange={(e) => setNoteKeys(e.target.checked ? [...noteKeys, note.key] : noteKeys.filter((k) => k !== note.key))}
                    />
                    <span>{note.text}</span>
                  </label>
                ))}
              </fieldset>
            ) : (
              <p className="muted">{t('handover.send.noNotes')}</p>
            )}
            <div className="field">
              <label htmlFor={`${id}-days`}>{t('handover.send.expiry')}</label>
              <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {EXPIRY_CHOICES.map((d) => (
                  <option key={d} value={d}>
                    {t('handover.send.days', { n: d })}
                  </option>
                ))}
              </select>
            </div>
          </section>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('handover.back')}
        </button>
        {basis && !sent && (
          <button type="button" className="button button--primary" data-action="create-package" disabled={busy || !serviceId} onClick={() => void send()}>
            {t('handover.send.create')}
          </button>
        )}
      </div>
    </div>
  );
}
