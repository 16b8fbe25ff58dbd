/**
 * Which question comes next, from the questionnaire and the answers so far. Pure:
 * the interview machine's guards and actions are built on these.
 */
import { visibleQuestionIds, type AnswerMap, type Questionnaire } from '../engine';

export type SectionId = Questionnaire['sections'][number]['id'];

export function visibleInSection(questionnaire: Questionnaire, answers: AnswerMap, section: SectionId): string[] {
  const visible = visibleQuestionIds(questionnaire, answers);
  return questionnaire.questions.filter((q) => q.section === section && visible.has(q.id)).map((q) => q.id);
}

export function sectionOf(questionnaire: Questionnaire, questionId: string): SectionId {
  const q = questionnaire.byId.get(questionId);
  if (!q) throw new Error(`no question "${questionId}" in ${questionnaire.id} v${questionnaire.version}`);
  return q.section;
}

/** The next visible question of the same section, or null at the end of the section. */
export function nextInSection(questionnaire: Questionnaire, answers: AnswerMap, current: string): string | null {
  const ids = visibleInSection(questionnaire, answers, sectionOf(questionnaire, current));
  const index = questionnaire.byId.get(current)!.index;
  return ids.find((id) => questionnaire.byId.get(id)!.index > index) ?? null;
}

export function previousInSection(questionnaire: Questionnaire, answers: AnswerMap, current: string): string | null {
  const ids = visibleInSection(questionnaire, answers, sectionOf(questionnaire, current));
  const index = questionnaire.byId.get(current)!.index;
  return ids.filter((id) => questionnaire.byId.get(id)!.index < index).at(-1) ?? null;
}

export function firstOf(questionnaire: Questionnaire, answers: AnswerMap, section: SectionId): string | null {
  return visibleInSection(questionnaire, answers, section)[0] ?? null;
}

export function lastOf(questionnaire: Questionnaire, answers: AnswerMap, section: SectionId): string | null {
  return visibleInSection(questionnaire, answers, section).at(-1) ?? null;
}
