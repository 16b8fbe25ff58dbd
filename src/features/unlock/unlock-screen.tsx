import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAcceptable, passphraseStrength } from './passphrase-strength';

interface Props {
  mode: 'create' | 'unlock';
  /** A message from the last attempt: attempts left before the wipe, or that the device was wiped. */
  notice?: string | null;
  /**
   * Resolves false for a wrong passphrase. `startInterview`: the officer chose
   * "unlock and start a new interview" (straight to the first question).
   */
  onSubmit: (passphrase: string, startInterview: boolean) => Promise<boolean>;
}

/**
 * First use: the officer sets a passphrase, told plainly that it cannot be
 * recovered. Afterwards: the passphrase unlocks the device's cases.
 */
export function UnlockScreen({ mode, notice, onSubmit }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const strength = passphraseStrength(passphrase);

  // "Unlock and start" submits the same form (required field, checks) with this flag set;
  // it is not a second submit button, so Enter and "the" submit button stay plain unlock.
  const startRef = useRef(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const startInterview = startRef.current;
    startRef.current = false;
    setError(null);
    if (mode === 'create') {
      if (!isAcceptable(passphrase)) return setError(t('unlock.tooShort'));
      if (passphrase !== confirmation) return setError(t('unlock.mismatch'));
    }
    setBusy(true);
    try {
      const ok = await onSubmit(passphrase, startInterview);
      if (!ok) {
        setError(t('unlock.wrong'));
        setPassphrase('');
      }
    } catch (failure) {
      setError(t('unlock.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page page--narrow">
      <h1>{mode === 'create' ? t('unlock.createTitle') : t('unlock.title')}</h1>
      {mode === 'create' ? (
        <p className="notice" role="note">
          {t('unlock.createWarning')}
        </p>
      ) : (
        <p>{t('unlock.intro')}</p>
      )}
      <form onSubmit={submit} className="form" aria-busy={busy}>
        <label htmlFor={`${id}-pass`}>{t('unlock.passphrase')}</label>
        <input
          id={`${id}-pass`}
          type="password"
          autoComplete={mode === 'create' ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-describedby={mode === 'create' ? `${id}-strength` : undefined}
          aria-invalid={error !== null}
          required
          autoFocus
        />
        {mode === 'create' && (
          <>
            <p id={`${id}-strength`} className={`strength strength--${strength}`} aria-live="polite">
              {t('unlock.strength')}: {t(`unlock.strengths.${strength}`)}
            </p>
            <label htmlFor={`${id}-confirm`}>{t('unlock.confirm')}</label>
            <input id={`${id}-confirm`} type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} required />
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {notice && <p className="notice">{notice}</p>}
        {busy && <progress className="progress-bar" aria-label={t('unlock.working')} />}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('unlock.working') : mode === 'create' ? t('unlock.create') : t('unlock.unlock')}
        </button>
        {mode === 'unlock' && !busy && (
          <button
            type="button"
            className="button button--secondary"
            data-action="unlock-and-start"
            onClick={(event) => {
              const form = event.currentTarget.form;
              if (!form?.reportValidity()) return;
              startRef.current = true;
              form.requestSubmit();
            }}
          >
            {t('quickStart.unlockAndStart')}
          </button>
        )}
      </form>
    </div>
  );
}
