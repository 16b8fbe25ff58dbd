import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createSessionMachine, MAX_PIN_FAILURES, pinDigest } from './session.machine';

type FakeStore = { name: string };
const POLICY = { autoLockMinutes: 5, hiddenGraceSeconds: 30 };

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(createSessionMachine<FakeStore>(), { clock }).start();
  actor.send({ type: 'session.unlocked', store: { name: 'store' }, policy: POLICY });
  return { actor, clock };
}

describe('session', () => {
  it('locks after the inactivity period and drops the store', () => {
    const { actor, clock } = start();
    clock.increment(4 * 60_000);
    actor.send({ type: 'session.activity' });
    clock.increment(4 * 60_000);
    expect(actor.getSnapshot().value).toBe('unlocked');
    clock.increment(60_000);
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context.store).toBeNull();
  });

  it('covers the screen at once when hidden, and locks if it stays hidden past the grace period', () => {
    const { actor, clock } = start();
    actor.send({ type: 'session.hidden' });
    expect(actor.getSnapshot().value).toBe('covered');
    actor.send({ type: 'session.visible' });
    expect(actor.getSnapshot().value).toBe('unlocked');
    actor.send({ type: 'session.hidden' });
    clock.increment(31_000);
    expect(actor.getSnapshot().value).toBe('locked');
  });

  it('quick-hide shows the neutral page and locks behind it', () => {
    const { actor } = start();
    actor.send({ type: 'session.quickHide' });
    expect(actor.getSnapshot().value).toBe('disguised');
    actor.send({ type: 'session.reveal' });
    expect(actor.getSnapshot().value).toBe('locked');
    expect(actor.getSnapshot().context.store).toBeNull();
  });

  it('with a PIN, a lock keeps the store in memory behind the PIN; five wrong PINs require the passphrase', async () => {
    const { actor } = start();
    actor.send({ type: 'pin.set', salt: 's', digest: await pinDigest('2468', 's') });
    actor.send({ type: 'session.lock' });
    expect(actor.getSnapshot().value).toBe('pinLocked');
    actor.send({ type: 'pin.submit', digest: await pinDigest('2468', 's') });
    expect(actor.getSnapshot().value).toBe('unlocked');
    expect(actor.getSnapshot().context.store).toEqual({ name: 'store' });

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
