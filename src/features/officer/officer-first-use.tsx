import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Officer } from '../../storage';

const ORG_TYPES: NonNullable<Officer['orgType']>[] = ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'];

interface Props {
  onSave: (officer: Officer) => Promise<void>;
}

/**
 * Right after the passphrase is set (and whenever no officer is named on the
 * tablet): who is screening. Each case records the officer who created it, so a
 * summary printed weeks later names the officer who did the interview, not
 * whoever is named in Settings that day.
 */
export function OfficerFirstUse({ onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [officer, setOfficer] = useState<Officer>({ name: '', service: '', orgType: 'Other' });
  const [missing, setMissing] = useState<'name' | 'service' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = officer.name.trim();
    const service = officer.service.trim();
    const gap = !name ? 'name' : !service ? 'service' : null;
    setMissing(gap);
    setError(null);
    if (gap) {
      document.getElementById(`${id}-${gap}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSave({ name, service, orgType: officer.orgType ?? 'Other' });
    } catch (failure) {
      setError(t('officer.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
      setBusy(false);
    }
  }

  // Typed on a shared tablet: the browser must neither remember nor suggest it.
  return (
    <div className="page page--narrow" data-first-use="officer">
      <h1>{t('officer.title')}</h1>
      <p>{t('officer.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={`${id}-name`}>{t('settings.officerName')}</label>
        <input
          id={`${id}-name`}
          value={officer.name}
          maxLength={80}
          required
          aria-invalid={missing === 'name'}
          aria-describedby={missing === 'name' ? `${id}-problem` : undefined}
          onChange={(e) => setOfficer({ ...officer, name: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          autoCorrect="off"
        />
        <label htmlFor={`${id}-service`}>{t('settings.officerService')}</label>
        <input
          id={`${id}-service`}
          value={officer.service}
          maxLength={120}
          required
          aria-invalid={missing === 'service'}
          aria-describedby={missing === 'service' ? `${id}-problem` : undefined}
          onChange={(e) => setOfficer({ ...officer, service: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          autoCorrect="off"
        />
        <label htmlFor={`${id}-org`}>{t('settings.orgType')}</label>
        <select id={`${id}-org`} value={officer.orgType ?? 'Other'} onChange={(e) => setOfficer({ ...officer, orgType: e.target.value as Officer['orgType'] })}>
          {ORG_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`settings.orgTypes.${type}`)}
            </option>
          ))}
        </select>
        {missing && (
          <p id={`${id}-problem`} role="alert" className="error">
            {t(missing === 'name' ? 'officer.nameMissing' : 'officer.serviceMissing')}
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <p className="muted">{t('officer.later')}</p>
        <div className="actions">
          <button type="submit" className="button button--primary" data-action="save-officer" disabled={busy}>
            {t('officer.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
