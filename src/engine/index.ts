/** The engine's public face: the app, the command line and the tests import from here. */
export * from './codes';
export * from './logic';
export * from './model';
export { InputError, describe } from './errors';
export { readPerson } from './person';
export { assessFactSet, factOf } from './assess';
export { dimensionIsPositive, readIndicators, emptyIndicatorReading } from './indicators';
export { parseFactsDocument, isFactsDocument } from './facts-file';
export {
  loadQuestionnaire,
  questionText,
  LANGUAGES,
  DONT_KNOW,
  REFUSED,
  type Language,
  type Questionnaire,
  type QuestionnaireSource,
  type LoadedQuestion,
  type Condition,
  type QuestionnaireLocale,
} from './questionnaire';
export {
  answersToFacts,
  assessAnswers,
  parseAnswersDocument,
  isAnswersDocument,
  visibleQuestionIds,
  treatedAsChild,
  answerProblem,
  type AnswerMap,
  type AnswerValue,
  type AnswersDocument,
} from './answers';
