/**
 * The interview as a state machine, built from a questionnaire. States are the
 * sections a lawyer reviews; the guards between them are the legal branches:
 * the person not alone (the interview pauses, and goes on only with a recorded
 * reason), consent refused (the interview ends: only urgent needs, the hotline and
 * a referral for protection remain), urgent needs (shown before any legal
 * question), the child exception (version 1: means skipped by default for a
 * child, with the reason, and still openable; version 2 asks the officer in a
 * question instead), then review and result. Within a section the machine moves question
 * by question over the questions that apply (show-if); going back and changing an
 * answer keeps every other answer, and those that no longer apply are simply not
 * used until they apply again. The screen answers a yes/no or single choice in one
 * tap (answer.set, then question.next); its undo is question.goto back to that
 * question, which before the review only ever goes backwards.
 */
import { assign, setup } from 'xstate';
import { treatedAsChild, visibleQuestionIds, type AnswerMap, type AnswerValue, type Questionnaire } from '../engine';
import { firstOf, lastOf, nextInSection, previousInSection, sectionOf, type SectionId } from './navigation';

export interface InterviewContext {
  answers: Record<string, AnswerValue>;
  /** The question on screen; null on the screens between sections. */
  questionId: string | null;
  /** The officer chose to ask the means questions of a child anyway. */
  meansOpened: boolean;
  /** Editing one answer from the review screen: "next" goes back there. */
  returnToReview: boolean;
  /** Consent refused, and the officer asks about urgent needs only: after safety the interview ends. */
  declinedUrgent?: boolean;
}

export type InterviewEvent =
  | { type: 'answer.set'; questionId: string; value: AnswerValue }
  | { type: 'answer.clear'; questionId: string }
  | { type: 'question.next' }
  | { type: 'question.back' }
  | { type: 'question.goto'; questionId: string }
  | { type: 'means.open' }
  | { type: 'urgent.continue' }
  | { type: 'review.confirm' }
  | { type: 'review.open' }
  /** The person is not alone: the officer goes on anyway, and must record why. */
  | { type: 'privacy.continue' }
  /** Consent refused: ask about urgent needs only (they stay the officer's duty). */
  | { type: 'declined.urgent' };

export interface InterviewInput {
  answers?: AnswerMap;
}

/** States that are not sections of the questionnaire. */
export type InterviewStep = SectionId | 'privacyPaused' | 'declined' | 'declinedEnd' | 'urgent' | 'meansSkipped' | 'review' | 'result';

const URGENT_CODES = ['context.needs_medical', 'context.needs_safety', 'context.needs_shelter'];

