import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allQuestionnaires } from '../../content/questionnaires';
import { checkFileSize } from '../../content/import-check';
import { applyRestore, MAX_BACKUP_BYTES, openForRestore, planRestore, type CaseSide, type CaseStore, type ConflictChoice, type OpenedBackup, type RestorePlan } from '../../storage';
import { describeImportError, isolate } from '../../components/import-error';
import { FileButton } from '../../components/file-button';
import { SectionNote, type Note } from './section-note';

/** Conflicts listed one by one; beyond this, the choice for every case applies. */
const LISTED = 200;
const CHOICES: ConflictChoice[] = ['device', 'file', 'both'];

type Step = { name: 'idle' } | { name: 'checking'; done: number; total: number } | { name: 'plan'; plan: RestorePlan; file: string } | { name: 'writing'; done: number; total: number };

/**
 * Restoring a backup: the file is opened and checked whole, then compared with
 * this tablet; cases that differ are listed and the officer chooses which copy
 * to keep, case by case. Nothing is written before that choice.
 */
export function RestoreSection({ store, id, note, say }: { store: CaseStore; id: string; note: Note | null; say: (note: Note | null) => void }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [all, setAll] = useState<ConflictChoice>('device');
  const group = useId();
  // The opened file's cases, decrypted (in the restore worker): forgotten when this
  // section goes (lock, leaving settings) before they are written.
  const opened = useRef<OpenedBackup | null>(null);
  const opening = useRef<AbortController | null>(null);
  const forget = () => {
    opening.current?.abort();
    opening.current = null;
    opened.current?.close();
    opened.current = null;
  };
  useEffect(() => forget, []);

  const refuse = (error: unknown, name: string) => {
    setStep({ name: 'idle' });
    say({ at: 'restore', kind: 'alert', text: t('restore.refused', { reason: describeImportError(t, error, name) }) });
  };

  async function check(event: FormEvent) {
    event.preventDefault();
    say(null);
    if (!file) return say({ at: 'restore', kind: 'alert', text: t('restore.chooseFile') });
    setStep({ name: 'checking', done: 0, total: 1 });
    try {
      checkFileSize(file, MAX_BACKUP_BYTES);
      const known = allQuestionnaires().map((q): [string, number] => [q.id, q.version]);
      forget();
      const controller = (opening.current = new AbortController());
      opened.current = await openForRestore(store, file, passphrase, { known, signal: controller.signal, onProgress: (done, total) => setStep({ name: 'checking', done, total }) });
      opening.current = null;
      const plan = await planRestore(store, opened.current, { file: file.name });
      setPassphrase('');
      if (plan.conflicts.length === 0) return void (await write(plan, {}));
      setChoices({});
      setAll('device');
      setStep({ name: 'plan', plan, file: file.name });
    } catch (error) {
      forget();
      refuse(error, file.name);
    }
  }

  async function write(plan: RestorePlan, chosen: Record<string, ConflictChoice>) {
    say(null);
    setStep({ name: 'writing', done: 0, total: 1 });
    try {
      const report = await applyRestore(store, plan, chosen, (done, total) => setStep({ name: 'writing', done, total }));
      opened.current = null;
      setStep({ name: 'idle' });
      setFile(null);
      say({ at: 'restore', kind: 'status', text: t('restore.report', { ...report }) });
    } catch {
      forget();
      setStep({ name: 'idle' });
      say({ at: 'restore', kind: 'alert', text: t('restore.writeFailed') });
    }
  }

  const date = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-MA' : i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const describe = (side: CaseSide) =>
    [
      t('restore.changed', { date: date.format(side.updatedAt) }),
      t(`cases.statuses.${side.status}`),
      side.outcome ? t(`outcome.${side.outcome}.title`) : null,
      t('restore.answered', { count: side.answered }),
      side.place,
      side.referral ? t('cases.referredTo', { service: side.referral.serviceName, status: t(`summary.statuses.${side.referral.status}`) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');

  const busy = step.name === 'checking' || step.name === 'writing';
  return (
    <section className="card settings-section" id={`${id}-restore`} aria-labelledby={`${id}-restore-title`} data-section="restore">
      <h2 id={`${id}-restore-title`} tabIndex={-1}>{t('restore.restoreTitle')}</h2>
      <p>{t('restore.restoreIntro')}</p>
      {step.name !== 'plan' && (
        <form onSubmit={check} className="form" aria-busy={busy}>
          <span className="field-label">{t('restore.file')}</span>
          <div className="actions">
            <FileButton label={t('restore.chooseFileButton')} accept=".bin,.json,application/octet-stream,application/json" action="restore-file" onFiles={(files) => setFile(files[0] ?? null)} />
            <span className="muted" dir="auto" data-testid="restore-file-name">
              {file ? isolate(file.name) : t('restore.noFile')}
            </span>
          </div>
          <label htmlFor={`${id}-restore-pass`}>{t('restore.filePassphrase')}</label>
          <input id={`${id}-restore-pass`} type="password" autoComplete="off" spellCheck={false} autoCorrect="off" autoCapitalize="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
          <button type="submit" className="button button--secondary" data-action="restore" disabled={busy}>
            {t('restore.check')}
          </button>
        </form>
      )}
      {busy && (
        <div role="status" className="restore-progress">
          <progress max={step.total || 1} value={step.done} aria-labelledby={`${id}-restore-step`} />
          <span id={`${id}-restore-step`}>{step.name === 'checking' ? t('restore.checking', { percent: Math.round((100 * step.done) / (step.total || 1)) }) : t('restore.writing', { done: step.done, total: step.total })}</span>
        </div>
      )}
      {step.name === 'plan' && (
        <div className="restore-plan" data-step="restore-plan">
          <h3>{t('restore.planTitle', { file: isolate(step.file) })}</h3>
          <ul className="plain-list">
            <li>{t('restore.planNew', { count: step.plan.fresh.length })}</li>
            <li>{t('restore.planSame', { count: step.plan.same })}</li>
            <li>
              <strong>{t('restore.planConflicts', { count: step.plan.conflicts.length })}</strong>
            </li>
          </ul>
          <p>{t('restore.conflictIntro')}</p>
          <div className="field">
            <label htmlFor={`${group}-all`}>{t('restore.chooseAll')}</label>
            <select
              id={`${group}-all`}
              value={all}
              onChange={(e) => {
                setAll(e.target.value as ConflictChoice);
                setChoices({});
              }}
            >
              {CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`restore.choice.${choice}`)}
                </option>
              ))}
            </select>
          </div>
          <ul className="conflict-list">
            {step.plan.conflicts.slice(0, LISTED).map((conflict) => (
              <li key={conflict.id} className="conflict" data-conflict={conflict.reference}>
                <fieldset className="radio-group">
                  <legend dir="ltr">{conflict.reference}</legend>
                  <dl className="conflict__sides">
                    <dt>{t('restore.deviceCopy')}</dt>
                    <dd>{describe(conflict.device)}</dd>
                    <dt>{t('restore.fileCopy')}</dt>
                    <dd>{describe(conflict.file)}</dd>
                  </dl>
                  {CHOICES.map((choice) => (
                    <label key={choice} className="radio">
                      <input type="radio" name={`${group}-${conflict.id}`} value={choice} checked={(choices[conflict.id] ?? all) === choice} onChange={() => setChoices((c) => ({ ...c, [conflict.id]: choice }))} />
                      {t(`restore.choice.${choice}`)}
                    </label>
                  ))}
                </fieldset>
              </li>
            ))}
          </ul>
          {step.plan.conflicts.length > LISTED && <p className="muted">{t('restore.moreFollowAll', { count: step.plan.conflicts.length - LISTED })}</p>}
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              data-action="restore-apply"
              onClick={() => void write(step.plan, Object.fromEntries(step.plan.conflicts.map((c) => [c.id, choices[c.id] ?? all])))}
            >
              {t('restore.apply')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-action="restore-cancel"
              onClick={() => {
                forget();
                setStep({ name: 'idle' });
                setFile(null);
                say({ at: 'restore', kind: 'status', text: t('restore.cancelled') });
              }}
            >
              {t('restore.cancel')}
            </button>
          </div>
        </div>
      )}
      <SectionNote note={note} at="restore" />
    </section>
  );
}
