/**
 * Cases as the interview writes them, for backups made in tests and benches:
 * a built-in scenario's answers, the machine's real persisted snapshot, its
 * assessment and statistics record, a place, and a referral for one in three.
 */
import { createActor } from 'xstate';
import { assessAnswers } from '../../src/engine';
import { currentQuestionnaire } from '../../src/content/questionnaires';
import { builtInScenarios } from '../../src/content/scenario-library';
import { statsRecord } from '../../src/content/statistics';
import { createInterviewMachine } from '../../src/machines/interview.machine';
import type { BackupCase } from '../../src/storage/backup';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Cases as the interview writes them: a scenario's answers, a real machine snapshot, a place, a referral. */
export function syntheticCases(count: number): BackupCase[] {
  const questionnaire = currentQuestionnaire();
  const machine = createInterviewMachine(questionnaire);
  const templates = builtInScenarios().map((scenario) => {
    const actor = createActor(machine, { input: { answers: scenario.answers } });
    actor.start();
    const snapshot = actor.getPersistedSnapshot();
    actor.stop();
    return { answers: scenario.answers, snapshot, assessment: assessAnswers(questionnaire, scenario.answers) };
  });
  const references = new Set<string>();
  const now = Date.now();
  const cases: BackupCase[] = [];
  while (cases.length < count) {
    const id = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => ALPHABET[b % 32]).join('');
    if (references.has(id.slice(0, 8))) continue;
    references.add(id.slice(0, 8));
    const i = cases.length;
    const t = templates[i % templates.length]!;
    // A shift every few minutes over the last two months: inside the default 90-day retention.
    const at = now - (i + 1) * 240_000 - 1_800_000;
    const referred = i % 3 === 0;
    cases.push({
      id,
      createdAt: at,
      updatedAt: at + 1_800_000,
      closedAt: at + 1_800_000,
      status: referred ? 'referred' : 'completed',
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      summary: {
        outcome: t.assessment.outcome,
        flags: t.assessment.flags,
        section: 'result',
        answered: Object.keys(t.answers).length,
        referral: referred ? { serviceName: 'Entraide Nationale', status: 'sent' } : null,
        stats: statsRecord(t.answers, t.assessment, at, referred ? 'sent' : 'none') as Record<string, unknown> | null,
      },
      content: {
        answers: t.answers,
        snapshot: t.snapshot,
        interviewLanguage: 'fr',
        details: { place: `Poste ${i % 40}`, interpreter: 'no' },
        ...(referred ? { referrals: [{ id: crypto.randomUUID(), serviceId: 'entraide-nationale', serviceName: 'Entraide Nationale', at: at + 1_700_000, method: 'phone' as const, basis: 'consent' as const, status: 'sent' as const, notes: [] }] } : {}),
      },
    });
  }
  return cases;
}
