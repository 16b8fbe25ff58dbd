// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assessAnswers } from '../../engine';
import { currentQuestionnaire } from '../../content/questionnaires';
import { renderIn } from '../../../test/helpers/render';
import { QuestionView } from './question-view';
import { ReviewView } from './review-view';
import { ResultView } from './result-view';

const questionnaire = currentQuestionnaire();
const q = (id: string) => questionnaire.byId.get(id)!;
afterEach(cleanup);

describe('question', () => {
  it('offers yes, no, don\'t know and prefers not to answer, and reports the choice', () => {
    const onAnswer = vi.fn();
    renderIn(<QuestionView question={q('means.documents_kept')} locale={questionnaire.locales.en} value={undefined} onAnswer={onAnswer} />);
    expect(screen.getByRole('heading', { name: 'Did someone keep your passport or ID card?' })).toBeTruthy();
    for (const name of ['Yes', 'No', "Don't know", 'Prefers not to answer']) expect(screen.getByRole('button', { name })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(onAnswer).toHaveBeenCalledWith('yes');
  });

  it('keeps the officer guidance a tap away', () => {
    renderIn(<QuestionView question={q('means.documents_kept')} locale={questionnaire.locales.en} value={undefined} onAnswer={() => {}} />);
    const guidance = screen.getByText(/for safekeeping/);
    expect(guidance.closest('[hidden]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Officer guidance' }));
    expect(guidance.closest('[hidden]')).toBeNull();
  });

  it('refuses an age outside the range instead of saving it', () => {
    const onAnswer = vi.fn();
    renderIn(<QuestionView question={q('person.age_years')} locale={questionnaire.locales.en} value={undefined} onAnswer={onAnswer} />);
    fireEvent.change(screen.getByLabelText('Answer'), { target: { value: '300' } });
    expect(screen.getByRole('alert').textContent).toMatch(/between 0 and 120/);
    expect(onAnswer).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Answer'), { target: { value: '16' } });
    expect(onAnswer).toHaveBeenCalledWith(16);
  });

  it('shows the question in Arabic when the interface is in Arabic', () => {
    renderIn(<QuestionView question={q('means.documents_kept')} locale={questionnaire.locales.ar} value="yes" onAnswer={() => {}} />, 'ar');
    expect(screen.getByRole('button', { name: 'نعم' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('review', () => {
  it('points out the open questions that would change the outcome, and edits an answer', () => {
    const answers = { 'consent.interview': 'yes', 'person.age_years': 15, 'act.middleman': 'yes', 'purpose.activities': ['housework'] };
    const onEdit = vi.fn();
    renderIn(
      <ReviewView questionnaire={questionnaire} locale={questionnaire.locales.en} answers={answers} assessment={assessAnswers(questionnaire, answers)} onEdit={onEdit} onConfirm={() => {}} onBack={() => {}} />,
    );
    const open = screen.getByRole('region', { name: 'Questions that could change the outcome' });
    expect(open.textContent).toContain('Were you made to keep working when you wanted to stop');
    expect(open.textContent).not.toContain('Did anyone show or use a weapon');
    fireEvent.click(screen.getByRole('button', { name: /Change the answer to: How old are you/ }));
    expect(onEdit).toHaveBeenCalledWith('person.age_years');
  });
});

describe('result', () => {
  it('says the outcome in words, the article paragraph and the answers behind each element', () => {
    const answers = { 'person.age_years': 15, 'act.middleman': 'yes', 'purpose.activities': ['begging'], 'safety.needs_doctor': 'yes' };
    renderIn(<ResultView questionnaire={questionnaire} locale={questionnaire.locales.fr} answers={answers} assessment={assessAnswers(questionnaire, answers)} reference="TR-AAAA-BBBB" onReview={() => {}} onHome={() => {}} />, 'fr');
    expect(screen.getByRole('status').textContent).toContain('Victime présumée');
    expect(screen.getByText(/pas une qualification juridique/)).toBeTruthy();
    const flags = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(flags[0]).toMatch(/Besoins urgents/);
    const means = screen.getByRole('row', { name: /Moyens/ });
    expect(means.textContent).toContain('art.\u00a0448-1, al.\u00a02');
    const act = screen.getByRole('row', { name: /Acte/ });
    expect(act.textContent).toContain('Oui');
  });
});