export function createInterviewMachine(questionnaire: Questionnaire) {
  const sections = questionnaire.sections.map((s) => s.id);
  const roles = questionnaire.roles;
  const consentQuestion = roles.consent_interview;
  const recordQuestion = roles.consent_record;
  const privacyQuestion = roles.privacy;
  const privacyReasonQuestion = roles.privacy_reason;
  const hasMeansSection = sections.includes('means') && sections.includes('act') && sections.includes('purpose');
  /** The section that holds the privacy check (version 2); version 1 has none, and so no pause. */
  const privacySection = privacyQuestion !== undefined && privacyReasonQuestion !== undefined ? sectionOf(questionnaire, privacyQuestion) : undefined;
  const visibleNow = (answers: AnswerMap, id: string | undefined) => id !== undefined && visibleQuestionIds(questionnaire, answers).has(id);

  /**
   * Consent refused (LEGAL.md §9.2): to the interview, or to recording it. Only
   * asked consent counts: when the information comes from someone else, the
   * person's consent questions do not apply. Anything but a "yes" is a refusal:
   * a skipped consent is not a consent.
   */
  const consentRefused = (answers: AnswerMap) =>
    (visibleNow(answers, consentQuestion) && answers[consentQuestion!] !== 'yes') || (visibleNow(answers, recordQuestion) && answers[recordQuestion!] !== 'yes');

  /** A yes to any question that establishes an urgent need. */
  const urgentNeed = (answers: AnswerMap) =>
    questionnaire.questions.some((q) => {
      if (q.type !== 'yes_no') return false;
      const value = answers[q.id];
      if (value !== 'yes' && value !== 'no') return false;
      const effect = q.sets?.[value] ?? {};
      return Object.entries(effect).some(([code, v]) => URGENT_CODES.includes(code) && v === 'yes');
    });

  const sectionAfter = (section: SectionId): SectionId | 'review' => sections[sections.indexOf(section) + 1] ?? 'review';

  /** A section none of whose questions apply (version 2: privacy and consent when the information comes from someone else) is passed over. */
  const applies = (answers: AnswerMap, section: SectionId) => firstOf(questionnaire, answers, section) !== null;
  const nextApplying = (answers: AnswerMap, from: SectionId): SectionId | 'review' => sections.slice(sections.indexOf(from) + 1).find((s) => applies(answers, s)) ?? 'review';
  const previousApplying = (answers: AnswerMap, from: SectionId): SectionId | null => sections.slice(0, sections.indexOf(from)).reverse().find((s) => applies(answers, s)) ?? null;

  /** Where "back" from the first question of a section lands. */
  const backTarget = (section: SectionId, ctx: InterviewContext): InterviewStep | null => {
    const previous = previousApplying(ctx.answers, section);
    if (!previous) return null;
    if (previous === 'means' && treatedAsChild(questionnaire, ctx.answers) && !ctx.meansOpened) return 'meansSkipped';
    return previous;
  };

  const enter = (section: SectionId) => ({ type: 'enterSection' as const, params: { section } });
  const enterAtEnd = (section: SectionId) => ({ type: 'enterSectionAtEnd' as const, params: { section } });
  const leave = { type: 'leaveQuestions' as const };

  /** Forward from the last question of a section. */
  const exitsOf = (section: SectionId) => {
    const next = sectionAfter(section);
    const special =
      section === 'consent'
        ? [{ guard: 'consentRefused' as const, target: 'declined', actions: leave }]
        : section === 'safety'
          ? [
              { guard: 'urgentNeed' as const, target: 'urgent', actions: leave },
              { guard: 'declinedUrgentOnly' as const, target: 'declinedEnd', actions: leave },
            ]
          : next === 'means'
            ? [{ guard: 'meansSkippedForChild' as const, target: 'meansSkipped', actions: leave }]
            : [];
    return [...special, ...forwardTo(section)];
  };

  /** To the next section whose questions apply, or the review. */
  const forwardTo = (from: SectionId) => [
    ...sections.slice(sections.indexOf(from) + 1).map((target) => ({
      guard: { type: 'nextSectionIs' as const, params: { from, to: target } },
      target,
      actions: enter(target),
    })),
    { target: 'review', actions: leave },
  ];

  const backsOf = (section: SectionId) =>
    [...sections, 'meansSkipped' as const].map((target) => ({
      guard: { type: 'backTargetIs' as const, params: { from: section, to: target } },
      target,
      actions: target === 'meansSkipped' ? leave : enterAtEnd(target as SectionId),
    }));

  const gotos = sections.map((section) => ({
    guard: { type: 'gotoSection' as const, params: { section } },
    target: section,
    actions: { type: 'gotoQuestion' as const },
  }));

  /**
   * Before the review, "go to" only goes back, to a question already passed (the
   * undo of a one-tap answer): going forward this way would jump a gate (consent
   * refused, urgent needs, the child exception).
   */
  const revisits = (from: InterviewStep) =>
    sections.map((section) => ({
      guard: { type: 'revisitSection' as const, params: { section, from } },
      target: section,
      actions: { type: 'revisitQuestion' as const },
    }));

  /** The index a revisited question must come before, on each screen before the review. */
  const firstIndexAfter = (section: SectionId): number => {
    const next = sectionAfter(section);
    return next === 'review' ? questionnaire.questions.length : (questionnaire.sections.find((s) => s.id === next)?.questions[0]?.index ?? questionnaire.questions.length);
  };
  const revisitLimit = (from: InterviewStep, ctx: InterviewContext): number => {
    if (from === 'declined') return firstIndexAfter('consent');
    if (from === 'urgent' || from === 'declinedEnd') return firstIndexAfter('safety');
    if (from === 'privacyPaused' && privacyQuestion) return questionnaire.byId.get(privacyQuestion)!.index + 1;
    if (from === 'meansSkipped') return firstIndexAfter('act');
    return ctx.questionId ? questionnaire.byId.get(ctx.questionId)!.index : 0;
  };

  const answerHandlers = {
    'answer.set': { actions: { type: 'setAnswer' as const } },
    'answer.clear': { actions: { type: 'clearAnswer' as const } },
  };

  const sectionStates = Object.fromEntries(
    sections.map((section) => [
      section,
      {
        meta: { kind: 'section', section },
        on: {
          ...answerHandlers,
          'question.next': [
            // The person is not alone: pause, with what to do (LEGAL.md §9.2).
            ...(privacySection ? [{ guard: 'privacyPause' as const, target: 'privacyPaused', actions: leave }] : []),
            // Going on without privacy needs the reason written down.
            { guard: 'privacyReasonMissing' as const },
            { guard: 'returningToReview' as const, target: 'review', actions: [leave, { type: 'stopReturning' as const }] },
            { guard: 'hasNextInSection' as const, actions: 'toNextInSection' as const },
            ...exitsOf(section),
          ],
          'question.back': [{ guard: 'hasPreviousInSection' as const, actions: 'toPreviousInSection' as const }, ...backsOf(section)],
          'question.goto': revisits(section),
        },
      },
    ]),
  );

  return setup({
    types: {
      context: {} as InterviewContext,
      events: {} as InterviewEvent,
      input: {} as InterviewInput,
    },
    guards: {
      hasNextInSection: ({ context }) => context.questionId !== null && nextInSection(questionnaire, context.answers, context.questionId) !== null,
      hasPreviousInSection: ({ context }) => context.questionId !== null && previousInSection(questionnaire, context.answers, context.questionId) !== null,
      consentRefused: ({ context }) => consentRefused(context.answers),
      declinedUrgentOnly: ({ context }) => context.declinedUrgent === true,
      privacyPause: ({ context }) => privacyQuestion !== undefined && context.questionId === privacyQuestion && context.answers[privacyQuestion] === 'no',
      privacyReasonMissing: ({ context }) => {
        if (privacyReasonQuestion === undefined || context.questionId !== privacyReasonQuestion) return false;
        const reason = context.answers[privacyReasonQuestion];
        return typeof reason !== 'string' || reason.trim() === '';
      },
      urgentNeed: ({ context }) => urgentNeed(context.answers),
      meansSkippedForChild: ({ context }) => treatedAsChild(questionnaire, context.answers) && !context.meansOpened,
      returningToReview: ({ context }) => context.returnToReview,
      nextSectionIs: ({ context }, params: { from: SectionId; to: SectionId }) => nextApplying(context.answers, params.from) === params.to,
      backTargetIs: ({ context }, params: { from: SectionId; to: InterviewStep }) => backTarget(params.from, context) === params.to,
      gotoSection: ({ event }, params: { section: SectionId }) => event.type === 'question.goto' && questionnaire.byId.has(event.questionId) && sectionOf(questionnaire, event.questionId) === params.section,
      revisitSection: ({ context, event }, params: { section: SectionId; from: InterviewStep }) =>
        event.type === 'question.goto' &&
        questionnaire.byId.has(event.questionId) &&
        sectionOf(questionnaire, event.questionId) === params.section &&
        questionnaire.byId.get(event.questionId)!.index < revisitLimit(params.from, context) &&
        visibleQuestionIds(questionnaire, context.answers).has(event.questionId),
    },
    actions: {
      enterSection: assign({ questionId: ({ context }, params: { section: SectionId }) => firstOf(questionnaire, context.answers, params.section) }),
      enterSectionAtEnd: assign({ questionId: ({ context }, params: { section: SectionId }) => lastOf(questionnaire, context.answers, params.section) }),
      leaveQuestions: assign({ questionId: null }),
      revisitQuestion: assign({ questionId: ({ event }) => (event.type === 'question.goto' ? event.questionId : null) }),
      stopReturning: assign({ returnToReview: false }),
      openMeans: assign({ meansOpened: true }),
      gotoQuestion: assign({
        questionId: ({ event }) => (event.type === 'question.goto' ? event.questionId : null),
        returnToReview: true,
      }),
      setAnswer: assign({
        answers: ({ context, event }) => (event.type === 'answer.set' ? { ...context.answers, [event.questionId]: event.value } : context.answers),
      }),
      clearAnswer: assign({
        answers: ({ context, event }) => {
          if (event.type !== 'answer.clear') return context.answers;
          const { [event.questionId]: _removed, ...rest } = context.answers;
          return rest;
        },
      }),
      consentQuestion: assign({ questionId: () => consentQuestion ?? null }),
      toPrivacyQuestion: assign({ questionId: () => privacyQuestion ?? null }),
      toPrivacyReason: assign({ questionId: () => privacyReasonQuestion ?? null }),
      startDeclinedUrgent: assign({ declinedUrgent: true }),
      toNextInSection: assign({ questionId: ({ context }) => nextInSection(questionnaire, context.answers, context.questionId!) }),
      toPreviousInSection: assign({ questionId: ({ context }) => previousInSection(questionnaire, context.answers, context.questionId!) }),
    },
  }).createMachine({
    id: 'interview',
    context: ({ input }) => ({
      answers: { ...(input.answers ?? {}) },
      questionId: firstOf(questionnaire, input.answers ?? {}, sections[0]!),
      meansOpened: false,
      returnToReview: false,
    }),
    initial: sections[0],
    states: {
      ...sectionStates,
      // Only a questionnaire with a privacy check (version 2) can reach this state.
      privacyPaused: {
        meta: { kind: 'pause' },
        on: privacySection
          ? {
              'privacy.continue': { target: privacySection, actions: { type: 'toPrivacyReason' } },
              'question.back': { target: privacySection, actions: { type: 'toPrivacyQuestion' } },
              'question.goto': revisits('privacyPaused'),
            }
          : {},
      },
      declined: {
        meta: { kind: 'stop' },
        on: {
          'question.back': { target: 'consent', actions: { type: 'consentQuestion' } },
          'declined.urgent': { target: 'safety', actions: [{ type: 'startDeclinedUrgent' }, enter('safety')] },
          'question.goto': revisits('declined'),
        },
      },
      // Consent refused, urgent needs asked: nothing more is asked or kept.
      declinedEnd: {
        meta: { kind: 'stop' },
        on: { 'question.back': { target: 'safety', actions: enterAtEnd('safety') }, 'question.goto': revisits('declinedEnd') },
      },
      urgent: {
        meta: { kind: 'urgent' },
        on: {
          'urgent.continue': [{ guard: 'declinedUrgentOnly', target: 'declinedEnd' }, ...(sections.includes('safety') ? forwardTo('safety') : [{ target: 'review', actions: leave }])],
          'question.back': { target: 'safety', actions: enterAtEnd('safety') },
          'question.goto': revisits('urgent'),
        },
      },
      // Only a questionnaire with a means section (version 1) can reach this state.
      meansSkipped: {
        meta: { kind: 'child-exception' },
        on: hasMeansSection
          ? {
              'means.open': { target: 'means', actions: [{ type: 'openMeans' }, enter('means')] },
              'question.next': { target: 'purpose', actions: enter('purpose') },
              'question.back': { target: 'act', actions: enterAtEnd('act') },
              'question.goto': revisits('meansSkipped'),
            }
          : {},
      },
      review: {
        meta: { kind: 'review' },
        on: {
          ...answerHandlers,
          'review.confirm': { target: 'result' },
          'question.goto': gotos,
          'question.back': { target: 'closing', actions: enterAtEnd('closing') },
        },
      },
      result: {
        meta: { kind: 'result' },
        on: { 'review.open': { target: 'review' }, 'question.goto': gotos },
      },
    },
  });
}

export type InterviewMachine = ReturnType<typeof createInterviewMachine>;
