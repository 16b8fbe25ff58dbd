import { mkdirSync, writeFileSync } from 'node:fs';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { assessAnswers, DONT_KNOW, type AnswerValue } from '../engine';
import { findQuestionnaire } from '../content/questionnaires';
import { createInterviewMachine, type InterviewEvent } from './interview.machine';
import { retainedAnswers } from './retained-answers';

// Version 1 stays: cases started with it resume on its machine.
const questionnaire = findQuestionnaire('art-448-1', 1);
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

describe('interview machine, questionnaire v1', () => {
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
    answer('yes'); // consent.record: a refusal to record would end the interview (LEGAL.md §9.2)
    for (let i = 0; i < 20 && actor.getSnapshot().context.questionId !== 'person.age_years'; i++) {
      answer(actor.getSnapshot().context.questionId === 'safety.has_safe_place' ? 'yes' : 'no');
    }
    answer(30);
    expect(actor.getSnapshot().context.questionId).toBe('person.may_be_child');
    send({ type: 'question.back' });
    expect(actor.getSnapshot().context.questionId).toBe('person.age_years');
    answer(15); // now a child: the "may be under 18" question no longer applies
    expect(actor.getSnapshot().context.questionId).toBe('person.sex');
    expect(actor.getSnapshot().context.answers['consent.share_referral']).toBe('no');
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
 * representative answers; every other question is answered "don't know" (or a
 * fixed answer), so the graph stays finite and each path is a distinct legal route.
 */
function enumeratePaths(version: number, branches: Record<string, AnswerValue[]>, fixed: Record<string, AnswerValue> = {}) {
  const q = findQuestionnaire('art-448-1', version);
  const m = createInterviewMachine(q);
  type S = SnapshotFrom<typeof m>;
  const ends = ['result', 'declined', 'declinedEnd'];
  // Branch answers are part of each state's key, so the graph is a tree and the
  // shortest path to each end is the only one: this enumerates every route.
  const paths = getShortestPaths(m, {
    input: {},
    events: (snapshot: S): InterviewEvent[] => {
      if (snapshot.matches('urgent')) return [{ type: 'urgent.continue' }];
      if (snapshot.matches('meansSkipped')) return [{ type: 'means.open' }, { type: 'question.next' }];
      if (snapshot.matches('privacyPaused')) return [{ type: 'privacy.continue' }];
      if (snapshot.matches('review')) return [{ type: 'review.confirm' }];
      // Refused consent: the route that asks about urgent needs only; the plain stop is its first screen.
      if (snapshot.matches('declined')) return snapshot.context.declinedUrgent ? [] : [{ type: 'declined.urgent' }];
      if (ends.some((end) => snapshot.matches(end as 'result'))) return [];
      const id = snapshot.context.questionId;
      if (!id) return [];
      if (snapshot.context.answers[id] !== undefined) return [{ type: 'question.next' }];
      return (branches[id] ?? [fixed[id] ?? DONT_KNOW]).map((value) => ({ type: 'answer.set', questionId: id, value }));
    },
    serializeState: (snapshot: S) =>
      JSON.stringify([
        snapshot.value,
        snapshot.context.questionId,
        snapshot.context.meansOpened,
        snapshot.context.declinedUrgent ?? false,
        Object.keys(branches).map((k) => snapshot.context.answers[k] ?? null),
        snapshot.context.questionId ? (snapshot.context.answers[snapshot.context.questionId] ?? null) : null,
      ]),
    toState: (snapshot: S) => snapshot.matches('result') || snapshot.matches('declinedEnd'),
  });
  return { q, paths };
}

function outline(version: number, branches: Record<string, AnswerValue[]>, paths: ReturnType<typeof enumeratePaths>['paths'], q: ReturnType<typeof findQuestionnaire>): string[] {
  const lines: string[] = [`## art-448-1 v${version}: ${paths.length} routes`, ''];
  for (const [index, path] of paths.entries()) {
    const end = path.state;
    const kept = retainedAnswers(q, end.context.answers);
    const assessment = assessAnswers(q, kept);
    const route: string[] = [];
    for (const step of path.steps) {
      const value = String(step.state.value);
      if (route.at(-1) !== value) route.push(value);
    }
    const decisions = Object.keys(branches)
      .filter((k) => end.context.answers[k] !== undefined)
      .map((k) => `${k}=${String(end.context.answers[k])}`);
    lines.push(
      `${index + 1}. ${decisions.join(', ')}${end.context.meansOpened ? ', means opened' : ''}`,
      `   ${route.join(' → ')}`,
      end.value === 'declinedEnd' ? `   → interview refused: ${Object.keys(kept).length} answers kept (consent and urgent needs only); flags: ${assessment.flags.join(', ') || 'none'}` : `   → ${assessment.outcome}; flags: ${assessment.flags.join(', ') || 'none'}`,
    );
  }
  return lines;
}

const V1_BRANCHES: Record<string, AnswerValue[]> = {
  'consent.interview': ['yes', 'no'],
  'safety.in_danger': ['yes', 'no'],
  'person.age_years': [15, 30, DONT_KNOW],
  'person.may_be_child': ['yes', 'no'],
  'context.paid_to_cross': ['yes', 'no'],
};

/** Version 2: source, privacy, both consents, urgent needs, age (now, doubted, when it began), means for a child, exploitation not begun, smuggling. */
const V2_BRANCHES: Record<string, AnswerValue[]> = {
  'source.from': ['person', 'online'],
  'privacy.alone': ['yes', 'no'],
  'consent.interview': ['yes', 'no'],
  'consent.record': ['yes', 'no'],
  'safety.in_danger': ['yes', 'no'],
  'person.age_years': [15, 30, DONT_KNOW],
  'person.may_be_child': ['no', 'cannot_tell'],
  'person.age_at_start': [16, 25],
  'person.ask_means_for_child': ['yes', 'no'],
  'work.started': ['ongoing', 'not_started'],
  'journey.paid_to_cross': ['yes', 'no'],
};
const V2_FIXED: Record<string, AnswerValue> = { 'consent.explained': 'yes', 'privacy.reason': 'The person asked for the social worker to stay.', 'journey.travelled': 'yes', 'journey.crossed_border': 'yes' };

// Walking every route of version 2 takes seconds on a loaded machine: a generous limit, not a speed check.
describe('every path through the interview', { timeout: 120_000 }, () => {
  const v1 = enumeratePaths(1, V1_BRANCHES, { 'consent.record': 'yes' });
  const v2 = enumeratePaths(2, V2_BRANCHES, V2_FIXED);

  it('enumerates every legal route of both versions, each ending in a valid assessment, and writes the outline for review', () => {
    expect(v1.paths.length).toBeGreaterThan(10);
    expect(v2.paths.length).toBeGreaterThan(20);
    for (const { q, paths } of [v1, v2]) {
      for (const path of paths) {
        const end = path.state;
        expect(['result', 'declinedEnd']).toContain(end.value);
        const assessment = assessAnswers(q, retainedAnswers(q, end.context.answers));
        expect(['presumed_victim', 'possible_victim', 'not_indicated', 'insufficient']).toContain(assessment.outcome);
        if (assessment.person.treatedAsChild) expect(assessment.elements.means).toBe('not_required');
      }
    }
    const text = [
      '# Every path through the interview',
      '',
      'Generated by src/machines/interview.machine.test.ts from the machine itself: each route is a distinct legal branch (the answers named decide it; every other question is answered "don\'t know").',
      '',
      ...outline(1, V1_BRANCHES, v1.paths, v1.q),
      '',
      ...outline(2, V2_BRANCHES, v2.paths, v2.q),
    ];
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/interview-paths.md', `${text.join('\n')}\n`);
  });

  it('v1 covers the branches a lawyer reviews: refusal, urgent needs, child, disputed age, smuggling, means opened', () => {
    const { paths } = v1;
    const ends = paths.map((p) => p.state);
    expect(paths.some((p) => p.steps.some((step) => step.state.matches('declined')))).toBe(true);
    expect(paths.some((p) => p.steps.some((step) => step.state.matches('urgent')))).toBe(true);
    expect(paths.some((p) => p.steps.some((step) => step.state.matches('meansSkipped')) && p.state.value === 'result')).toBe(true);
    expect(ends.some((s) => s.context.meansOpened)).toBe(true);
    expect(ends.some((s) => s.context.answers['person.age_years'] === DONT_KNOW && s.context.answers['person.may_be_child'] === 'yes')).toBe(true);
    expect(ends.some((s) => s.context.answers['context.paid_to_cross'] === 'yes')).toBe(true);
  });

  it('v2 covers privacy paused, each consent refused, a third-party source, child at the events, means for a child, exploitation not begun, smuggling', () => {
    const { paths, q } = v2;
    const ends = paths.map((p) => p.state);
    expect(paths.some((p) => p.steps.some((step) => step.state.matches('privacyPaused')) && p.state.value === 'result')).toBe(true);
    expect(ends.some((s) => s.value === 'declinedEnd' && s.context.answers['consent.interview'] === 'no')).toBe(true);
    expect(ends.some((s) => s.value === 'declinedEnd' && s.context.answers['consent.record'] === 'no')).toBe(true);
    // Online source: no privacy or consent asked of the person, and the reading says it.
    const online = ends.filter((s) => s.context.answers['source.from'] === 'online' && s.value === 'result');
    expect(online.length).toBeGreaterThan(0);
    for (const s of online) {
      expect(s.context.answers['consent.interview']).toBeUndefined();
      expect(assessAnswers(q, s.context.answers).flags).toContain('not_interviewed');
    }
    expect(ends.some((s) => s.value === 'result' && assessAnswers(q, s.context.answers).flags.includes('child_at_events'))).toBe(true);
    expect(ends.some((s) => s.context.answers['person.ask_means_for_child'] === 'yes')).toBe(true);
    expect(ends.some((s) => s.context.answers['work.started'] === 'not_started' && s.value === 'result')).toBe(true);
    expect(ends.some((s) => s.context.answers['journey.paid_to_cross'] === 'yes')).toBe(true);
  });
});

describe('interview machine, questionnaire v2', () => {
  const q2 = findQuestionnaire('art-448-1', 2);
  const m2 = createInterviewMachine(q2);
  const PERSON = { 'source.from': 'person', 'privacy.alone': 'yes', 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.record': 'yes' } as const;

  function drive(script: Record<string, AnswerValue>, stop: (s: SnapshotFrom<typeof m2>) => boolean) {
    const actor = createActor(m2, { input: {} }).start();
    const seen: string[] = [];
    for (let step = 0; step < 400 && !stop(actor.getSnapshot()); step++) {
      const snapshot = actor.getSnapshot();
      if (snapshot.matches('urgent')) actor.send({ type: 'urgent.continue' });
      else if (snapshot.matches('review')) actor.send({ type: 'review.confirm' });
      else if (snapshot.context.questionId) {
        const id = snapshot.context.questionId;
        seen.push(id);
        actor.send({ type: 'answer.set', questionId: id, value: script[id] ?? DONT_KNOW });
        actor.send({ type: 'question.next' });
      } else break;
    }
    return { actor, seen };
  }

  it('asks where the information comes from first', () => {
    const { seen } = drive({}, () => false);
    expect(seen[0]).toBe('source.from');
  });

  it('pauses when the person is not alone, and goes on only with the reason written down', () => {
    const { actor } = drive({ 'source.from': 'person', 'privacy.alone': 'no' }, (s) => s.matches('privacyPaused'));
    expect(actor.getSnapshot().value).toBe('privacyPaused');
    actor.send({ type: 'privacy.continue' });
    expect(actor.getSnapshot().context.questionId).toBe('privacy.reason');
    actor.send({ type: 'question.next' });
    expect(actor.getSnapshot().context.questionId).toBe('privacy.reason');
    actor.send({ type: 'answer.set', questionId: 'privacy.reason', value: '   ' });
    actor.send({ type: 'question.next' });
    expect(actor.getSnapshot().context.questionId).toBe('privacy.reason');
    actor.send({ type: 'answer.set', questionId: 'privacy.reason', value: 'The person asked for her sister to stay.' });
    actor.send({ type: 'question.next' });
    expect(actor.getSnapshot().value).toBe('consent');
  });

  it('a refused interview ends; urgent needs can still be asked, and nothing else is kept', () => {
    const { actor } = drive({ ...PERSON, 'consent.interview': 'no' }, (s) => s.matches('declined'));
    expect(actor.getSnapshot().value).toBe('declined');
    actor.send({ type: 'declined.urgent' });
    expect(actor.getSnapshot().value).toBe('safety');
    for (const id of ['safety.in_danger', 'safety.needs_doctor', 'safety.has_safe_place']) {
      actor.send({ type: 'answer.set', questionId: id, value: id === 'safety.has_safe_place' ? 'no' : 'no' });
      actor.send({ type: 'question.next' });
    }
    expect(actor.getSnapshot().value).toBe('urgent');
    actor.send({ type: 'urgent.continue' });
    expect(actor.getSnapshot().value).toBe('declinedEnd');
  });

  it('a refusal to record keeps only the consent and urgent-needs answers, even after going back', () => {
    const answers = { ...PERSON, 'consent.record': 'no', 'safety.needs_doctor': 'yes', 'person.age_years': 30, 'control.papers_kept': 'yes' } as Record<string, AnswerValue>;
    const kept = retainedAnswers(q2, answers);
    expect(Object.keys(kept).sort()).toEqual(['consent.explained', 'consent.interview', 'consent.record', 'privacy.alone', 'safety.needs_doctor', 'source.from']);
    expect(retainedAnswers(q2, { ...answers, 'consent.record': 'yes' })).toEqual({ ...answers, 'consent.record': 'yes' });
  });

  it('a third-party source skips privacy and the person’s consent', () => {
    const { seen } = drive({ 'source.from': 'relative' }, (s) => s.context.questionId === 'person.age_years');
    expect(seen.some((id) => id.startsWith('privacy.') || id.startsWith('consent.'))).toBe(false);
  });

  it('a child: the means-only questions are asked only when the officer opens them', () => {
    const child = drive({ ...PERSON, 'person.age_years': 15, 'person.ask_means_for_child': 'no' }, (s) => s.matches('result'));
    expect(child.seen).not.toContain('recruitment.family_paid');
    const opened = drive({ ...PERSON, 'person.age_years': 15, 'person.ask_means_for_child': 'yes' }, (s) => s.matches('result'));
    expect(opened.seen).toContain('recruitment.family_paid');
    const adult = drive({ ...PERSON, 'person.age_years': 30, 'person.may_be_child': 'no' }, (s) => s.matches('result'));
    expect(adult.seen).toContain('recruitment.family_paid');
    expect(adult.seen).not.toContain('person.ask_means_for_child');
  });

  it('asks only about what the person did not mention', () => {
    const { seen } = drive({ ...PERSON, 'person.age_years': 30, 'person.may_be_child': 'no', 'control.mentioned': ['papers_kept', 'debt'] }, (s) => s.matches('result'));
    expect(seen).toContain('control.mentioned');
    expect(seen).not.toContain('control.papers_kept');
    expect(seen).not.toContain('control.debt');
    expect(seen).toContain('control.locked_in');
  });
});
