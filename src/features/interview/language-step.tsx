import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMED_LANGUAGES, type CaseDetails } from '../../components/person-language';
import type { InterviewExtras } from './use-interview';

type Details = NonNullable<InterviewExtras['details']>;
type Choice = 'fr' | 'ar' | 'en' | 'darija' | 'tamazight' | 'other';
type Role = NonNullable<Details['interpreterRole']>;

const CHOICES: Choice[] = ['ar', 'darija', 'tamazight', 'fr', 'en', 'other'];
const ROLES: Role[] = ['professional', 'ngo', 'relative', 'other'];
/** Each language's own name, beside the officer's word for it, so that the person can point at theirs. */
const OWN_NAMES: Partial<Record<Choice, { name: string; lang: string }>> = {
  fr: { name: 'Français', lang: 'fr' },
  ar: { name: 'العربية', lang: 'ar' },
  en: { name: 'English', lang: 'en' },
  darija: { name: 'الدارجة', lang: 'ar' },
};

function choiceOf(details: CaseDetails | undefined): Choice | null {
  const code = details?.personLanguage;
  if (code === 'fr' || code === 'ar' || code === 'en') return code;
  if (code !== 'other') return null;
  const named = NAMED_LANGUAGES.find((n) => n === details?.personLanguageOther);
  return named === 'Darija' ? 'darija' : named === 'Tamazight' ? 'tamazight' : 'other';
}

interface Props {
  details: Details | undefined;
  onSave: (details: Details) => void;
  /** Present when the step is reopened from the interview: leaves it unchanged. */
  onCancel?: () => void;
  /** Leaves the case for later: it opens at this step again. */
  onClose: () => void;
}

/**
 * The first screen of a new interview: the language the person speaks best,
 * whether an interpreter is used and who it is. A relative or companion as
 * interpreter is a warning (LEGAL.md §8): they may be linked to the exploiters.
 */
export function LanguageStep({ details, onSave, onCancel, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [choice, setChoice] = useState<Choice | null>(choiceOf(details));
  const [otherName, setOtherName] = useState(choiceOf(details) === 'other' ? (details?.personLanguageOther ?? '') : '');
  const [interpreter, setInterpreter] = useState<'yes' | 'no' | null>(details?.interpreter ?? null);
  const [role, setRole] = useState<Role | null>(details?.interpreterRole ?? null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!choice) return;
    if (choice === 'other' && !otherName.trim()) return setProblem(t('conversation.language.otherNameMissing'));
    const named = choice === 'darija' ? 'Darija' : choice === 'tamazight' ? 'Tamazight' : null;
    const language = choice === 'fr' || choice === 'ar' || choice === 'en' ? choice : 'other';
    onSave({
      place: details?.place ?? '',
      interpreter,
      interpreterRole: interpreter === 'yes' ? role : null,
      personLanguage: language,
      personLanguageOther: language === 'other' ? (named ?? otherName.trim()) : null,
    });
  }

  return (
    <form className="page language-step" data-step="language" onSubmit={submit} noValidate>
      <h1 ref={heading} tabIndex={-1}>
        {t('conversation.language.title')}
      </h1>
      <p>{t('conversation.language.intro')}</p>
      <fieldset className="choice-group" data-field="language">
        <legend>{t('conversation.language.legend')}</legend>
        <div className="choices choices--column">
          {CHOICES.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name={`${id}-language`} value={c} checked={choice === c} onChange={() => setChoice(c)} />
              <span>
                {t(`conversation.language.${c}`)}
                {OWN_NAMES[c] && OWN_NAMES[c].lang !== i18n.language && (
                  <>
                    {' — '}
                    <span lang={OWN_NAMES[c].lang}>{OWN_NAMES[c].name}</span>
                  </>
                )}
              </span>
            </label>
          ))}
        </div>
        {choice === 'other' && (
          <div className="field">
            <label htmlFor={`${id}-other`}>{t('conversation.language.otherName')}</label>
            <input autoComplete="off" spellCheck={false} autoCorrect="off" id={`${id}-other`} value={otherName} maxLength={60} onChange={(e) => setOtherName(e.target.value)} aria-invalid={problem !== null} aria-describedby={problem ? `${id}-problem` : undefined} />
            {problem && (
              <p id={`${id}-problem`} role="alert" className="error">
                {problem}
              </p>
            )}
          </div>
        )}
      </fieldset>
      <fieldset className="choice-group" data-field="interpreter">
        <legend>{t('conversation.language.interpreter')}</legend>
        <div className="choices">
          {(['yes', 'no'] as const).map((v) => (
            <label key={v} className="choice">
              <input type="radio" name={`${id}-interpreter`} value={v} checked={interpreter === v} onChange={() => setInterpreter(v)} />
              {t(`answer.${v}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {interpreter === 'yes' && (
        <fieldset className="choice-group" data-field="role">
          <legend>{t('conversation.language.role')}</legend>
          <div className="choices choices--column">
            {ROLES.map((r) => (
              <label key={r} className="choice">
                <input type="radio" name={`${id}-role`} value={r} checked={role === r} onChange={() => setRole(r)} />
                {t(`conversation.language.roles.${r}`)}
              </label>
            ))}
          </div>
          {role === 'relative' && (
            <p className="notice" role="alert" data-testid="relative-interpreter-warning">
              {t('conversation.language.relativeWarning')}
            </p>
          )}
        </fieldset>
      )}
      <div className="actions">
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('conversation.language.cancel')}
          </button>
        ) : (
          <button type="button" className="button button--secondary" data-action="close-interview" onClick={onClose}>
            {t('interview.close')}
          </button>
        )}
        <button type="submit" className="button button--primary" data-action="language-done" disabled={!choice}>
          {onCancel ? t('conversation.language.save') : t('conversation.language.start')}
        </button>
      </div>
    </form>
  );
}
