/**
 * The encrypted hand-over between two services, each on its own tablet (two
 * browser contexts, two databases): a police tablet refers a case to a shelter
 * tablet, the shelter accepts, and the acknowledgement updates the police
 * tablet's tracking. Then the refusals: a third tablet, one byte changed, an
 * expired package — each refused in words, with nothing written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets, type TrackedPage } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';
import { generateIdentity, packageMeta, sealPackage } from '../../src/crypto/handover';

const baseURL = inject('baseURL');
const OUT = 'test-results/handover';
const SCREENS = 'test-results/screens';
let browser: Browser;
let police: TrackedPage;
let shelter: TrackedPage;

const OFFICER = 'Brigadière Nadia Alaoui';
const PLACE = 'Port de Tanger Med, quai 4';
const NOTE = 'Dort au dépôt de la rue des Orangers, demander Samira';
const SHELTER_ENTRY = 'ngo-shelter';

/** What the police tablet knows at each step, for the tests that follow. */
const state: { reference?: string; packagePath?: string; shelterKeyPath?: string; shelterFingerprint?: string; policeFingerprint?: string } = {};

async function download(page: Page, action: () => Promise<void>, path: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  await file.saveAs(path);
  return readFileSync(path);
}

/** Back to the home screen the way an officer would, through the screens' own back and home buttons. */
async function home(page: Page): Promise<void> {
  for (let i = 0; i < 4; i++) {
    if (await page.locator('[data-action="handover"]').isVisible()) return;
    const toHome = page.getByRole('button', { name: 'Retour à l’accueil' });
    if ((await toHome.count()) > 0) await toHome.first().click();
    else await page.getByRole('button', { name: 'Retour', exact: true }).first().click();
    await page.locator('[data-action="handover"], main button:has-text("Retour")').first().waitFor();
  }
  await page.locator('[data-action="handover"]').waitFor();
}

async function openHandover(page: Page, view: 'receive' | 'incoming' | 'myKey' | 'serviceKeys'): Promise<void> {
  if ((await page.locator('.handover nav.tabs').count()) === 0) {
    await home(page);
    await page.locator('[data-action="handover"]').click();
  }
  await page.locator(`[data-action="handover-${view}"]`).click();
  await page.locator(`.handover[data-view="${view}"]`).waitFor();
}

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  expect(await smallTouchTargets(page), name).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

async function sendPackageFromPolice(): Promise<void> {
  const page = police.page;
  await page.locator('[data-action="send-securely"]').click();
  await page.locator('.handover[data-view="send"]').waitFor();
  await page.getByLabel('Service (clé vérifiée)').selectOption(SHELTER_ENTRY);
  await page.locator('[data-note="closing"]').check();
  await checkScreen(page, 'handover-send-fr');
  const bytes = await download(page, () => page.locator('[data-action="create-package"]').click(), `${OUT}/police-package.bin`);
  state.packagePath = `${OUT}/police-package.bin`;
  await page.locator('[data-testid="package-output"]').waitFor();
  expect(bytes.length).toBeGreaterThan(500);
}

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
  mkdirSync(SCREENS, { recursive: true });
  police = await openTracked(browser);
  shelter = await openTracked(browser);
  for (const tablet of [police, shelter]) {
    await tablet.page.goto(`${baseURL}?lang=fr`);
    await unlock(tablet.page);
  }
});
afterAll(async () => {
  await browser?.close();
});

