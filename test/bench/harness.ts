/**
 * The bench's measuring tools, kept apart from what they measure so that a unit
 * test can check them (test/unit/bench-harness.test.ts):
 *
 * - One CDP session per page, created on first use and reused for everything
 *   (a second session would hold its own throttling rate: the old bench opened
 *   one per call, so a later "1×" was undone at the next reload).
 * - Throttling set through that session and checked: a fixed JavaScript loop is
 *   timed at 1× and at the requested rate in the same page, and the achieved
 *   ratio is what the report prints.
 * - Trusted input: taps at the element's coordinates (CDP touch events), never
 *   element.click() in page script; timed from the pointerdown's own timestamp to
 *   the animation frame after the DOM change.
 * - Statistics: min / median / p95 / max and n for every figure.
 */

/** What the harness needs of a CDP session (playwright-core's CDPSession has it). */
export interface CdpLike {
  send(method: 'Emulation.setCPUThrottlingRate', params: { rate: number }): Promise<unknown>;
}

/** What the harness needs of a page (playwright-core's Page has it). */
export interface PageLike {
  context(): { newCDPSession(page: never): Promise<CdpLike> };
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/**
 * The page's one CDP session and the throttling rate set through it. Chromium
 * keeps Emulation.setCPUThrottlingRate for the session's target across reloads
 * and navigations; `check()` measures it rather than trusting it.
 */
export class PageControl {
  private session: Promise<CdpLike> | undefined;
  rate = 1;
  /** How many CDP sessions this page has had (the unit test checks it stays 1). */
  sessionsOpened = 0;

  constructor(
    readonly page: PageLike,
    private readonly openSession: (page: PageLike) => Promise<CdpLike> = (p) => p.context().newCDPSession(p as never),
  ) {}

  cdp(): Promise<CdpLike> {
    if (!this.session) {
      this.sessionsOpened++;
      this.session = this.openSession(this.page);
    }
    return this.session;
  }

  async throttle(rate: number): Promise<void> {
    await (await this.cdp()).send('Emulation.setCPUThrottlingRate', { rate });
    this.rate = rate;
  }

  /**
   * The slowdown actually achieved: a fixed loop timed at 1× and at `rate` in this
   * page, in alternation (five pairs, the median ratio), because on a shared
   * machine both drift. Leaves the page at `rate`.
   */
  async check(rate = this.rate, iterations = 10_000_000, pairs = 5): Promise<Slowdown> {
    const base: number[] = [];
    const slowed: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      await this.throttle(1);
      base.push(await timeLoop(this.page, iterations));
      await this.throttle(rate);
      slowed.push(await timeLoop(this.page, iterations));
      ratios.push(slowed[i]! / base[i]!);
    }
    const r = stats(ratios);
    return { requested: rate, achieved: round(r.median, 2), min: round(r.min, 2), max: round(r.max, 2), loopMs1x: round(stats(base).median), loopMsThrottled: round(stats(slowed).median) };
  }
}

/**
 * Whether the rate set earlier still holds (after reloads, say): the loop timed
 * as the page is now, without setting anything, against 1×; then the rate is set
 * again. A ratio near 1 means the throttling was lost.
 */
export async function verifyHeld(control: PageControl, iterations = 10_000_000): Promise<Slowdown> {
  const rate = control.rate;
  const held: number[] = [];
  for (let i = 0; i < 3; i++) held.push(await timeLoop(control.page, iterations));
  await control.throttle(1);
  const base: number[] = [];
  for (let i = 0; i < 3; i++) base.push(await timeLoop(control.page, iterations));
  await control.throttle(rate);
  const ratios = held.map((h, i) => h / base[i]!);
  const r = stats(ratios);
  return { requested: rate, achieved: round(stats(held).median / stats(base).median, 2), min: round(r.min, 2), max: round(r.max, 2), loopMs1x: round(stats(base).median), loopMsThrottled: round(stats(held).median), afterReloads: true };
}

export interface Slowdown {
  /** Measured as the page was after reloads, without setting the rate first. */
  afterReloads?: boolean;
  requested: number;
  /** Median of the pairs' ratios; min and max show how steady it was. */
  achieved: number;
  min: number;
  max: number;
  loopMs1x: number;
  loopMsThrottled: number;
}

/** One run of a fixed arithmetic loop (no allocation, no DOM), in ms. */
export async function timeLoop(page: PageLike, iterations: number): Promise<number> {
  return page.evaluate((n: number) => {
    const start = performance.now();
    let x = 0;
    for (let k = 0; k < n; k++) x = (x * 31 + k) % 1_000_003;
    (globalThis as { __benchSink?: number }).__benchSink = x;
    return performance.now() - start;
  }, iterations);
}

