import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BackupError,
  checkPolicy,
  exportCases,
  POLICY_LIMITS,
  restoreCases,
  storageStatus,
  wipeWithPassphrase,
  type AuditEntry,
  type CaseStore,
  type ChainCheck,
  type DevicePolicy,
  type Officer,
  type StorageStatus,
} from '../../storage';
import { DECISION_ORGS } from '../../content/htcds';
import { downloadFile } from '../../components/download';
import { OutcomeMessages } from '../../components/outcome-messages';

interface Props {
  store: CaseStore;
  hasPin: boolean;
  onPin: (pin: string | null) => Promise<void>;
  onPolicy: (policy: DevicePolicy) => void;
  onWiped: () => void;
  onHome: () => void;
}

/** The officer, the device's rules, the shift PIN, the audit log and the wipe. */
export function SettingsScreen({ store, hasPin, onPin, onPolicy, onWiped, onHome }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [officer, setOfficer] = useState<Officer>({ name: '', service: '', orgType: 'Other' });
  const [policy, setPolicy] = useState<DevicePolicy | null>(null);
  const [log, setLog] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<ChainCheck | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pin, setPinValue] = useState('');
  const [wipePassphrase, setWipePassphrase] = useState('');
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState('');
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [backupBusy, setBackupBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void storageStatus().then((status) => !cancelled && setStorage(status));
    void Promise.all([store.officer(), store.policy(), store.auditLog(), store.verifyAudit()]).then(([o, p, l, c]) => {
      if (cancelled) return;
      if (o) setOfficer(o);
      setPolicy(p);
      setLog(l);
      setChain(c);
    });
    return () => {
      cancelled = true;
    };
  }, [store]);

  const date = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-MA' : i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  async function saveOfficer(event: FormEvent) {
    event.preventDefault();
    await store.setOfficer({ name: officer.name.trim(), service: officer.service.trim(), orgType: officer.orgType ?? 'Other' });
    setMessage(t('settings.saved'));
  }

  async function savePolicy(event: FormEvent) {
    event.preventDefault();
    if (!policy) return;
    const error = checkPolicy(policy);
    if (error) return setProblem(t('settings.invalidPolicy'));
    setProblem(null);
    await store.setPolicy(policy);
    onPolicy(policy);
    setMessage(t('settings.saved'));
  }

  async function savePin(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) return setProblem(t('settings.pinInvalid'));
    setProblem(null);
    await onPin(pin);
    setPinValue('');
    setMessage(t('settings.pinSet'));
  }

  async function backup(event: FormEvent) {
    event.preventDefault();
    if (backupPassphrase.trim().length < 12 && backupPassphrase.trim().split(/\s+/).length < 4) return setProblem(t('unlock.tooShort'));
    setProblem(null);
    setBackupBusy(true);
    try {
      const file = await exportCases(store, backupPassphrase);
      downloadFile(`sauvegarde-448-1-${new Date().toISOString().slice(0, 10)}.json`, file);
      setBackupPassphrase('');
      setMessage(t('backup.done'));
    } finally {
      setBackupBusy(false);
    }
  }

  async function restore(event: FormEvent) {
    event.preventDefault();
    if (!restoreFile) return setProblem(t('backup.chooseFile'));
    setProblem(null);
    setBackupBusy(true);
    try {
      const report = await restoreCases(store, await restoreFile.text(), restorePassphrase);
      setMessage(t('backup.restored', { added: report.added, updated: report.updated, unchanged: report.unchanged }));
      setRestorePassphrase('');
    } catch (error) {
      setProblem(error instanceof BackupError ? t('backup.refused', { reason: error.message }) : String(error));
    } finally {
      setBackupBusy(false);
    }
  }

  async function wipe(event: FormEvent) {
    event.preventDefault();
    // The passphrase is the confirmation: nothing else can start an erase.
    if (await wipeWithPassphrase(wipePassphrase)) onWiped();
    else setProblem(t('unlock.wrong'));
  }

  const number = (key: keyof DevicePolicy) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`settings.policy.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="numeric"
        min={POLICY_LIMITS[key].min}
        max={POLICY_LIMITS[key].max}
        value={policy?.[key] ?? ''}
        onChange={(e) => policy && setPolicy({ ...policy, [key]: Number(e.target.value) })}
      />
    </div>
  );

  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <OutcomeMessages message={message} problem={problem} />

      <section className="card" aria-labelledby={`${id}-officer`}>
        <h2 id={`${id}-officer`}>{t('settings.officerTitle')}</h2>
        <form onSubmit={saveOfficer} className="form">
          <label htmlFor={`${id}-name`}>{t('settings.officerName')}</label>
          <input id={`${id}-name`} value={officer.name} onChange={(e) => setOfficer({ ...officer, name: e.target.value })} maxLength={80} />
          <label htmlFor={`${id}-service`}>{t('settings.officerService')}</label>
          <input id={`${id}-service`} value={officer.service} onChange={(e) => setOfficer({ ...officer, service: e.target.value })} maxLength={120} />
          <label htmlFor={`${id}-org`}>{t('settings.orgType')}</label>
          <select id={`${id}-org`} value={officer.orgType ?? 'Other'} onChange={(e) => setOfficer({ ...officer, orgType: e.target.value as Officer['orgType'] })}>
            {DECISION_ORGS.map((org) => (
              <option key={org} value={org}>
                {t(`settings.orgTypes.${org}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--primary">
            {t('settings.save')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby={`${id}-policy`}>
        <h2 id={`${id}-policy`}>{t('settings.policyTitle')}</h2>
        <form onSubmit={savePolicy} className="form">
          {number('autoLockMinutes')}
          {number('hiddenGraceSeconds')}
          {number('wipeAfterFailures')}
          {number('retentionDays')}
          {number('backupReminderDays')}
          <button type="submit" className="button button--primary">
            {t('settings.save')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby={`${id}-pin`}>
        <h2 id={`${id}-pin`}>{t('settings.pinTitle')}</h2>
        <p>{t('settings.pinIntro')}</p>
        <form onSubmit={savePin} className="form">
          <label htmlFor={`${id}-pinvalue`}>{t('pin.label')}</label>
          <input id={`${id}-pinvalue`} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPinValue(e.target.value.replace(/\D/g, ''))} maxLength={8} />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('settings.pinSave')}
            </button>
            {hasPin && (
              <button type="button" className="button button--secondary" onClick={() => void onPin(null).then(() => setMessage(t('settings.pinCleared')))}>
                {t('settings.pinClear')}
              </button>
            )}
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby={`${id}-backup`}>
        <h2 id={`${id}-backup`}>{t('backup.title')}</h2>
        <p>{t('backup.intro')}</p>
        <form onSubmit={backup} className="form" aria-busy={backupBusy}>
          <label htmlFor={`${id}-backuppass`}>{t('backup.filePassphrase')}</label>
          <input id={`${id}-backuppass`} type="password" autoComplete="new-password" value={backupPassphrase} onChange={(e) => setBackupPassphrase(e.target.value)} required />
          <button type="submit" className="button button--primary" data-action="backup" disabled={backupBusy}>
            {t('backup.export')}
          </button>
        </form>
        <form onSubmit={restore} className="form" aria-busy={backupBusy}>
          <label htmlFor={`${id}-restorefile`}>{t('backup.file')}</label>
          <input id={`${id}-restorefile`} type="file" accept="application/json,.json" onChange={(e) => setRestoreFile(e.target.files?.[0] ?? null)} />
          <label htmlFor={`${id}-restorepass`}>{t('backup.filePassphrase')}</label>
          <input id={`${id}-restorepass`} type="password" autoComplete="off" value={restorePassphrase} onChange={(e) => setRestorePassphrase(e.target.value)} required />
          <button type="submit" className="button button--secondary" data-action="restore" disabled={backupBusy}>
            {t('backup.restore')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby={`${id}-storage`}>
        <h2 id={`${id}-storage`}>{t('storageInfo.title')}</h2>
        {storage && (
          <ul className="plain-list">
            <li>{storage.persisted === null ? t('storageInfo.persistUnknown') : storage.persisted ? t('storageInfo.persisted') : t('storageInfo.notPersisted')}</li>
            {storage.usage !== null && storage.quota !== null && (
              <li>{t('storageInfo.usage', { used: (storage.usage / 1e6).toFixed(1), free: ((storage.quota - storage.usage) / 1e6).toFixed(0) })}</li>
            )}
          </ul>
        )}
        <p>{t('storageInfo.install')}</p>
        <p className="muted">{t('storageInfo.build', { build: __APP_BUILD__ })}</p>
      </section>

      <section className="card" aria-labelledby={`${id}-audit`}>
        <h2 id={`${id}-audit`}>{t('settings.auditTitle')}</h2>
        {chain && (
          <p role="status" className={chain.intact ? 'status status--not_indicated' : 'error'}>
            {chain.intact ? t('settings.auditIntact') : t('settings.auditBroken', { seq: chain.brokenAt ?? '?' })}
          </p>
        )}
        <table className="elements-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.auditWhen')}</th>
              <th scope="col">{t('settings.auditWhat')}</th>
              <th scope="col">{t('settings.auditWho')}</th>
              <th scope="col">{t('settings.auditCase')}</th>
            </tr>
          </thead>
          <tbody>
            {log.slice(0, 200).map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.at === null ? "—" : date.format(entry.at)}</td>
                <td>{t(`settings.actions.${entry.action}`)}</td>
                <td>{entry.officer ?? '—'}</td>
                <td dir="ltr">{entry.subject ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card card--danger" aria-labelledby={`${id}-wipe`}>
        <h2 id={`${id}-wipe`}>{t('settings.wipeTitle')}</h2>
        <p>{t('settings.wipeIntro')}</p>
        <form onSubmit={wipe} className="form">
          <label htmlFor={`${id}-wipepass`}>{t('unlock.passphrase')}</label>
          <input id={`${id}-wipepass`} type="password" autoComplete="current-password" value={wipePassphrase} onChange={(e) => setWipePassphrase(e.target.value)} required />
          <button type="submit" className="button button--danger">
            {t('settings.wipe')}
          </button>
        </form>
      </section>

      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}
