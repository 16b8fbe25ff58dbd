import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InputError } from '../../engine';
import { MAX_KEY_FILE_BYTES, parseServiceKey } from '../../content/handover-package';
import type { Service } from '../../content/directory';
import { checkPublicKey, fingerprintOf } from '../../crypto/handover';
import type { CaseStore } from '../../storage';
import { loadDirectory } from './actions';
import { QrScanner } from './qr-scanner';
import { dateFormat, refusalWords } from './words';

interface Candidate {
  publicKey: string;
  fingerprint: string;
  label: string | null;
}

/** Checks a key from a file, a paste or a QR code: its format, its curve point, and the fingerprint a file states. */
async function readCandidate(text: string, source: string): Promise<Candidate> {
  const card = parseServiceKey(text, source);
  const publicKey = await checkPublicKey(card.publicKey);
  const fingerprint = await fingerprintOf(publicKey);
  if (card.statedFingerprint && card.statedFingerprint !== fingerprint) throw new InputError('the fingerprint written in the file does not match its key: the file was altered', [source]);
  return { publicKey, fingerprint, label: card.label };
}

/**
 * The keys of the services this tablet sends referrals to. A key is added to
 * a directory entry from the service's key file, QR code or text, and counts
 * as verified only once the officer has read its fingerprint back to the
 * service by phone — on a number already known, not one that came with the key.
 */
