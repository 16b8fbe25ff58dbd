// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assessAnswers } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { createI18n } from '../../i18n';
import { renderIn } from '../../../test/helpers/render';
import { QuestionView } from './question-view';
import { ReviewView } from './review-view';
import { ResultView } from './result-view';

// These screens are checked on version 1, whose questions they name; version 2 shares the same screens.
const questionnaire = findQuestionnaire('art-448-1', 1);
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

  it('accepts an age typed in Arabic-Indic or Eastern Arabic-Indic digits', () => {
    const onAnswer = vi.fn();
    renderIn(<QuestionView question={q('person.age_years')} locale={questionnaire.locales.ar} value={undefined} onAnswer={onAnswer} />, 'ar');
    fireEvent.change(screen.getByLabelText('الجواب'), { target: { value: '١٦' } });
    expect(onAnswer).toHaveBeenLastCalledWith(16);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(screen.getByLabelText('الجواب'), { target: { value: '۱۷' } });
    expect(onAnswer).toHaveBeenLastCalledWith(17);
  });

  it('reports an invalid number as such, so that the main button never becomes "skip"', () => {
    const onDraft = vi.fn();
    renderIn(<QuestionView question={q('person.age_years')} locale={questionnaire.locales.en} value={undefined} onAnswer={() => {}} onDraft={onDraft} />);
    expect(onDraft).toHaveBeenLastCalledWith('empty');
    fireEvent.change(screen.getByLabelText('Answer'), { target: { value: '1 6' } });
    expect(onDraft).toHaveBeenLastCalledWith('invalid');
    fireEvent.change(screen.getByLabelText('Answer'), { target: { value: '16' } });
    expect(onDraft).toHaveBeenLastCalledWith('valid');
  });

  it('one tap on yes, no or a single choice chooses (and the screen moves on); a multiple choice only ticks', () => {
    const onAnswer = vi.fn();
    const onChoose = vi.fn();
    renderIn(<QuestionView question={q('person.sex')} locale={questionnaire.locales.en} value={undefined} onAnswer={onAnswer} onChoose={onChoose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Female' }));
    expect(onChoose).toHaveBeenCalledWith('female');
    fireEvent.click(screen.getByRole('button', { name: "Don't know" }));
    expect(onChoose).toHaveBeenLastCalledWith('dont_know');
    expect(onAnswer).not.toHaveBeenCalled();
    cleanup();
    renderIn(<QuestionView question={q('purpose.activities')} locale={questionnaire.locales.en} value={undefined} onAnswer={onAnswer} onChoose={onChoose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Begging' }));
    expect(onAnswer).toHaveBeenCalledWith(['begging']);
    expect(onChoose).toHaveBeenCalledTimes(2);
  });

  it('shows an officer check as one, without "don\'t know" or "prefers not to answer"', () => {
    renderIn(<QuestionView question={q('consent.explained')} locale={questionnaire.locales.en} value={undefined} onAnswer={() => {}} />);
    expect(screen.getByText("Officer's check:")).toBeTruthy();
    expect(screen.queryByText('Ask:')).toBeNull();
    expect(screen.queryByRole('button', { name: "Don't know" })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Prefers not to answer' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Yes' })).toBeTruthy();
  });

  it('shows "read the whole list" as an instruction, apart from the question read aloud', () => {
    renderIn(<QuestionView question={q('purpose.activities')} locale={questionnaire.locales.en} value={undefined} onAnswer={() => {}} />);
    expect(screen.getByRole('heading').textContent).toBe('What did they make you do, or tell you that you would do?');
    expect(screen.getByText('Ask:')).toBeTruthy();
    expect(screen.getByText(/Read the whole list/).closest('.question__instruction')).not.toBeNull();
  });

  it('shows the question and answers to the person in their language, mirrored in that block only, guidance in the officer\'s', () => {
    const person = { language: 'ar' as const, locale: questionnaire.locales.ar, t: createI18n('ar').t, name: 'Arabic' };
    const { container } = renderIn(<QuestionView question={q('means.documents_kept')} locale={questionnaire.locales.fr} value={undefined} onAnswer={() => {}} person={person} personView />, 'fr');
    const block = container.querySelector('.person-block')!;
    expect(block.getAttribute('lang')).toBe('ar');
    expect(block.getAttribute('dir')).toBe('rtl');
    expect(block.querySelector('h2')!.textContent).toBe(questionnaire.locales.ar.questions['means.documents_kept']!.text);
    expect(Array.from(block.querySelectorAll('[data-value]')).map((b) => b.textContent)).toEqual(['نعم', 'لا', 'لا يعرف', 'يفضل عدم الإجابة']);
    const guidance = container.querySelector('.guidance')!;
    expect(guidance.textContent).toBe(questionnaire.locales.fr.questions['means.documents_kept']!.guidance);
    expect(guidance.closest('[lang]')).toBeNull();
    expect(screen.getByRole('button', { name: 'Consignes pour l’intervenant' }).closest('.person-block')).toBeNull();
  });

  it('shows the question in Arabic when the interface is in Arabic', () => {
    renderIn(<QuestionView question={q('means.documents_kept')} locale={questionnaire.locales.ar} value="yes" onAnswer={() => {}} />, 'ar');
    expect(screen.getByRole('button', { name: 'نعم' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('review', () => {
  it('points out the open questions that would change the outcome, and changes an answer in place', () => {
    const answers = { 'consent.interview': 'yes', 'person.age_years': 15, 'act.middleman': 'yes', 'purpose.activities': ['housework'] };
    const onAnswer = vi.fn();
    const { container } = renderIn(
      <ReviewView questionnaire={questionnaire} locale={questionnaire.locales.en} answers={answers} assessment={assessAnswers(questionnaire, answers)} onAnswer={onAnswer} onConfirm={() => {}} onBack={() => {}} />,
    );
    const open = screen.getByRole('region', { name: 'Questions that could change the outcome' });
    expect(open.textContent).toContain('Were you made to keep working when you wanted to stop');
    expect(open.textContent).not.toContain('Did anyone show or use a weapon');
    // Sections start closed, each with its count of what applies.
    const person = container.querySelector('details[data-section="person"]') as HTMLDetailsElement;
    expect(person.open).toBe(false);
    expect(person.querySelector('summary')!.textContent).toMatch(/1 answered of 3/);
    fireEvent.click(screen.getByRole('button', { name: /Change the answer to: How old are you/ }));
    const editor = container.querySelector('[data-edit-question-id="person.age_years"]')!;
    fireEvent.change(editor.querySelector('input')!, { target: { value: '17' } });
    expect(onAnswer).toHaveBeenCalledWith('person.age_years', 17);
    // A one-tap answer records it and closes the editor where it stands.
    const forced = screen.getAllByRole('button', { name: /Change the answer to: Were you made to keep working/ })[0]!;
    fireEvent.click(forced);
    expect(forced.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(within(container.querySelector('[data-edit-question-id="purpose.forced_to_work"]')!).getByRole('button', { name: 'Yes' }));
    expect(onAnswer).toHaveBeenLastCalledWith('purpose.forced_to_work', 'yes');
    expect(forced.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(forced);
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
