import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DONT_KNOW, REFUSED, type AnswerValue, type LoadedQuestion, type QuestionnaireLocale } from '../../engine';

interface Props {
  question: LoadedQuestion;
  locale: QuestionnaireLocale;
  value: AnswerValue | undefined;
  onAnswer: (value: AnswerValue) => void;
  /** An emptied typed answer (a note, a country, an age) removes the stored one. */
  onClear?: () => void;
}

/** One question, large, with the answers every question accepts: "don't know" and "prefers not to answer". */
export function QuestionView({ question, locale, value, onAnswer, onClear }: Props) {
  const { t } = useTranslation();
  const text = locale.questions[question.id]!;
  const id = useId();
  const [showGuidance, setShowGuidance] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // A new question takes the focus, so a screen reader and the keyboard follow the interview.
  useEffect(() => {
    heading.current?.focus();
    setShowGuidance(false);
  }, [question.id]);

  const special = (
    <div className="answers answers--secondary" role="group" aria-label={t('interview.otherAnswers')}>
      {[DONT_KNOW, REFUSED].map((v) => (
        <button key={v} type="button" className="answer answer--quiet" data-value={v} aria-pressed={value === v} onClick={() => onAnswer(v)}>
          {t(`answer.${v as 'dont_know' | 'refused'}`)}
        </button>
      ))}
    </div>
  );

  return (
    <section className="question" aria-labelledby={`${id}-q`} data-question-id={question.id}>
      <h2 id={`${id}-q`} ref={heading} tabIndex={-1} className="question__text">
        {text.text}
      </h2>
      <button type="button" className="link-button" aria-expanded={showGuidance} aria-controls={`${id}-guidance`} onClick={() => setShowGuidance((s) => !s)}>
        {showGuidance ? t('interview.hideGuidance') : t('interview.showGuidance')}
      </button>
      <div id={`${id}-guidance`} className="guidance" hidden={!showGuidance}>
        {text.guidance}
      </div>
      <AnswerControls question={question} locale={locale} value={value} onAnswer={onAnswer} onClear={onClear} inputId={`${id}-input`} labelId={`${id}-q`} />
      {question.type !== 'text' && special}
      {question.type === 'text' && (
        <div className="answers answers--secondary">
          <button type="button" className="answer answer--quiet" data-value={REFUSED} aria-pressed={value === REFUSED} onClick={() => onAnswer(REFUSED)}>
            {t('answer.refused')}
          </button>
        </div>
      )}
    </section>
  );
}

function AnswerControls({ question, locale, value, onAnswer, onClear, inputId, labelId }: Props & { inputId: string; labelId: string }) {
  // Emptying a field the officer typed in erases the answer: a name typed by mistake must not stay in the record.
  const clear = () => {
    if (value !== undefined) onClear?.();
  };
  const { t } = useTranslation();
  const options = locale.questions[question.id]?.options ?? {};
  switch (question.type) {
    case 'yes_no':
      return (
        <div className="answers" role="group" aria-labelledby={labelId}>
          {(['yes', 'no'] as const).map((v) => (
            <button key={v} type="button" className="answer" data-value={v} aria-pressed={value === v} onClick={() => onAnswer(v)}>
              {t(`answer.${v}`)}
            </button>
          ))}
        </div>
      );
    case 'single':
      return (
        <div className="answers answers--list" role="group" aria-labelledby={labelId}>
          {question.options.map((o) => (
            <button key={o.value} type="button" className="answer" data-value={o.value} aria-pressed={value === o.value} onClick={() => onAnswer(o.value)}>
              {options[o.value]}
            </button>
          ))}
        </div>
      );
    case 'multiple': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="answers answers--list" role="group" aria-labelledby={labelId}>
          {question.options.map((o) => {
            const on = chosen.includes(o.value);
            const next = on ? chosen.filter((v) => v !== o.value) : o.value === 'none' ? ['none'] : [...chosen.filter((v) => v !== 'none'), o.value];
            return (
              <button key={o.value} type="button" className="answer answer--check" data-value={o.value} aria-pressed={on} onClick={() => onAnswer(next)}>
                {options[o.value]}
              </button>
            );
          })}
        </div>
      );
    }
    case 'number':
      return <FieldAnswer key={question.id} kind="number" inputId={inputId} value={typeof value === 'number' ? String(value) : ''} min={question.min} max={question.max} onAnswer={(v) => onAnswer(Number(v))} onClear={clear} />;
    case 'date':
      return <FieldAnswer key={question.id} kind="date" inputId={inputId} value={typeof value === 'string' && value !== DONT_KNOW && value !== REFUSED ? value : ''} onAnswer={onAnswer} onClear={clear} />;
    case 'text':
      return <FieldAnswer key={question.id} kind="text" inputId={inputId} value={typeof value === 'string' && value !== REFUSED ? value : ''} maxLength={question.maxLength} onAnswer={onAnswer} onClear={clear} />;
  }
}

interface FieldProps {
  kind: 'number' | 'date' | 'text';
  inputId: string;
  value: string;
  min?: number;
  max?: number;
  maxLength?: number;
  onAnswer: (value: string) => void;
  onClear: () => void;
}

/** Typed answers are saved as the officer types (a closed tab loses at most the last keystrokes). */
function FieldAnswer({ kind, inputId, value, min, max, maxLength, onAnswer, onClear }: FieldProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);

  function change(next: string) {
    setDraft(next);
    if (kind === 'number') {
      const n = Number(next);
      if (next.trim() === '') {
        setProblem(null);
        return onClear();
      }
      if (!Number.isFinite(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
        return setProblem(t('interview.numberRange', { min, max }));
      }
      setProblem(null);
      onAnswer(next);
    } else if (next.trim() === '') {
      onClear();
    } else {
      onAnswer(next);
    }
  }

  return (
    <div className="field">
      <label htmlFor={inputId} className="visually-hidden">
        {t('interview.yourAnswer')}
      </label>
      {kind === 'text' ? (
        <>
          <textarea id={inputId} value={draft} maxLength={maxLength} rows={4} onChange={(e) => change(e.target.value)} aria-describedby={`${inputId}-count`} />
          <p id={`${inputId}-count`} className="muted">
            {t('interview.characters', { count: draft.length, max: maxLength })}
          </p>
        </>
      ) : (
        <input
          id={inputId}
          type={kind === 'number' ? 'text' : 'date'}
          inputMode={kind === 'number' ? 'numeric' : undefined}
          value={draft}
          onChange={(e) => change(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${inputId}-problem` : undefined}
          className="input--large"
        />
      )}
      {problem && (
        <p id={`${inputId}-problem`} role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
