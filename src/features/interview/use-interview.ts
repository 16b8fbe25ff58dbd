/**
 * One interview on screen: the machine for the case's own questionnaire version,
 * resumed where it was, and saved (encrypted) after every step. Saves run one
 * after another, so the last one written is always the latest state.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { assessAnswers, type Assessment, type Questionnaire } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { createInterviewMachine, type InterviewMachine } from '../../machines/interview.machine';
import type { CaseStatus, CaseStore } from '../../storage';

export type InterviewActor = Actor<InterviewMachine>;
export type InterviewSnapshot = SnapshotFrom<InterviewMachine>;

type Loaded = { actor: InterviewActor; questionnaire: Questionnaire; reference: string };
type LoadState = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & Loaded);

export function useInterviewLoader(store: CaseStore, caseId: string, language: string): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const languageRef = useRef(language);
  languageRef.current = language;

  useEffect(() => {
    let cancelled = false;
    let actor: InterviewActor | undefined;
    let unsubscribe: (() => void) | undefined;
    (async () => {
      const { item, content } = await store.load(caseId);
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
      let queue = Promise.resolve();
      const save = (snapshot: InterviewSnapshot) => {
        const key = JSON.stringify([snapshot.value, snapshot.context]);
        if (key === last) return;
        last = key;
        if (snapshot.matches('result') && status === 'in_progress') status = 'completed';
        const assessment = assessAnswers(questionnaire, snapshot.context.answers);
        const content = { answers: snapshot.context.answers, snapshot: actor!.getPersistedSnapshot(), interviewLanguage: languageRef.current };
        const summary = { outcome: assessment.outcome, flags: assessment.flags, section: String(snapshot.value), answered: Object.keys(snapshot.context.answers).length };
        const statusToSave = status;
        queue = queue.then(() =>
          store.save(caseId, { status: statusToSave, content, summary }).then(
            () => saveStatus.set(null),
            (error: unknown) => saveStatus.set(error instanceof Error ? error.message : String(error)),
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
