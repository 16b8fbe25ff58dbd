/**
 * Reads any document the engine accepts — a facts file, an answers file or a
 * training scenario (whose answers it reads) — and assesses it. Shared by the
 * command line, the tests and, later, the training screens.
 */
import {
  assessAnswers,
  assessFactSet,
  describe,
  InputError,
  isAnswersDocument,
  isFactsDocument,
  parseAnswersDocument,
  parseFactsDocument,
  type Assessment,
} from '../engine';
import { findQuestionnaire } from './questionnaires';
import { isScenarioDocument, parseScenario } from './scenarios';

export type DocumentKind = 'facts' | 'answers' | 'scenario';

/**
 * The assessment of a document, with warnings that never stop it: an answer to a
 * question that the other answers hide is kept, not used, and named.
 */
export function assessDocument(doc: unknown, file: string): { kind: DocumentKind; assessment: Assessment; warnings: string[] } {
  if (isScenarioDocument(doc)) {
    const scenario = parseScenario(doc, file);
    const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
    return { kind: 'scenario', assessment: assessAnswers(questionnaire, scenario.answers), warnings: [] };
  }
  if (isAnswersDocument(doc)) {
    const record = doc as Record<string, unknown>;
    let questionnaire;
    try {
      questionnaire = findQuestionnaire(record.questionnaire, record.version);
    } catch (error) {
      throw error instanceof InputError ? new InputError(error.message, [file]) : error;
    }
    const answers = parseAnswersDocument(doc, questionnaire, [file]);
    return { kind: 'answers', assessment: assessAnswers(questionnaire, answers.answers), warnings: answers.warnings };
  }
  if (isFactsDocument(doc)) return { kind: 'facts', assessment: assessFactSet(parseFactsDocument(doc, [file])), warnings: [] };
  throw new InputError(
    `not a facts file (needs "facts"), an answers file (needs "questionnaire", "version", "answers") or a scenario; found ${describe(doc)}${
      doc && typeof doc === 'object' && !Array.isArray(doc) ? ` with fields ${Object.keys(doc).join(', ') || 'none'}` : ''
    }`,
    [file],
  );
}

/** JSON.parse with a message that says where the file breaks. */
export function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') throw new InputError('empty file', [file]);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${offset - before.lastIndexOf('\n')})`;
    }
    throw new InputError(`not valid JSON${where}: ${message}`, [file]);
  }
}
