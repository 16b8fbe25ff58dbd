import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPassphrase, useNewPassphrase } from '../../components/new-passphrase';

/**
 * First use: the officer sets the tablet's passphrase, told plainly that it
 * cannot be recovered, with the rule in words, the strength as it is typed and
 * a show/hide toggle. Loaded only on first use: the strength check is large,
 * and the daily unlock screen does not need it.
 */
export function CreatePassphrase({ notice, onSubmit }: { notice?: string | null; onSubmit: (passphrase: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const chosen = useNewPassphrase();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const problem = await chosen.problem();
      if (problem) return setError(t(problem));
      await onSubmit(chosen.value.passphrase);
    } catch (failure) {
      setError(t('unlock.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page page--narrow">
      <h1>{t('unlock.createTitle')}</h1>
      <p className="notice" role="note">
        {t('unlock.createWarning')}
      </p>
      <form onSubmit={submit} className="form" aria-busy={busy}>
        <NewPassphrase state={chosen} label={t('unlock.passphrase')} confirmLabel={t('unlock.confirm')} autoFocus />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {notice && <p className="notice">{notice}</p>}
        {busy && <progress className="progress-bar" aria-label={t('unlock.working')} />}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('unlock.working') : t('unlock.create')}
        </button>
      </form>
    </div>
  );
}
