/**
 * Choosing a passphrase — the tablet's on first use, a new one in Settings, a
 * backup file's: the rule in words before anything is typed, the field and its
 * show/hide toggle, the strength once something is typed (never a verdict on an
 * empty field), and the passphrase typed twice.
 *
 * Passphrase fields are never offered to a password manager or to the
 * keyboard's memory: autocomplete off (not "new-password", which invites the
 * browser to save and sync it), no name, no spell check, no autocorrect, no
 * automatic capitals (which would also change what is typed).
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ShowToggle } from './passphrase-field';
import { judgePassphrase, loadEstimator, type Estimator, type PassphraseReason, type PassphraseVerdict } from './passphrase-strength';

export type PassphraseProblem = 'passphrase.mismatch' | 'passphrase.checkUnavailable' | `passphrase.reasons.${PassphraseReason}`;

export interface NewPassphraseValue {
  passphrase: string;
  confirmation: string;
}

export interface NewPassphraseState {
  value: NewPassphraseValue;
  setValue: (value: NewPassphraseValue) => void;
  /** Null until something is typed (and while the estimator loads). */
  verdict: PassphraseVerdict | null;
  /** What to tell the officer on submit (a translation key), or null when the pair is accepted. */
  problem: () => Promise<PassphraseProblem | null>;
  reset: () => void;
}

/** The state of a NewPassphrase; `userInputs` are more words an attacker would try (the officer's name...). */
export function useNewPassphrase(userInputs: string[] = []): NewPassphraseState {
  const [value, setValue] = useState<NewPassphraseValue>({ passphrase: '', confirmation: '' });
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  const inputs = JSON.stringify(userInputs);
  useEffect(() => {
    let live = true;
    // Loaded with this component, so it is ready by the time the officer has typed.
    loadEstimator().then(
      (loaded) => live && setEstimator(() => loaded),
      () => undefined, // problem() says so on submit
    );
    return () => {
      live = false;
    };
  }, []);
  const verdict = useMemo(
    () => (estimator && value.passphrase.length > 0 ? judgePassphrase(estimator, value.passphrase, JSON.parse(inputs) as string[]) : null),
    [estimator, value.passphrase, inputs],
  );
  const problem = useCallback(async (): Promise<PassphraseProblem | null> => {
    let loaded: Estimator;
    try {
      loaded = estimator ?? (await loadEstimator());
    } catch {
      // Fail closed: never accept a passphrase that could not be checked.
      return 'passphrase.checkUnavailable';
    }
    const judged = judgePassphrase(loaded, value.passphrase, JSON.parse(inputs) as string[]);
    const [reason] = judged.reasons;
    if (reason) return `passphrase.reasons.${reason}`;
    if (value.passphrase !== value.confirmation) return 'passphrase.mismatch';
    return null;
  }, [estimator, value, inputs]);
  const reset = useCallback(() => setValue({ passphrase: '', confirmation: '' }), []);
  return { value, setValue, verdict, problem, reset };
}

/** The new passphrase, its strength, the toggle and the confirmation. */
export function NewPassphrase({ state, label, confirmLabel, autoFocus }: { state: NewPassphraseState; label: string; confirmLabel: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const { value, setValue, verdict } = state;
  const level = verdict === null ? null : !verdict.acceptable ? 'weak' : verdict.score >= 4 ? 'strong' : 'acceptable';
  const field = (which: keyof NewPassphraseValue, extra: { autoFocus?: boolean; describedBy?: string }) => (
    <input
      id={`${id}-${which}`}
      type={shown ? 'text' : 'password'}
      autoComplete="off"
      spellCheck={false}
      autoCorrect="off"
      autoCapitalize="off"
      value={value[which]}
      onChange={(e) => setValue({ ...value, [which]: e.target.value })}
      aria-describedby={extra.describedBy}
      required
      autoFocus={extra.autoFocus}
      data-field={which}
    />
  );
  return (
    <div className="new-passphrase">
      <p id={`${id}-rule`} className="new-passphrase__rule">
        {t('passphrase.rule')}
      </p>
      <label htmlFor={`${id}-passphrase`}>{label}</label>
      <div className="passphrase-field">
        {field('passphrase', { autoFocus, describedBy: `${id}-rule ${id}-verdict` })}
        <ShowToggle shown={shown} onToggle={() => setShown((s) => !s)} controls={`${id}-passphrase ${id}-confirmation`} />
      </div>
      {/* Polite and empty until something is typed: no verdict on an empty field. */}
      <div id={`${id}-verdict`} className={level ? `strength strength--${level}` : 'strength'} aria-live="polite" data-testid="passphrase-verdict">
        {verdict && level && (
          <>
            <p>{t('passphrase.strength', { level: t(`passphrase.levels.${level}`) })}</p>
            {verdict.reasons.length > 0 && (
              <ul>
                {verdict.reasons.map((reason) => (
                  <li key={reason}>{t(`passphrase.reasons.${reason}`)}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <label htmlFor={`${id}-confirmation`}>{confirmLabel}</label>
      {field('confirmation', {})}
    </div>
  );
}
