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
          content: { answers: scenario.answers, snapshot: null, interviewLanguage: 'fr', officer: { name: 'Insp. Test', service: 'Brigade' } },
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

describe('what the summary says, and only where it applies', () => {
  const t = createI18n('fr').t;
  const tAr = createI18n('ar').t;
  const byId = (id: string) => scenarios.find((s) => s.id === id)!;
  function renderSummary(answers: Record<string, string | number | string[]>, options: { language?: 'fr' | 'ar'; content?: Partial<Parameters<typeof SummaryDocument>[0]['data']['content']> } = {}) {
    const scenario = byId('child-domestic-servitude');
    const questionnaire = findQuestionnaire(scenario.questionnaire, scenario.version);
    const assessment = assessAnswers(questionnaire, answers);
    const language = options.language ?? 'fr';
    const { container } = render(
      <SummaryDocument
        t={language === 'ar' ? tAr : t}
        language={language}
        data={{
          reference: 'TR-TEST-0002',
          createdAt: Date.UTC(2026, 10, 28),
          questionnaire,
          answers,
          assessment,
          content: { answers, snapshot: null, interviewLanguage: 'fr', ...options.content },
          recommended: recommendServices(STARTER_DIRECTORY, assessment),
          referrals: [],
        }}
      />,
    );
    return container.querySelector('article')!;
  }
  const rights = (doc: Element) => [...doc.querySelectorAll('[data-right]')].map((li) => li.getAttribute('data-right'));

  it('tells a Moroccan nothing of the right reserved to foreign victims; a foreign national is told; an unknown nationality is "to check"', () => {
    const child = byId('child-domestic-servitude').answers;
    expect(child['person.nationality']).toBe('morocco');
    expect(rights(renderSummary(child))).not.toContain('stay');
    expect(rights(renderSummary(child))).not.toContain('stayToCheck');
    expect(rights(renderSummary({ ...child, 'person.nationality': 'nigeria' }))).toContain('stay');
    expect(rights(renderSummary({ ...child, 'person.nationality': 'stateless' }))).toContain('stay');
    const { 'person.nationality': _n, ...unknown } = child;
    expect(rights(renderSummary(unknown))).toContain('stayToCheck');
    expect(rights(renderSummary({ ...child, 'person.nationality': 'dont_know' }))).toContain('stayToCheck');
  });

  it('prints every recommended service: a child with three urgent needs gets eight, the prosecutor and the court cell among them', () => {
    const urgent = { ...byId('child-domestic-servitude').answers, 'safety.in_danger': 'yes', 'safety.needs_doctor': 'yes', 'safety.has_safe_place': 'no' };
    const doc = renderSummary(urgent);
    const services = [...doc.querySelectorAll('[data-testid="summary-recommended"] li')].map((li) => li.getAttribute('data-service'));
    expect(services).toHaveLength(8);
    expect(services).toEqual(expect.arrayContaining(['prosecutor-appeal', 'court-cell', 'hospital-unit', 'police-emergency', 'cnclt-hotline', 'child-protection']));
    // Phone numbers are kept whole and left to right.
    const hotline = doc.querySelector('[data-service="cnclt-hotline"] .phone')!;
    expect(hotline.textContent).toBe('0800 00 47 47');
    expect(hotline.getAttribute('dir')).toBe('ltr');
  });

  it('names the officer recorded with the case, or says it is not recorded — never today\'s settings', () => {
    const answers = byId('child-domestic-servitude').answers;
    expect(renderSummary(answers, { content: { officer: { name: 'Amina Berrada', service: 'Brigade des mineurs' } } }).querySelector('[data-testid="summary-officer"]')!.textContent).toBe('Amina Berrada — Brigade des mineurs');
    expect(renderSummary(answers).querySelector('[data-testid="summary-officer"]')!.textContent).toBe(t('summary.officerUnknown'));
    const edited = renderSummary(answers, { content: { officer: null, editors: [{ name: 'Karim Tazi', service: 'Inspection du travail', at: Date.UTC(2026, 10, 29) }] } });
    expect(edited.querySelector('[data-testid="summary-editors"]')!.textContent).toContain('Karim Tazi — Inspection du travail');
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: only answers that give an element its status are listed as its support; "négatif" is never printed', (_id, scenario) => {
    const doc = renderSummary(scenario.answers);
    for (const li of doc.querySelectorAll('[data-evidence="support"] li')) {
      expect(li.textContent).not.toMatch(/Ne sait pas|Préfère ne pas répondre|Question non posée/);
    }
    expect(doc.textContent).not.toMatch(/négati/i);
    const arabic = renderSummary(scenario.answers, { language: 'ar' });
    expect(arabic.textContent).not.toMatch(/448-1 الفقرة|سلبي/);
    expect(arabic.querySelector('[data-element="act"] td:last-child')!.textContent).toMatch(/^الفصل\u00a01-448، الفقرة\u00a01$/);
  });
});

describe('the means row of an adult with "no" and "don\'t know" answers', () => {
  it('lists the answers that establish the means as support and the others apart, under what they are', () => {
    const t = createI18n('fr').t;
    // A case answered with questionnaire version 1 (its means are one section, easy to read here):
    // deceived about the job (yes), about the pay: does not know.
    const answers = { 'consent.interview': 'yes', 'consent.record': 'yes', 'person.age_years': 30, 'person.may_be_child': 'no', 'means.job_different': 'yes', 'means.pay_different': 'dont_know' };
    const questionnaire = findQuestionnaire('art-448-1', 1);
    const assessment = assessAnswers(questionnaire, answers);
    expect(assessment.elements.means).toBe('indicated');
    const { container } = render(
      <SummaryDocument
        t={t}
        language="fr"
        data={{ reference: 'TR-TEST-0003', createdAt: 0, questionnaire, answers, assessment, content: { answers, snapshot: null, interviewLanguage: 'fr' }, recommended: [], referrals: [] }}
      />,
    );
    const row = container.querySelector('[data-element="means"]')!;
    const list = (group: string) => [...row.querySelectorAll(`[data-evidence="${group}"] li`)].map((li) => li.textContent!);
    const text = (id: string) => questionnaire.locales.fr.questions[id]!.text;
    expect(list('support')).toEqual([`${text('means.job_different')} — Oui`]);
    expect(list('open')).toEqual([`${text('means.pay_different')} — Ne sait pas`]);
    expect(row.querySelector('[data-evidence="open"] .evidence__heading')!.textContent).toBe(t('evidence.open'));
  });
});
