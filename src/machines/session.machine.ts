/**
 * The officer's session: who holds the key, and when the screen must be hidden
 * or locked. Locking drops the case store (and with it the key) and every
 * screen that showed decrypted data. With a PIN set for the shift, a lock keeps
 * the store in memory only, behind the PIN: a reload or five wrong PINs and the
 * passphrase is needed again.
 */
import { assign, setup } from 'xstate';

export interface SessionPolicy {
  autoLockMinutes: number;
  hiddenGraceSeconds: number;
}

export interface SessionContext<Store> {
  store: Store | null;
  policy: SessionPolicy;
  /** SHA-256 of salt + PIN; the PIN itself is never kept. */
  pin: { salt: string; digest: string } | null;
  pinFailures: number;
}

export type SessionEvent<Store> =
  | { type: 'session.unlocked'; store: Store; policy: SessionPolicy }
  | { type: 'session.lock' }
  | { type: 'session.quickHide' }
  | { type: 'session.reveal' }
  | { type: 'session.activity' }
  | { type: 'session.hidden' }
  | { type: 'session.visible' }
  | { type: 'session.policy'; policy: SessionPolicy }
  | { type: 'pin.set'; salt: string; digest: string }
  | { type: 'pin.clear' }
  | { type: 'pin.submit'; digest: string }
  | { type: 'pin.forget' };

export const MAX_PIN_FAILURES = 5;

export function createSessionMachine<Store>() {
  return setup({
    types: {
      context: {} as SessionContext<Store>,
      events: {} as SessionEvent<Store>,
    },
    delays: {
      autoLock: ({ context }) => context.policy.autoLockMinutes * 60_000,
      hiddenGrace: ({ context }) => context.policy.hiddenGraceSeconds * 1_000,
    },
    guards: {
      hasPin: ({ context }) => context.pin !== null,
      pinMatches: ({ context, event }) => event.type === 'pin.submit' && context.pin !== null && event.digest === context.pin.digest,
      lastPinAttempt: ({ context }) => context.pinFailures + 1 >= MAX_PIN_FAILURES,
    },
    actions: {
      forgetEverything: assign({ store: null, pin: null, pinFailures: 0 }),
      countPinFailure: assign({ pinFailures: ({ context }) => context.pinFailures + 1 }),
      resetPinFailures: assign({ pinFailures: 0 }),
    },
  }).createMachine({
    id: 'session',
    context: { store: null, policy: { autoLockMinutes: 5, hiddenGraceSeconds: 30 }, pin: null, pinFailures: 0 },
    initial: 'locked',
    states: {
      locked: {
        entry: 'forgetEverything',
        on: {
          'session.unlocked': {
            target: 'unlocked',
            actions: assign({ store: ({ event }) => event.store, policy: ({ event }) => event.policy }),
          },
        },
      },
      unlocked: {
        after: { autoLock: [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }] },
        on: {
          'session.activity': { target: 'unlocked', reenter: true },
          'session.lock': [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }],
          'session.quickHide': 'disguised',
          'session.hidden': 'covered',
          'session.policy': { target: 'unlocked', reenter: true, actions: assign({ policy: ({ event }) => event.policy }) },
          'pin.set': { actions: assign({ pin: ({ event }) => ({ salt: event.salt, digest: event.digest }), pinFailures: 0 }) },
          'pin.clear': { actions: assign({ pin: null }) },
        },
      },
      // The app is out of sight: covered at once, locked if it stays away.
      covered: {
        after: { hiddenGrace: [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }] },
        on: {
          'session.visible': 'unlocked',
          'session.quickHide': 'disguised',
          'session.lock': [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }],
        },
      },
      // Quick-hide: a neutral page, and the session is locked behind it.
      disguised: {
        on: { 'session.reveal': [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }] },
      },
      pinLocked: {
        on: {
          'pin.submit': [
            { guard: 'pinMatches', target: 'unlocked', actions: 'resetPinFailures' },
            { guard: 'lastPinAttempt', target: 'locked' },
            { actions: 'countPinFailure' },
          ],
          'pin.forget': 'locked',
          'session.quickHide': 'disguised',
        },
      },
    },
  });
}

/** The digest a PIN is compared by. A PIN is short: it only guards a key already in memory, never the stored data. */
export async function pinDigest(pin: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${pin}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