/** One control per page: the factory is called once per page, whoever asks. */
export class Controls {
  private readonly byPage = new Map<PageLike, PageControl>();
  constructor(private readonly openSession?: (page: PageLike) => Promise<CdpLike>) {}
  for(page: PageLike): PageControl {
    let control = this.byPage.get(page);
    if (!control) {
      control = new PageControl(page, this.openSession);
      this.byPage.set(page, control);
    }
    return control;
  }
}

export interface Stats {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

/** Linear interpolation between closest ranks (the "R-7" / spreadsheet PERCENTILE.INC definition). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, min: sorted[0] ?? Number.NaN, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The figures' spread as printed: "min / median / p95 / max (n)". */
export function spread(s: Stats, unit = 'ms'): string {
  const f = (x: number) => (Math.abs(x) >= 100 ? String(Math.round(x)) : String(round(x)));
  return `${f(s.min)} / ${f(s.median)} / ${f(s.p95)} / ${f(s.max)} ${unit} (n=${s.n})`;
}

/** A markdown table, columns padded. */
export function markdownTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The conditions a tap waits for (named, not code: the pages' CSP forbids eval). */
export type Condition =
  | { kind: 'appears'; selector: string }
  /** The screen's key (see pageProbe) differs from `from`. */
  | { kind: 'changed'; from: string }
  /** The answer is drawn as chosen, or the screen moved on. */
  | { kind: 'pressedOrChanged'; pressed: string; from: string }
  /** `busy` matched at some point after the tap, and no longer does. */
  | { kind: 'busyThenIdle'; busy: string };

/**
 * Installed in every page before its own scripts (addInitScript is not subject
 * to the CSP): the timestamp of the last pointerdown and whether it was trusted;
 * the first time each `watch` selector matched after navigation and the frame
 * after it; and `arm`, which watches the DOM for a condition and records the first
 * animation frame after it holds. Times are the page's performance.now().
 * The screen's key: the app's and the bare page's step and question id, or
 * SurveyJS's visible question names.
 */
export function pageProbe(watch: Record<string, string>): void {
  type Arm = { condition: Condition; seen: number | null; frame: number | null; state: { sawBusy?: boolean } };
  type Bench = { lastTap: number | null; trusted: boolean; current: Arm | null; first: Record<string, { seen: number; frame: number | null }>; arm: (c: Condition) => void; key: () => string };
  const bench: Bench = { lastTap: null, trusted: false, current: null, first: {}, arm: () => {}, key: () => '' };
  (window as unknown as { __bench: Bench }).__bench = bench;
  bench.key = () => {
    const step = document.querySelector('[data-step]')?.getAttribute('data-step') ?? '';
    const question = document.querySelector('[data-question-id]')?.getAttribute('data-question-id') ?? '';
    const survey = [...document.querySelectorAll('.sd-question[data-name]')].map((e) => e.getAttribute('data-name')).join(',');
    const done = document.querySelector('.sd-completedpage') ? 'completed' : '';
    return `${step}|${question}|${survey}|${done}`;
  };
  addEventListener(
    'pointerdown',
    (event) => {
      bench.lastTap = event.timeStamp;
      bench.trusted = event.isTrusted;
    },
    { capture: true },
  );
  const holds = (armed: Arm): boolean => {
    const c = armed.condition;
    switch (c.kind) {
      case 'appears':
        return document.querySelector(c.selector) !== null;
      case 'changed':
        return bench.key() !== c.from;
      case 'pressedOrChanged':
        return document.querySelector(c.pressed) !== null || bench.key() !== c.from;
      case 'busyThenIdle': {
        const busy = document.querySelector(c.busy) !== null;
        if (busy) armed.state.sawBusy = true;
        return armed.state.sawBusy === true && !busy;
      }
    }
  };
  let armedObserver: MutationObserver | null = null;
  bench.arm = (condition) => {
    armedObserver?.disconnect();
    bench.lastTap = null;
    const armed: Arm = { condition, seen: null, frame: null, state: {} };
    bench.current = armed;
    const check = () => {
      if (armed.seen !== null || !holds(armed)) return;
      armed.seen = performance.now();
      armedObserver?.disconnect();
      requestAnimationFrame(() => (armed.frame = performance.now()));
    };
    armedObserver = new MutationObserver(check);
    armedObserver.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  // First appearance of each watched selector after navigation (cold start).
  const firstSeen = new MutationObserver(() => {
    for (const [name, selector] of Object.entries(watch)) {
      if (bench.first[name] || !document.querySelector(selector)) continue;
      const entry = { seen: performance.now(), frame: null as number | null };
      bench.first[name] = entry;
      requestAnimationFrame(() => (entry.frame = performance.now()));
    }
    if (Object.keys(watch).every((name) => bench.first[name])) firstSeen.disconnect();
  });
  firstSeen.observe(document, { subtree: true, childList: true, attributes: true });
}

export interface Timed {
  /** The pointerdown's timestamp (0 for a navigation). */
  start: number;
  /** When the condition first held (a MutationObserver callback). */
  seen: number;
  /** The next animation frame after it. */
  frame: number;
  trusted: boolean;
}
