/**
 * The bench's own harness: figures come from one CDP session per page, the
 * throttling rate set through it is the one in force after reloads, and the
 * statistics are right. A fake page and a fake CDP session stand in for Chromium:
 * the fake models a browser that keeps a rate per session across reloads and
 * applies the rate of the session that set it last (which is why a second
 * session would silently change the speed).
 */
import { describe, expect, it } from 'vitest';
import { Controls, markdownTable, PageControl, quantile, stats, verifyHeld, type CdpLike, type PageLike } from '../bench/harness';

/** A page whose "CPU" runs at the rate of the last session that set one; reload keeps it. */
function fakeBrowserPage() {
  let effectiveRate = 1;
  let opened = 0;
  const sessions: { rate: number }[] = [];
  const page: PageLike & { reload: () => Promise<void>; opened: () => number; rate: () => number } = {
    context: () => ({
      newCDPSession: async () => {
        opened++;
        const own = { rate: 1 };
        sessions.push(own);
        const session: CdpLike = {
          send: async (_method, params) => {
            own.rate = params.rate;
            effectiveRate = params.rate;
          },
        };
        return session;
      },
    }),
    // The fixed loop "takes" 10 ms per unit of rate.
    evaluate: async () => 10 * effectiveRate as never,
    reload: async () => {},
    opened: () => opened,
    rate: () => effectiveRate,
  };
  return page;
}

describe('bench harness', () => {
  it('opens one CDP session per page, whoever asks and however often, and the rate set persists across reloads', async () => {
    const app = fakeBrowserPage();
    const peer = fakeBrowserPage();
    const controls = new Controls();
    await controls.for(app).throttle(4);
    await app.reload();
    await controls.for(app).throttle(4);
    await controls.for(peer).throttle(4);
    await controls.for(app).check(4);
    await app.reload();
    expect(app.opened()).toBe(1);
    expect(peer.opened()).toBe(1);
    expect(controls.for(app)).toBe(controls.for(app));
    expect(controls.for(app).sessionsOpened).toBe(1);
    expect(app.rate()).toBe(4);
    expect(controls.for(app).rate).toBe(4);
  });

  it('after reloads, verifies the rate still holds without setting it first', async () => {
    const page = fakeBrowserPage();
    const control = new PageControl(page);
    await control.throttle(4);
    await page.reload();
    const held = await verifyHeld(control);
    expect(held.achieved).toBe(4);
    expect(held.afterReloads).toBe(true);
    expect(page.opened()).toBe(1);
    expect(page.rate()).toBe(4);
  });

  it('the session factory is called once per page', async () => {
    const calls: PageLike[] = [];
    const page = fakeBrowserPage();
    const control = new PageControl(page, async (p) => {
      calls.push(p);
      return { send: async () => undefined };
    });
    await control.throttle(4);
    await control.throttle(1);
    await control.check(6);
    expect(calls).toEqual([page]);
  });

  it('measures the achieved slowdown instead of trusting the request, and leaves the page at the requested rate', async () => {
    const page = fakeBrowserPage();
    const control = new PageControl(page);
    const slowdown = await control.check(4);
    expect(slowdown).toEqual({ requested: 4, achieved: 4, min: 4, max: 4, loopMs1x: 10, loopMsThrottled: 40 });
    expect(page.rate()).toBe(4);
  });

  it('min / median / p95 / max with n', () => {
    expect(stats([5, 1, 3, 2, 4])).toEqual({ n: 5, min: 1, median: 3, p95: 4.8, max: 5 });
    // Even count: the median is halfway between the two middle values.
    expect(stats([10, 20]).median).toBe(15);
    // 1..100: p95 by linear interpolation between ranks is 95.05, not the maximum.
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(stats(hundred)).toEqual({ n: 100, min: 1, median: 50.5, p95: 95.05, max: 100 });
    expect(quantile([7], 0.95)).toBe(7);
    expect(Number.isNaN(stats([]).median)).toBe(true);
  });

  it('prints a markdown table with a separator row', () => {
    const table = markdownTable(['figure', 'app'], [['cold start', '480 ms']]).split('\n');
    expect(table).toEqual(['| figure     | app    |', '| ---------- | ------ |', '| cold start | 480 ms |']);
  });
});
