/**
 * npm run bench — what the officer feels, beside the floor the stack allows.
 * Builds the app and a bare page of the same libraries (test/bench/bare), serves
 * both on 127.0.0.1, and measures each figure for both in the same run, so the
 * ratio holds on a noisy machine. Writes bench-results/<date>.json and a table.
 * A benchmark, not a test: it never fails on a number.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { firstScreenFiles } from '../helpers/first-screen';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium, type Page } from 'playwright-core';
import { assessAnswers } from '../../src/engine';
import { currentQuestionnaire } from '../../src/content/questionnaires';
import { createBackup, type BackupCase } from '../../src/storage/backup';
import { CHROMIUM_PATH } from '../helpers/browser';
import { serveStatic } from '../helpers/static-server';
import { unlock, PASSPHRASE } from '../helpers/interview-driver';

const OUT = 'test-results/bench';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CASES = Number(process.env.BENCH_CASES ?? 5000);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function buildBoth(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ logLevel: 'warn', mode: 'production', build: { outDir: `${OUT}/app`, emptyOutDir: true } });
  await build({ configFile: false, root: 'test/bench/bare', logLevel: 'warn', mode: 'production', plugins: [react()], build: { outDir: `../../../${OUT}/bare`, emptyOutDir: true } });
  process.env.NODE_ENV = nodeEnv;
}

/** JavaScript the first screen loads (entry, module preloads, one language's strings), and all JavaScript built. */
function sizes(dir: string) {
  const first = firstScreenFiles(dir);
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const measure = (files: string[]) => {
    const buffers = files.map((f) => readFileSync(join(dir, f)));
    return {
      raw: buffers.reduce((s, b) => s + b.length, 0),
      gzip: buffers.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0),
      brotli: buffers.reduce((s, b) => s + brotliCompressSync(b).length, 0),
    };
  };
  return { firstScreen: measure(first), whole: measure(all), firstScreenFiles: first };
}

async function timeTo(page: Page, selector: string): Promise<number> {
  await page.locator(selector).first().waitFor();
  return page.evaluate(() => performance.now());
}

