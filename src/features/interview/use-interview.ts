/**
 * One interview on screen: the machine for the case's own questionnaire version,
 * resumed where it was, and saved (encrypted) after every step.
 *
 * The save is off the critical path: a step only tells the case's save writer
 * that the state changed (src/components/pending-saves.ts); the next question is
 * drawn at once and the writer writes the latest state in the following task, one
 * write at a time, in order, coalescing the steps that come in meanwhile. An
 * answer is acknowledged when a write that started after it has committed (the
 * performance mark "screening:saved" carries the step's sequence number, nothing
 * else); a crash can lose only what is not yet acknowledged: the step just taken.
 */
import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { assessAnswers, type AnswerMap, type Assessment, type Questionnaire } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { statsRecord } from '../../content/statistics';
import { createSaveWriter, type SaveWriter } from '../../components/pending-saves';
import { createInterviewMachine, type InterviewMachine } from '../../machines/interview.machine';
import { retainedAnswers } from '../../machines/retained-answers';
import type { CaseContent, CaseStatus, CaseSummary, InterviewStore } from '../../storage';

export type InterviewActor = Actor<InterviewMachine>;
export type InterviewSnapshot = SnapshotFrom<InterviewMachine>;

/** What the interview records besides the machine's answers: the person's language and interpreter, and the notes. */
export interface InterviewExtras {
  details: CaseContent['details'];
  notes: NonNullable<CaseContent['notes']>;
}

/**
 * The extras, changed from the screens and saved with the answers in the same
 * sealed content. A change calls its listeners: the screen redraws, the loader saves.
 */
