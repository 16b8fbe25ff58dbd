import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { minutesSeconds, PassphraseField } from '../../components/passphrase-field';

const CreatePassphrase = lazy(() => import('./create-passphrase').then((m) => ({ default: m.CreatePassphrase })));

interface Props {
  mode: 'create' | 'unlock';
  /** A message from the last attempt: attempts left before the wipe, or that the device was wiped. */
  notice?: string | null;
  /** After wrong passphrases: no attempt before this time (Date.now() scale). */
  retryAt?: number | null;
  /**
   * Resolves false for a wrong passphrase (or one refused because the wait is not
   * over). `startInterview`: the officer chose "unlock and start a new interview"
   * (straight to the first question).
   */
  onSubmit: (passphrase: string, startInterview?: boolean) => Promise<boolean>;
}

/** Seconds left until `at`, ticking each second; 0 once it has passed. */
function useSecondsUntil(at: number | null | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!at) return;
    const timer = setInterval(() => {
      const tick = Date.now();
      setNow(tick);
      if (tick >= at) clearInterval(timer);
    }, 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return at ? Math.max(0, Math.ceil((at - now) / 1_000)) : 0;
}

/**
 * First use: the officer sets a passphrase (create-passphrase.tsx). Afterwards:
 * the passphrase unlocks the device, with a countdown after wrong ones. Nothing
 * on this screen says what the app is for: it is what someone glancing at a
 * locked tablet sees.
 */
export function UnlockScreen({ mode, notice, retryAt, onSubmit }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useSecondsUntil(retryAt);
  // "Unlock and start" submits the same form with this flag set; it is not a second
  // submit button, so Enter and "the" submit button stay plain unlock.
  const startRef = useRef(false);

  if (mode === 'create') {
    return (
      <Suspense
        fallback={
          <div className="page page--narrow">
            <h1>{t('unlock.createTitle')}</h1>
          </div>
        }
      >
        <CreatePassphrase notice={notice} onSubmit={onSubmit} />
      </Suspense>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startInterview = startRef.current;
    startRef.current = false;
    setError(null);
    if (wait > 0) return;
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
      <h1>{t('unlock.title')}</h1>
      <p>{t('unlock.intro')}</p>
      <form onSubmit={submit} className="form" aria-busy={busy}>
        <PassphraseField label={t('unlock.passphrase')} value={passphrase} onChange={setPassphrase} invalid={error !== null} autoFocus />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {wait > 0 && (
          <p role="alert" className="error" data-testid="unlock-wait">
            {t('passphrase.wait')}{' '}
            <span role="timer" aria-live="off">
              {minutesSeconds(wait)}
            </span>
          </p>
        )}
        {notice && <p className="notice">{notice}</p>}
        {busy && <progress className="progress-bar" aria-label={t('unlock.working')} />}
        <button type="submit" className="button button--primary" disabled={busy || wait > 0}>
          {busy ? t('unlock.working') : t('unlock.unlock')}
        </button>
        {!busy && (
          <button
            type="button"
            className="button button--secondary"
            data-action="unlock-and-start"
            disabled={wait > 0}
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
