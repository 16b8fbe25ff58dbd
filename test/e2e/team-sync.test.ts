/**
 * Two tablets (two browser contexts) in one team, through a CouchDB-compatible
 * server started here on 127.0.0.1 (in memory, stopped after). The app is built
 * for this test with SYNC_SERVER_ORIGINS naming that server, the only way its
 * Content-Security-Policy lets it connect there; the normal build stays strict
 * (the last test checks that a tablet of it never loads PouchDB).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contentSecurityPolicyFor } from '../../vite.config';
import { axeViolations, launchBrowser, openTracked, type TrackedPage } from '../helpers/browser';
import { dateTraces } from '../helpers/clear-traces';
import { basicAuth, startCouchServer, type CouchServer } from '../helpers/couch-server';
import { andSaved, answerQuestion, currentStep, runInterview, unlock } from '../helpers/interview-driver';
import { serveStatic, type StaticServer } from '../helpers/static-server';

const baseURL = inject('baseURL');
const DIST = 'test-results/dist-sync';
const DATABASE = 'team_port';
const MARKER = 'Atlantide-QZV-4471';
const OFFICER_A = 'Karima Officier-A';
const OFFICER_B = 'Youssef Officier-B';

let couch: CouchServer;
let app: StaticServer;
let browser: Browser;

beforeAll(async () => {
  couch = await startCouchServer();
  for (const [user, password] of [['tablet_a', 'pw-a-1234'], ['tablet_b', 'pw-b-1234'], ['tablet_x', 'pw-x-1234']]) await couch.createUser(user!, password!);
  await couch.createDatabase(DATABASE, ['tablet_a', 'tablet_b', 'tablet_x']);
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  process.env.SYNC_SERVER_ORIGINS = couch.url;
  try {
    await build({ logLevel: 'warn', mode: 'production', build: { outDir: DIST, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
    delete process.env.SYNC_SERVER_ORIGINS;
  }
  app = await serveStatic(DIST, contentSecurityPolicyFor([couch.url]));
  couch.allowOrigin(new URL(app.url).origin);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await couch?.close();
});

/** Retries a check until it passes (sync is continuous, not instant), then fails with the last error. */
async function eventually<T>(check: () => Promise<T>, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function openTablet(officer: string): Promise<TrackedPage> {
  const tablet = await openTracked(browser);
  await tablet.page.goto(`${app.url}?lang=fr`);
  await unlock(tablet.page);
  await tablet.page.locator('[data-action="settings"]').click();
  await tablet.page.getByLabel('Nom', { exact: true }).fill(officer);
  await tablet.page.locator('form').first().locator('button[type="submit"]').click();
  await tablet.page.getByRole('status').filter({ hasText: 'Enregistré' }).first().waitFor();
  return tablet;
}

const badge = (page: Page) => page.getByTestId('sync-badge');

async function waitSynced(page: Page): Promise<void> {
  // A change is sealed into the local database within a second, then pushed: do not read the badge of before it.
  await page.waitForTimeout(1_500);
  await eventually(async () => expect(await badge(page).getAttribute('data-state')).toBe('synced'));
}

async function home(page: Page): Promise<void> {
  await page.locator('[data-action="close-interview"]').click();
  await page.locator('.home-actions').waitFor();
}

/** Opens the only case of the list and returns where its interview stands. */
async function openCase(page: Page): Promise<{ step: string; questionId: string | null }> {
  await page.locator('[data-action="team"]').click();
  await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
  await page.locator('[data-action="cases"]').click();
  await page.locator('button[aria-label*="TR-"]').first().click();
  return currentStep(page);
}

describe('team sync between two tablets', () => {
  let a: TrackedPage;
  let b: TrackedPage;
  let wrong: TrackedPage;

  it('creates a team on the coordinator tablet, enrols a second tablet with a file and a one-time passphrase', { timeout: 150_000 }, async () => {
    a = await openTablet(OFFICER_A);
    await a.page.locator('[data-action="team"]').click();
    await a.page.getByTestId('team-create').waitFor();
    expect(await axeViolations(a.page)).toEqual([]);
    const create = a.page.getByTestId('team-create');
    await create.getByLabel("Nom de l’équipe").fill('Port de Tanger');
    expect(await create.getByLabel('Adresse du serveur (https://…)').inputValue()).toBe(couch.url);
    await create.getByLabel("Base de données de l’équipe").fill(DATABASE);
    await create.getByLabel('Compte de cette tablette').fill('tablet_a');
    await create.getByLabel('Mot de passe du compte').fill('pw-a-1234');
    await create.locator('button[type="submit"]').click();
    await waitSynced(a.page);

    const enrol = a.page.getByTestId('team-enrol');
    await enrol.getByLabel('Compte de cette tablette').fill('tablet_b');
    await enrol.getByLabel('Mot de passe du compte').fill('pw-b-1234');
    const [download] = await Promise.all([a.page.waitForEvent('download'), enrol.locator('button[type="submit"]').click()]);
    const file = readFileSync((await download.path())!, 'utf8');
    const passphrase = (await a.page.getByTestId('enrolment-passphrase').textContent())!.trim();
    expect(passphrase).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    // The file names nothing in clear: the team key and the account are inside the ciphertext.
    expect(file).not.toContain('tablet_b');
    expect(file).not.toContain('pw-b');
    await a.page.locator('img.enrolment-qr').waitFor();
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.screenshot({ path: 'test-results/screens/team-coordinator-fr.png', fullPage: true });

    b = await openTablet(OFFICER_B);
    await b.page.locator('[data-action="team"]').click();
    const join = b.page.getByTestId('team-join');
    await join.locator('input[data-action="enrolment-file"]').setInputFiles({ name: 'inscription.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await join.getByLabel("Phrase secrète d’inscription").fill('wrong-passphrase');
    await join.locator('button[type="submit"]').click();
    await b.page.getByRole('alert').filter({ hasText: 'vérifiez la phrase secrète' }).waitFor();
    await join.getByLabel("Phrase secrète d’inscription").fill(passphrase.toLowerCase());
    await join.locator('button[type="submit"]').click();
    await waitSynced(b.page);
    await b.page.getByRole('button', { name: 'العربية' }).click();
    await b.page.locator('html[dir="rtl"]').waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.screenshot({ path: 'test-results/screens/team-member-ar.png', fullPage: true });
    await b.page.getByRole('button', { name: 'Français' }).click();
    await b.page.locator('html[dir="ltr"]').waitFor();
  });

  it('continues on tablet B a case started on tablet A', { timeout: 150_000 }, async () => {
    await a.page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await a.page.locator('.home-actions .button--primary').click();
    const answers = {
      'consent.explained': 'yes',
      'consent.interview': 'yes',
      'consent.record': 'yes',
      'consent.share_referral': 'yes',
      'consent.statistics': 'yes',
      'person.age_years': 31,
      'person.sex': 'female',
      'person.nationality': 'other',
      'person.nationality_other': MARKER,
    };
    await runInterview(a.page, answers, (s) => s.questionId === 'recruitment.offered_work');
    await home(a.page);
    await waitSynced(a.page);

    await eventually(async () => {
      const onB = await openCase(b.page);
      expect(onB.questionId).toBe('recruitment.offered_work');
    });
    await runInterview(b.page, { 'recruitment.offered_work': 'yes', 'recruitment.persuaded': 'yes' }, (s) => s.questionId === 'recruitment.job_different');
    await home(b.page);
    await waitSynced(b.page);

    // B's answers reached A. (Known limit: A may resume at its own last question, or at B's
    // previous one, rather than B's last one; the answers are all there.) Either A is past the
    // question where it stopped, or that question now shows B's answer.
    await eventually(async () => {
      const onA = await openCase(a.page);
      expect(onA.questionId).toMatch(/^recruitment\.(offered_work|who|persuaded|job_different)$/);
      if (onA.questionId === 'recruitment.offered_work') {
        expect(await a.page.locator('[data-question-id="recruitment.offered_work"] [data-value="yes"][aria-pressed="true"]').count()).toBe(1);
      }
    });
    await home(a.page);
  });

  it('merges edits made on both tablets offline: nothing is lost and the officer sees the merge', { timeout: 150_000 }, async () => {
    for (const t of [a, b]) {
      await openCase(t.page);
      await runInterview(t.page, { 'recruitment.persuaded': 'yes' }, (s) => s.questionId === 'recruitment.job_different');
      await t.context.setOffline(true);
    }
    await andSaved(a.page, () => answerQuestion(a.page, 'recruitment.job_different', 'yes'));
    await runInterview(a.page, { 'recruitment.job_different': 'yes', 'recruitment.pay_different': 'yes' }, (s) => s.questionId === 'recruitment.papers_promise');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await andSaved(b.page, () => answerQuestion(b.page, 'recruitment.job_different', 'no'));
    await home(a.page);
    await home(b.page);
    await eventually(async () => expect(await badge(a.page).getAttribute('data-state')).toBe('failing'));
    // Offline, nothing is lost: what waits to be sent is counted once the network is back.
    expect(await badge(a.page).textContent()).toContain('pas de réseau');

    for (const t of [a, b]) await t.context.setOffline(false);
    await waitSynced(a.page);
    await waitSynced(b.page);

    for (const t of [a, b]) {
      await eventually(async () => {
        await openCase(t.page);
        const notice = t.page.getByTestId('merge-notice');
        await notice.waitFor({ timeout: 2_000 });
        // French typography puts narrow no-break spaces inside « »: compare with plain spaces.
        const text = (await notice.textContent())!.replace(/[\u00a0\u202f]/g, ' ');
        // The later answer (B's "no") is kept, A's "yes" is named as replaced, A's other answer is added.
        expect(text).toContain('« Non » gardée');
        expect(text).toContain('« Oui » remplacée');
        expect(text).toContain(OFFICER_A);
        expect(text).toContain(OFFICER_B);
        expect(text).toMatch(/répondue sur une seule tablette/);
        // Each question on its own line: never "… ? : « Non »".
        expect(text).not.toMatch(/\?\s*:/);
        expect(await notice.locator('.merge-notice__question').first().textContent()).toMatch(/\?$/);
      });
    }
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.screenshot({ path: 'test-results/screens/team-merge-notice-fr.png', fullPage: false });
    await a.page.getByRole('button', { name: 'العربية' }).click();
    await a.page.locator('html[dir="rtl"]').waitFor();
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.screenshot({ path: 'test-results/screens/team-merge-notice-ar.png', fullPage: false });
    await a.page.getByRole('button', { name: 'Français' }).click();
    await home(a.page);
    await home(b.page);
  });

  it('leaves on the server only random ids and ciphertext: no name, answer, date, status or outcome', async () => {
    const dump = [
      (await couch.request('GET', `/${DATABASE}/_all_docs?include_docs=true&conflicts=true`)).text,
      (await couch.request('GET', `/${DATABASE}/_changes?include_docs=true&style=all_docs`)).text,
    ].join('\n');
    const rows = (JSON.parse(dump.split('\n')[0]!) as { rows: { id: string; doc: Record<string, unknown> }[] }).rows;
    // The case and its statistics record.
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const now = new Date();
    const forbidden = [MARKER, OFFICER_A, OFFICER_B, 'Karima', 'Youssef', 'recruitment.job_different', 'person.', 'consent', 'female', 'in_progress', 'completed', 'possible_victim', 'presumed_victim', 'insufficient', 'Port de Tanger', now.toISOString().slice(0, 10), `${now.getUTCFullYear()}-Q`];
    for (const secret of forbidden) expect(dump, secret).not.toContain(secret);
    // No epoch time within a day of now, in milliseconds or seconds (not found by chance in a hex id).
    expect(dump).not.toMatch(dateTraces(now.getTime())[1]);
    for (const row of rows) {
      expect(Object.keys(row.doc).sort()).toEqual(['_id', '_rev', 'body']);
      expect(row.id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('gives a tablet with another team key nothing readable, and says so', { timeout: 120_000 }, async () => {
    wrong = await openTablet('Tablette X');
    await wrong.page.locator('[data-action="team"]').click();
    // Its own team (its own key) on the same database: it receives the documents and cannot open them.
    const create = wrong.page.getByTestId('team-create');
    await create.getByLabel("Base de données de l’équipe").fill(DATABASE);
    await create.getByLabel('Compte de cette tablette').fill('tablet_x');
    await create.getByLabel('Mot de passe du compte').fill('pw-x-1234');
    await create.locator('button[type="submit"]').click();
    await eventually(async () => expect(await badge(wrong.page).textContent()).toContain('ne s’ouvrent pas avec la clé d’équipe'));
    await wrong.page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await wrong.page.locator('[data-action="cases"]').click();
    await wrong.page.locator('h1').waitFor();
    expect(await wrong.page.locator('button[aria-label*="TR-"]').count()).toBe(0);
    expect(await wrong.page.evaluate(() => document.body.innerText)).not.toContain(MARKER);
    await wrong.context.close();
  });

  it('refuses a revoked tablet at the server, and the tablet says why', async () => {
    expect((await couch.request('GET', `/${DATABASE}/_all_docs`, undefined, basicAuth('tablet_b', 'pw-b-1234'))).status).toBe(200);
    await couch.deleteUser('tablet_b');
    expect([401, 403]).toContain((await couch.request('GET', `/${DATABASE}/_all_docs`, undefined, basicAuth('tablet_b', 'pw-b-1234'))).status);
    // A change on B (a new case) tries to reach the server and is refused.
    await b.page.locator('[data-action="team"]').click();
    await b.page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await b.page.locator('.home-actions .button--primary').click();
    await currentStep(b.page);
    await home(b.page);
    await eventually(async () => expect(await badge(b.page).textContent()).toContain('refuse le compte de cette tablette'), 90_000);
    await a.context.close();
    await b.context.close();
  }, 150_000);
});

describe('a tablet that never joins a team', () => {
  it('loads no byte of PouchDB: no request for its chunk, and the chunk is not in the first screen', async () => {
    const pouchChunks = readdirSync('dist/assets').filter((f) => f.endsWith('.js') && readFileSync(join('dist/assets', f), 'utf8').includes('PouchDB'));
    expect(pouchChunks).toHaveLength(1);
    expect(pouchChunks[0]).toMatch(/^pouch-runtime-/);
    expect(readFileSync('dist/index.html', 'utf8')).not.toContain('pouch-runtime');

    const { page, context, requests } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    for (const action of ['team', 'settings', 'team']) await page.locator(`[data-action="${action}"]`).click();
    await page.getByTestId('team-not-configured').waitFor();
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await page.locator('.home-actions .button--primary').click();
    await currentStep(page);
    await page.locator('[data-action="close-interview"]').click();
    await page.locator('[data-action="statistics"]').click();
    // One unfinished case: the dashboard says there are not enough cases yet.
    await page.locator('[data-testid="stats-not-enough"], [data-testid="stats-total"]').first().waitFor();
    expect(requests.filter((url) => url.includes('pouch-runtime') || url.includes('qrcode'))).toEqual([]);
    expect(await page.getByTestId('sync-badge').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
