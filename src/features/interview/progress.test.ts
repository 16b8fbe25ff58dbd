import { describe, expect, it } from 'vitest';
import { findQuestionnaire } from '../../content/questionnaires';
import { interviewProgress } from './progress';

// Checked on version 1, whose questions it names (its means section is the child exception's).
const questionnaire = findQuestionnaire('art-448-1', 1);
const at = (questionId: string | null, step = questionId ? questionnaire.byId.get(questionId)!.section : 'review') => ({ questionId, step, meansOpened: false });
const section = (p: ReturnType<typeof interviewProgress>, id: string) => p.sections.find((s) => s.section === id)!;

describe('progress that does not jump', () => {
  it('counts the questions an answer still to come may open, and says "about" until that answer is given', () => {
    const start = interviewProgress(questionnaire, {}, at('consent.explained'));
    expect(section(start, 'consent')).toMatchObject({ done: 0, total: 5, approximate: true });
    expect(start.position).toBe(1);
    const agreed = interviewProgress(questionnaire, { 'consent.explained': 'yes', 'consent.interview': 'yes' }, at('consent.record'));
    expect(section(agreed, 'consent')).toMatchObject({ done: 2, total: 5, approximate: false });
    expect(agreed.position).toBe(3);
  });

  it('drops what an answer already given has hidden', () => {
    const noHardship = interviewProgress(questionnaire, { 'means.hard_situation': 'no' }, at('means.family_paid'));
    const before = interviewProgress(questionnaire, {}, at('means.hard_situation'));
    expect(section(noHardship, 'means').total).toBe(section(before, 'means').total - 1);
    expect(section(noHardship, 'means').approximate).toBe(false);
  });

  it('leaves out the means skipped for a child, and counts them for an adult', () => {
    const child = interviewProgress(questionnaire, { 'person.age_years': 15 }, at('person.sex'));
    expect(section(child, 'means')).toMatchObject({ total: 0, skipped: true, approximate: false });
    const adult = interviewProgress(questionnaire, { 'person.age_years': 30, 'person.may_be_child': 'no' }, at('person.sex'));
    expect(section(adult, 'means').total).toBeGreaterThan(10);
    // The child has no "may be under 18" check but the school question instead: one for one.
    expect(child.total).toBe(adult.total - section(adult, 'means').total);
  });

  it('counts the position among the questions that apply, and keeps it as answers come in', () => {
    const answers = { 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.record': 'yes', 'consent.share_referral': 'yes', 'consent.statistics': 'no' };
    const progress = interviewProgress(questionnaire, answers, at('safety.private'));
    expect(progress.position).toBe(6);
    expect(progress.total).toBeGreaterThan(60);
    const review = interviewProgress(questionnaire, answers, at(null));
    expect(review.position).toBeNull();
    expect(review.approximate).toBe(false);
  });
});
