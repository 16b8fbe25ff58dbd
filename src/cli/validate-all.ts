/**
 * Validates every questionnaire and scenario the build carries, reading the
 * scenario folder from disk. Used by `npm run validate` and by the build, so a
 * broken file fails before it can reach a tablet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, loadQuestionnaire } from '../engine';
import { QUESTIONNAIRE_SOURCES } from '../content/questionnaires';
import { parseJson } from '../content/documents';
import { parseScenario } from '../content/scenarios';

export const SCENARIO_DIR = 'questionnaires/scenarios';

export interface ValidationReport {
  checked: number;
  problems: string[];
}

export function validateAll(root = '.'): ValidationReport {
  const report: ValidationReport = { checked: 0, problems: [] };
  const check = (run: () => void) => {
    report.checked++;
    try {
      run();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      report.problems.push(...error.problems);
    }
  };
  for (const source of QUESTIONNAIRE_SOURCES) check(() => loadQuestionnaire(source));
  // Scenarios are read against the questionnaires: only worth it once those load.
  if (report.problems.length > 0) return report;
  const dir = join(root, SCENARIO_DIR);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(SCENARIO_DIR, name);
    check(() => parseScenario(parseJson(readFileSync(join(root, file), 'utf8'), file), file));
  }
  return report;
}
