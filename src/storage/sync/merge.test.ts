import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, mergeCase, stampLocal } from './merge';
import type { Stamp, SyncedCase } from './records';

const QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];

function emptyCase(origin = 'A'): SyncedCase {
  return {
    origin,
    createdAt: 1_000,
    status: 'in_progress',
    questionnaireId: 'art-448-1',
    questionnaireVersion: 1,
    answers: {},
    answerMeta: {},
    fields: {},
    fieldMeta: {},
    notes: [],
    editors: [],
    summary: { outcome: null, flags: [], section: 'consent', answered: 0 },
    summaryMeta: { at: 1_000, by: origin },
    history: [],
    merges: [],
  };
}

/** An edit as a tablet makes it: a value set at a time, over what that tablet had. */
function edit(base: SyncedCase, by: string, at: number, q: string, value: string, note?: string): SyncedCase {
  const previous = base.answerMeta[q];
  const stamp: Stamp = { at, by, who: `officer ${by}`, over: previous ? { at: previous.at, by: previous.by } : null };
  const next: SyncedCase = { ...base, answers: { ...base.answers, [q]: value }, answerMeta: { ...base.answerMeta, [q]: stamp } };
  if (previous && canonical(base.answers[q]) !== canonical(value)) next.history = [...base.history, { key: q, value: base.answers[q], stamp: previous }];
  if (note) next.notes = [...base.notes, { id: `${by}-${at}`, at, questionId: q, text: note }];
  return next;
}

const editArb = fc.record({ q: fc.constantFrom(...QUESTIONS), value: fc.constantFrom('yes', 'no', 'dont_know'), dt: fc.integer({ min: 1, max: 50 }), note: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }) });

/** A shared history, then two tablets editing apart (possibly at the same milliseconds). */
const divergent = fc.record({ shared: fc.array(editArb, { maxLength: 4 }), onA: fc.array(editArb, { maxLength: 5 }), onB: fc.array(editArb, { maxLength: 5 }) }).map(({ shared, onA, onB }) => {
  let base = emptyCase();
  let t = 2_000;
  for (const e of shared) base = edit(base, 'A', (t += e.dt), e.q, e.value, e.note);
  let a = base;
  let tA = t;
  for (const e of onA) a = edit(a, 'A', (tA += e.dt), e.q, e.value, e.note);
  let b = base;
  let tB = t;
  for (const e of onB) b = edit(b, 'B', (tB += e.dt), e.q, e.value, e.note);
  return { a, b };
});

/** Every answer value either copy ever held, with its question. */
function everyValue(c: SyncedCase): Set<string> {
  return new Set([...Object.entries(c.answers).map(([q, v]) => `${q}=${canonical(v)}`), ...c.history.filter((h) => !h.key.startsWith('field:')).map((h) => `${h.key}=${canonical(h.value)}`)]);
}

