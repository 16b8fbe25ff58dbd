import { mkdirSync, writeFileSync } from 'node:fs';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { assessAnswers, DONT_KNOW, type AnswerValue } from '../engine';
import { currentQuestionnaire } from '../content/questionnaires';
import { createInterviewMachine, type InterviewEvent } from './interview.machine';

const questionnaire = currentQuestionnaire();
const machine = createInterviewMachine(questionnaire);
type Snapshot = SnapshotFrom<typeof machine>;

/** Drives an actor by answering whatever question is on screen from a script ("don't know" otherwise). */
function run(script: Record<string, AnswerValue>, options: { openMeans?: boolean; stopAt?: (s: Snapshot) => boolean } = {}) {
  const actor = createActor(machine, { input: {} }).start();
  const seen: string[] = [];
  for (let step = 0; step < 500; step++) {
    const snapshot = actor.getSnapshot();
    if (options.stopAt?.(snapshot)) break;
    if (snapshot.matches('result') || snapshot.matches('declined')) break;
    if (snapshot.matches('urgent')) actor.send({ type: 'urgent.continue' });
    else if (snapshot.matches('meansSkipped')) actor.send({ type: options.openMeans ? 'means.open' : 'question.next' });
    else if (snapshot.matches('review')) actor.send({ type: 'review.confirm' });
    else {
      const id = snapshot.context.questionId!;
      seen.push(id);
      actor.send({ type: 'answer.set', questionId: id, value: script[id] ?? DONT_KNOW });
      actor.send({ type: 'question.next' });
    }
  }
  return { actor, snapshot: actor.getSnapshot(), seen };
}

