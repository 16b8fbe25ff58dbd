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
import { retainedAnswers } from '../../machines/retained-answers';
import type { CaseContent, CaseStatus, InterviewStore } from '../../storage';

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
      const extras = createExtras({ details: content.details, notes: content.notes ?? [] });
      let status: CaseStatus = item.status;
      let last = '';
      let queue = Promise.resolve();
      const save = (snapshot: InterviewSnapshot) => {
        const key = JSON.stringify([snapshot.value, snapshot.context, extras.get()]);
        if (key === last) return;
        last = key;
        if (snapshot.matches('result') && status === 'in_progress') status = 'completed';
        // Consent refused: nothing is kept but the consent and urgent-needs answers (LEGAL.md §9.2) —
        // no notes, and no resumable snapshot, which would hold the rest.
        const answers = retainedAnswers(questionnaire, snapshot.context.answers);
        const withheld = Object.keys(answers).length !== Object.keys(snapshot.context.answers).length;
        const assessment = assessAnswers(questionnaire, answers);
        const kept = extras.get();
        const content = { ...loadedContent, ...kept, ...(withheld ? { notes: [] } : {}), answers, snapshot: withheld ? null : actor!.getPersistedSnapshot(), interviewLanguage: languageRef.current };
        const stats = statsRecord(answers, assessment, item.createdAt, 'none');
        const summary = {
          ...loadedSummary,
          outcome: assessment.outcome,
          flags: assessment.flags,
          section: String(snapshot.value),
          answered: Object.keys(answers).length,
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
      const stopSaving = actor.subscribe(save).unsubscribe;
      const stopSavingExtras = extras.subscribe(() => save(actor!.getSnapshot()));
      unsubscribe = () => {
        stopSaving();
        stopSavingExtras();
      };
      // A case nothing has been recorded in yet starts with the person's language.
      const started = Object.keys(content.answers).length > 0 || content.details?.personLanguage !== undefined;
      setState({ status: 'ready', actor, questionnaire, reference: item.reference, extras, started });
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
