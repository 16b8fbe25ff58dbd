import type { TFunction } from 'i18next';
import { DONT_KNOW, REFUSED, type AnswerValue, type LoadedQuestion, type QuestionnaireLocale } from '../engine';

/** An answer as a person reads it, in the current language. */
export function answerLabel(t: TFunction, question: LoadedQuestion, locale: QuestionnaireLocale, value: AnswerValue | undefined): string {
  if (value === undefined) return t('answer.not_asked');
  if (value === DONT_KNOW || value === REFUSED) return t(`answer.${value}`);
  if (question.type === 'yes_no') return t(`answer.${value as 'yes' | 'no'}`);
  const options = locale.questions[question.id]?.options ?? {};
  if (Array.isArray(value)) return value.map((v) => options[v] ?? v).join(', ');
  if (question.type === 'single') return options[String(value)] ?? String(value);
  return String(value);
}
