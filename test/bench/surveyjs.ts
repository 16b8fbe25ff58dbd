/**
 * The SurveyJS peer's form, generated from our questionnaire file so that both
 * show the same 100 questions (questionnaire v2) in the same order, with the same French texts
 * (questions, options, guidance as the description, the "don't know" and
 * "prefers not to answer" answers every question of ours offers) and the same
 * show-if rules as SurveyJS expressions. One question per page, moving on by
 * itself after a choice (SurveyJS's autoAdvanceEnabled), as a one-question-at-a-
 * time interview does.
 */
import { readFileSync } from 'node:fs';
import type { Condition } from '../../src/engine/questionnaire';

interface Question {
  id: string;
  type: 'yes_no' | 'single' | 'multiple' | 'number' | 'date' | 'text';
  role?: string;
  options?: { value: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
  showIf?: Condition;
}

const DIR = 'questionnaires/art-448-1/v2';

/** SurveyJS reads "a.b" in an expression as a path: question names use "__". */
export const surveyName = (id: string) => id.replace(/\./g, '__');

export function surveyJson(): { json: Record<string, unknown>; questions: string[] } {
  const questionnaire = JSON.parse(readFileSync(`${DIR}/questionnaire.json`, 'utf8')) as { sections: { id: string; questions: Question[] }[] };
  const locale = JSON.parse(readFileSync(`${DIR}/locales/fr.json`, 'utf8')) as {
    title: string;
    sections: Record<string, { title: string }>;
    questions: Record<string, { text: string; guidance?: string; options?: Record<string, string> }>;
  };
  const ui = JSON.parse(readFileSync('src/i18n/locales/fr.json', 'utf8')) as { answer: Record<string, string> };
  const special = [
    { value: 'dont_know', text: ui.answer.dont_know },
    { value: 'refused', text: ui.answer.refused },
  ];
  const all = questionnaire.sections.flatMap((s) => s.questions);
  const byId = new Map(all.map((q) => [q.id, q]));
  const role = (r: string) => all.find((q) => q.role === r)?.id;

  const expression = (cond: Condition): string => {
    if ('all' in cond) return `(${cond.all.map(expression).join(' and ')})`;
    if ('any' in cond) return `(${cond.any.map(expression).join(' or ')})`;
    if ('not' in cond) return `!(${expression(cond.not)})`;
    if ('child' in cond) {
      // The engine's reading of a child: under 18, or "may be a child" answered yes.
      const age = role('age_years');
      const may = role('may_be_child');
      // Version 2 reads "can't tell" as a child too (LEGAL.md §3).
      const child = `({${surveyName(age!)}} < 18 or {${surveyName(may!)}} = 'yes' or {${surveyName(may!)}} = 'cannot_tell')`;
      return cond.child ? child : `!${child}`;
    }
    const name = `{${surveyName(cond.question)}}`;
    const multiple = byId.get(cond.question)?.type === 'multiple';
    if ('answered' in cond) return cond.answered ? `${name} notempty` : `${name} empty`;
    if ('equals' in cond) return multiple ? `${name} contains '${cond.equals}'` : `${name} = '${cond.equals}'`;
    if ('in' in cond) return multiple ? `${name} anyof [${cond.in.map((v) => `'${v}'`).join(', ')}]` : `(${cond.in.map((v) => `${name} = '${v}'`).join(' or ')})`;
    if ('lt' in cond) return `${name} < ${cond.lt}`;
    return `${name} >= ${cond.gte}`;
  };

  const element = (q: Question): Record<string, unknown> => {
    const text = locale.questions[q.id];
    if (!text) throw new Error(`no French text for ${q.id}`);
    const base: Record<string, unknown> = { name: surveyName(q.id), title: text.text, description: text.guidance, ...(q.showIf ? { visibleIf: expression(q.showIf) } : {}) };
    const options = (q.options ?? []).map((o) => ({ value: o.value, text: text.options?.[o.value] ?? o.value }));
    switch (q.type) {
      case 'yes_no':
        return { ...base, type: 'radiogroup', choices: [{ value: 'yes', text: ui.answer.yes }, { value: 'no', text: ui.answer.no }, ...special] };
      case 'single':
        return { ...base, type: 'radiogroup', choices: [...options, ...special] };
      case 'multiple':
        return { ...base, type: 'checkbox', choices: [...options, ...special] };
      case 'number':
        return { ...base, type: 'text', inputType: 'number', min: q.min, max: q.max };
      case 'date':
        return { ...base, type: 'text', inputType: 'date' };
      case 'text':
        return { ...base, type: 'comment', maxLength: q.maxLength };
    }
  };

  const json = {
    title: locale.title,
    locale: 'fr',
    questionsOnPageMode: 'questionPerPage',
    autoAdvanceEnabled: true,
    showProgressBar: true,
    pages: questionnaire.sections.map((s) => ({ name: s.id, title: locale.sections[s.id]?.title, elements: s.questions.map(element) })),
  };
  return { json, questions: all.map((q) => q.id) };
}
