/**
 * What the browser itself keeps: every form of the app is filled with marker
 * strings and submitted, the browser is closed cleanly, and the Chromium
 * profile on disk — the autofill store ("Web Data"), saved passwords ("Login
 * Data"), History, session files, everything — is read byte by byte: no marker
 * may be there. A plain page without the app's precautions, filled the same
 * way in the same profile, proves that the scan finds what autofill keeps.
 * The names the browser shows for the app (tab, History, installed app) say
 * nothing about what it is for.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithProfile } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const PROFILE = 'test-results/autofill-profile';
const training = JSON.parse(readFileSync('src/i18n/locales/training/en.json', 'utf8'));

/** Every marker typed into the app, by where it was typed. */
const TYPED = {
  passphrase: 'zephyr QZXPASSA lantern orchard',
  newPassphrase: 'harbor QZXPASSB violet quarry',
  backupPassphrase: 'meadow QZXPASSC copper tundra',
  restorePassphrase: 'QZXPASSD restore attempt here',
  officerName: 'QZXNAMEOFFICER',
  officerService: 'QZXSERVICEBRIGADE',
  directoryName: 'QZXDIRNAME',
  directoryRegion: 'QZXDIRREGION',
  directoryContact: 'QZXDIRCONTACT',
  freeText: 'QZXFREETEXTNOTE',
  place: 'QZXPLACEPORT',
  search: 'QZXSEARCHTERM',
  scenarioTitle: 'QZXSCENTITLE',
  scenarioGoal: 'QZXSCENGOAL',
  scenarioStory: 'QZXSCENSTORY',
  scenarioPoint: 'QZXSCENPOINT',
};
const CONTROL = 'QZXCONTROLPLAIN';

let control: Server;
let controlURL: string;

