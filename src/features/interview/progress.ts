/**
 * Where the interview stands, without numbers that jump: a question hidden now
 * but that an answer still to come may open is counted (and the count says
 * "about"), a question hidden by an answer already given is not, and the means
 * skipped for a child are left out. The estimate follows the branches.
 */
import { treatedAsChild, visibleQuestionIds, type AnswerMap, type Condition, type LoadedQuestion, type Questionnaire } from '../../engine';

type SectionId = Questionnaire['sections'][number]['id'];

export interface SectionCount {
  section: SectionId;
  done: number;
  total: number;
  /** The total may still change with answers not given yet. */
  approximate: boolean;
  /** The means of a child, skipped (art. 448-1 para. 2). */
  skipped: boolean;
}

export interface Progress {
  sections: SectionCount[];
  /** The question on screen, counted among the questions that apply; null between sections. */
  position: number | null;
  total: number;
  approximate: boolean;
}

export interface ProgressPlace {
  questionId: string | null;
  /** The machine's state: a section, or 'urgent', 'meansSkipped', 'declined', 'review', 'result'. */
  step: string;
  meansOpened: boolean;
}

function referenced(cond: Condition, questionnaire: Questionnaire): string[] {
  if ('all' in cond) return cond.all.flatMap((c) => referenced(c, questionnaire));
  if ('any' in cond) return cond.any.flatMap((c) => referenced(c, questionnaire));
  if ('not' in cond) return referenced(cond.not, questionnaire);
  if ('child' in cond) return questionnaire.ageQuestionIds;
  return [cond.question];
}

/** The index of the first question the interview has not reached yet. */
function reachedIndex(questionnaire: Questionnaire, place: ProgressPlace): number {
  if (place.questionId) return questionnaire.byId.get(place.questionId)?.index ?? 0;
  const after = (section: SectionId) => {
    const i = questionnaire.sections.findIndex((s) => s.id === section);
    return questionnaire.sections[i + 1]?.questions[0]?.index ?? questionnaire.questions.length;
  };
  if (place.step === 'declined') return after('consent');
  if (place.step === 'urgent' || place.step === 'declinedEnd') return after('safety');
  if (place.step === 'privacyPaused') return after('privacy');
  if (place.step === 'meansSkipped') return after('means');
  return questionnaire.questions.length;
}

export function interviewProgress(questionnaire: Questionnaire, answers: AnswerMap, place: ProgressPlace): Progress {
  const visible = visibleQuestionIds(questionnaire, answers);
  const reached = reachedIndex(questionnaire, place);
  const ageUnreached = questionnaire.ageQuestionIds.some((id) => questionnaire.byId.get(id)!.index >= reached && answers[id] === undefined);
  const meansSkipped = treatedAsChild(questionnaire, answers) && !place.meansOpened;

  // A condition is still open when it reads a question not reached and not answered.
  const open = (q: LoadedQuestion) =>
    q.showIf !== undefined && referenced(q.showIf, questionnaire).some((id) => questionnaire.byId.get(id)!.index >= reached && answers[id] === undefined);
  const counted = (q: LoadedQuestion) => visible.has(q.id) || open(q);

  let position: number | null = null;
  let before = 0;
  const sections = questionnaire.sections.map((section): SectionCount => {
    const skipped = section.id === 'means' && meansSkipped;
    const ids = skipped ? [] : section.questions.filter(counted);
    for (const q of ids) {
      if (q.id === place.questionId) position = before + 1;
      if (q.index < (place.questionId ? reached : -1)) before++;
    }
    return {
      section: section.id,
      done: ids.filter((q) => visible.has(q.id) && answers[q.id] !== undefined).length,
      total: ids.length,
      approximate: ids.some(open) || (section.id === 'means' && ageUnreached),
      skipped,
    };
  });
  return {
    sections,
    position,
    total: sections.reduce((sum, s) => sum + s.total, 0),
    approximate: sections.some((s) => s.approximate),
  };
}
