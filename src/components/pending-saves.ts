/**
 * Saves that keep up with the officer without holding up the screen.
 *
 * A writer is told "the state changed" (`changed()`, synchronous and cheap) and
 * writes the latest state in the background: one write at a time, in order, and
 * the changes that come in while a write is running are coalesced into the next
 * one (only the latest state needs writing: each write is the whole record).
 *
 * "Acknowledged", honestly: a change is acknowledged when a write that started
 * after it has committed. Until then a crash (reload, closed tab, flat battery)
 * can lose it: what is at risk is the changes made since the write in flight
 * started. The write of a change starts in the task after it (not after the next
 * frame) and takes tens of milliseconds, and taps come seconds apart: in practice
 * the answer being given, never an earlier one.
 * A failed write leaves the change unacknowledged; the next change, or flush(),
 * tries again with the latest state.
 *
 * Kept apart from the interview so that the first screen does not load the
 * interview to know about pending saves (the update prompt waits for them).
 */

export interface SaveWriter {
  /** The state changed: write it soon. Returns the change's sequence number. */
  changed(): number;
  /** Resolves when every change made so far is acknowledged (or its write failed). */
  flush(): Promise<void>;
  /** The highest sequence number whose write has committed. */
  acknowledged(): number;
  /** Stops accepting changes, after writing those already made. */
  close(): Promise<void>;
}

export interface WriteOutcome {
  seq: number;
  error: unknown;
}

const writers = new Set<SaveWriter>();

/**
 * @param write writes the latest state; it is called with the sequence number of
 *   the latest change, which the write covers once it resolves.
 * @param settled told after each write (error null when it committed).
 */
export function createSaveWriter(write: (seq: number) => Promise<void>, settled: (outcome: WriteOutcome) => void = () => {}): SaveWriter {
  let wanted = 0;
  let written = 0;
  let running: Promise<void> | null = null;
  let closed = false;
  let waiters: (() => void)[] = [];
  // A change is written in the next task: the current one is drawing the screen.
  const soon = typeof MessageChannel === 'undefined' ? (run: () => void) => setTimeout(run, 0) : channelScheduler();

  const settle = () => {
    const done = waiters;
    waiters = [];
    done.forEach((resolve) => resolve());
  };

  // The last write failed: wait for a new change or a flush before trying again.
  let failed = false;
  const pump = () => {
    if (running) return;
    if (wanted <= written || failed) return settle();
    const seq = wanted;
    running = write(seq)
      .then(
        () => {
          written = Math.max(written, seq);
          settled({ seq, error: null });
        },
        (error: unknown) => {
          failed = true;
          settled({ seq, error });
        },
      )
      .then(() => {
        running = null;
        pump();
      });
  };

  const writer: SaveWriter = {
    changed() {
      if (closed) return wanted;
      wanted++;
      failed = false;
      if (!running) soon(pump);
      return wanted;
    },
    flush() {
      if (wanted <= written) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      // A failed round waits for a retry: flush is one.
      if (!running) {
        failed = false;
        pump();
      }
      return done;
    },
    acknowledged: () => written,
    async close() {
      await writer.flush();
      closed = true;
      writers.delete(writer);
    },
  };
  writers.add(writer);
  return writer;
}

/** Runs callbacks in a new task, without setTimeout's clamping after nested timers. */
function channelScheduler(): (run: () => void) => void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (run) => {
    queue.push(run);
    channel.port2.postMessage(null);
  };
}

/** Every open writer's changes written (or failed): the update prompt waits for this before reloading. */
export function flushSaves(): Promise<void> {
  return Promise.all([...writers].map((w) => w.flush())).then(() => undefined);
}
