/**
 * npx tsx test/bench/restore.ts — how long a tablet takes to restore a backup of
 * BENCH_CASES (20,000) realistic cases, whether the screen keeps answering
 * meanwhile, and what the sealed index gives afterwards: unlock and case list
 * at that size. Builds the app, serves it on 127.0.0.1, drives Debian's Chromium.
 * A measurement, not a test: it prints figures and never fails on one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { createBackup } from '../../src/storage/backup';
import { syntheticCases } from '../helpers/synthetic-cases';
import { CHROMIUM_PATH } from '../helpers/browser';
import { serveStatic } from '../helpers/static-server';
import { PASSPHRASE, unlock } from '../helpers/interview-driver';
import { printProfile, profiling, startProfile } from './profile';

const OUT = 'test-results/bench-restore';
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
/** BENCH_CPU=4: the main thread slowed as `npm run bench` slows it (Workers, WebCrypto and IndexedDB are not). */
const CPU_RATE = Number(process.env.BENCH_CPU ?? 1);
const FILE_PASSPHRASE = 'bench file passphrase of four words';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  console.log(`building the app; writing a backup of ${CASES} cases…`);
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  // BENCH_PROFILE=1: an unminified build and a CPU profile of the restore, its heaviest functions printed.
  await build({ logLevel: 'warn', mode: 'production', build: { outDir: `${OUT}/app`, emptyOutDir: true, minify: !profiling } });
  process.env.NODE_ENV = nodeEnv;
  const file = `${OUT}/data-${CASES}.bin`;
  const text = await createBackup(syntheticCases(CASES), FILE_PASSPHRASE);
  writeFileSync(file, text);
  console.log(`backup file: ${(text.length / 1e6).toFixed(1)} MB`);

  const server = await serveStatic(`${OUT}/app`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.url}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    // The longest the page went without answering, while the restore ran (long tasks).
    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    // When the restore moved from one phase to the next (checking the file, writing the cases).
    await page.evaluate(() => {
      const w = window as unknown as { phases: [number, string][] };
      w.phases = [];
      new MutationObserver(() => {
        const text = document.querySelector('.restore-progress span')?.textContent ?? '';
        const phase = text.replace(/[\d\s%,.…]+/g, ' ').trim().slice(0, 20);
        if (text && w.phases.at(-1)?.[1] !== phase) w.phases.push([performance.now(), phase]);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // A fixed loop, to say how loaded the machine was during this run.
    const loopMs = await page.evaluate(() => {
      const t = performance.now();
      let x = 0;
      for (let i = 0; i < 50_000_000; i++) x = (x + i * 7) % 1_000_003;
      return performance.now() - t + (x < 0 ? 1 : 0);
    });
    await page.locator('[data-section="restore"] input[type="file"]').setInputFiles(file);
    await page.locator('[data-section="restore"] input[type="password"]').fill(FILE_PASSPHRASE);
    const cdp = profiling || CPU_RATE !== 1 ? await page.context().newCDPSession(page) : null;
    if (cdp && CPU_RATE !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    if (cdp && profiling) await startProfile(cdp, 1000);
    const t0 = Date.now();
    const p0 = await page.evaluate(() => performance.now());
    await page.locator('[data-action="restore"]').click();
    await page.locator('[data-section="restore"] .notice').waitFor({ timeout: 600_000 });
    const restore = Date.now() - t0;
    if (cdp && profiling) await printProfile(cdp, 'restore');
    if (cdp && CPU_RATE !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    const report = await page.locator('[data-section="restore"] .notice').textContent();
    const phases = (await page.evaluate(() => (window as unknown as { phases: [number, string][] }).phases)).map(([t, phase]) => `${phase} at ${Math.round(t - p0)} ms`);
    console.log(`restore: ${restore} ms at ${CPU_RATE}x (${phases.join('; ')}); longest task ${Math.round(longest)} ms; ${report}`);

    const unlocks: number[] = [];
    const lists: number[] = [];
    /** From the tap to the whole list read from the store (the index opened), after the first rows are drawn. */
    const listedOnly: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${server.url}?lang=en`);
      const u0 = Date.now();
      await unlock(page, PASSPHRASE);
      await page.locator('[data-action="cases"]').waitFor();
      unlocks.push(Date.now() - u0);
      const listCdp = profiling && run === 0 ? await page.context().newCDPSession(page) : null;
      if (listCdp) {
        // Profiled at the same throttling as the restore (its own session, set here).
        if (CPU_RATE !== 1) await listCdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
        await startProfile(listCdp);
      }
      const l0 = await page.evaluate(() => performance.now());
      await page.locator('[data-action="cases"]').click();
      await page.locator('.case').first().waitFor({ timeout: 120_000 });
      const drawn = await page.evaluate(() => performance.now());
      // The first rows come from the row of the latest cases; the whole list is read after them.
      const listedMark = await page.waitForFunction(() => performance.getEntriesByName('screening:cases-listed')[0]?.startTime ?? null, undefined, { timeout: 120_000 });
      const listed = (await listedMark.jsonValue()) as number;
      lists.push(Math.round(drawn - l0));
      if (listCdp) {
        await printProfile(listCdp, 'case list open');
        await listCdp.detach();
      }
      // Again, the screen's code loaded and the index open: what an officer feels from the second time on.
      await page.getByRole('button', { name: 'Back to the home screen' }).click();
      const marks = await page.evaluate(() => performance.getEntriesByName('screening:cases-listed').length);
      const w0 = await page.evaluate(() => performance.now());
      await page.locator('[data-action="cases"]').click();
      await page.waitForFunction((before) => performance.getEntriesByName('screening:cases-listed').length > before, marks, { timeout: 120_000 });
      await page.locator('.case').first().waitFor();
      warm.push(Math.round((await page.evaluate(() => performance.now())) - w0));
      listedOnly.push(Math.round(listed - l0));
    }
    const count = await page.getByTestId('case-count').textContent();
    const result = { date: new Date().toISOString(), cases: CASES, cpuRate: CPU_RATE, fileMB: Math.round(text.length / 1e5) / 10, restoreMs: restore, phases: phases.join('; '), loopMs: Math.round(loopMs), longestTaskDuringRestoreMs: Math.round(longest), unlockToHomeMs: unlocks, caseListOpenMs: lists, caseListReadMs: listedOnly, caseListOpenAgainMs: warm, report, count };
    writeFileSync(`${OUT}/result.json`, JSON.stringify(result, null, 2));
    console.table(result);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
