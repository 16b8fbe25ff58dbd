/**
 * Two imports an officer must be able to trust, in French and in Arabic: a
 * backup whose copy of a case differs from the tablet's is never applied
 * without a choice, case by case; a directory file is shown change by change
 * (old and new contact) before it replaces anything, and the replacement is
 * audited. Every step is screenshotted and checked with axe.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openTracked, smallTouchTargets } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';
import { syntheticCases } from '../helpers/synthetic-cases';
import { createBackup } from '../../src/storage/backup';

const baseURL = inject('baseURL');
let browser: Browser;
const SCREENS = 'test-results/screens';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  expect(await smallTouchTargets(page), name).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

async function switchTo(page: Page, code: 'fr' | 'ar'): Promise<void> {
  await page.getByRole('button', { name: code === 'ar' ? 'العربية' : 'Français', exact: true }).click();
  await page.locator(`html[lang="${code}"]`).waitFor();
}

describe('restoring a backup whose case differs from the tablet\'s', () => {
  it('lists the case, writes nothing before the choice, and does what was chosen — in French and Arabic', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('.home-actions .button--primary').click();
    await runInterview(page, { 'consent.explained': 'yes', 'consent.interview': 'yes' }, (s) => s.questionId === 'safety.has_safe_place');
    const reference = (await page.locator('.interview__side [dir="ltr"]').textContent())!.trim();
    await page.locator('[data-action="close-interview"]').click();

    // A backup of the case as it stands…
    await page.locator('[data-action="settings"]').click();
    await page.getByLabel('Phrase secrète du fichier de sauvegarde').first().fill('fichier secret en quatre mots');
    await page.getByLabel('Saisissez à nouveau la phrase secrète du fichier').fill('une autre phrase');
    await page.locator('[data-action="backup"]').click();
    // A passphrase typed differently the second time: said beside the button, nothing downloaded.
    await page.locator('[data-section="backup"] [role="alert"]').filter({ hasText: 'pas identiques' }).waitFor();
    await page.getByLabel('Saisissez à nouveau la phrase secrète du fichier').fill('fichier secret en quatre mots');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="backup"]').click()]);
    const file = `${(await download.path())!}.bin`;
    writeFileSync(file, readFileSync((await download.path())!));
    await page.locator('[data-section="backup"] .notice').waitFor();
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    // …then the case goes on after it.
    await page.locator('[data-action="cases"]').click();
    await page.locator('.case', { hasText: reference }).getByRole('button', { name: /Reprendre/ }).click();
    await page.locator('[data-question-id="safety.has_safe_place"]').waitFor();
    await runInterview(page, { 'safety.has_safe_place': 'yes' }, (s) => s.questionId !== 'safety.has_safe_place');
    await page.locator('[data-action="close-interview"]').click();

    // Restoring the backup now: the case is listed with both copies; nothing is written yet.
    await page.locator('[data-action="settings"]').click();
    await page.locator('[data-section="restore"] input[type="file"]').setInputFiles(file);
    await page.locator('[data-section="restore"] input[type="password"]').fill('fichier secret en quatre mots');
    await page.locator('[data-action="restore"]').click();
    const conflict = page.locator(`[data-conflict="${reference}"]`);
    await conflict.waitFor();
    expect(await page.locator('[data-step="restore-plan"]').textContent()).toContain('1 dossier figure sur cette tablette avec un contenu différent');
    expect(await conflict.getByRole('radio', { name: 'Garder l’exemplaire de cette tablette' }).isChecked()).toBe(true);
    await checkScreen(page, 'restore-conflict-fr');
    // The file was opened off the screen's thread, and its decrypted cases wait there for the choice…
    const restoreWorkers = () => page.workers().filter((w) => w.url().includes('restore.worker')).length;
    expect(restoreWorkers()).toBe(1);
    await conflict.getByRole('radio', { name: /Garder les deux/ }).check();
    await page.locator('[data-action="restore-apply"]').click();
    await page.locator('[data-section="restore"] .notice').filter({ hasText: 'Gardés en double : 1' }).waitFor();
    // …and are gone once written.
    await expect.poll(restoreWorkers).toBe(0);
    await checkScreen(page, 'restore-done-fr');
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await page.locator('[data-action="cases"]').click();
    await expect.poll(() => page.locator('.case').count()).toBe(2);
    expect(await page.getByTestId('case-count').textContent()).toBe('2 dossiers affichés sur 2');

    // In Arabic: the same file again; the tablet's copy is kept unless chosen otherwise.
    await switchTo(page, 'ar');
    await page.locator('[data-action="settings"]').click();
    await page.locator('[data-section="restore"] input[type="file"]').setInputFiles(file);
    await page.locator('[data-section="restore"] input[type="password"]').fill('fichier secret en quatre mots');
    await page.locator('[data-action="restore"]').click();
    await page.locator(`[data-conflict="${reference}"]`).waitFor();
    expect(await page.locator('[data-step="restore-plan"]').textContent()).toContain('ملف واحد موجود على هذا الجهاز اللوحي بمحتوى مختلف');
    await checkScreen(page, 'restore-conflict-ar');
    // Locking while the choice waits forgets the file's decrypted cases; the restore starts again after unlock.
    await page.locator('[data-action="lock"]').click();
    await expect.poll(restoreWorkers).toBe(0);
    await unlock(page);
    await page.locator('[data-action="settings"]').click();
    await page.locator('[data-section="restore"] input[type="file"]').setInputFiles(file);
    await page.locator('[data-section="restore"] input[type="password"]').fill('fichier secret en quatre mots');
    await page.locator('[data-action="restore"]').click();
    await page.locator(`[data-conflict="${reference}"]`).waitFor();
    await page.locator('[data-action="restore-apply"]').click();
    await page.locator('[data-section="restore"] .notice').filter({ hasText: 'المتروكة كما هي على الجهاز: 1' }).waitFor();
    await page.getByRole('button', { name: 'العودة إلى الشاشة الرئيسية' }).click();
    await page.locator('[data-action="cases"]').click();
    await expect.poll(() => page.locator('.case').count()).toBe(2);
    // The kept copy is the tablet's: the case resumes past the question answered after the backup.
    await page.locator('.case', { hasText: reference }).getByRole('button').first().click();
    await page.locator('[data-question-id]').waitFor();
    expect(await page.locator('[data-question-id="safety.has_safe_place"]').count()).toBe(0);

    // A damaged file is refused in the screen's language, naming the file, and changes nothing.
    await page.locator('[data-action="close-interview"]').click();
    await page.locator('[data-action="settings"]').click();
    const broken = `${file}.broken.bin`;
    writeFileSync(broken, readFileSync(file, 'utf8').replace('"iterations":600000', '"iterations":2000000000'));
    await page.locator('[data-section="restore"] input[type="file"]').setInputFiles(broken);
    await page.locator('[data-section="restore"] input[type="password"]').fill('fichier secret en quatre mots');
    await page.locator('[data-action="restore"]').click();
    const alert = page.locator('[data-section="restore"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/لم يتغيّر شيء.*broken\.bin.*kdf › iterations.*أكبر من المسموح به/);
    expect(await alert.textContent()).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/); // no English sentence
    await checkScreen(page, 'restore-refused-ar');
    await context.close();
  });
});

describe('a backup whose new cases are written while the file is still being checked', () => {
  /**
   * What the tablet's database holds, read raw: cases in rows of their own, a
   * restore's packs of up to a hundred new cases (ids from '~pack-' on), and
   * whether a restore's mark is left.
   */
  const raw = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<{ own: number; packs: number; marked: boolean }>((resolve, reject) => {
          const open = indexedDB.open('screening-448-1');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['content', 'meta']);
            const own = tx.objectStore('content').count(IDBKeyRange.upperBound('~pack-', true));
            const packs = tx.objectStore('content').count(IDBKeyRange.lowerBound('~pack-'));
            const mark = tx.objectStore('meta').get('restoreStaging');
            tx.oncomplete = () => {
              resolve({ own: own.result, packs: packs.result, marked: mark.result !== undefined });
              open.result.close();
            };
          };
        }),
    );

  async function restore(page: Page, file: string): Promise<void> {
    await page.locator('[data-action="settings"]').click();
    await page.locator('[data-section="restore"] input[type="file"]').setInputFiles(file);
    await page.locator('[data-section="restore"] input[type="password"]').fill('fichier secret en quatre mots');
    await page.locator('[data-action="restore"]').click();
  }

  it('a file refused in its seventh chunk, or a restore left at the choice by a lock, leaves no case behind, and the same file restores whole afterwards', async () => {
    const passphrase = 'fichier secret en quatre mots';
    const cases = syntheticCases(3_101);
    const dir = 'test-results';
    // The tablet holds one case of the file's (restored: in a pack of one); a second file adds 600
    // (six packs of a hundred) and differs on that one.
    writeFileSync(`${dir}/staging-one.bin`, await createBackup(cases.slice(0, 1), passphrase));
    const other = { ...cases[0]!, updatedAt: cases[0]!.updatedAt + 60_000, content: { ...cases[0]!.content, details: { place: 'Poste modifié', interpreter: 'no' as const } } };
    writeFileSync(`${dir}/staging-conflict.bin`, await createBackup([other, ...cases.slice(1, 601)], passphrase));
    // 3,100 cases, the 3,050th answered with a questionnaire this build lacks: refused in its seventh
    // chunk, after thousands were staged (and written: checking runs no more than two writes ahead).
    const broken = cases.slice(1, 3_101).map((c, i) => (i === 3_049 ? { ...c, questionnaireVersion: 99 } : c));
    writeFileSync(`${dir}/staging-broken.bin`, await createBackup(broken, passphrase));

    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await restore(page, `${dir}/staging-one.bin`);
    await page.locator('[data-section="restore"] .notice').filter({ hasText: 'Ajoutés : 1.' }).waitFor();
    expect(await raw(page)).toEqual({ own: 0, packs: 1, marked: false });
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    // Refused in its seventh chunk: the cases written meanwhile are taken back before the refusal shows.
    await restore(page, `${dir}/staging-broken.bin`);
    const alert = page.locator('[data-section="restore"] [role="alert"]');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(/staging-broken\.bin.*3050/);
    expect(await raw(page)).toEqual({ own: 0, packs: 1, marked: false });
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    // At the choice, the 600 new cases are written but listed nowhere; a lock leaves them to the next unlock, which deletes them.
    await restore(page, `${dir}/staging-conflict.bin`);
    await page.locator('[data-step="restore-plan"]').waitFor({ timeout: 60_000 });
    expect(await raw(page)).toEqual({ own: 0, packs: 7, marked: true });
    await page.locator('[data-action="lock"]').click();
    await page.locator('input[type="password"]').first().waitFor();
    await unlock(page);
    await expect.poll(() => raw(page), { timeout: 30_000 }).toEqual({ own: 0, packs: 1, marked: false });
    await page.locator('[data-action="cases"]').click();
    expect(await page.getByTestId('case-count').textContent()).toBe('1 dossier affiché sur 1');
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();

    // The same file, applied: 600 added, the differing one kept as on the tablet.
    await restore(page, `${dir}/staging-conflict.bin`);
    await page.locator('[data-step="restore-plan"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-action="restore-apply"]').click();
    await page.locator('[data-section="restore"] .notice').filter({ hasText: 'Ajoutés : 600.' }).waitFor({ timeout: 60_000 });
    expect(await raw(page)).toEqual({ own: 0, packs: 7, marked: false });
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await page.locator('[data-action="cases"]').click();
    await expect.poll(() => page.getByTestId('case-count').textContent()).toBe('601 dossiers affichés sur 601');
    await context.close();
  }, 180_000);
});