describe('merging a case edited on two tablets', { timeout: 60_000 }, () => {
  it('is commutative: either tablet resolving the conflict writes the same content', () => {
    fc.assert(fc.property(divergent, ({ a, b }) => {
      expect(canonical(mergeCase(a, b))).toBe(canonical(mergeCase(b, a)));
    }));
  });

  it('is idempotent: merging again, or with either side again, changes nothing', () => {
    fc.assert(
      fc.property(divergent, ({ a, b }) => {
        const m = mergeCase(a, b);
        expect(canonical(mergeCase(m, m))).toBe(canonical(m));
        expect(canonical(mergeCase(m, a))).toBe(canonical(m));
        expect(canonical(mergeCase(b, m))).toBe(canonical(m));
      }),
    );
  });

  it('loses no answer and no note: every value either side held is the answer or in the history', () => {
    fc.assert(
      fc.property(divergent, ({ a, b }) => {
        const m = mergeCase(a, b) as SyncedCase;
        const kept = everyValue(m);
        for (const value of [...everyValue(a), ...everyValue(b)]) expect(kept).toContain(value);
        const notes = new Set(m.notes.map((n) => n.id));
        for (const n of [...a.notes, ...b.notes]) expect(notes).toContain(n.id);
      }),
    );
  });

  it('keeps the later answer, the other in the history, and tells the officer', () => {
    const base = edit(emptyCase(), 'A', 2_000, 'q1', 'no');
    const onA = edit(edit(base, 'A', 3_000, 'q1', 'yes'), 'A', 3_100, 'q2', 'yes', 'note from A');
    const onB = edit(edit(base, 'B', 4_000, 'q1', 'dont_know'), 'B', 4_100, 'q3', 'no', 'note from B');
    const merged = mergeCase(onA, onB) as SyncedCase;
    expect(merged.answers).toEqual({ q1: 'dont_know', q2: 'yes', q3: 'no' });
    expect(merged.history.filter((h) => h.key === 'q1').map((h) => h.value)).toEqual(['no', 'yes']);
    expect(merged.notes.map((n) => n.text)).toEqual(['note from A', 'note from B']);
    expect(merged.merges).toHaveLength(1);
    expect(merged.merges[0]!.changes).toEqual([{ questionId: 'q1', kept: { value: 'dont_know', stamp: onB.answerMeta.q1 }, replaced: { value: 'yes', stamp: onA.answerMeta.q1 } }]);
    expect(merged.merges[0]!.added.map((x) => x.questionId)).toEqual(['q2', 'q3']);
  });

  it('lets an answer changed knowingly win over the one it replaced, whatever the clocks say', () => {
    const onA = edit(emptyCase(), 'A', 9_000, 'q1', 'no');
    // B's clock is behind, but B changed the answer after seeing A's.
    const onB = edit(onA, 'B', 5_000, 'q1', 'yes');
    const merged = mergeCase(onA, onB) as SyncedCase;
    expect(merged.answers.q1).toBe('yes');
    expect(merged.merges).toEqual([]);
  });

  it('breaks a tie of the same millisecond by tablet id, the same way on both tablets', () => {
    const onA = edit(emptyCase(), 'A', 5_000, 'q1', 'no');
    const onB = edit(emptyCase(), 'B', 5_000, 'q1', 'yes');
    expect((mergeCase(onA, onB) as SyncedCase).answers.q1).toBe('yes');
    expect((mergeCase(onB, onA) as SyncedCase).answers.q1).toBe('yes');
  });

  it('does not show a notice when one copy simply continues the other', () => {
    const onA = edit(emptyCase(), 'A', 2_000, 'q1', 'no');
    const onB = edit(edit(onA, 'B', 3_000, 'q2', 'yes'), 'B', 3_100, 'q1', 'yes');
    expect((mergeCase(onA, onB) as SyncedCase).merges).toEqual([]);
  });

  it('keeps a deleted case when it was edited after the deletion, deletes it otherwise', () => {
    const live = edit(emptyCase(), 'A', 5_000, 'q1', 'no');
    expect(mergeCase(live, { deleted: true, stamp: { at: 6_000, by: 'B' } })).toEqual({ deleted: true, stamp: { at: 6_000, by: 'B' } });
    expect(mergeCase({ deleted: true, stamp: { at: 4_000, by: 'B' } }, live)).toBe(live);
  });

  it('gives the interview snapshot the merged answers, so resuming does not bring back one side only', () => {
    const base = { ...emptyCase(), fields: { snapshot: { value: 'act', context: { answers: {} } } }, fieldMeta: { snapshot: { at: 1_000, by: 'A' } } };
    const onA = edit(base, 'A', 2_000, 'q1', 'no');
    const onB = edit(base, 'B', 2_500, 'q2', 'yes');
    const merged = mergeCase(onA, onB) as SyncedCase;
    expect((merged.fields.snapshot as { context: { answers: unknown } }).context.answers).toEqual({ q1: 'no', q2: 'yes' });
  });
});

describe('stamping the store copy against the team copy', () => {
  it('stamps an answer the interview set with this tablet, over the value the team had', () => {
    const team = edit(emptyCase(), 'B', 2_000, 'q1', 'no');
    // The interview records which stamp the changed answer replaced.
    const local: SyncedCase = { ...team, answers: { q1: 'yes', q2: 'no' }, answerMeta: { q1: { at: 3_000, over: { at: 2_000, by: 'B' } } as Stamp, q2: undefined as unknown as Stamp } };
    const stamped = stampLocal(local, team, 'A', 'Officer A', 3_500);
    expect(stamped.answerMeta.q1).toEqual({ at: 3_000, by: 'A', who: 'Officer A', over: { at: 2_000, by: 'B' } });
    expect(stamped.answerMeta.q2).toMatchObject({ at: 3_500, by: 'A' });
    expect((mergeCase(team, stamped) as SyncedCase).answers.q1).toBe('yes');
  });

  it('leaves the team stamp on an answer the store has unchanged', () => {
    const team = edit(emptyCase(), 'B', 2_000, 'q1', 'no');
    const stamped = stampLocal({ ...team, answerMeta: {} }, team, 'A', null, 9_000);
    expect(stamped.answerMeta.q1).toEqual(team.answerMeta.q1);
  });
});
