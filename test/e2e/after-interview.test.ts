/**
 * After the interview, as an officer found it (issue #16): the interpreter answer
 * and a referral's status that would not save, the recommended services cut at
 * six on paper, the summary naming whoever is in Settings today — and printing
 * that must follow consent, from the button or the browser's own menu, with an
 * audit entry each time. Each test does what the officer did, in French and Arabic.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets } from '../helpers/browser';
import { andSaved, runInterview, TEST_OFFICER, unlock, type ScriptedAnswers } from '../helpers/interview-driver';
import { pdfText, requirePoppler } from '../helpers/pdf';

const baseURL = inject('baseURL');
let browser: Browser;
const OUT = 'test-results/after-interview';
const SHOTS = 'test-results/screens';
const fr = JSON.parse(readFileSync('src/i18n/locales/fr.json', 'utf8'));
const ar = JSON.parse(readFileSync('src/i18n/locales/ar.json', 'utf8'));
const child = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8')).answers as ScriptedAnswers;

beforeAll(async () => {
  requirePoppler();
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** A new case answered as scripted, to the result; returns its reference. */
async function interview(page: Page, answers: ScriptedAnswers): Promise<string> {
  await page.locator('.home-actions .button--primary').click();
  await runInterview(page, answers);
  await page.locator('[data-step="result"]').waitFor();
  const reference = (await page.locator('.result [dir="ltr"]').first().textContent())!.trim();
  expect(reference).toMatch(/^TR-/);
  return reference;
}

async function openSummaryFromResult(page: Page): Promise<void> {
  await page.locator('[data-action="summary"]').click();
  await page.locator('.summary-document').waitFor();
}

/** Back to the tablet as after a reload: only what was saved comes back. */
async function reopen(page: Page, lang: 'fr' | 'ar'): Promise<void> {
  await page.goto(`${baseURL}?lang=${lang}`);
  await unlock(page);
}

async function openSummaryFromList(page: Page, reference: string, strings: typeof fr): Promise<void> {
  await page.locator('[data-action="cases"]').click();
  await page.getByRole('button', { name: `${strings.summary.open} ${reference}` }).click();
  await page.locator('.summary-document').waitFor();
}


