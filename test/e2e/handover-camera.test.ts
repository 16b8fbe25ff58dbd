/**
 * A package handed over as QR codes: the sending tablet shows them one after
 * the other, the receiving tablet reads them with its camera. Chromium's fake
 * camera plays a video made of the very codes the sending screen drew (read
 * from its SVG, module by module), so the whole path is the app's own: camera
 * asked for on demand, frames read by jsQR (loaded only then, as this Chromium
 * has no native QR reader), codes gathered in any order, package opened and filed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openTracked } from '../helpers/browser';
import { runInterview, unlock } from '../helpers/interview-driver';

const baseURL = inject('baseURL');
const OUT = 'test-results/handover-camera';
const VIDEO = resolve(`${OUT}/codes.y4m`);
const WIDTH = 640;
const HEIGHT = 480;
let sender: Browser;
let receiver: Browser;

/** The dark modules of the QR code on screen, from its SVG path (`M{x} {y}h1v1h-1z` per module). */
async function shownModules(page: Page): Promise<{ size: number; dark: [number, number][] }> {
  return page.locator('[data-testid="package-output"] svg.qr').evaluate((svg) => {
    const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    const d = svg.querySelector('path')!.getAttribute('d')!;
    const dark = [...d.matchAll(/M(\d+) (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
    return { size, dark };
  });
}

/** One grey-scale 4:2:0 frame with the code centred, white around it. */
function frame(code: { size: number; dark: [number, number][] }): Buffer {
  const scale = Math.floor((HEIGHT - 20) / code.size);
  const y = Buffer.alloc(WIDTH * HEIGHT, 255);
  const left = Math.floor((WIDTH - code.size * scale) / 2);
  const top = Math.floor((HEIGHT - code.size * scale) / 2);
  for (const [mx, my] of code.dark)
    for (let dy = 0; dy < scale; dy++) y.fill(0, (top + my * scale + dy) * WIDTH + left + mx * scale, (top + my * scale + dy) * WIDTH + left + (mx + 1) * scale);
  return Buffer.concat([Buffer.from('FRAME\n'), y, Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128)]);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // The receiving tablet's camera plays VIDEO, written once the sender has drawn its codes (Chromium opens it when the camera starts).
  writeFileSync(VIDEO, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F4:1 Ip A1:1 C420jpeg\n`);
  sender = await launchBrowser();
  receiver = await launchBrowser({ extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO}`] });
});
afterAll(async () => {
  await sender?.close();
  await receiver?.close();
});

describe('hand-over by QR codes and the camera', () => {
  it('the receiving tablet reads the sequence of codes with its camera and files the referral', async () => {
    const shelter = await openTracked(receiver);
    await shelter.context.grantPermissions(['camera'], { origin: new URL(baseURL).origin });
    await shelter.page.goto(`${baseURL}?lang=en`);
    await unlock(shelter.page);
    await shelter.page.locator('[data-action="handover"]').click();
    await shelter.page.locator('[data-action="handover-myKey"]').click();
    const [keyDownload] = await Promise.all([shelter.page.waitForEvent('download'), shelter.page.locator('[data-action="save-key"]').click()]);
    await keyDownload.saveAs(`${OUT}/shelter-key.json`);

    const police = await openTracked(sender);
    const page = police.page;
    await page.goto(`${baseURL}?lang=en`);
    await unlock(page);
    await page.locator('[data-action="handover"]').click();
    await page.locator('[data-action="handover-serviceKeys"]').click();
    await page.locator('[data-service="ngo-shelter"] [data-action="choose-service"]').click();
    await page.locator('[data-action="key-file"]').setInputFiles(`${OUT}/shelter-key.json`);
    await page.locator('[data-action="fingerprint-checked"]').check();
    await page.locator('[data-testid="key-editor"] [data-action="save-key"]').click();
    await page.locator('[data-service="ngo-shelter"] [data-key-state="verified"]').waitFor();
    await page.getByRole('button', { name: 'Back to the home screen' }).click();

    const scenario = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8'));
    await page.locator('.home-actions .button--primary').click();
    // The person did not agree to share: "send securely" is not offered until a legal reason is recorded (a child).
    await runInterview(page, { ...scenario.answers, 'consent.share_referral': 'no' });
    await page.locator('[data-action="summary"]').click();
    await page.locator('.summary-document').waitFor();
    expect(await page.locator('[data-action="send-securely"]').count()).toBe(0);
    await page.getByLabel('The person is or may be a child').click();
    await page.locator('[data-action="send-securely"]').click();
    expect(await page.locator('.handover[data-view="send"]').textContent()).toContain('the person is a child');
    await page.getByLabel('Service (verified key)').selectOption('ngo-shelter');
    await Promise.all([page.waitForEvent('download'), page.locator('[data-action="create-package"]').click()]);
    await page.locator('[data-testid="package-output"] svg.qr').waitFor();
    const total = Number((await page.locator('.qr-position').textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(1);

    // The codes as the sender shows them, last first: the reader does not need them in order.
    const frames: Buffer[] = [];
    for (let i = 0; i < total; i++) {
      const code = await shownModules(page);
      frames.unshift(frame(code), frame(code), frame(code), frame(code));
      if (i < total - 1) {
        await page.locator('[data-action="next-code"]').click();
        await page.locator('.qr-position', { hasText: `Code ${i + 2} of ${total}` }).waitFor();
      }
    }
    writeFileSync(VIDEO, Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F4:1 Ip A1:1 C420jpeg\n`), ...frames]));

    const receive = shelter.page;
    await receive.locator('[data-action="handover-receive"]').click();
    // The camera is asked for only now, on the officer's tap.
    await receive.locator('[data-action="scan"]').click();
    await receive.locator('[data-testid="filed"]').waitFor({ timeout: 60_000 });
    expect(await receive.locator('[data-testid="sender"]').textContent()).toContain('Unknown sender');
    expect(await receive.locator('.referral').textContent()).toContain('Presumed victim');
    // The camera is released once the package is complete.
    expect(await receive.locator('video.qr-scanner__video').count()).toBe(0);
  }, 240_000);
});
