import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { parseNumber } from './numbers';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: number | null;
  /** The number typed, or null when the field is empty or holds no number. */
  onValue: (value: number | null) => void;
};

/**
 * A number field that accepts any digits (see numbers.ts). A text field with a
 * numeric keyboard, not type="number": the browser's number field throws away
 * what it cannot read, so an Arabic-Indic "١٦" would vanish without a word.
 */
export function NumberInput({ value, onValue, inputMode = 'numeric', ...rest }: Props) {
  const [draft, setDraft] = useState(value === null || Number.isNaN(value) ? '' : String(value));
  // A value changed from outside (a reset, a reload) replaces what is typed, unless it is the same number.
  useEffect(() => {
    setDraft((current) => (parseNumber(current) === value || (value !== null && Number.isNaN(value)) ? current : value === null ? '' : String(value)));
  }, [value]);
  return (
    <input
      {...rest}
      type="text"
      inputMode={inputMode}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(parseNumber(e.target.value));
      }}
    />
  );
}