describe('the referral summary after the interview', () => {
  it('the interpreter answer is kept (French, then Arabic), and a referral moves from sent to received to accepted, shown on the case list', async () => {
    const { page, context, consoleErrors } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    const reference = await interview(page, child);
    await openSummaryFromResult(page);

    // The officer picks "Oui": the select stays on it, the summary says it, and it is there after a reload.
    const interpreter = page.getByLabel(fr.summary.interpreter, { exact: true });
    await andSaved(page, () => interpreter.selectOption('yes').then(() => undefined));
    expect(await interpreter.inputValue()).toBe('yes');
    await expect.poll(() => page.getByTestId('summary-interpreter').textContent()).toBe(fr.answer.yes);
    await reopen(page, 'fr');
    await openSummaryFromList(page, reference, fr);
    expect(await page.getByLabel(fr.summary.interpreter, { exact: true }).inputValue()).toBe('yes');
    expect(await page.getByTestId('summary-interpreter').textContent()).toBe(fr.answer.yes);

    // A referral, then its status moved twice.
    const services = page.getByLabel(fr.summary.service, { exact: true });
    await services.selectOption('prosecutor-appeal');
    await andSaved(page, () => page.locator('[data-action="refer"]').click());
    const status = page.locator('.summary-controls select[data-referral]');
    await status.waitFor();
    expect(await status.inputValue()).toBe('sent');
    await andSaved(page, () => status.selectOption('received').then(() => undefined));
    expect(await status.inputValue()).toBe('received');
    await expect.poll(() => page.locator('[data-referral-status]').getAttribute('data-referral-status')).toBe('received');
    await andSaved(page, () => status.selectOption('accepted').then(() => undefined));
    expect(await status.inputValue()).toBe('accepted');

    // In Arabic after a reload: the status and the interpreter came back as saved, and the case list shows "accepted".
    await reopen(page, 'ar');
    await page.locator('[data-action="cases"]').click();
    const row = page.locator('.case', { hasText: reference });
    await expect.poll(() => row.textContent()).toContain(ar.summary.statuses.accepted);
    await page.getByRole('button', { name: `${ar.summary.open} ${reference}` }).click();
    await page.locator('.summary-document').waitFor();
    expect(await page.locator('.summary-controls select[data-referral]').inputValue()).toBe('accepted');
    // On the Arabic screen the officer corrects the interpreter to "no": kept too.
    await andSaved(page, () => page.getByLabel(ar.summary.interpreter, { exact: true }).selectOption('no').then(() => undefined));
    await expect.poll(() => page.getByTestId('summary-interpreter').textContent()).toBe(ar.answer.no);
    await reopen(page, 'ar');
    await openSummaryFromList(page, reference, ar);
    expect(await page.getByLabel(ar.summary.interpreter, { exact: true }).inputValue()).toBe('no');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/summary-ar-landscape.png`, fullPage: false });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('prints all eight services recommended for a child with three urgent needs, in French and in Arabic', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await interview(page, { ...child, 'safety.in_danger': 'yes', 'safety.needs_doctor': 'yes', 'safety.has_safe_place': 'no' });
    await openSummaryFromResult(page);
    const ids = await page.locator('[data-testid="summary-recommended"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-service')));
    expect(ids).toHaveLength(8);
    for (const language of ['fr', 'ar'] as const) {
      await page.locator('.summary-controls select').first().selectOption(language);
      await page.locator(`.summary-document[lang="${language}"]`).waitFor();
      const path = `${OUT}/eight-services-${language}.pdf`;
      await page.pdf({ path, format: 'A4', printBackground: true });
      const text = pdfText(path).replace(/\s+/g, ' ');
      // The services' names are the directory's (in French); the prosecutor and the court cell come last and were missing.
      for (const name of ['Unité hospitalière', 'DGSN', 'numéro vert', 'Protection de l’enfance', 'Centre d’hébergement', 'Entraide Nationale', 'procureur général du Roi', 'Cellule de prise en charge']) {
        expect(text, `${name} in ${language}`).toContain(name);
      }
      expect(text).toContain('0800 00 47 47');
    }
    await context.close();
  });

  it('names the officer who interviewed, not whoever is in Settings later; first use asks for the officer', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    // First use: the passphrase, then who is screening, before anything else.
    const fields = page.locator('input[type="password"]');
    await fields.first().fill('quatre mots pour la tablette');
    if ((await fields.count()) > 1) await fields.nth(1).fill('quatre mots pour la tablette');
    await page.locator('form button[type="submit"]').click();
    const firstUse = page.locator('[data-first-use="officer"]');
    await firstUse.waitFor();
    await firstUse.locator('[data-action="save-officer"]').click();
    expect(await page.getByRole('alert').textContent()).toBe(fr.officer.nameMissing);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/officer-first-use-fr.png` });
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/officer-first-use-ar.png` });
    await page.getByRole('button', { name: 'Français' }).click();
    await page.locator('html[dir="ltr"]').waitFor();
    await page.getByLabel(fr.settings.officerName, { exact: true }).fill(TEST_OFFICER.name);
    await page.getByLabel(fr.settings.officerService, { exact: true }).fill(TEST_OFFICER.service);
    await firstUse.locator('[data-action="save-officer"]').click();
    await page.locator('.home-actions').waitFor();

    const reference = await interview(page, child);
    // The next shift: another officer in Settings.
    await page.locator('[data-action="settings"]').click();
    await page.getByLabel(fr.settings.officerName, { exact: true }).fill('Karim Tazi');
    await page.getByLabel(fr.settings.officerService, { exact: true }).fill('Inspection du travail, Larache');
    await page.locator('form', { has: page.getByLabel(fr.settings.officerName, { exact: true }) }).locator('button[type="submit"]').click();
    await page.getByText(fr.settings.saved).waitFor();
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await openSummaryFromList(page, reference, fr);
    const officer = page.getByTestId('summary-officer');
    expect(await officer.textContent()).toBe(`${TEST_OFFICER.name} — ${TEST_OFFICER.service}`);
    // Karim completes the place: the summary says he changed it afterwards, and still names the interviewer.
    await page.getByLabel(fr.summary.place, { exact: true }).fill('Port de Larache');
    await andSaved(page, () => page.getByLabel(fr.summary.place, { exact: true }).blur());
    await expect.poll(() => page.getByTestId('summary-editors').textContent().catch(() => '')).toContain('Karim Tazi — Inspection du travail, Larache');
    const path = `${OUT}/officer-fr.pdf`;
    await page.pdf({ path, format: 'A4', printBackground: true });
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain(TEST_OFFICER.name);
    expect(text).toMatch(/Intervenant chargé du repérage et service Insp\. Nadia Alaoui/);
    await page.screenshot({ path: `${SHOTS}/summary-fr-landscape.png`, fullPage: false });

    // A new case now records Karim.
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await interview(page, child);
    await openSummaryFromResult(page);
    expect(await page.getByTestId('summary-officer').textContent()).toBe('Karim Tazi — Inspection du travail, Larache');
    await context.close();
  });
});

describe('printing follows consent', () => {
  async function auditRows(page: Page, action: string, reference: string): Promise<number> {
    await page.locator('[data-action="settings"]').click();
    await page.getByRole('heading', { name: fr.settings.auditTitle }).waitFor();
    return page.locator('tr', { hasText: reference }).filter({ has: page.getByRole('cell', { name: action, exact: true }) }).count();
  }

  it('without consent or a legal reason, Ctrl+P prints a one-line notice and nothing of the case; with a reason, the summary; each print is audited', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    const reference = await interview(page, { ...child, 'consent.share_referral': 'no', 'closing.officer_notes': 'NOTE-CONFIDENTIELLE-31' });
    await openSummaryFromResult(page);
    expect(await page.locator('[data-action="print"]').isDisabled()).toBe(true);

    // What the browser's own print (Ctrl+P) produces: page.pdf() prints the page as it is.
    const blocked = `${OUT}/blocked-fr.pdf`;
    await page.pdf({ path: blocked, format: 'A4' });
    const notice = pdfText(blocked).replace(/\s+/g, ' ').trim();
    expect(notice).toContain(fr.summary.printBlocked.replace(/\s+/g, ' '));
    for (const secret of [reference, 'NOTE-CONFIDENTIELLE', TEST_OFFICER.name, 'Victime', fr.summary.title.slice(0, 20), '14']) expect(notice, secret).not.toContain(secret);
    expect(execFileSync('pdfinfo', [blocked], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    // In Arabic, the notice is in Arabic.
    await page.locator('.summary-controls select').first().selectOption('ar');
    await page.locator('.summary-document[lang="ar"]').waitFor();
    await page.pdf({ path: `${OUT}/blocked-ar.pdf`, format: 'A4' });
    expect(pdfText(`${OUT}/blocked-ar.pdf`)).toMatch(/الطباعة غير مسموح بها/);
    await page.locator('.summary-controls select').first().selectOption('fr');

    // A legal reason recorded (a child): the same print gives the summary.
    await page.getByLabel(/enfant/i).first().click();
    await expect.poll(() => page.locator('[data-action="print"]').isDisabled()).toBe(false);
    const allowed = `${OUT}/allowed-fr.pdf`;
    await page.pdf({ path: allowed, format: 'A4' });
    const summary = pdfText(allowed);
    expect(summary).toContain(reference);
    expect(summary).toContain('NOTE-CONFIDENTIELLE-31');
    expect(summary).not.toContain(fr.summary.printBlocked.slice(0, 30));

    // Three prints: two refused (French, Arabic), one allowed; each left its entry.
    // The audit is sealed: its rows are drawn once opened, a moment after the heading.
    await expect.poll(() => auditRows(page, fr.settings.actions.print_blocked, reference)).toBe(2);
    expect(await auditRows(page, fr.settings.actions.print, reference)).toBe(1);
    await context.close();
  });
});

describe('the words on screen', () => {
  it.each(['fr', 'ar'] as const)('the urgent screen gives the numbers to call: police 19, gendarmerie 177, the hotline (%s)', async (lang) => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, { ...child, 'safety.in_danger': 'yes' }, (s) => s.step === 'urgent');
    const urgent = (await page.locator('.urgent').textContent())!;
    expect(urgent).toMatch(/\(19\)/);
    expect(urgent).toMatch(/\(177\)/);
    expect(urgent).toContain('0800 00 47 47');
    // The hotline on one line, left to right, on the screen too.
    for (const phone of await page.locator('.urgent .phone').evaluateAll((els) => els.map((e) => [e.getClientRects().length, getComputedStyle(e).whiteSpace]))) expect(phone).toEqual([1, 'nowrap']);
    expect(urgent).toContain((lang === 'fr' ? fr : ar).interview.urgent.needs_safety);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/urgent-numbers-${lang}.png` });
    // On to the result: its element table writes the article the Bulletin officiel way in Arabic, and the ILO box never says "negative".
    await page.locator('.urgent .button--primary').click();
    await runInterview(page, child);
    await page.locator('[data-step="result"]').waitFor();
    const result = (await page.locator('.result').textContent())!;
    if (lang === 'ar') {
      expect(await page.locator('[data-element="act"] td').last().textContent()).toBe('الفصل\u00a01-448، الفقرة\u00a01');
      expect(result).not.toContain('سلبي');
    } else {
      expect(await page.locator('[data-element="purpose"] td').last().textContent()).toBe('art.\u00a0448-1, al.\u00a01 et 3');
      expect(result).not.toMatch(/négati/);
      expect(result).toContain('Dossier\u202f:');
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/result-elements-${lang}.png`, fullPage: true });
    await context.close();
  }, 180_000);
});
