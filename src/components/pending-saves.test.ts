import { describe, expect, it } from 'vitest';
import { createSaveWriter, flushSaves, type WriteOutcome } from './pending-saves';

/**
 * Lets tasks run until `condition` holds (at most 50 of them). The writer starts
 * a write in a MessageChannel task, which Node may deliver after a 0 ms timer
 * when the machine is busy: one timer is not a deterministic wait.
 */
async function tasksUntil(condition: () => boolean) {
  for (let i = 0; i < 50 && !condition(); i++) await new Promise((r) => setTimeout(r, 0));
}

/** A write that finishes when the test says so, recording the state it wrote. */
function controlledStore() {
  let state = 0;
  const written: number[] = [];
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const write = (seq: number) =>
    new Promise<void>((resolve, reject) => {
      const snapshot = state;
      pending.push({
        resolve: () => {
          written.push(snapshot);
          resolve();
        },
        reject,
      });
      void seq;
    });
  return {
    set: (value: number) => (state = value),
    write,
    written,
    pending,
    next: async () => {
      // Let the scheduled write start, then finish it.
      await tasksUntil(() => pending.length > 0);
      pending.shift()!.resolve();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('save writer', () => {
  it('writes changes in order, one write at a time, coalescing those that come in meanwhile', async () => {
    const store = controlledStore();
    const outcomes: WriteOutcome[] = [];
    const writer = createSaveWriter(store.write, (o) => outcomes.push(o));
    store.set(1);
    expect(writer.changed()).toBe(1);
    await tasksUntil(() => store.pending.length > 0);
    expect(store.pending).toHaveLength(1);
    // Three answers while the first write runs: one more write, of the latest state.
    store.set(2);
    writer.changed();
    store.set(3);
    writer.changed();
    store.set(4);
    expect(writer.changed()).toBe(4);
    expect(store.pending).toHaveLength(1);
    await store.next();
    expect(writer.acknowledged()).toBe(1);
    await store.next();
    expect(store.written).toEqual([1, 4]);
    expect(writer.acknowledged()).toBe(4);
    expect(outcomes.map((o) => o.seq)).toEqual([1, 4]);
    await writer.flush();
  });

  it('a failed write stays unacknowledged and the next change writes the latest state', async () => {
    const store = controlledStore();
    const outcomes: WriteOutcome[] = [];
    const writer = createSaveWriter(store.write, (o) => outcomes.push(o));
    store.set(1);
    writer.changed();
    await tasksUntil(() => store.pending.length > 0);
    store.pending.shift()!.reject(new Error('disk full'));
    await new Promise((r) => setTimeout(r, 0));
    expect(writer.acknowledged()).toBe(0);
    expect(outcomes[0]!.error).toBeInstanceOf(Error);
    // Nothing retries on its own in a loop...
    expect(store.pending).toHaveLength(0);
    // ...the next change does, with everything.
    store.set(2);
    writer.changed();
    await store.next();
    expect(store.written).toEqual([2]);
    expect(writer.acknowledged()).toBe(2);
    expect(outcomes[1]!.error).toBeNull();
  });

  it('flush (and flushSaves, which the update prompt awaits) resolves only once every change is written', async () => {
    const store = controlledStore();
    const writer = createSaveWriter(store.write);
    store.set(7);
    writer.changed();
    let flushed = false;
    void flushSaves().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(flushed).toBe(false);
    await store.next();
    expect(flushed).toBe(true);
    expect(store.written).toEqual([7]);
    await writer.close();
    // A closed writer takes no more changes.
    writer.changed();
    await new Promise((r) => setTimeout(r, 5));
    expect(store.pending).toHaveLength(0);
  });
});
