import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { DONT_KNOW, questionText, REFUSED, type AnswerValue, type Language, type LoadedQuestion, type QuestionnaireLocale } from '../../engine';
import { parseNumber } from '../../components/numbers';

/** What a typed answer holds right now: the main button follows it (never "Skip" over an invalid number). */
export type DraftState = 'empty' | 'valid' | 'invalid';

/** The question and its answers in the person's language, for the "show to the person" view. */
export interface PersonText {
  language: Language;
  locale: QuestionnaireLocale;
  t: TFunction;
  /** The language's name in the officer's language. */
  name: string;
}

interface Props {
  question: LoadedQuestion;
  locale: QuestionnaireLocale;
  value: AnswerValue | undefined;
  /** Records an answer and stays (typing, ticking a multiple choice). */
  onAnswer: (value: AnswerValue) => void;
  /** One tap: records the answer and moves on (yes/no, single choice, "don't know", "prefers not to answer"). */
  onChoose?: (value: AnswerValue) => void;
  /** Which wording to show: a child's, or the third person's for information from someone else. */
  wording?: { child: boolean; thirdPerson: boolean };
  person?: PersonText | null;
  /** The question and answers shown to the person, in their language. */
  personView?: boolean;
  /** The question in the person's language under the officer's. */
  personInline?: boolean;
  onDraft?: (state: DraftState) => void;
  /** Inside the review: no heading of its own (the row names the question), labelled by `labelledBy`. */
  inline?: { labelledBy: string };
  /** An emptied typed answer (a note, a country, an age) removes the stored one. */
  onClear?: () => void;
}

const NO_WORDING = { child: false, thirdPerson: false };

/**
 * A finger's second tap of a double tap lands on the question that the first one
 * brought up: a touch that soon after the question appeared is not an answer.
 */
const TOUCH_SETTLE_MS = 400;
const direction = (language: Language) => (language === 'ar' ? 'rtl' : 'ltr');

/**
 * One question. A question for the person reads as speech ("Ask:"), the officer's
 * own check as a check ("Officer's check:", and no "don't know" on it); an
 * instruction to the officer stands apart from the question. The answers are
 * the strongest things on screen; "don't know" and "prefers not to answer" are
 * there but quieter.
 */
export function QuestionView({ question, locale, value, onAnswer, onChoose = onAnswer, wording = NO_WORDING, person, personView = false, personInline = false, onDraft, inline, onClear }: Props) {
  const { t } = useTranslation();
  const text = locale.questions[question.id]!;
  const id = useId();
  const [showGuidance, setShowGuidance] = useState(false);
  const focusTarget = useRef<HTMLElement | null>(null);
  const setFocusTarget = (element: HTMLElement | null) => {
    focusTarget.current = element;
  };
  const officer = question.audience === 'officer';
  const [shownAt] = useState(() => performance.now());
  const pointer = useRef('');
  const settled = () => pointer.current !== 'touch' || performance.now() - shownAt > TOUCH_SETTLE_MS;
  const choose = (v: AnswerValue) => settled() && onChoose(v);
  const tick = (v: AnswerValue) => settled() && onAnswer(v);
  // The person sees only what is theirs: an officer's check stays in the officer's view.
  const shown = personView && person && !officer ? person : null;
  const labelId = inline ? inline.labelledBy : `${id}-q`;

  // A new question takes the focus, so a screen reader and the keyboard follow the interview.
  useEffect(() => {
    focusTarget.current?.focus({ preventScroll: Boolean(inline) });
    setShowGuidance(false);
  }, [question.id, inline]);

  const specialValues = officer ? [] : question.type === 'text' ? [REFUSED] : [DONT_KNOW, REFUSED];
  const special = (labels: TFunction) =>
    specialValues.length > 0 && (
      <div className="answers answers--secondary" role="group" aria-label={t('interview.otherAnswers')}>
        {specialValues.map((v) => (
          <button key={v} type="button" className="answer answer--quiet" data-value={v} aria-pressed={value === v} onClick={() => choose(v)}>
            {labels(`answer.${v as 'dont_know' | 'refused'}`)}
          </button>
        ))}
      </div>
    );
  const controls = (labels: TFunction, options: QuestionnaireLocale) => (
    <AnswerControls
      question={question}
      options={options.questions[question.id]?.options ?? {}}
      labels={labels}
      value={value}
      onAnswer={onAnswer}
      onTick={tick}
      onChoose={choose}
      onDraft={onDraft}
      onClear={() => {
        if (value !== undefined) onClear?.();
      }}
      inputId={`${id}-input`}
      labelId={labelId}
    />
  );
  const kindLabel = <p className="question__kind">{officer ? t('conversation.officerCheck') : t('conversation.ask')}</p>;
  const instruction = text.instruction && (
    <p className="question__instruction">
      <strong>{t('conversation.instruction')}</strong> {text.instruction}
    </p>
  );
  const attributes = inline ? { 'data-edit-question-id': question.id } : { 'data-question-id': question.id };

  return (
    <section
      className={`question question--${officer ? 'officer' : 'person'}${inline ? ' question--inline' : ''}`}
      aria-labelledby={labelId}
      ref={inline ? setFocusTarget : undefined}
      tabIndex={inline ? -1 : undefined}
      onPointerDownCapture={(e) => {
        pointer.current = e.pointerType;
      }}
      {...attributes}
    >
      {!inline && kindLabel}
      {shown ? (
        <>
          <p className="muted">{t('conversation.person.shownIn', { language: shown.name })}</p>
          <div className="person-block" lang={shown.language} dir={direction(shown.language)}>
            <h2 id={`${id}-q`} ref={setFocusTarget} tabIndex={-1} className="question__text question__text--person">
              {questionText(shown.locale, question.id, wording)}
            </h2>
            {controls(shown.t, shown.locale)}
            {special(shown.t)}
          </div>
          <p className="question__officer-text">{t('conversation.person.officerText', { text: questionText(locale, question.id, wording) })}</p>
          {instruction}
        </>
      ) : (
        <>
          {!inline && (
            <h2 id={`${id}-q`} ref={setFocusTarget} tabIndex={-1} className="question__text">
              {questionText(locale, question.id, wording)}
            </h2>
          )}
          {!inline && personInline && person && !officer && (
            <p className="question__inline-person" lang={person.language} dir={direction(person.language)}>
              {questionText(person.locale, question.id, wording)}
            </p>
          )}
          {instruction}
          {controls(t, locale)}
          {special(t)}
        </>
      )}
      {!inline && (
        <>
          <button type="button" className="link-button" aria-expanded={showGuidance} aria-controls={`${id}-guidance`} onClick={() => setShowGuidance((s) => !s)}>
            {showGuidance ? t('interview.hideGuidance') : t('interview.showGuidance')}
          </button>
          <div id={`${id}-guidance`} className="guidance" hidden={!showGuidance}>
            {text.guidance}
          </div>
        </>
      )}
    </section>
  );
}