async function throttle(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

function syntheticCases(count: number): BackupCase[] {
  const questionnaire = currentQuestionnaire();
  const answers = JSON.parse(readFileSync('questionnaires/scenarios/safe-house-travel-debt.json', 'utf8')).answers;
  const assessment = assessAnswers(questionnaire, answers);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `BENCH${String(i).padStart(5, '0')}`,
    createdAt: now - i * 60_000,
    updatedAt: now - i * 60_000,
    status: 'completed' as const,
    closedAt: now - i * 60_000,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    summary: { outcome: assessment.outcome, flags: assessment.flags, section: 'result', answered: Object.keys(answers).length },
    content: { answers, snapshot: null, interviewLanguage: 'fr' },
  }));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  console.log('building the app and the bare page…');
  await buildBoth();
  const size = { app: sizes(`${OUT}/app`), bare: sizes(`${OUT}/bare`) };
  const appServer = await serveStatic(`${OUT}/app`);
  const bareServer = await serveStatic(`${OUT}/bare`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  const results: Record<string, { app: number | null; bare: number | null; unit: string; note?: string }> = {};
  try {
    // Cold start with the network cut, service worker serving, 4× slower CPU.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(appServer.url);
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await unlock(page); // first use: sets the passphrase
    await context.setOffline(true);
    await throttle(page, 4);
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      cold.push(await timeTo(page, 'input[type="password"]'));
    }
    const bareContext = await browser.newContext();
    const bare = await bareContext.newPage();
    await bare.goto(bareServer.url);
    await throttle(bare, 4);
    const bareCold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await bare.reload();
      bareCold.push(await timeTo(bare, 'input[type="password"]'));
    }
    results.coldStartToUnlockScreen4x = { app: round(median(cold)), bare: round(median(bareCold)), unit: 'ms', note: 'app offline from its service worker; bare page from the HTTP cache' };

    // Unlock (key derivation) at 1× and 4×.
    for (const rate of [1, 4]) {
      await throttle(page, rate);
      await throttle(bare, rate);
      const app: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.reload();
        await page.locator('input[type="password"]').fill(PASSPHRASE);
        const t0 = await page.evaluate(() => performance.now());
        await page.locator('form button[type="submit"]').click();
        app.push((await timeTo(page, '.home-actions, [data-question-id]')) - t0);
        await bare.reload();
        const b0 = await bare.evaluate(() => performance.now());
        await bare.locator('button').click();
        floor.push((await timeTo(bare, '#done')) - b0);
      }
      results[`unlock${rate}x`] = { app: round(median(app)), bare: round(median(floor)), unit: 'ms', note: 'bare: PBKDF2 600,000 + one sealed write' };
    }
    await throttle(page, 1);
    await throttle(bare, 1);

    // Answer → saved (encrypted, in IndexedDB) over a whole interview.
    await page.reload();
    await unlock(page);
    if (await page.locator('.home-actions').count()) await page.locator('.home-actions .button--primary').click();
    const saves: number[] = [];
    for (let i = 0; i < 60; i++) {
      const id = await page.locator('[data-question-id]').getAttribute('data-question-id').catch(() => null);
      if (!id) break;
      const button = page.locator(`[data-question-id="${id}"] [data-value]`).first();
      if ((await button.count()) === 0) {
        await page.locator('.actions .button--primary').last().click();
        continue;
      }
      const latency = await page.evaluate(async (selector) => {
        performance.clearMarks('screening:saved');
        const start = performance.now();
        (document.querySelector(selector) as HTMLButtonElement).click();
        while (performance.getEntriesByName('screening:saved').length === 0) await new Promise((r) => setTimeout(r, 1));
        return performance.getEntriesByName('screening:saved')[0]!.startTime - start;
      }, `[data-question-id="${id}"] [data-value]`);
      saves.push(latency);
      await page.locator('.actions .button--primary').last().click();
    }
    const bareSaves: number[] = [];
    for (let i = 0; i < saves.length; i++) bareSaves.push(await bare.evaluate(() => (window as unknown as { benchSave: (a: object) => Promise<number> }).benchSave({ q: 'yes', i: Math.random() })));
    results.answerToSavedMedian = { app: round(median(saves)), bare: round(median(bareSaves)), unit: 'ms', note: `${saves.length} answers` };
    results.answerToSavedP95 = { app: round(p95(saves)), bare: round(p95(bareSaves)), unit: 'ms' };

    // Opening and searching the case list with thousands of cases (restored from a backup).
    const file = `${OUT}/cases.json`;
    writeFileSync(file, await createBackup(syntheticCases(CASES), 'bench file passphrase'));
    await page.locator('[data-action="close-interview"]').click();
    await page.locator('[data-action="settings"]').click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.locator('form:has([data-action="restore"]) input[type="password"]').fill('bench file passphrase');
    await page.locator('[data-action="restore"]').click();
    await page.locator('.notice', { hasText: /\d/ }).waitFor({ timeout: 600_000 });
    const list: number[] = [];
    const search: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.locator('[data-action="settings"]').click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.goto(appServer.url);
      await unlock(page);
      const t0 = await page.evaluate(() => performance.now());
      await page.locator('[data-action="cases"]').click();
      list.push((await timeTo(page, '.case')) - t0);
      const s0 = await page.evaluate(() => performance.now());
      await page.locator('input[type="search"]').fill('BENCH0012');
      await page.waitForFunction(() => document.querySelectorAll('.case').length <= 10);
      search.push((await page.evaluate(() => performance.now())) - s0);
    }
    await bare.evaluate((n) => (window as unknown as { benchSeed: (n: number) => Promise<void> }).benchSeed(n), CASES);
    const bareList: number[] = [];
    for (let i = 0; i < RUNS; i++) bareList.push(await bare.evaluate(() => (window as unknown as { benchList: () => Promise<number> }).benchList()));
    results[`caseListOpen${CASES}`] = { app: round(median(list)), bare: round(median(bareList)), unit: 'ms', note: 'bare: read and decrypt every summary' };
    results[`caseListSearch${CASES}`] = { app: round(median(search)), bare: null, unit: 'ms' };
    await context.close();
    await bareContext.close();
  } finally {
    await browser.close();
  }

  // Engine: one assessment of a full answer set.
  const questionnaire = currentQuestionnaire();
  const answers = JSON.parse(readFileSync('questionnaires/scenarios/safe-house-travel-debt.json', 'utf8')).answers;
  const engine: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    assessAnswers(questionnaire, answers);
    engine.push(performance.now() - t0);
  }
  results.engineAssessment = { app: round(median(engine) * 1000) / 1000, bare: null, unit: 'ms' };

  const lighthouse = await runLighthouse(appServer.url).catch((error: unknown) => ({ error: String(error) }));
  await appServer.close();
  await bareServer.close();

  const report = { date: new Date().toISOString(), runs: RUNS, cases: CASES, size, results, lighthouse };
  mkdirSync('bench-results', { recursive: true });
  const name = `bench-results/bench-${report.date.slice(0, 19).replace(/:/g, '')}.json`;
  writeFileSync(name, `${JSON.stringify(report, null, 2)}\n`);

  const kb = (n: number) => `${round(n / 1024)} KB`;
  const rows: string[][] = [
    ['figure', 'app', 'bare page', 'ratio'],
    ['first screen JS (brotli)', kb(size.app.firstScreen.brotli), kb(size.bare.firstScreen.brotli), `${round(size.app.firstScreen.brotli / size.bare.firstScreen.brotli)}×`],
    ['first screen JS (gzip)', kb(size.app.firstScreen.gzip), kb(size.bare.firstScreen.gzip), `${round(size.app.firstScreen.gzip / size.bare.firstScreen.gzip)}×`],
    ['whole app JS (brotli)', kb(size.app.whole.brotli), kb(size.bare.whole.brotli), `${round(size.app.whole.brotli / size.bare.whole.brotli)}×`],
    ['whole app JS (gzip)', kb(size.app.whole.gzip), kb(size.bare.whole.gzip), `${round(size.app.whole.gzip / size.bare.whole.gzip)}×`],
    ...Object.entries(results).map(([k, v]) => [k, `${v.app} ${v.unit}`, v.bare === null ? '—' : `${v.bare} ${v.unit}`, v.app !== null && v.bare ? `${round(v.app / v.bare)}×` : '—']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n'));
  if ('scores' in lighthouse) {
    console.log(`\nLighthouse: ${Object.entries(lighthouse.scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const [category, audits] of Object.entries(lighthouse.below)) if (audits.length) console.log(`  ${category} below 100 because: ${audits.join('; ')}`);
  } else {
    console.log(`\nLighthouse did not run: ${lighthouse.error}`);
  }
  console.log(`\nwritten to ${name}`);
}

/** Lighthouse scores of the built app, and the audits that hold each below 100. */
async function runLighthouse(url: string): Promise<{ scores: Record<string, number>; below: Record<string, string[]> }> {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
    const lhr = result!.lhr;
    const scores: Record<string, number> = {};
    const below: Record<string, string[]> = {};
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = Math.round((category.score ?? 0) * 100);
      below[id] = category.auditRefs
        .map((ref) => lhr.audits[ref.id]!)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
        .map((audit) => audit.title);
    }
    return { scores, below };
  } finally {
    chrome.kill();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
