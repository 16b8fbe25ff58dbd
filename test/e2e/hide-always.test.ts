/**
 * Hide and Lock are on screen at every moment: at the top, the middle and the
 * bottom of every screen, in both tablet orientations, in French and Arabic —
 * a tablet has no Shift key, so the button is the only way to hide at once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked } from '../helpers/browser';
import { runInterview, startNewInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

/** Screens that are long by nature: if they do not scroll here, the test checks nothing at "bottom". */
const LONG = new Set(['review', 'result', 'summary', 'settings']);

/** Is the button inside the viewport, and the element a tap at its centre reaches? */
async function reachable(page: Page, action: string): Promise<string | null> {
  return page.evaluate((selector) => {
    const button = document.querySelector<HTMLElement>(selector);
    if (!button) return 'not in the page';
    const box = button.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) return `outside the viewport (${Math.round(box.top)}, ${Math.round(box.left)})`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit && button.contains(hit) ? null : `covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
  }, `[data-action="${action}"]`);
}

async function checkEverywhere(page: Page, screen: string, problems: string[]): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const room = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    if (LONG.has(screen)) expect(room, `${screen} at ${viewport.width}×${viewport.height} should be long enough to scroll`).toBeGreaterThan(200);
    for (const [position, fraction] of [['top', 0], ['middle', 0.5], ['bottom', 1]] as const) {
      await page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), Math.round(room * fraction));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      for (const action of ['quick-hide', 'lock']) {
        const problem = await reachable(page, action);
        if (problem) problems.push(`${screen} ${viewport.width}×${viewport.height} ${position}: ${action} ${problem}`);
      }
    }
  }
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.setViewportSize(VIEWPORTS[0]!);
}

describe.each(['fr', 'ar'] as const)('Hide and Lock in %s', (lang) => {
  it('stay on screen at the top, middle and bottom of every screen, in landscape and portrait', async () => {
    const { page, context } = await openTracked(browser, VIEWPORTS[0]);
    const problems: string[] = [];
    await page.goto(`${baseURL}?lang=${lang}`);
    await unlock(page);
    await page.locator('#overview-heading').waitFor();
    await checkEverywhere(page, 'home', problems);

    await startNewInterview(page);
    await checkEverywhere(page, 'interview question', problems);
    // A finished interview, with its guidance open and every review section opened: the longest pages there are.
    await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'yes', 'consent.share_referral': 'yes', 'person.age_years': 15, 'recruitment.mentioned': ['go_between'], 'work.activities': ['housework'] }, (s) => s.step === 'review');
    const closed = page.locator('details.review-section:not([open]) summary');
    while ((await closed.count()) > 0) await closed.first().click();
    await checkEverywhere(page, 'review', problems);
    await page.locator('.review .actions .button--primary').click();
    await page.locator('[data-step="result"]').waitFor();
    await checkEverywhere(page, 'result', problems);
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();
    await checkEverywhere(page, 'summary', problems);

    for (const [action, screen, ready] of [
      ['cases', 'case list', '.case'],
      ['directory', 'directory', '[data-service]'],
      ['statistics', 'statistics', '[data-testid="stats-total"], [data-testid="stats-not-enough"]'],
      ['training', 'training', '[data-training-view="library"]'],
    ] as const) {
      await page.goto(`${baseURL}?lang=${lang}`);
      await unlock(page);
      await page.locator(`.home-actions [data-action="${action}"]`).click();
      await page.locator(ready).first().waitFor();
      await checkEverywhere(page, screen, problems);
    }
    await page.locator('[data-action="settings"]').click();
    await page.locator('[data-action="backup"]').waitFor();
    await checkEverywhere(page, 'settings', problems);
    expect(problems).toEqual([]);

    // At the bottom of a long page, in portrait, Hide works at once.
    await page.setViewportSize(VIEWPORTS[1]!);
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await page.locator('[data-action="quick-hide"]').click();
    await page.locator('.neutral').waitFor();
    await context.close();
  }, 300_000);
});