export interface ExtrasStore {
  get: () => InterviewExtras;
  amend: (change: (current: InterviewExtras) => InterviewExtras) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createExtras(initial: InterviewExtras): ExtrasStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    amend(change) {
      current = change(current);
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useExtras(extras: ExtrasStore): InterviewExtras {
  return useSyncExternalStore(extras.subscribe, extras.get);
}

type Loaded = { actor: InterviewActor; questionnaire: Questionnaire; reference: string; extras: ExtrasStore; started: boolean };
type LoadState = { status: 'loading' } | { status: 'busy' } | { status: 'error'; message: string } | ({ status: 'ready' } & Loaded);

/**
 * A case started a moment ago (home screen, or "unlock and start"): its first
 * question is drawn without waiting for the case to be written. The app writes
 * the new case in the background; the first save waits for that write (and asks
 * for it again if it failed), so no answer is written to a case that is not there.
 */
export interface FreshCase {
  questionnaire: Questionnaire;
  reference: string;
  createdAt: number;
  /**
   * The officer the new case records (CaseStore.newCaseOfficer), kept in the content
   * as a loaded case keeps it: each save then knows it is the interviewing officer's
   * own, and does not read the stored case again to find out.
   */
  officer: CaseContent['officer'];
  /** The new, empty case written: the same promise each time, a new attempt after a failure. */
  created: () => Promise<void>;
}

/**
 * One tab at a time per case (Web Locks): a second tab showing the same interview
 * would overwrite the first one's answers. Resolves with a release function, or
 * null when another tab holds the case.
 */
function lockCase(caseId: string): Promise<(() => void) | null> {
  if (typeof navigator === 'undefined' || !navigator.locks) return Promise.resolve(() => {});
  return new Promise((resolve) => {
    void navigator.locks.request(`case:${caseId}`, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null);
        return undefined;
      }
      return new Promise<void>((release) => resolve(release));
    });
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useInterviewLoader(store: InterviewStore, caseId: string, language: string, fresh?: FreshCase): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const languageRef = useRef(language);
  languageRef.current = language;
  // Read once: a fresh case is fresh only for the screen that started it.
  const freshRef = useRef(fresh);

  // A layout effect: for a fresh case everything up to "ready" is synchronous, so
  // the first question is drawn in the same frame as the tap's, never "loading…".
  useLayoutEffect(() => {
    let cancelled = false;
    let actor: InterviewActor | undefined;
    let unsubscribe: (() => void) | undefined;
    let writer: SaveWriter | undefined;
    let release: (() => void) | null = null;

    const begin = (questionnaire: Questionnaire, loaded: { content: CaseContent; summary: CaseSummary; status: CaseStatus; createdAt: number; reference: string }, ready: () => Promise<void>) => {
      const machine = createInterviewMachine(questionnaire);
      const { content } = loaded;
      try {
        actor = createActor(machine, content.snapshot ? { snapshot: content.snapshot as never, input: {} } : { input: { answers: content.answers } });
        actor.start();
      } catch {
        // A snapshot this build cannot restore: start again at the first question, keeping every answer.
        actor = createActor(machine, { input: { answers: content.answers } });
        actor.start();
      }
      const running = actor;
      let status = loaded.status;
      const extras = createExtras({ details: content.details, notes: content.notes ?? [] });
      // When each answer was set, for team sync's per-answer merge (the tablet and officer are added by sync).
      let answerMeta = { ...(content.answerMeta ?? {}) };
      let previousAnswers = content.answers;
      writer = createSaveWriter(
        async (seq) => {
          await ready();
          const snapshot = running.getSnapshot();
          // Consent refused: nothing is kept but the consent and urgent-needs answers (LEGAL.md §9.2) —
          // no notes, and no resumable snapshot, which would hold the rest.
          const answers = retainedAnswers(questionnaire, snapshot.context.answers);
          const withheld = Object.keys(answers).length !== Object.keys(snapshot.context.answers).length;
          const assessment = withheld ? assessAnswers(questionnaire, answers) : assessCached(questionnaire, snapshot.context.answers);
          // Referrals and summary details are kept as they are; the interview changes its own part, and
          // the person's language, the interpreter and the notes taken during it.
          const next = {
            ...content,
            ...extras.get(),
            ...(withheld ? { notes: [] } : {}),
            answers,
            answerMeta: withheld ? Object.fromEntries(Object.entries(answerMeta).filter(([id]) => id in answers)) : answerMeta,
            snapshot: withheld ? null : running.getPersistedSnapshot(),
            interviewLanguage: languageRef.current,
          };
          const summary = {
            ...loaded.summary,
            outcome: assessment.outcome,
            flags: assessment.flags,
            section: String(snapshot.value),
            answered: Object.keys(answers).length,
            stats: statsRecord(answers, assessment, loaded.createdAt, 'none') as Record<string, unknown> | null,
          };
          await store.save(caseId, { status, content: next, summary });
          // For the tests and npm run bench (answer → saved): a sequence number, no data.
          performance.mark('screening:saved', { detail: { seq } });
        },
        ({ error }) => saveStatus.set(error === null ? null : message(error)),
      );
      const saving = writer;
      let lastValue: unknown = null;
      let lastContext: unknown = null;
      unsubscribe = running.subscribe((snapshot) => {
        if (snapshot.value === lastValue && snapshot.context === lastContext) return;
        lastValue = snapshot.value;
        lastContext = snapshot.context;
        if (snapshot.matches('result') && status === 'in_progress') status = 'completed';
        const now = Date.now();
        for (const [questionId, value] of Object.entries(snapshot.context.answers)) {
          if (JSON.stringify(value) === JSON.stringify(previousAnswers[questionId])) continue;
          const before = answerMeta[questionId];
          answerMeta = { ...answerMeta, [questionId]: { at: now, over: before?.by ? { at: before.at, by: before.by } : undefined } };
        }
        previousAnswers = snapshot.context.answers;
        performance.mark('screening:changed', { detail: { seq: saving.changed() } });
      }).unsubscribe;
      const stopExtras = extras.subscribe(() => saving.changed());
      const stopMachine = unsubscribe;
      unsubscribe = () => {
        stopMachine();
        stopExtras();
      };
      // A case nothing has been recorded in yet starts with the person's language.
      const started = Object.keys(content.answers).length > 0 || content.details?.personLanguage !== undefined;
      setState({ status: 'ready', actor: running, questionnaire, reference: loaded.reference, extras, started });
    };

    const started = freshRef.current;
    if (started) {
      // Nobody else can know this id yet; the lock is taken for later, and the first write waits for it.
      const locked = lockCase(caseId).then((r) => {
        if (!r) throw new Error('another tab holds this case');
        if (cancelled) r();
        else release = r;
      });
      begin(
        started.questionnaire,
        {
          content: { answers: {}, snapshot: null, interviewLanguage: languageRef.current, officer: started.officer },
          summary: { outcome: null, flags: [], section: String(started.questionnaire.sections[0]?.id ?? ''), answered: 0 },
          status: 'in_progress',
          createdAt: started.createdAt,
          reference: started.reference,
        },
        () => Promise.all([locked, started.created()]).then(() => undefined),
      );
    } else {
      (async () => {
        release = await lockCase(caseId);
        if (cancelled) return release?.();
        if (!release) return setState({ status: 'busy' });
        const { item, content } = await store.load(caseId);
        if (cancelled) return;
        // The case keeps the questionnaire version it was started with.
        const questionnaire = findQuestionnaire(item.questionnaireId, item.questionnaireVersion);
        begin(questionnaire, { content, summary: item.summary, status: item.status, createdAt: item.createdAt, reference: item.reference }, () => Promise.resolve());
      })().catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: message(error) });
      });
    }
    return () => {
      cancelled = true;
      unsubscribe?.();
      // Let the last save land (it reads the actor) before another tab may take the case.
      void (writer?.close() ?? Promise.resolve()).then(() => {
        actor?.stop();
        release?.();
      });
    };
  }, [store, caseId]);

  return state;
}

/**
 * One assessment per answer set, shared by the screen and the save: the answers
 * object is new at every change (the machine's assign), so it is the key.
 */
const assessments = new WeakMap<AnswerMap, { questionnaire: Questionnaire; assessment: Assessment }>();
function assessCached(questionnaire: Questionnaire, answers: AnswerMap): Assessment {
  const hit = assessments.get(answers);
  if (hit && hit.questionnaire === questionnaire) return hit.assessment;
  const assessment = assessAnswers(questionnaire, answers);
  assessments.set(answers, { questionnaire, assessment });
  return assessment;
}

/** The latest save failure, shown until a later save succeeds. */
function createSaveStatus() {
  let error: string | null = null;
  const listeners = new Set<() => void>();
  return {
    set(next: string | null) {
      if (next === error) return;
      error = next;
      listeners.forEach((l) => l());
    },
    get: () => error,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export const saveStatus = createSaveStatus();

export function useSaveError(): string | null {
  return useSyncExternalStore(saveStatus.subscribe, saveStatus.get);
}

export function useActorSnapshot(actor: InterviewActor): InterviewSnapshot {
  return useSyncExternalStore(
    (listener) => actor.subscribe(listener).unsubscribe,
    () => actor.getSnapshot(),
  );
}

export function useAssessment(questionnaire: Questionnaire, answers: InterviewSnapshot['context']['answers']): Assessment {
  return useMemo(() => assessCached(questionnaire, answers), [questionnaire, answers]);
}
