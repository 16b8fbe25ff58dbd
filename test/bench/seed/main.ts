/**
 * Loaded by npm run bench into the app's own page (same origin, same database):
 * adds synthetic cases through the app's own storage code — unlockVault, then
 * CaseStore.importAll, the path a restore takes — so the cases are sealed and
 * indexed exactly as the app writes them. Never part of the app's build.
 */
import { unlockVault } from '../../../src/storage';
import { assessAnswers } from '../../../src/engine';
import { currentQuestionnaire } from '../../../src/content/questionnaires';
import { syntheticCaseId } from '../ids';
import scenario from '../../../questionnaires/scenarios/safe-house-travel-debt.json';

async function seed(passphrase: string, from: number, to: number, chunk = 500): Promise<number> {
  const result = await unlockVault(passphrase);
  if (!result.store) throw new Error('the bench passphrase does not open this device');
  const questionnaire = currentQuestionnaire();
  const answers = scenario.answers as Record<string, string | number | string[]>;
  const assessment = assessAnswers(questionnaire, answers);
  const now = Date.now();
  for (let start = from; start < to; start += chunk) {
    const cases = [];
    for (let i = start; i < Math.min(to, start + chunk); i++) {
      const at = now - i * 60_000;
      cases.push({
        id: syntheticCaseId('B', i),
        createdAt: at,
        updatedAt: at,
        closedAt: at,
        status: 'completed' as const,
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        summary: { outcome: assessment.outcome, flags: assessment.flags, section: 'result', answered: Object.keys(answers).length },
        content: { answers, snapshot: null, interviewLanguage: 'fr' },
      });
    }
    await result.store.importAll(cases);
  }
  return to - from;
}

Object.assign(window, { benchSeed: seed });
