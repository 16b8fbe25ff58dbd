/**
 * A passphrase field with its show/hide toggle: a real button (aria-pressed,
 * 44 px and more), because a 12-character passphrase typed blind on a touch
 * keyboard goes wrong. Never offered to a password manager or to the
 * keyboard's memory (see new-passphrase.tsx). Small: it is on the first screen.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A wait in seconds as m:ss (the countdown after wrong passphrases). */
export const minutesSeconds = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** A passphrase field with its show/hide toggle (for unlocking and confirming). */
export function PassphraseField({
  label,
  value,
  onChange,
  autoFocus,
  describedBy,
  invalid,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="passphrase-field">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          autoCorrect="off"
          autoCapitalize="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          disabled={disabled}
          required
          autoFocus={autoFocus}
        />
        <ShowToggle shown={shown} onToggle={() => setShown((s) => !s)} controls={id} />
      </div>
    </>
  );
}

export function ShowToggle({ shown, onToggle, controls }: { shown: boolean; onToggle: () => void; controls: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--secondary passphrase-field__toggle" aria-pressed={shown} aria-controls={controls} onClick={onToggle}>
      {t('passphrase.show')}
    </button>
  );
}

