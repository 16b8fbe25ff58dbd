/**
 * The words of the interview for this person (LEGAL.md §9.3, §9.9): questions
 * about information from someone else are worded in the third person, and a child
 * hears simpler words. Built as a locale whose question texts are already the
 * right variant, so every screen that shows a question (question, review, result,
 * summary) uses the same words without knowing about variants.
 */
import { questionText, readPersonFromAnswers, sectionInvitation, type AnswerMap, type Questionnaire, type QuestionnaireLocale, type TextVariant } from '../../engine';

export function interviewVariant(questionnaire: Questionnaire, answers: AnswerMap): TextVariant {
  const source = questionnaire.roles.information_source;
  const from = source ? answers[source] : undefined;
  return {
    thirdPerson: typeof from === 'string' && from !== 'person' && from !== 'dont_know' && from !== 'refused',
    // Only once the age questions say so: before them, nobody knows yet.
    child: readPersonFromAnswers(questionnaire, answers).childNow,
  };
}

export function localeForInterview(questionnaire: Questionnaire, locale: QuestionnaireLocale, variant: TextVariant): QuestionnaireLocale {
  if (!variant.child && !variant.thirdPerson) return locale;
  const questions: QuestionnaireLocale['questions'] = {};
  for (const [id, text] of Object.entries(locale.questions)) questions[id] = { ...text, text: questionText(locale, id, variant) };
  const sections: QuestionnaireLocale['sections'] = {};
  for (const [id, section] of Object.entries(locale.sections)) {
    const invitation = sectionInvitation(locale, id, variant);
    sections[id] = invitation ? { ...section, invitation } : section;
  }
  return { ...locale, questions, sections };
}
