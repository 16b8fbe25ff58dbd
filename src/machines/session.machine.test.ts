import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createSessionMachine, MAX_PIN_FAILURES, pinDigest } from './session.machine';

type FakeStore = { name: string; closed?: number; close?: () => void };
const POLICY = { autoLockMinutes: 5, hiddenGraceSeconds: 30 };

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(createSessionMachine<FakeStore>(), { clock }).start();
  const store: FakeStore = { name: 'store', closed: 0 };
  store.close = () => void (store.closed = (store.closed ?? 0) + 1);
  actor.send({ type: 'session.unlocked', store, policy: POLICY });
  return { actor, clock, store };
}

describe('session', () => {
  it('locks after the inactivity period and drops the store, which first forgets what it decrypted', () => {
    const { actor, clock, store } = start();
    clock.increment(4 * 60_000);
    actor.send({ type: 'session.activity' });
    clock.increment(4 * 60_000);
    expect(actor.getSnapshot().value).toBe('unlocked');
    clock.increment(60_000);
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context.store).toBeNull();
    expect(store.closed).toBe(1);
  });

  it('covers the screen at once when hidden, and locks if it stays hidden past the grace period', () => {
    const { actor, clock } = start();
    actor.send({ type: 'session.hidden', at: 1_000 });
    expect(actor.getSnapshot().value).toBe('covered');
    actor.send({ type: 'session.visible', at: 5_000 });
    expect(actor.getSnapshot().value).toBe('unlocked');
    actor.send({ type: 'session.hidden', at: 10_000 });
    clock.increment(31_000);
    expect(actor.getSnapshot().value).toBe('locked');
  });

  it('a page whose timers did not run (frozen, restored from the back/forward cache) locks on return when it was away past the grace period', () => {
    const { actor } = start();
    actor.send({ type: 'session.hidden', at: 1_000 });
    // No clock.increment: the grace timer never fired, as in a frozen page.
    actor.send({ type: 'session.visible', at: 1_000 + 30_000 });
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context.store).toBeNull();

    const again = start().actor;
    again.send({ type: 'session.hidden', at: 1_000 });
    again.send({ type: 'session.visible', at: 1_000 + 29_000 });
    expect(again.getSnapshot().value).toBe('unlocked');
    expect(again.getSnapshot().context.store).toMatchObject({ name: 'store', closed: 0 });
  });

  it('with a PIN, coming back past the grace period asks for the PIN, as the timer would have', async () => {
    const { actor } = start();
    actor.send({ type: 'pin.set', salt: 's', digest: await pinDigest('2468', 's') });
    actor.send({ type: 'session.hidden', at: 0 });
    actor.send({ type: 'session.visible', at: 60_000 });
    expect(actor.getSnapshot().value).toBe('pinLocked');
  });

  it('leaving the page, a freeze or a crash drops the key and the PIN from any state', async () => {
    for (const before of ['unlocked', 'covered', 'pinLocked'] as const) {
      const { actor } = start();
      actor.send({ type: 'pin.set', salt: 's', digest: await pinDigest('2468', 's') });
      if (before === 'covered') actor.send({ type: 'session.hidden', at: 0 });
      if (before === 'pinLocked') actor.send({ type: 'session.lock' });
      expect(actor.getSnapshot().value).toBe(before);
      actor.send({ type: 'session.end' });
      expect(actor.getSnapshot().value).toBe('locked');
      expect(actor.getSnapshot().context).toMatchObject({ store: null, pin: null });
    }
  });

  it('Hide shows the neutral page and drops the key at once: even with a PIN, only the passphrase reopens', async () => {
    const { actor } = start();
    actor.send({ type: 'pin.set', salt: 's', digest: await pinDigest('2468', 's') });
    actor.send({ type: 'session.quickHide' });
    expect(actor.getSnapshot().value).toBe('disguised');
    // Before anyone taps the cover: nothing is held.
    expect(actor.getSnapshot().context).toMatchObject({ store: null, pin: null });
    actor.send({ type: 'session.reveal' });
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context.store).toBeNull();
  });

  it('Hide works from the unlock screen too', () => {
    const actor = createActor(createSessionMachine<FakeStore>()).start();
    actor.send({ type: 'session.quickHide' });
    expect(actor.getSnapshot().value).toBe('disguised');
  });

  it("announces the officer's Lock and Hide to the other tabs, never one that came from another tab", () => {
    const announced: string[] = [];
    const { actor } = start();
    actor.on('announce', (event) => announced.push(event.what));
    actor.send({ type: 'session.lock' });
    expect(announced).toEqual(['lock']);
    actor.send({ type: 'session.unlocked', store: { name: 'store' }, policy: POLICY });
    actor.send({ type: 'session.quickHide' });
    expect(announced).toEqual(['lock', 'hide']);

    const other = start().actor;
    const echoed: string[] = [];
    other.on('announce', (event) => echoed.push(event.what));
    other.send({ type: 'session.lock', remote: true });
    expect(other.getSnapshot().value).toBe('locked');
    other.send({ type: 'session.unlocked', store: { name: 'store' }, policy: POLICY });
    other.send({ type: 'session.quickHide', remote: true });
    expect(other.getSnapshot().value).toBe('disguised');
    expect(other.getSnapshot().context.store).toBeNull();
    expect(echoed).toEqual([]);
  });

  it('with a PIN, a lock keeps the store in memory behind the PIN; five wrong PINs require the passphrase', async () => {
    const { actor } = start();
    actor.send({ type: 'pin.set', salt: 's', digest: await pinDigest('2468', 's') });
    actor.send({ type: 'session.lock' });
    expect(actor.getSnapshot().value).toBe('pinLocked');
    actor.send({ type: 'pin.submit', digest: await pinDigest('2468', 's') });
    expect(actor.getSnapshot().value).toBe('unlocked');
    expect(actor.getSnapshot().context.store).toMatchObject({ name: 'store', closed: 0 });

    actor.send({ type: 'session.lock' });
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      actor.send({ type: 'pin.submit', digest: await pinDigest('0000', 's') });
      expect(actor.getSnapshot().value).toBe('pinLocked');
    }
    actor.send({ type: 'pin.submit', digest: await pinDigest('0000', 's') });
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context).toMatchObject({ store: null, pin: null });
  });

  it('a new session (reload) knows no PIN', () => {
    const actor = createActor(createSessionMachine<FakeStore>()).start();
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context.pin).toBeNull();
  });
});