export function ServiceKeysView({ store }: { store: CaseStore }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [services, setServices] = useState<Service[] | null>(null);
  const [selected, setSelected] = useState('');
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const [pasted, setPasted] = useState('');
  const [checked, setChecked] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    loadDirectory(store).then(setServices, (error: unknown) => setProblem(refusalWords(t, error, i18n.language)));
  }, [store, t, i18n.language]);

  if (!services) return problem ? <p className="error" role="alert">{problem}</p> : <p role="status">{t('interview.loading')}</p>;
  const service = services.find((s) => s.id === selected) ?? null;
  const date = dateFormat(i18n.language);

  async function consider(text: string, source: string) {
    setMessage(null);
    setChecked(false);
    try {
      setCandidate(await readCandidate(text, source));
      setProblem(null);
    } catch (error) {
      setCandidate(null);
      setProblem(refusalWords(t, error, i18n.language));
    }
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) return setProblem(refusalWords(t, new InputError(`larger than ${MAX_KEY_FILE_BYTES} bytes: not a service key`, [file.name]), i18n.language));
    await consider(await file.text(), file.name);
  }

  async function persist(next: Service[], done: string) {
    try {
      await store.setDirectory(next);
      setServices(next);
      setCandidate(null);
      setPasted('');
      setChecked(false);
      setProblem(null);
      setMessage(done);
      await store.audit('settings', null);
    } catch (error) {
      setProblem(refusalWords(t, error, i18n.language));
    }
  }

  function save() {
    if (!service) return;
    const key = candidate?.publicKey ?? service.publicKey;
    if (!key) return;
    const { keyVerifiedAt: _old, publicKey: _previous, ...rest } = service;
    // A new key starts unverified; the same key keeps its verification unless it is done again now.
    const keyVerifiedAt = checked ? Date.now() : key === service.publicKey ? service.keyVerifiedAt : undefined;
    const updated: Service = { ...rest, publicKey: key, ...(keyVerifiedAt ? { keyVerifiedAt } : {}) };
    void persist(
      services!.map((s) => (s.id === service.id ? updated : s)),
      keyVerifiedAt ? t('handover.keys.savedVerified', { name: service.name }) : t('handover.keys.savedUnverified', { name: service.name }),
    );
  }

  function removeKey() {
    if (!service) return;
    const { keyVerifiedAt: _v, publicKey: _k, ...rest } = service;
    void persist(
      services!.map((s) => (s.id === service.id ? rest : s)),
      t('handover.keys.removed', { name: service.name }),
    );
  }

  const shown = candidate ?? (service?.publicKey ? { publicKey: service.publicKey, fingerprint: null, label: null } : null);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('handover.keys.title')}</h2>
      <p>{t('handover.keys.intro')}</p>
      <ul className="case-list">
        {services.map((s) => (
          <li key={s.id} className="case" data-service={s.id}>
            <div className="case__main">
              <strong>{s.name}</strong>
              <span className="badge" data-key-state={s.publicKey ? (s.keyVerifiedAt ? 'verified' : 'unverified') : 'none'}>
                {s.publicKey ? (s.keyVerifiedAt ? t('handover.keys.verifiedOn', { date: date.format(s.keyVerifiedAt) }) : t('handover.keys.unverified')) : t('handover.keys.none')}
              </span>
            </div>
            <div className="case__actions">
              <button
                type="button"
                className="button button--secondary"
                data-action="choose-service"
                aria-label={t('handover.keys.chooseLabel', { name: s.name, action: s.publicKey ? t('handover.keys.manage') : t('handover.keys.add') })}
                onClick={() => {
                  setSelected(s.id);
                  setCandidate(null);
                  setChecked(false);
                  setMessage(null);
                  setProblem(null);
                }}
              >
                {s.publicKey ? t('handover.keys.manage') : t('handover.keys.add')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {service && (
        <div className="card" data-testid="key-editor">
          <h3>{t('handover.keys.editorTitle', { name: service.name })}</h3>
          <div className="actions">
            <label className="button button--secondary file-button">
              {t('handover.keys.openFile')}
              <input type="file" accept="application/json,.json,.txt" className="visually-hidden" data-action="key-file" onChange={(e) => {
                const input = e.target;
                void pick(input.files?.[0]).finally(() => (input.value = ''));
              }} />
            </label>
          </div>
          <QrScanner
            onCode={(text) => {
              if (!text.trim().startsWith('SK1.')) return false;
              void consider(text, 'QR');
              return true;
            }}
          />
          <div className="field">
            <label htmlFor={`${id}-paste`}>{t('handover.keys.paste')}</label>
            <textarea id={`${id}-paste`} value={pasted} autoComplete="off" spellCheck={false} autoCorrect="off" dir="ltr" onChange={(e) => setPasted(e.target.value)} />
            <button type="button" className="button button--secondary" disabled={!pasted.trim()} onClick={() => void consider(pasted, t('handover.keys.pasteSource'))}>
              {t('handover.keys.readPasted')}
            </button>
          </div>
          {shown && <KeyCheck key={shown.publicKey} candidate={shown} checked={checked} onChecked={setChecked} />}
          <div className="actions">
            {(candidate || (service.publicKey && !service.keyVerifiedAt)) && (
              <button type="button" className="button button--primary" data-action="save-key" disabled={!candidate && !checked} onClick={save}>
                {t('handover.keys.save')}
              </button>
            )}
            {service.publicKey && !candidate && (
              <button type="button" className="button button--secondary" onClick={removeKey}>
                {t('handover.keys.remove')}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function KeyCheck({ candidate, checked, onChecked }: { candidate: { publicKey: string; fingerprint: string | null; label: string | null }; checked: boolean; onChecked: (v: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [fingerprint, setFingerprint] = useState(candidate.fingerprint);
  useEffect(() => {
    if (!candidate.fingerprint) void fingerprintOf(candidate.publicKey).then(setFingerprint);
  }, [candidate]);
  return (
    <div className="key-check">
      {candidate.label && <p>{t('handover.keys.fileLabel', { label: candidate.label })}</p>}
      <p className="fingerprint-label">{t('handover.fingerprint')}</p>
      <p className="fingerprint" data-testid="candidate-fingerprint">
        <bdi dir="ltr">{fingerprint ?? candidate.fingerprint}</bdi>
      </p>
      <p>{t('handover.keys.howToCheck')}</p>
      <label className="radio" htmlFor={`${id}-checked`}>
        <input id={`${id}-checked`} type="checkbox" data-action="fingerprint-checked" checked={checked} onChange={(e) => onChecked(e.target.checked)} />
        {t('handover.keys.checkedByPhone')}
      </label>
    </div>
  );
}
