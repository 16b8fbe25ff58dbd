import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPolicy, POLICY_LIMITS, storageStatus, wipeWithPassphrase, type AuditEntry, type CaseStore, type ChainCheck, type DevicePolicy, type Officer, type StorageStatus } from '../../storage';
import { DECISION_ORGS } from '../../content/htcds';
import { NumberInput } from '../../components/number-input';
import { toAsciiDigits } from '../../components/numbers';
import { ChangePassphrase } from './change-passphrase';
import { BackupSection } from './backup-section';
import { RestoreSection } from './restore-section';
import { SectionNote, type Note, type SettingsSection } from './section-note';

interface Props {
  store: CaseStore;
  hasPin: boolean;
  onPin: (pin: string | null) => Promise<void>;
  onPolicy: (policy: DevicePolicy) => void;
  onWiped: () => void;
  onHome: () => void;
}

/** The audit entries shown: the latest ones (the integrity check still covers the whole log). */
const AUDIT_SHOWN = 200;

/**
 * Settings in sections, each with its own heading and its own message beside
 * its button: the officer and the shift PIN; the tablet's rules; making a
 * backup; restoring one (apart, below a separator); the audit log; erasing.
 */
export function SettingsScreen({ store, hasPin, onPin, onPolicy, onWiped, onHome }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [officer, setOfficerState] = useState<Officer>({ name: '', service: '', orgType: 'Other' });
  const officerTyped = useRef(false);
  const typeOfficer = (next: Officer) => {
    officerTyped.current = true;
    setOfficerState(next);
  };
  const [policy, setPolicy] = useState<DevicePolicy | null>(null);
  const [log, setLog] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<ChainCheck | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [pin, setPinValue] = useState('');
  const [wipePassphrase, setWipePassphrase] = useState('');
  const [storage, setStorage] = useState<StorageStatus | null>(null);

  useEffect(() => {
    let cancelled = false;
    void storageStatus().then((status) => !cancelled && setStorage(status));
    // Each part is drawn as soon as it is read: checking the audit chain takes longest and
    // must not hold back the officer's name — nor overwrite what the officer already typed.
    void store.officer().then((o) => !cancelled && o && !officerTyped.current && setOfficerState(o));
    void store.policy().then((p) => !cancelled && setPolicy(p));
    void store.auditLog(AUDIT_SHOWN).then((l) => !cancelled && setLog(l));
    void store.verifyAudit().then((c) => !cancelled && setChain(c));
    return () => {
      cancelled = true;
    };
  }, [store]);

  const date = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-MA' : i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const say = (at: SettingsSection, kind: Note['kind'], text: string) => setNote({ at, kind, text });

  async function saveOfficer(event: FormEvent) {
    event.preventDefault();
    setNote(null);
    await store.setOfficer({ name: officer.name.trim(), service: officer.service.trim(), orgType: officer.orgType ?? 'Other' });
    say('officer', 'status', t('settings.saved'));
  }

  async function savePolicy(event: FormEvent) {
    event.preventDefault();
    setNote(null);
    if (!policy) return;
    if (checkPolicy(policy)) return say('policy', 'alert', t('settings.invalidPolicy'));
    await store.setPolicy(policy);
    onPolicy(policy);
    say('policy', 'status', t('settings.saved'));
  }

  async function savePin(event: FormEvent) {
    event.preventDefault();
    setNote(null);
    if (!/^\d{4,8}$/.test(pin)) return say('pin', 'alert', t('settings.pinInvalid'));
    await onPin(pin);
    setPinValue('');
    say('pin', 'status', t('settings.pinSet'));
  }

  async function wipe(event: FormEvent) {
    event.preventDefault();
    setNote(null);
    // The passphrase is the confirmation: nothing else can start an erase.
    if (await wipeWithPassphrase(wipePassphrase)) onWiped();
    else say('wipe', 'alert', t('unlock.wrong'));
  }

  const number = (key: keyof DevicePolicy) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`settings.policy.${key}`)}</label>
      <NumberInput
        id={`${id}-${key}`}
        min={POLICY_LIMITS[key].min}
        max={POLICY_LIMITS[key].max}
        value={policy?.[key] ?? null}
        // No number typed reads as NaN, which the policy check refuses with the field's range.
        onValue={(n) => policy && setPolicy({ ...policy, [key]: n ?? Number.NaN })}
      />
    </div>
  );

  const sections: [string, string][] = [
    ['officer', t('settingsPage.officerAndPin')],
    ['passphrase', t('changePassphrase.title')],
    ['policy', t('settings.policyTitle')],
    ['backup', t('settingsPage.backupAndRestore')],
    ['audit', t('settings.auditTitle')],
    ['wipe', t('settings.wipeTitle')],
  ];

  return (
    // Typing anywhere starts something new: the last message goes.
    <div className="page settings" onChangeCapture={() => note && setNote(null)}>
      <h1>{t('settings.title')}</h1>
      <nav aria-label={t('settingsPage.sections')} className="settings-nav">
        <ul>
          {sections.map(([key, label]) => (
            <li key={key}>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  // Scrolled to in place: no fragment in the address, no history entry.
                  const target = document.getElementById(`${id}-${key}`);
                  target?.scrollIntoView({ block: 'start' });
                  target?.querySelector<HTMLElement>('h2')?.focus();
                }}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <section className="card settings-section" id={`${id}-officer`} aria-labelledby={`${id}-officer-title`} data-section="officer">
        <h2 id={`${id}-officer-title`} tabIndex={-1}>{t('settingsPage.officerAndPin')}</h2>
        <h3>{t('settings.officerTitle')}</h3>
        <form onSubmit={saveOfficer} className="form">
          <label htmlFor={`${id}-name`}>{t('settings.officerName')}</label>
          <input id={`${id}-name`} value={officer.name} onChange={(e) => typeOfficer({ ...officer, name: e.target.value })} maxLength={80} autoComplete="off" spellCheck={false} autoCorrect="off" />
          <label htmlFor={`${id}-service`}>{t('settings.officerService')}</label>
          <input id={`${id}-service`} value={officer.service} onChange={(e) => typeOfficer({ ...officer, service: e.target.value })} maxLength={120} autoComplete="off" spellCheck={false} autoCorrect="off" />
          <label htmlFor={`${id}-org`}>{t('settings.orgType')}</label>
          <select id={`${id}-org`} value={officer.orgType ?? 'Other'} onChange={(e) => typeOfficer({ ...officer, orgType: e.target.value as Officer['orgType'] })}>
            {DECISION_ORGS.map((org) => (
              <option key={org} value={org}>
                {t(`settings.orgTypes.${org}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--primary" data-action="save-officer">
            {t('settings.save')}
          </button>
          <SectionNote note={note} at="officer" />
        </form>

        <h3 id={`${id}-pin`}>{t('settings.pinTitle')}</h3>
        <p>{t('settings.pinIntro')}</p>
        <form onSubmit={savePin} className="form" aria-labelledby={`${id}-pin`}>
          <label htmlFor={`${id}-pinvalue`}>{t('pin.label')}</label>
          <input spellCheck={false} autoCorrect="off" autoCapitalize="off" id={`${id}-pinvalue`} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPinValue(toAsciiDigits(e.target.value).replace(/\D/g, ''))} maxLength={8} />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('settings.pinSave')}
            </button>
            {hasPin && (
              <button type="button" className="button button--secondary" onClick={() => void onPin(null).then(() => say('pin', 'status', t('settings.pinCleared')))}>
                {t('settings.pinClear')}
              </button>
            )}
          </div>
          <SectionNote note={note} at="pin" />
        </form>
      </section>

      <div id={`${id}-passphrase`}>
        <ChangePassphrase store={store} />
      </div>

      <section className="card settings-section" id={`${id}-policy`} aria-labelledby={`${id}-policy-title`} data-section="policy">
        <h2 id={`${id}-policy-title`} tabIndex={-1}>{t('settings.policyTitle')}</h2>
        <form onSubmit={savePolicy} className="form">
          {number('autoLockMinutes')}
          {number('hiddenGraceSeconds')}
          {number('wipeAfterFailures')}
          {number('retentionDays')}
          {number('backupReminderDays')}
          <button type="submit" className="button button--primary" data-action="save-policy">
            {t('settings.save')}
          </button>
          <SectionNote note={note} at="policy" />
        </form>
        <h3>{t('storageInfo.title')}</h3>
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

      <div id={`${id}-backup`} className="settings-group">
        <BackupSection store={store} id={id} note={note} say={setNote} />
        <hr className="settings-separator" />
        <RestoreSection store={store} id={id} note={note} say={setNote} />
      </div>

      <section className="card settings-section" id={`${id}-audit`} aria-labelledby={`${id}-audit-title`} data-section="audit">
        <h2 id={`${id}-audit-title`} tabIndex={-1}>{t('settings.auditTitle')}</h2>
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
            {log.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.at === null ? '—' : date.format(entry.at)}</td>
                <td>{t(`settings.actions.${entry.action}`)}</td>
                <td>{entry.officer ?? '—'}</td>
                <td dir="ltr">{entry.subject ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card card--danger settings-section" id={`${id}-wipe`} aria-labelledby={`${id}-wipe-title`} data-section="wipe">
        <h2 id={`${id}-wipe-title`} tabIndex={-1}>{t('settings.wipeTitle')}</h2>
        <p>{t('settings.wipeIntro')}</p>
        <form onSubmit={wipe} className="form">
          <label htmlFor={`${id}-wipepass`}>{t('unlock.passphrase')}</label>
          <input id={`${id}-wipepass`} type="password" autoComplete="off" spellCheck={false} autoCorrect="off" autoCapitalize="off" value={wipePassphrase} onChange={(e) => setWipePassphrase(e.target.value)} required />
          <button type="submit" className="button button--danger" data-action="wipe">
            {t('settings.wipe')}
          </button>
          <SectionNote note={note} at="wipe" />
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
