import { useState } from 'react';

/**
 * A destructive action that asks once more before it acts: a tap by mistake on
 * a tablet must not delete anything.
 */
export function ConfirmButton({
  label,
  question: ask,
  yes,
  no,
  onConfirm,
  accessibleLabel,
}: {
  label: string;
  /** The question, or a function giving it: worked out only once asked (a list of rows need not translate each row's). */
  question: string | (() => string);
  yes: string;
  no: string;
  onConfirm: () => Promise<void> | void;
  accessibleLabel?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" aria-label={accessibleLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  const question = typeof ask === 'function' ? ask() : ask;
  return (
    <span role="group" aria-label={question} className="confirm">
      <span>{question}</span>
      <button type="button" className="button button--danger" onClick={() => void Promise.resolve(onConfirm()).finally(() => setAsking(false))}>
        {yes}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
        {no}
      </button>
    </span>
  );
}