// A full interview on a loaded two-core machine can approach the default 60 s: a generous limit (never asserted as speed).
describe('hand-over between a police tablet and a shelter tablet', { timeout: 180_000 }, () => {
  it('the shelter shows its key; the police tablet adds it to the shelter entry and marks the fingerprint checked', async () => {
    await openHandover(shelter.page, 'myKey');
    state.shelterFingerprint = (await shelter.page.locator('[data-testid="my-fingerprint"]').textContent())!.trim();
    expect(state.shelterFingerprint).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    await shelter.page.locator('svg.qr').waitFor();
    await shelter.page.getByLabel('Nom du service affiché aux expéditeurs').fill('Foyer Al Amal');
    await checkScreen(shelter.page, 'handover-my-key-fr');
    const keyFile = await download(shelter.page, () => shelter.page.locator('[data-action="save-key"]').click(), `${OUT}/shelter-key.json`);
    state.shelterKeyPath = `${OUT}/shelter-key.json`;
    const card = JSON.parse(keyFile.toString('utf8'));
    expect(card).toMatchObject({ format: 'screening-448-1-service-key', version: 1, label: 'Foyer Al Amal', fingerprint: state.shelterFingerprint });

    const page = police.page;
    await openHandover(page, 'serviceKeys');
    const entry = page.locator(`[data-service="${SHELTER_ENTRY}"]`);
    expect(await entry.locator('[data-key-state]').getAttribute('data-key-state')).toBe('none');
    await entry.locator('[data-action="choose-service"]').click();
    await page.locator('[data-action="key-file"]').setInputFiles(state.shelterKeyPath);
    // The officer reads these 24 characters to the shelter by phone: they are the shelter's.
    await expect.poll(() => page.locator('[data-testid="candidate-fingerprint"]').textContent()).toBe(state.shelterFingerprint);
    expect(await page.locator('[data-testid="key-editor"]').textContent()).toContain('Foyer Al Amal');
    await checkScreen(page, 'handover-service-key-fr');
    await page.locator('[data-action="fingerprint-checked"]').check();
    await page.locator('[data-testid="key-editor"] [data-action="save-key"]').click();
    await expect.poll(() => entry.locator('[data-key-state]').getAttribute('data-key-state')).toBe('verified');

    // The police tablet's own fingerprint, to compare with what the shelter will see as the sender.
    await page.locator('[data-action="handover-myKey"]').click();
    state.policeFingerprint = (await page.locator('[data-testid="my-fingerprint"]').textContent())!.trim();
    expect(state.policeFingerprint).not.toBe(state.shelterFingerprint);
  });

  it('the police tablet sends the case as a package that holds none of its strings in clear', async () => {
    const page = police.page;
    // The officer's name, recorded on the case and in the package.
    await page.locator('[data-action="settings"]').click();
    await page.getByLabel('Nom', { exact: true }).fill(OFFICER);
    await page.getByLabel('Service ou organisme').fill('Brigade de la police judiciaire de Tanger');
    await page.locator('form').first().locator('button[type="submit"]').click();
    await page.getByRole('status').first().waitFor();
    await home(page);

    const scenario = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8'));
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, { ...scenario.answers, 'consent.share_referral': 'yes', 'closing.officer_notes': NOTE });
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();
    await page.getByLabel('Lieu').fill(PLACE);
    await page.getByLabel('Lieu').blur();
    await page.locator('.summary-document', { hasText: PLACE }).waitFor();
    state.reference = (await page.locator('.summary-document').textContent())!.match(/TR-[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];

    await sendPackageFromPolice();
    const bytes = readFileSync(state.packagePath!);
    // Searched as Latin-1 and as UTF-8 text, and for the base64 of each string: nothing of the case is there in clear.
    const asLatin1 = bytes.toString('latin1');
    const asUtf8 = bytes.toString('utf8');
    for (const secret of [NOTE, 'Orangers', 'Samira', PLACE, 'Tanger', OFFICER, 'Alaoui', state.reference!, state.reference!.slice(3), 'Foyer', 'PossibleVictim', 'presumed_victim']) {
      expect(asLatin1, secret).not.toContain(secret);
      expect(asUtf8, secret).not.toContain(secret);
      expect(asLatin1, secret).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
    }
    expect(asLatin1.startsWith('RPKG')).toBe(true);
    const name = (await page.locator('[data-testid="package-output"]').textContent())!.match(/package-[0-9a-z]+\.bin/)![0];
    expect(name).not.toMatch(/TR-|tanger|foyer|shelter/i);
    // Small enough for QR codes: shown one at a time.
    await page.locator('[data-testid="package-output"] svg.qr').waitFor();
    await checkScreen(page, 'handover-sent-fr');

    // The referral is tracked on the case as sent.
    await page.getByRole('button', { name: 'Retour' }).click();
    await page.locator('.summary-document').waitFor();
    await expect.poll(() => page.locator('.summary-controls .case select').last().inputValue()).toBe('sent');
  });

  it('the shelter opens it, sees the unknown sender with its fingerprint and the referral, and accepts; the police tablet reads the acknowledgement: "accepted"', async () => {
    const page = shelter.page;
    await openHandover(page, 'receive');
    await page.locator('[data-action="open-package"]').setInputFiles(state.packagePath!);
    await page.locator('[data-testid="filed"]').waitFor();
    const sender = (await page.locator('[data-testid="sender"]').textContent())!;
    expect(sender).toContain('Expéditeur inconnu');
    expect(sender).toContain(state.policeFingerprint);
    const referral = (await page.locator('.referral').textContent())!;
    for (const expected of [state.reference!, NOTE, PLACE, OFFICER, 'Victime présumée']) expect(referral).toContain(expected);
    await checkScreen(page, 'handover-received-fr');

    // Opening the same file again files nothing new.
    await page.locator('[data-action="open-package"]').setInputFiles(state.packagePath!);
    await expect.poll(() => page.locator('[data-testid="filed"]').textContent()).toMatch(/déjà été reçue/);

    const ack = await download(page, () => page.locator('[data-action="ack-accepted"]').first().click(), `${OUT}/shelter-ack.bin`);
    expect(ack.toString('latin1')).not.toContain(state.reference!);
    await expect.poll(() => page.locator('[data-testid="decision"]').getAttribute('data-decision')).toBe('accepted');
    await page.locator('[data-action="handover-incoming"]').click();
    await page.locator(`[data-incoming="${state.reference}"]`).waitFor();
    expect(await page.locator('[data-incoming]').count()).toBe(1);
    await checkScreen(page, 'handover-incoming-fr');

    const pol = police.page;
    await home(pol);
    await openHandover(pol, 'receive');
    await pol.locator('[data-action="open-package"]').setInputFiles(`${OUT}/shelter-ack.bin`);
    await pol.locator('[data-testid="ack-result"][data-decision="accepted"]').waitFor();
    expect(await pol.locator('[data-testid="ack-result"]').textContent()).toContain(state.reference);
    await home(pol);
    await pol.locator('[data-action="cases"]').click();
    await pol.locator('.case', { hasText: 'Acceptée' }).waitFor();
  });

  it('a third tablet cannot open the package: "not addressed to this service", and nothing is filed', async () => {
    const third = await openTracked(browser);
    await third.page.goto(`${baseURL}?lang=fr`);
    await unlock(third.page);
    await openHandover(third.page, 'receive');
    await third.page.locator('[data-action="open-package"]').setInputFiles(state.packagePath!);
    expect(await third.page.locator('[data-testid="refusal"]').textContent()).toMatch(/n’était pas adressé à ce service/);
    await third.page.locator('[data-action="handover-incoming"]').click();
    await third.page.getByText('Aucune orientation reçue pour l’instant.').waitFor();
    await third.context.close();
  });

  it('one byte changed, an expired package and a file that is not a package are refused in words, and nothing is written', async () => {
    const page = shelter.page;
    await openHandover(page, 'receive');
    const original = readFileSync(state.packagePath!);
    const tampered = Buffer.from(original);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    writeFileSync(`${OUT}/tampered.bin`, tampered);
    await page.locator('[data-action="open-package"]').setInputFiles(`${OUT}/tampered.bin`);
    expect(await page.locator('[data-testid="refusal"]').textContent()).toMatch(/endommagé ou a été modifié/);

    // An expired package, made outside the app (its UI cannot backdate one): sealed to the shelter's key 20 days ago for 14 days.
    const key = JSON.parse(readFileSync(state.shelterKeyPath!, 'utf8')).publicKey as string;
    const { identity: stranger } = await generateIdentity();
    const twentyDaysAgo = Date.now() - 20 * 86_400_000;
    const expired = await sealPackage(packageMeta('referral', 14, twentyDaysAgo), new TextEncoder().encode('{}'), stranger, key);
    writeFileSync(`${OUT}/expired.bin`, expired);
    await page.locator('[data-action="open-package"]').setInputFiles(`${OUT}/expired.bin`);
    const refusal = (await page.locator('[data-testid="refusal"]').textContent())!;
    expect(refusal).toMatch(/a expiré le .*2\d{3}/);
    expect(refusal).toContain(String(new Date(twentyDaysAgo + 14 * 86_400_000).getFullYear()));

    writeFileSync(`${OUT}/not-a-package.bin`, JSON.stringify({ format: 'screening-448-1-directory', version: 1, services: [] }));
    await page.locator('[data-action="open-package"]').setInputFiles(`${OUT}/not-a-package.bin`);
    await expect.poll(() => page.locator('[data-testid="refusal"]').textContent()).toMatch(/n’est pas un paquet d’orientation/);
    writeFileSync(`${OUT}/oversized.bin`, Buffer.alloc(300 * 1024, 7));
    await page.locator('[data-action="open-package"]').setInputFiles(`${OUT}/oversized.bin`);
    await expect.poll(() => page.locator('[data-testid="refusal"]').textContent()).toMatch(/trop volumineux/);
    await checkScreen(page, 'handover-refused-fr');

    // Still exactly the one referral that was received properly.
    await page.locator('[data-action="handover-incoming"]').click();
    await page.locator('[data-incoming]').first().waitFor();
    expect(await page.locator('[data-incoming]').count()).toBe(1);

    // The police tablet's referral stays "accepted" whatever arrives: its own package opened by mistake is refused.
    await openHandover(police.page, 'receive');
    await police.page.locator('[data-action="open-package"]').setInputFiles(state.packagePath!);
    expect(await police.page.locator('[data-testid="refusal"]').textContent()).toMatch(/n’était pas adressé/);
  });

  it('every hand-over screen passes axe in Arabic, right to left', async () => {
    const page = shelter.page;
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    for (const view of ['receive', 'incoming', 'myKey', 'serviceKeys'] as const) {
      await page.locator(`[data-action="handover-${view}"]`).click();
      await page.locator(`.handover[data-view="${view}"]`).waitFor();
      if (view === 'incoming') {
        await page.locator('[data-incoming] button').first().click();
        await page.locator('.referral').waitFor();
        expect(await page.locator('.referral').textContent()).toContain('ضحية مفترضة');
      }
      if (view === 'myKey') await page.locator('svg.qr').waitFor();
      await checkScreen(page, `handover-${view}-ar`);
    }
    // The send screen, from the police tablet's case list, in Arabic.
    const pol = police.page;
    await pol.getByRole('button', { name: 'العربية' }).click();
    await pol.locator('html[dir="rtl"]').waitFor();
    await pol.locator('[data-action="handover-myKey"]').click();
    await pol.getByRole('button', { name: 'العودة إلى الشاشة الرئيسية' }).click();
    await pol.locator('[data-action="cases"]').click();
    await pol.locator('.case', { hasText: state.reference! }).getByRole('button', { name: `بطاقة الإحالة ${state.reference}` }).click();
    await pol.locator('[data-action="send-securely"]').click();
    await pol.locator('.handover[data-view="send"]').waitFor();
    await checkScreen(pol, 'handover-send-ar');
  });
});