interface ControlProps {
  question: LoadedQuestion;
  options: Record<string, string>;
  labels: TFunction;
  value: AnswerValue | undefined;
  onAnswer: (value: AnswerValue) => void;
  /** A tick of a multiple choice. */
  onTick: (value: AnswerValue) => void;
  onChoose: (value: AnswerValue) => void;
  onDraft?: (state: DraftState) => void;
  /** Emptying a field the officer typed in erases the answer: a name typed by mistake must not stay in the record. */
  onClear: () => void;
  inputId: string;
  labelId: string;
}

function AnswerControls({ question, options, labels, value, onAnswer, onTick, onChoose, onDraft, onClear, inputId, labelId }: ControlProps) {
  switch (question.type) {
    case 'yes_no':
      return (
        <div className="answers" role="group" aria-labelledby={labelId}>
          {(['yes', 'no'] as const).map((v) => (
            <button key={v} type="button" className="answer answer--main" data-value={v} aria-pressed={value === v} onClick={() => onChoose(v)}>
              {labels(`answer.${v}`)}
            </button>
          ))}
        </div>
      );
    case 'single':
      return (
        <div className="answers answers--list" role="group" aria-labelledby={labelId}>
          {question.options.map((o) => (
            <button key={o.value} type="button" className="answer answer--main" data-value={o.value} aria-pressed={value === o.value} onClick={() => onChoose(o.value)}>
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
              <button key={o.value} type="button" className="answer answer--check" data-value={o.value} aria-pressed={on} onClick={() => onTick(next)}>
                {options[o.value]}
              </button>
            );
          })}
        </div>
      );
    }
    case 'number':
      return <FieldAnswer key={question.id} kind="number" inputId={inputId} value={typeof value === 'number' ? String(value) : ''} min={question.min} max={question.max} onAnswer={(v) => onAnswer(Number(v))} onDraft={onDraft} onClear={onClear} />;
    case 'date':
      return <FieldAnswer key={question.id} kind="date" inputId={inputId} value={typeof value === 'string' && value !== DONT_KNOW && value !== REFUSED ? value : ''} onAnswer={onAnswer} onDraft={onDraft} onClear={onClear} />;
    case 'text':
      return <FieldAnswer key={question.id} kind="text" inputId={inputId} value={typeof value === 'string' && value !== REFUSED ? value : ''} maxLength={question.maxLength} onAnswer={onAnswer} onDraft={onDraft} onClear={onClear} />;
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
  onDraft?: (state: DraftState) => void;
  onClear: () => void;
}

/** Typed answers are saved as the officer types (a closed tab loses at most the last keystrokes). */
function FieldAnswer({ kind, inputId, value, min, max, maxLength, onAnswer, onDraft, onClear }: FieldProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    onDraft?.(value === '' ? 'empty' : 'valid');
    // Only the value the field opens with: later states come from typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function change(next: string) {
    setDraft(next);
    if (kind === 'number') {
      // Any digits: "١٦" and "۱۶" are 16 (components/numbers.ts).
      const n = parseNumber(next);
      if (next.trim() === '') {
        onDraft?.('empty');
        setProblem(null);
        // An emptied age is no longer an answer (and does not stay in the record).
        return onClear();
      }
      if (n === null || (min !== undefined && n < min) || (max !== undefined && n > max)) {
        onDraft?.('invalid');
        return setProblem(t('interview.numberRange', { min, max }));
      }
      setProblem(null);
      onDraft?.('valid');
      onAnswer(String(n));
    } else if (next.trim() !== '') {
      onDraft?.('valid');
      onAnswer(next);
    } else {
      onDraft?.('empty');
      onClear();
    }
  }

  return (
    <div className="field">
      <label htmlFor={inputId} className="visually-hidden">
        {t('interview.yourAnswer')}
      </label>
      {kind === 'text' ? (
        <>
          <textarea autoComplete="off" spellCheck={false} autoCorrect="off" id={inputId} value={draft} maxLength={maxLength} rows={4} onChange={(e) => change(e.target.value)} aria-describedby={`${inputId}-count`} />
          <p id={`${inputId}-count`} className="muted">
            {t('interview.characters', { count: draft.length, max: maxLength })}
          </p>
        </>
      ) : (
        <input
          autoComplete="off"
          spellCheck={false}
          autoCorrect="off"
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
