import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { exportCases, type CaseStore } from '../../storage';
import { downloadFile, neutralFileName } from '../../components/download';
import { NewPassphrase, useNewPassphrase } from '../../components/new-passphrase';
import { SectionNote, type Note } from './section-note';

/** Making a backup file: every real case, sealed under a passphrase chosen for the file. */
export function BackupSection({ store, id, note, say }: { store: CaseStore; id: string; note: Note | null; say: (note: Note | null) => void }) {
  const { t } = useTranslation();
  // A backup file travels: its passphrase follows the tablet's rule (strength, typed twice).
  const chosen = useNewPassphrase();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  async function backup(event: FormEvent) {
    event.preventDefault();
    say(null);
    const problem = await chosen.problem();
    if (problem) return say({ at: 'backup', kind: 'alert', text: t(problem) });
    setProgress({ done: 0, total: 0 });
    try {
      const file = await exportCases(store, chosen.value.passphrase, (done, total) => setProgress({ done, total }));
      downloadFile(neutralFileName('data', 'bin'), file, 'application/octet-stream');
      chosen.reset();
      say({ at: 'backup', kind: 'status', text: t('restore.created') });
    } catch {
      say({ at: 'backup', kind: 'alert', text: t('restore.createFailed') });
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className="card settings-section" id={`${id}-backup-section`} aria-labelledby={`${id}-backup-title`} data-section="backup">
      <h2 id={`${id}-backup-title`} tabIndex={-1}>{t('restore.createTitle')}</h2>
      <p>{t('restore.createIntro')}</p>
      <form onSubmit={backup} className="form" aria-busy={progress !== null}>
        <NewPassphrase state={chosen} label={t('restore.filePassphrase')} confirmLabel={t('passphrase.confirmFile')} />
        <button type="submit" className="button button--primary" data-action="backup" disabled={progress !== null}>
          {t('restore.create')}
        </button>
        {progress && (
          <p role="status" className="muted">
            {t('restore.sealing', { done: progress.done, total: progress.total })}
          </p>
        )}
        <SectionNote note={note} at="backup" />
      </form>
    </section>
  );
}
