// @vitest-environment jsdom
/**
 * The referral summary of every training scenario says what the engine says:
 * outcome, each element's status, every flag — in French and in Arabic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { assessAnswers, ELEMENT_GROUPS } from '../../engine';
import { findQuestionnaire } from '../../content/questionnaires';
import { parseScenario } from '../../content/scenarios';
import { recommendServices, STARTER_DIRECTORY } from '../../content/directory';
import { createI18n } from '../../i18n';
import '../../i18n/all';
import { SummaryDocument } from './summary-document';

afterEach(cleanup);
const DIR = 'questionnaires/scenarios';
const scenarios = readdirSync(DIR)
  .filter((n) => n.endsWith('.json'))
  .map((n) => parseScenario(JSON.parse(readFileSync(join(DIR, n), 'utf8')), n));

describe.each(['fr', 'ar'] as const)('referral summary in %s', (language) => {
  const t = createI18n(language).t;
  it.each(scenarios.map((s) => [s.id, s] as const))('%s matches its assessment', (_id, scenario) => {
    const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
    const assessment = assessAnswers(questionnaire, scenario.answers);
    const { container } = render(
      <SummaryDocument
        t={t}
        language={language}
        data={{
          reference: 'TR-TEST-0001',
          createdAt: Date.UTC(2026, 10, 28),
          questionnaire,
          answers: scenario.answers,
          assessment,
          content: { answers: scenario.answers, snapshot: null, interviewLanguage: 'fr' },
          officer: { name: 'Insp. Test', service: 'Brigade' },
          recommended: recommendServices(STARTER_DIRECTORY, assessment),
          referrals: [],
        }}
      />,
    );
    const doc = container.querySelector('article')!;
    expect(doc.getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
    expect(doc.getAttribute('data-summary-outcome')).toBe(scenario.expected.outcome);
    expect(doc.textContent).toContain(t(`outcome.${scenario.expected.outcome}.title`));
    expect(doc.textContent).toContain(t('report.disclaimer'));
    expect(doc.textContent).toContain(t('summary.confidential'));
    for (const group of ELEMENT_GROUPS) {
      const row = doc.querySelector(`[data-element="${group}"]`)!;
      expect(row.querySelectorAll('td')[0]!.textContent).toBe(t(`status.${scenario.expected.elements[group]}`));
    }
    const flags = [...doc.querySelectorAll('[data-flag]')].map((el) => el.getAttribute('data-flag'));
    expect(flags.sort()).toEqual([...scenario.expected.flags].sort());
    if (scenario.expected.flags.includes('urgent_needs')) expect(doc.querySelector('.summary-section--urgent')).not.toBeNull();
  });
});
