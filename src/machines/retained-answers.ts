/**
 * What may be kept of an interview (LEGAL.md §9.2). When the person refuses the
 * interview, or refuses that their answers be written down, nothing is kept but
 * the answers about where the information comes from, privacy, the consent
 * itself and the urgent needs: the officer may still have listened and helped,
 * but the tablet keeps no record of it.
 */
import { visibleQuestionIds, type AnswerMap, type AnswerValue, type Questionnaire } from '../engine';

const KEPT_WITHOUT_CONSENT: ReadonlySet<string> = new Set(['source', 'privacy', 'consent', 'safety']);

export function consentRefused(questionnaire: Questionnaire, answers: AnswerMap): boolean {
  const visible = visibleQuestionIds(questionnaire, answers);
  const refused = (id: string | undefined) => id !== undefined && visible.has(id) && answers[id] !== undefined && answers[id] !== 'yes';
  return refused(questionnaire.roles.consent_interview) || refused(questionnaire.roles.consent_record);
}

export function retainedAnswers(questionnaire: Questionnaire, answers: AnswerMap): Record<string, AnswerValue> {
  if (!consentRefused(questionnaire, answers)) return { ...answers };
  return Object.fromEntries(Object.entries(answers).filter(([id]) => KEPT_WITHOUT_CONSENT.has(questionnaire.byId.get(id)?.section ?? '')));
}
