/**
 * One interview on screen: the machine for the case's own questionnaire version,
 * resumed where it was, and saved (encrypted) after every step. Saves run one
 * after another, so the last one written is always the latest state.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { assessAnswers, type Assessment, type Questionnaire } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { statsRecord } from '../../content/statistics';
import { flushSaves, trackSave } from '../../components/pending-saves';
import { createInterviewMachine, type InterviewMachine } from '../../machines/interview.machine';
import type { CaseStatus, InterviewStore } from '../../storage';

export type InterviewActor = Actor<InterviewMachine>;
export type InterviewSnapshot = SnapshotFrom<InterviewMachine>;

type Loaded = { actor: InterviewActor; questionnaire: Questionnaire; reference: string };
type LoadState = { status: 'loading' } | { status: 'busy' } | { status: 'error'; message: string } | ({ status: 'ready' } & Loaded);


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

export function useInterviewLoader(store: InterviewStore, caseId: string, language: string): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const languageRef = useRef(language);
  languageRef.current = language;

  useEffect(() => {
    let cancelled = false;
    let actor: InterviewActor | undefined;
    let unsubscribe: (() => void) | undefined;
    let release: (() => void) | null = null;
    (async () => {
      release = await lockCase(caseId);
      if (cancelled) return release?.();
      if (!release) return setState({ status: 'busy' });
      const { item, content } = await store.load(caseId);
      // Referrals and summary details are kept as they are; the interview only changes its own part.
      const loadedContent = content;
      const loadedSummary = item.summary;
      // The case keeps the questionnaire version it was started with.
      const questionnaire = findQuestionnaire(item.questionnaireId, item.questionnaireVersion);
      const machine = createInterviewMachine(questionnaire);
      try {
        actor = createActor(machine, content.snapshot ? { snapshot: content.snapshot as never, input: {} } : { input: { answers: content.answers } });
        actor.start();
      } catch {
        // A snapshot this build cannot restore: start again at the first question, keeping every answer.
        actor = createActor(machine, { input: { answers: content.answers } });
        actor.start();
      }
      if (cancelled) return actor.stop();
      let status: CaseStatus = item.status;
      let last = '';
      // When each answer was set, for team sync's per-answer merge (the tablet and officer are added by sync).
      let answerMeta = { ...(content.answerMeta ?? {}) };
      let previousAnswers = content.answers;
      let queue = Promise.resolve();
      const save = (snapshot: InterviewSnapshot) => {
        const key = JSON.stringify([snapshot.value, snapshot.context]);
        if (key === last) return;
        last = key;
        if (snapshot.matches('result') && status === 'in_progress') status = 'completed';
        const assessment = assessAnswers(questionnaire, snapshot.context.answers);
        const now = Date.now();
        for (const [questionId, value] of Object.entries(snapshot.context.answers)) {
          if (JSON.stringify(value) === JSON.stringify(previousAnswers[questionId])) continue;
          const before = answerMeta[questionId];
          answerMeta = { ...answerMeta, [questionId]: { at: now, over: before?.by ? { at: before.at, by: before.by } : undefined } };
        }
        previousAnswers = snapshot.context.answers;
        const content = { ...loadedContent, answers: snapshot.context.answers, answerMeta, snapshot: actor!.getPersistedSnapshot(), interviewLanguage: languageRef.current };
        const stats = statsRecord(snapshot.context.answers, assessment, item.createdAt, 'none');
        const summary = {
          ...loadedSummary,
          outcome: assessment.outcome,
          flags: assessment.flags,
          section: String(snapshot.value),
          answered: Object.keys(snapshot.context.answers).length,
          stats: stats as Record<string, unknown> | null,
        };
        const statusToSave = status;
        queue = trackSave(
          queue.then(() =>
          store.save(caseId, { status: statusToSave, content, summary }).then(
            () => {
              saveStatus.set(null);
              // For npm run bench (answer → saved latency); carries no data.
              performance.mark('screening:saved');
            },
            (error: unknown) => saveStatus.set(error instanceof Error ? error.message : String(error)),
          ),
          ),
        );
      };
      unsubscribe = actor.subscribe(save).unsubscribe;
      setState({ status: 'ready', actor, questionnaire, reference: item.reference });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
      actor?.stop();
      // Let the last save land before another tab may take the case.
      void flushSaves().then(() => release?.());
    };
  }, [store, caseId]);

  return state;
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
  return useMemo(() => assessAnswers(questionnaire, answers), [questionnaire, answers]);
}
