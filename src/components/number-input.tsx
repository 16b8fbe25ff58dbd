import { useEffect, useState } from 'react';
import { parseNumber } from './numbers';

interface Props {
  id: string;
  min?: number;
  max?: number;
  className?: string;
  value: number | null;
  /** The number typed, or null when the field is empty or holds no number. */
  onValue: (value: number | null) => void;
}

/**
 * A number field that accepts any digits (see numbers.ts). A text field with a
 * numeric keyboard, not type="number": the browser's number field throws away
 * what it cannot read, so an Arabic-Indic "١٦" would vanish without a word.
 * Explicit props, no spread: nothing may switch the browser's autofill back on.
 */
export function NumberInput({ id, min, max, className, value, onValue }: Props) {
  const [draft, setDraft] = useState(value === null || Number.isNaN(value) ? '' : String(value));
  // A value changed from outside (a reset, a reload) replaces what is typed, unless it is the same number.
  useEffect(() => {
    setDraft((current) => (parseNumber(current) === value || (value !== null && Number.isNaN(value)) ? current : value === null ? '' : String(value)));
  }, [value]);
  return (
    <input
      id={id}
      min={min}
      max={max}
      className={className}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      autoCorrect="off"
      autoCapitalize="off"
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(parseNumber(e.target.value));
      }}
    />
  );
}