describe('importing a directory file', () => {
  it('shows what changes, old and new contact, before anything is replaced; the replacement is audited — in French and Arabic', async () => {
    const { page, context } = await openTracked(browser);
    await page.goto(`${baseURL}?lang=fr`);
    await unlock(page);
    await page.locator('[data-action="directory"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter l’annuaire' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^directory-\d{4}-\d{2}-\d{2}\.json$/);
    const directory = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { services: { id: string; name: string; contact: string }[] };
    const hotline = directory.services.find((s) => s.id === 'cnclt-hotline')!;
    const swapped = { ...directory, services: [...directory.services.filter((s) => s.id !== 'prosecutor-appeal').map((s) => (s.id === 'cnclt-hotline' ? { ...s, contact: '0612 34 56 78' } : s)), { ...hotline, id: 'local-shelter', name: 'Foyer local Al Amal', type: 'shelter', contact: '0539 00 11 22' }] };
    const file = `${(await download.path())!}-swapped.json`;
    writeFileSync(file, JSON.stringify(swapped));

    await page.locator('[data-action="import-directory"]').setInputFiles(file);
    const diff = page.locator('[data-step="directory-diff"]');
    await diff.waitFor();
    const changed = diff.locator('[data-diff="changed"]');
    expect(await changed.textContent()).toContain(hotline.contact);
    expect(await changed.textContent()).toContain('0612 34 56 78');
    expect(await diff.locator('[data-diff="added"]').textContent()).toContain('Foyer local Al Amal');
    expect(await diff.locator('[data-diff="removed"]').textContent()).toContain('procureur');
    // Nothing replaced yet: the list still has the old number.
    expect(await page.locator('[data-service="cnclt-hotline"]').textContent()).toContain(hotline.contact);
    await checkScreen(page, 'directory-diff-fr');
    await page.locator('[data-action="confirm-directory"]').click();
    await page.locator('[data-service="local-shelter"]').waitFor();
    expect(await page.locator('[data-service="cnclt-hotline"]').textContent()).toContain('0612 34 56 78');
    expect(await page.locator('[data-service="prosecutor-appeal"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await page.locator('[data-action="settings"]').click();
    const entry = page.locator('[data-section="audit"] tr', { hasText: 'Annuaire importé' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('+1 ~1 -1');

    // In Arabic: a second file is shown, then cancelled: nothing changes.
    await switchTo(page, 'ar');
    await page.getByRole('button', { name: 'العودة إلى الشاشة الرئيسية' }).click();
    await page.locator('[data-action="directory"]').click();
    const back = `${file}-back.json`;
    writeFileSync(back, JSON.stringify(directory));
    await page.locator('[data-action="import-directory"]').setInputFiles(back);
    await diff.waitFor();
    expect(await diff.textContent()).toContain('خدمة واحدة مضافة');
    await checkScreen(page, 'directory-diff-ar');
    await page.locator('[data-action="cancel-directory"]').click();
    await page.getByText('لم يتغيّر دليل الخدمات.').waitFor();
    expect(await page.locator('[data-service="cnclt-hotline"]').textContent()).toContain('0612 34 56 78');

    // A file with a field the app does not know is refused, naming it, in Arabic.
    const odd = `${file}-odd.json`;
    writeFileSync(odd, JSON.stringify({ ...directory, services: [{ ...hotline, phone: '0600' }] }));
    await page.locator('[data-action="import-directory"]').setInputFiles(odd);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/services › 1 › phone.*حقل لا يعرفه التطبيق/);
    await context.close();
  });
});
