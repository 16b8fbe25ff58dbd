/**
 * The questionnaires this build carries, loaded and validated once. Static JSON
 * imports keep them in the bundle (and so in the offline precache) and let the
 * command line and the tests read exactly what the app reads.
 * To add a version: add questionnaires/<id>/v<N>/ and list it below; keep the old
 * one so that cases answered with it can still be read.
 */
import { InputError, loadQuestionnaire, type Questionnaire } from '../engine';
import art4481v1 from '../../questionnaires/art-448-1/v1/questionnaire.json';
import art4481v1fr from '../../questionnaires/art-448-1/v1/locales/fr.json';
import art4481v1ar from '../../questionnaires/art-448-1/v1/locales/ar.json';
import art4481v1en from '../../questionnaires/art-448-1/v1/locales/en.json';
import art4481v2 from '../../questionnaires/art-448-1/v2/questionnaire.json';
import art4481v2fr from '../../questionnaires/art-448-1/v2/locales/fr.json';
import art4481v2ar from '../../questionnaires/art-448-1/v2/locales/ar.json';
import art4481v2en from '../../questionnaires/art-448-1/v2/locales/en.json';

const source = (dir: string, json: unknown, fr: unknown, ar: unknown, en: unknown) => ({
  file: `${dir}/questionnaire.json`,
  json,
  locales: {
    fr: { file: `${dir}/locales/fr.json`, json: fr },
    ar: { file: `${dir}/locales/ar.json`, json: ar },
    en: { file: `${dir}/locales/en.json`, json: en },
  },
});

/** Oldest first; the last is the one new interviews use. Version 1 stays: cases answered with it must still be read. */
export const QUESTIONNAIRE_SOURCES = [
  source('questionnaires/art-448-1/v1', art4481v1, art4481v1fr, art4481v1ar, art4481v1en),
  source('questionnaires/art-448-1/v2', art4481v2, art4481v2fr, art4481v2ar, art4481v2en),
];

let cache: Questionnaire[] | undefined;

export function allQuestionnaires(): Questionnaire[] {
  cache ??= QUESTIONNAIRE_SOURCES.map(loadQuestionnaire);
  return cache;
}

/** The questionnaire new interviews use. */
export function currentQuestionnaire(): Questionnaire {
  const all = allQuestionnaires();
  return all[all.length - 1]!;
}

export function findQuestionnaire(id: unknown, version: unknown): Questionnaire {
  const found = allQuestionnaires().find((q) => q.id === id && q.version === version);
  if (!found) {
    const known = allQuestionnaires().map((q) => `"${q.id}" v${q.version}`).join(', ');
    throw new InputError(`questionnaire ${JSON.stringify(id)} version ${JSON.stringify(version)} is not in this build (it has ${known})`);
  }
  return found;
}
