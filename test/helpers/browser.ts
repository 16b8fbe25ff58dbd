/**
 * Shared browser helpers: Debian's Chromium through playwright-core, axe injected
 * from node_modules, and a record of every request so a test can prove the app
 * talks to nobody but its own origin.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * `backForwardCache`: Playwright launches Chromium with the back/forward cache
 * off; a test of what Back brings back needs it on, as on a real tablet.
 * `extraArgs` for a test that needs more, e.g. a fake camera fed from a file.
 */
export function launchBrowser(options: { backForwardCache?: boolean; extraArgs?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...FLAGS, ...(options.extraArgs ?? [])],
    headless: true,
    ignoreDefaultArgs: options.backForwardCache ? ['--disable-back-forward-cache'] : undefined,
  });
}

/** A browser with a profile folder kept on disk (autofill, History): to read what Chromium itself stored. */
export function launchWithProfile(userDataDir: string, viewport = TABLET): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: FLAGS, headless: true, viewport, deviceScaleFactor: 1, hasTouch: true, acceptDownloads: true });
}

/** A tablet in landscape: the device the app is designed for. */
export const TABLET = { width: 1024, height: 768 };

export interface TrackedPage {
  context: BrowserContext;
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

export async function openTracked(browser: Browser, viewport = TABLET): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { context, page, requests, consoleErrors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe in the page (evaluated, not a script tag, so the app's CSP stays strict). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Interactive elements smaller than the 44 px touch target (an input counts with its label). */
export async function smallTouchTargets(page: Page, minimum = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"]')) {
      // An input inside a label is tapped through its label: the label is the target.
      const target = element.tagName === 'INPUT' ? (element.closest('label') ?? element) : element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (element.classList.contains('skip-link')) continue;
      if (box.width < min || box.height < min) small.push(`${element.tagName.toLowerCase()} "${element.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  }, minimum);
}

/**
 * Everything the app's IndexedDB holds, read directly (not through the app), with
 * binary fields decoded as text so that a marker in clear would show.
 */
export async function rawIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean);
    const parts: string[] = [];
    const walk = (value: unknown) => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) parts.push(new TextDecoder('latin1').decode(value));
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
      else parts.push(String(value));
    };
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        rows.forEach(walk);
      }
      db.close();
    }
    return parts.join('\n');
  });
}