beforeAll(async () => {
  rmSync(PROFILE, { recursive: true, force: true });
  mkdirSync(PROFILE, { recursive: true });
  // A page as most sites have it: a form with no precautions, its submit handled in the page.
  control = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html lang="en"><title>Form</title><form><label for="who">Who</label><input id="who"><button>Save</button></form>' +
        '<script>document.forms[0].addEventListener("submit", (e) => { e.preventDefault(); e.target.reset(); });</script>',
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  controlURL = `http://localhost:${address.port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => control?.close(resolve));
});

/** Every file of the profile, as bytes read as Latin-1 and as UTF-16 (Chromium keeps some text as UTF-16). */
function profileFiles(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) out.push(...profileFiles(path));
    else if (stat.isFile()) {
      const bytes = readFileSync(path);
      out.push({ path, text: `${bytes.toString('latin1')}\n${bytes.toString('utf16le')}` });
    }
  }
  return out;
}

async function save(page: Page, button: string, done: RegExp | string) {
  // Settings also lists its sections by name in a nav at the top: the button is the one outside it.
  await page.getByRole('button', { name: button, exact: true }).and(page.locator('button:not(nav button)')).click();
  await page.getByText(done).first().waitFor();
}

describe("what the browser keeps of what was typed", () => {
  it('no form of the app leaves a trace in the autofill store, the password store, History or any other file of the profile', async () => {
    const context = await launchWithProfile(PROFILE);
    const page = context.pages()[0] ?? (await context.newPage());

    // The control: a plain form. Its value must end up in the profile, or the scan proves nothing.
    await page.goto(controlURL);
    await page.getByLabel('Who').fill(CONTROL);
    await page.getByRole('button', { name: 'Save' }).click();

    // First use, then every form of the app.
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page, TYPED.passphrase);
    await page.locator('[data-action="settings"]').click();
    await page.getByLabel('Name', { exact: true }).fill(TYPED.officerName);
    await page.getByLabel('Service or organisation').fill(TYPED.officerService);
    await page.getByLabel('Name', { exact: true }).locator('xpath=ancestor::form').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').first().waitFor();

    await page.getByLabel('Current passphrase').fill(TYPED.passphrase);
    await page.getByLabel('New passphrase', { exact: true }).fill(TYPED.newPassphrase);
    await page.getByLabel('Type the new passphrase again').fill(TYPED.newPassphrase);
    await save(page, 'Change the passphrase', 'Passphrase changed.');

    await page.getByLabel('Passphrase of the backup file').first().fill(TYPED.backupPassphrase);
    await page.getByLabel("Type the file's passphrase again").fill(TYPED.backupPassphrase);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Make the backup file' }).click()]);
    await download.path();
    await page.getByLabel('Passphrase of the backup file').last().fill(TYPED.restorePassphrase);
    await save(page, 'Open and check the file', 'Choose a backup file first.');
    await page.getByRole('button', { name: 'Back to the home screen' }).click();

    await page.locator('[data-action="directory"]').click();
    await page.getByLabel('Name', { exact: true }).fill(TYPED.directoryName);
    await page.getByLabel('Region').fill(TYPED.directoryRegion);
    await page.getByLabel('Contact').fill(TYPED.directoryContact);
    await save(page, 'Save the service', 'Saved.');
    await page.getByRole('button', { name: 'Back to the home screen' }).click();

    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'yes', 'safety.has_safe_place': 'yes', 'person.age_years': 24, 'closing.officer_notes': TYPED.freeText });
    await page.locator('[data-action="summary"]').click();
    await page.getByLabel('Place').fill(TYPED.place);
    await page.getByLabel('Place').blur();
    await page.locator('.summary-document', { hasText: TYPED.place }).waitFor();

    await page.goto(`${baseURL}?lang=en`);
    await unlock(page, TYPED.newPassphrase);
    await page.locator('[data-action="cases"]').click();
    await page.getByLabel('Reference or place').fill(TYPED.search);
    await page.getByLabel('Reference or place').press('Enter');
    await page.getByRole('button', { name: 'Back to the home screen' }).click();

    await page.locator('[data-action="training"]').click();
    await page.locator('[data-action="training-editor"]').click();
    await page.getByLabel(training.field.title).fill(TYPED.scenarioTitle);
    await page.getByLabel(training.field.learningGoal).fill(TYPED.scenarioGoal);
    await page.getByLabel(training.field.narrative).fill(TYPED.scenarioStory);
    await page.getByLabel(training.field.teachingPoint).fill(TYPED.scenarioPoint);
    await page.getByLabel(training.base).selectOption({ index: 1 });
    await page.locator('[data-action="save-scenario"]').click();
    await page.getByText(TYPED.scenarioTitle).last().waitFor();

    // What the browser shows for the app: the tab, and the installed app's name.
    expect(await page.title()).toBe('Notes');
    const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).text());
    expect(JSON.parse(manifest)).toMatchObject({ name: 'Notes', short_name: 'Notes' });
    const index = await page.evaluate(async () => (await fetch('/index.html')).text());
    for (const shown of [await page.title(), manifest, index.match(/<title>.*<\/title>|<meta name="(application-name|apple-mobile-web-app-title)"[^>]*>/g)!.join('\n')]) {
      expect(shown).not.toMatch(/trafficking|traite|اتجار|448/i);
    }

    // Closed cleanly: Chromium writes its stores to disk.
    await context.close();

    // The app's own IndexedDB is left out here: what the app writes is checked, decoded, by the
    // raw-IndexedDB tests (protection.test.ts). Everything else is the browser's own.
    const files = profileFiles(PROFILE).filter((f) => !f.path.includes(`${join('Default', 'IndexedDB')}`));
    const webData = files.find((f) => f.path.endsWith(join('Default', 'Web Data')));
    expect(webData, 'the autofill store exists').toBeDefined();
    expect(webData!.text, 'the plain form was remembered: the scan works').toContain(CONTROL);
    for (const [where, marker] of Object.entries(TYPED)) {
      const found = files.filter((f) => f.text.includes(marker)).map((f) => f.path);
      expect(found, `${where} (${marker}) kept by the browser`).toEqual([]);
    }
    // History and Top Sites keep titles: none says what the app is for.
    for (const name of ['History', 'Top Sites']) {
      const file = files.find((f) => f.path.endsWith(join('Default', name)));
      if (file) expect(file.text, name).not.toMatch(/trafficking|Repérage|traite|448-1|اتجار/i);
    }
  }, 240_000);
});
