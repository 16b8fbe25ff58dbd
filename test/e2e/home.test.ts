/**
 * The built app in Chromium at tablet size: it starts, speaks French, Arabic
 * (right to left) and English, passes axe, keeps touch targets large, enforces its
 * Content-Security-Policy and requests nothing from anywhere else.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets } from '../helpers/browser';
import { unlock } from '../helpers/interview-driver';

const ar = JSON.parse(readFileSync('src/i18n/locales/ar.json', 'utf8'));

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync('test-results/screens', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const EXPECTED = {
  fr: { dir: 'ltr', firstUse: /phrase secrète/i, heading: /Repérage/ },
  ar: { dir: 'rtl', firstUse: /عبارة مرور/, heading: /الاتجار بالبشر|الكشف/ },
  en: { dir: 'ltr', firstUse: /passphrase/i, heading: /Trafficking screening/ },
} as const;

describe('first screen and home', () => {
  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('in %s: language, direction, axe, touch targets, before and after the passphrase', async (lang) => {
    const { page, context, consoleErrors } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=${lang}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.getAttribute('html', 'dir')).toBe(EXPECTED[lang].dir);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(EXPECTED[lang].firstUse);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/first-use-${lang}.png`, fullPage: true });

    await unlock(page);
    await page.locator('#overview-heading').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(EXPECTED[lang].heading);
    expect(await page.textContent('body')).toContain('0800 00 47 47');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/home-${lang}.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('switching language mirrors the layout and is remembered on reload', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(baseURL);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const bar = await page.locator('.app-bar__title').boundingBox();
    expect(bar!.x).toBeGreaterThan(500); // the title moved to the right-hand side
    await page.reload();
    await page.locator('.app-bar__title').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.locator('.app-bar__title').textContent()).toBe(ar.app.neutralName);
    await context.close();
  });

  it('requests nothing but its own files, under a strict Content-Security-Policy', async () => {
    const { page, context, requests } = await openTracked(browser);
    await page.goto(baseURL);
    await unlock(page);
    await page.locator('#overview-heading').waitFor();
    const origin = new URL(baseURL).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // The policy is enforced: an inline script injected into the page does not run.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await context.close();
  });
});
