/**
 * The first question sooner (issue 17): the interview screen and the
 * questionnaire load while the passphrase is typed, and a new interview is drawn
 * before its case is written.
 */
import { lazy, useState, type ComponentProps } from 'react';
import type { FreshCase } from '../features/interview/interview-screen';
import type { CaseStore } from '../storage';

type InterviewModule = typeof import('../features/interview/interview-screen');

let interviewChunk: Promise<InterviewModule> | undefined;
let interviewLoaded: InterviewModule | undefined;

function loadInterview(): Promise<InterviewModule> {
  interviewChunk ??= import('../features/interview/interview-screen').then(
    (m) => (interviewLoaded = m),
    (error: unknown) => {
      // Offline with a broken precache, say: the next attempt tries again.
      interviewChunk = undefined;
      throw error;
    },
  );
  return interviewChunk;
}

const loadQuestionnaires = () => import('../content/questionnaires');

/**
 * Called once the unlock screen is drawn: the interview chunk, and the
 * questionnaire read and checked (the checks run once, on first use), so that
 * neither waits for the tap on "new interview". A failure only means they load
 * on demand instead.
 */
export function preloadInterview(): void {
  void Promise.all([loadInterview(), loadQuestionnaires()])
    .then(([, { currentQuestionnaire }]) => currentQuestionnaire())
    .catch(() => undefined);
}

const LazyInterviewScreen = lazy(() => loadInterview().then((m) => ({ default: m.InterviewScreen })));

/**
 * The interview screen; drawn at once when its chunk is already loaded (a lazy
 * component would still show the fallback for one render). Give it a key per case.
 */
export function InterviewRoute(props: ComponentProps<InterviewModule['InterviewScreen']>) {
  // Chosen once per mount: switching component type later would remount the interview mid-answer.
  const [Screen] = useState(() => interviewLoaded?.InterviewScreen ?? LazyInterviewScreen);
  return <Screen {...props} />;
}

/**
 * A new real case, ready to draw: its id and reference are chosen here and the
 * case is written in the background. The interview's first save waits for that
 * write (FreshCase.created), so an answer is never written to a case that is not
 * there; a failed write is tried again by the next save. The app remembers it
 * as the case to reopen after a reload only once it exists (app.tsx).
 */
export async function startNewInterview(store: CaseStore, language: string): Promise<{ caseId: string; fresh: FreshCase }> {
  const [{ currentQuestionnaire }, { newCaseId, referenceOf, requestPersistentStorage }, officer] = await Promise.all([loadQuestionnaires(), import('../storage'), store.newCaseOfficer()]);
  const questionnaire = currentQuestionnaire();
  const id = newCaseId();
  const createdAt = Date.now();
  const reference = referenceOf(id);
  let attempt: Promise<void> | undefined;
  const created = (): Promise<void> => {
    attempt ??= store
      .create({
        id,
        createdAt,
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        content: { answers: {}, snapshot: null, interviewLanguage: language, officer },
        summary: { outcome: null, flags: [], section: String(questionnaire.sections[0]?.id ?? ''), answered: 0 },
      })
      .then(
        () => {
          // The opening is audited as loading a case is; it does not block the interview.
          void store.audit('open_case', reference).catch(() => undefined);
          // The first real case is what makes eviction costly: ask now.
          void requestPersistentStorage();
        },
        (error: unknown) => {
          attempt = undefined;
          throw error;
        },
      );
    return attempt;
  };
  // Started now; a failure shows on the interview's first save, which tries again.
  created().catch(() => undefined);
  return { caseId: id, fresh: { questionnaire, reference, createdAt, officer, created } };
}