const YES_CONSENT = { 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.record': 'yes' } as const;

describe('interview machine', () => {
  it('walks an adult through every section, asking means, and ends at the result', () => {
    const { snapshot, seen } = run({ ...YES_CONSENT, 'person.age_years': 30, 'person.may_be_child': 'no' });
    expect(snapshot.value).toBe('result');
    expect(seen).toContain('means.threatened');
    expect(seen.at(-1)).toBe('closing.officer_notes');
  });

  it('skips the means for a child by default, and opens them on request', () => {
    const child = run({ ...YES_CONSENT, 'person.age_years': 15 });
    expect(child.seen.some((id) => id.startsWith('means.'))).toBe(false);
    const opened = run({ ...YES_CONSENT, 'person.age_years': 15 }, { openMeans: true });
    expect(opened.seen).toContain('means.threatened');
  });

  it('stops when the person does not agree to the interview', () => {
    const { snapshot, seen } = run({ 'consent.explained': 'yes', 'consent.interview': 'no' });
    expect(snapshot.value).toBe('declined');
    expect(seen).toEqual(['consent.explained', 'consent.interview']);
  });

  it('shows what to do now after an urgent need, before any legal question', () => {
    const { snapshot } = run({ ...YES_CONSENT, 'safety.needs_doctor': 'yes' }, { stopAt: (s) => s.matches('urgent') });
    expect(snapshot.value).toBe('urgent');
    expect(snapshot.context.answers['person.age_years']).toBeUndefined();
  });

  it('going back and changing an answer re-evaluates what follows, keeping answers that still apply', () => {
    const actor = createActor(machine, { input: {} }).start();
    const send = (e: InterviewEvent) => actor.send(e);
    const answer = (value: AnswerValue) => {
      send({ type: 'answer.set', questionId: actor.getSnapshot().context.questionId!, value });
      send({ type: 'question.next' });
    };
    answer('yes'); // consent.explained
    answer('yes'); // consent.interview
    for (let i = 0; i < 20 && actor.getSnapshot().context.questionId !== 'person.age_years'; i++) {
      answer(actor.getSnapshot().context.questionId === 'safety.has_safe_place' ? 'yes' : 'no');
    }
    answer(30);
    expect(actor.getSnapshot().context.questionId).toBe('person.may_be_child');
    send({ type: 'question.back' });
    expect(actor.getSnapshot().context.questionId).toBe('person.age_years');
    answer(15); // now a child: the "may be under 18" question no longer applies
    expect(actor.getSnapshot().context.questionId).toBe('person.sex');
    expect(actor.getSnapshot().context.answers['consent.record']).toBe('no');
    send({ type: 'question.back' });
    send({ type: 'question.back' });
    expect(actor.getSnapshot().value).toBe('safety');
  });

  it('edits one answer from the review and returns there', () => {
    const { actor } = run({ ...YES_CONSENT, 'person.age_years': 30 }, { stopAt: (s) => s.matches('review') });
    actor.send({ type: 'question.goto', questionId: 'means.debt' });
    expect(actor.getSnapshot().value).toBe('means');
    expect(actor.getSnapshot().context.questionId).toBe('means.debt');
    actor.send({ type: 'answer.set', questionId: 'means.debt', value: 'yes' });
    actor.send({ type: 'question.next' });
    expect(actor.getSnapshot().value).toBe('review');
    expect(actor.getSnapshot().context.answers['means.debt']).toBe('yes');
  });

  it('undoes a one-tap answer: "go to" returns to the question just answered, its answer kept', () => {
    const actor = createActor(machine, { input: {} }).start();
    const tap = (value: AnswerValue) => {
      actor.send({ type: 'answer.set', questionId: actor.getSnapshot().context.questionId!, value });
      actor.send({ type: 'question.next' });
    };
    tap('yes'); // consent.explained
    tap('yes'); // consent.interview
    expect(actor.getSnapshot().context.questionId).toBe('consent.record');
    actor.send({ type: 'question.goto', questionId: 'consent.interview' });
    expect(actor.getSnapshot().context).toMatchObject({ questionId: 'consent.interview', returnToReview: false });
    expect(actor.getSnapshot().context.answers['consent.interview']).toBe('yes');
    // Changing it to "no" ends the interview; undo from there returns to it again.
    tap('no');
    expect(actor.getSnapshot().value).toBe('declined');
    actor.send({ type: 'question.goto', questionId: 'consent.interview' });
    expect(actor.getSnapshot().value).toBe('consent');
    expect(actor.getSnapshot().context.questionId).toBe('consent.interview');
  });

  it('never uses "go to" to jump forward past a gate before the review', () => {
    const actor = createActor(machine, { input: {} }).start();
    actor.send({ type: 'question.goto', questionId: 'means.debt' });
    expect(actor.getSnapshot().context.questionId).toBe('consent.explained');
    actor.send({ type: 'answer.set', questionId: 'consent.explained', value: 'yes' });
    actor.send({ type: 'question.next' });
    actor.send({ type: 'answer.set', questionId: 'consent.interview', value: 'no' });
    actor.send({ type: 'question.next' });
    expect(actor.getSnapshot().value).toBe('declined');
    actor.send({ type: 'question.goto', questionId: 'safety.in_danger' });
    expect(actor.getSnapshot().value).toBe('declined');
    // Nor to a question hidden by the answers.
    actor.send({ type: 'question.goto', questionId: 'consent.record' });
    expect(actor.getSnapshot().value).toBe('declined');
  });

  it('undoes the answer that opened the urgent-needs screen', () => {
    const { actor } = run({ ...YES_CONSENT, 'safety.needs_doctor': 'yes' }, { stopAt: (s) => s.matches('urgent') });
    actor.send({ type: 'question.goto', questionId: 'safety.has_safe_place' });
    expect(actor.getSnapshot().value).toBe('safety');
    expect(actor.getSnapshot().context.questionId).toBe('safety.has_safe_place');
  });

  it('resumes from a persisted snapshot at the same question with every answer', () => {
    const { actor } = run({ ...YES_CONSENT, 'person.age_years': 30 }, { stopAt: (s) => s.context.questionId === 'act.handed_over' });
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    const resumed = createActor(machine, { snapshot: persisted, input: {} }).start();
    expect(resumed.getSnapshot().value).toBe('act');
    expect(resumed.getSnapshot().context.questionId).toBe('act.handed_over');
    expect(resumed.getSnapshot().context.answers).toEqual(actor.getSnapshot().context.answers);
  });
});

/**
 * Every path through the interview at the level a lawyer reviews: the sections
 * and the guards between them. Questions that decide a branch get each of their
 * representative answers; every other question is answered "don't know", so the
 * graph stays finite and each path is a distinct legal route.
 */
const BRANCHES: Record<string, AnswerValue[]> = {
  'consent.interview': ['yes', 'no'],
  'safety.in_danger': ['yes', 'no'],
  'person.age_years': [15, 30, DONT_KNOW],
  'person.may_be_child': ['yes', 'no'],
  'context.paid_to_cross': ['yes', 'no'],
};

describe('every path through the interview', () => {
  // Branch answers are part of each state's key, so the graph is a tree and the
  // shortest path to each end is the only one: this enumerates every route.
  const paths = getShortestPaths(machine, {
    input: {},
    events: (snapshot: Snapshot): InterviewEvent[] => {
      if (snapshot.matches('urgent')) return [{ type: 'urgent.continue' }];
      if (snapshot.matches('meansSkipped')) return [{ type: 'means.open' }, { type: 'question.next' }];
      if (snapshot.matches('review')) return [{ type: 'review.confirm' }];
      if (snapshot.matches('result') || snapshot.matches('declined')) return [];
      const id = snapshot.context.questionId;
      if (!id) return [];
      if (snapshot.context.answers[id] !== undefined) return [{ type: 'question.next' }];
      return (BRANCHES[id] ?? [DONT_KNOW]).map((value) => ({ type: 'answer.set', questionId: id, value }));
    },
    serializeState: (snapshot: Snapshot) =>
      JSON.stringify([snapshot.value, snapshot.context.questionId, snapshot.context.meansOpened, Object.keys(BRANCHES).map((k) => snapshot.context.answers[k] ?? null), snapshot.context.questionId ? snapshot.context.answers[snapshot.context.questionId] ?? null : null]),
    toState: (snapshot: Snapshot) => snapshot.matches('result') || snapshot.matches('declined'),
  });

  it('enumerates every legal route, each ending in a valid assessment, and writes the outline for review', () => {
    expect(paths.length).toBeGreaterThan(10);
    const outline: string[] = ['# Every path through the interview (art-448-1 v1)', ''];
    for (const [index, path] of paths.entries()) {
      const end = path.state;
      expect(['result', 'declined']).toContain(end.value);
      const assessment = assessAnswers(questionnaire, end.context.answers);
      expect(['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']).toContain(assessment.outcome);
      if (assessment.person.treatedAsChild) expect(assessment.elements.means).toBe('not_required');
      const route: string[] = [];
      for (const step of path.steps) {
        const value = String(step.state.value);
        if (route.at(-1) !== value) route.push(value);
      }
      const decisions = Object.keys(BRANCHES)
        .filter((k) => end.context.answers[k] !== undefined)
        .map((k) => `${k}=${String(end.context.answers[k])}`);
      outline.push(`${index + 1}. ${decisions.join(', ')}${end.context.meansOpened ? ', means opened' : ''}`, `   ${route.join(' → ')}`, `   → ${assessment.outcome}; flags: ${assessment.flags.join(', ') || 'none'}`);
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/interview-paths.md', `${outline.join('\n')}\n`);
  });

  it('covers the branches a lawyer reviews: refusal, urgent needs, child, disputed age, smuggling, means opened', () => {
    const ends = paths.map((p) => p.state);
    expect(ends.some((s) => s.value === 'declined')).toBe(true);
    expect(paths.some((p) => p.steps.some((step) => step.state.matches('urgent')))).toBe(true);
    expect(paths.some((p) => p.steps.some((step) => step.state.matches('meansSkipped')) && p.state.value === 'result')).toBe(true);
    expect(ends.some((s) => s.context.meansOpened)).toBe(true);
    expect(ends.some((s) => s.context.answers['person.age_years'] === DONT_KNOW && s.context.answers['person.may_be_child'] === 'yes')).toBe(true);
    expect(ends.some((s) => s.context.answers['context.paid_to_cross'] === 'yes')).toBe(true);
  });
});
