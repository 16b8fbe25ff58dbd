import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toAsciiDigits } from '../../components/numbers';

interface Props {
  failures: number;
  maxFailures: number;
  onSubmit: (pin: string) => Promise<void>;
  onUsePassphrase: () => void;
}

/** Re-unlock within a shift with the short PIN; the passphrase is always an alternative. */
export function PinScreen({ failures, maxFailures, onSubmit, onUsePassphrase }: Props) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await onSubmit(pin);
    setPin('');
  }
  return (
    <div className="page page--narrow">
      <h1>{t('pin.title')}</h1>
      <form onSubmit={submit} className="form">
        <label htmlFor={id}>{t('pin.label')}</label>
        <input spellCheck={false} autoCorrect="off" autoCapitalize="off" id={id} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(toAsciiDigits(e.target.value).replace(/\D/g, ''))} maxLength={8} autoFocus className="input--large" />
        {failures > 0 && (
          <p role="alert" className="error">
            {t('pin.wrong', { left: maxFailures - failures })}
          </p>
        )}
        <button type="submit" className="button button--primary">
          {t('unlock.unlock')}
        </button>
      </form>
      <button type="button" className="link-button" onClick={onUsePassphrase}>
        {t('pin.usePassphrase')}
      </button>
    </div>
  );
}
