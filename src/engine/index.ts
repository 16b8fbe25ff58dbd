/** The engine's public face: the app, the command line and the tests import from here. */
export * from './codes';
export * from './logic';
export * from './model';
export { InputError, ProblemList, describe } from './errors';
export { readPerson, type PersonInput, type PersonReading } from './person';
export { THRESHOLD_FEEDERS } from './threshold';
export { OTHER_OFFENCE_RULES } from './other-offences';
export { assessFactSet, factOf } from './assess';
export { dimensionIsPositive, readIndicators, emptyIndicatorReading, listFor, LABOUR_LIST_PURPOSES } from './indicators';
export { parseFactsDocument, isFactsDocument } from './facts-file';
export {
  loadQuestionnaire,
  LANGUAGES,
  DONT_KNOW,
  REFUSED,
  type Language,
  type Questionnaire,
  type QuestionnaireSource,
  type LoadedQuestion,
  type Condition,
  type QuestionnaireLocale,
  type QuestionRole,
  type TextVariant,
  questionText,
  sectionInvitation,
} from './questionnaire';
export {
  answersToFacts,
  assessAnswers,
  parseAnswersDocument,
  isAnswersDocument,
  visibleQuestionIds,
  treatedAsChild,
  readPersonFromAnswers,
  answerProblem,
  type ParsedAnswers,
  type AnswerMap,
  type AnswerValue,
  type AnswersDocument,
} from './answers';
