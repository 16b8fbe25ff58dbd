import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassphrase, type CaseStore } from '../../storage';
import { NewPassphrase, useNewPassphrase } from '../../components/new-passphrase';
import { minutesSeconds, PassphraseField } from '../../components/passphrase-field';
import { OutcomeMessages } from '../../components/outcome-messages';

/**
 * Settings → change the passphrase: the current one, the new one twice (same
 * rule as on first use). The same data key is wrapped again; nothing else is
 * re-encrypted, the session goes on. Its messages stay beside it.
 */
export function ChangePassphrase({ store }: { store: CaseStore }) {
  const { t } = useTranslation();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [officerWords, setOfficerWords] = useState<string[]>([]);
  const chosen = useNewPassphrase(officerWords);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The officer's name and service are words someone guessing would try first.
  useEffect(() => {
    let live = true;
    void store.officer().then((officer) => live && officer && setOfficerWords([officer.name, officer.service]));
    return () => {
      live = false;
    };
  }, [store]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    setProblem(null);
    setBusy(true);
    try {
      const refused = await chosen.problem();
      if (refused) return setProblem(t(refused));
      if (chosen.value.passphrase === current) return setProblem(t('changePassphrase.same'));
      const result = await changePassphrase(store, current, chosen.value.passphrase);
      if (result.changed) {
        setCurrent('');
        chosen.reset();
        setMessage(t('changePassphrase.done'));
      } else if (result.tooSoon) {
        setProblem(`${t('passphrase.wait')} ${minutesSeconds(Math.max(0, Math.ceil(((result.retryAt ?? Date.now()) - Date.now()) / 1_000)))}`);
      } else {
        setCurrent('');
        setProblem(t('changePassphrase.wrong'));
      }
    } catch (failure) {
      setProblem(t('unlock.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} data-section="change-passphrase">
      <h2 id={`${id}-title`} tabIndex={-1}>{t('changePassphrase.title')}</h2>
      <p>{t('changePassphrase.intro')}</p>
      <form onSubmit={submit} className="form" aria-busy={busy}>
        <PassphraseField label={t('changePassphrase.current')} value={current} onChange={setCurrent} />
        <NewPassphrase state={chosen} label={t('changePassphrase.next')} confirmLabel={t('changePassphrase.confirm')} />
        <OutcomeMessages message={message} problem={problem} />
        <button type="submit" className="button button--primary" data-action="change-passphrase" disabled={busy}>
          {busy ? t('changePassphrase.working') : t('changePassphrase.submit')}
        </button>
      </form>
    </section>
  );
}
