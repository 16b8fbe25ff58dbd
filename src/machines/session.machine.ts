/**
 * The officer's session: who holds the key, and when the screen must be hidden
 * or locked. Locking drops the case store (and with it the key) and every
 * screen that showed decrypted data. With a PIN set for the shift, a lock keeps
 * the store in memory only, behind the PIN: a reload, five wrong PINs, Hide, or
 * leaving the page and the passphrase is needed again.
 *
 * Time is measured with the timestamps the events carry, not only with timers:
 * a hidden or frozen page runs no timers (or runs them late), so coming back
 * compares "hidden since" with the grace period.
 */
import { and, assign, enqueueActions, setup } from 'xstate';

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
  /** When the page went out of sight (Date.now()), while covered. */
  hiddenSince: number | null;
}

export type SessionEvent<Store> =
  | { type: 'session.unlocked'; store: Store; policy: SessionPolicy }
  /** The officer's Lock; `remote` when it comes from another tab of the app (not announced again). */
  | { type: 'session.lock'; remote?: boolean }
  /** Hide: a neutral page at once, and the key dropped at once (the passphrase reopens). */
  | { type: 'session.quickHide'; remote?: boolean }
  | { type: 'session.reveal' }
  | { type: 'session.activity' }
  | { type: 'session.hidden'; at: number }
  /** Back in sight: visibilitychange, a page restored from the back/forward cache, or a frozen page resumed. */
  | { type: 'session.visible'; at: number }
  /** The page is left or frozen, or a screen crashed: drop the key and the PIN, whatever the state. */
  | { type: 'session.end' }
  | { type: 'session.policy'; policy: SessionPolicy }
  | { type: 'pin.set'; salt: string; digest: string }
  | { type: 'pin.clear' }
  | { type: 'pin.submit'; digest: string }
  | { type: 'pin.forget' };

export const MAX_PIN_FAILURES = 5;

/** What the session tells the other tabs of the app. */
export type SessionAnnouncement = 'lock' | 'hide';

export function createSessionMachine<Store extends { close?: () => void }>() {
  return setup({
    types: {
      context: {} as SessionContext<Store>,
      events: {} as SessionEvent<Store>,
      emitted: {} as { type: 'announce'; what: SessionAnnouncement },
    },
    delays: {
      autoLock: ({ context }) => context.policy.autoLockMinutes * 60_000,
      hiddenGrace: ({ context }) => context.policy.hiddenGraceSeconds * 1_000,
    },
    guards: {
      hasPin: ({ context }) => context.pin !== null,
      pinMatches: ({ context, event }) => event.type === 'pin.submit' && context.pin !== null && event.digest === context.pin.digest,
      lastPinAttempt: ({ context }) => context.pinFailures + 1 >= MAX_PIN_FAILURES,
      hiddenTooLong: ({ context, event }) =>
        event.type === 'session.visible' && context.hiddenSince !== null && event.at - context.hiddenSince >= context.policy.hiddenGraceSeconds * 1_000,
    },
    actions: {
      // The store drops its decrypted index and caches first: nothing decrypted outlives the lock in memory it still reaches.
      closeStore: ({ context }) => context.store?.close?.(),
      forgetEverything: assign({ store: null, pin: null, pinFailures: 0, hiddenSince: null }),
      countPinFailure: assign({ pinFailures: ({ context }) => context.pinFailures + 1 }),
      resetPinFailures: assign({ pinFailures: 0 }),
      noteHidden: assign({ hiddenSince: ({ event }) => (event.type === 'session.hidden' ? event.at : Date.now()) }),
      clearHidden: assign({ hiddenSince: null }),
      /**
       * Tells the other tabs of the app (the app listens and posts on a
       * BroadcastChannel). Only the officer's own Lock and Hide are announced,
       * never one received from another tab, so two tabs never echo each other.
       */
      announceLock: enqueueActions(({ event, enqueue }) => {
        if (!isRemote(event)) enqueue.emit({ type: 'announce', what: 'lock' });
      }),
      announceHide: enqueueActions(({ event, enqueue }) => {
        if (!isRemote(event)) enqueue.emit({ type: 'announce', what: 'hide' });
      }),
    },
  }).createMachine({
    id: 'session',
    context: { store: null, policy: { autoLockMinutes: 5, hiddenGraceSeconds: 30 }, pin: null, pinFailures: 0, hiddenSince: null },
    initial: 'locked',
    states: {
      locked: {
        entry: ['closeStore', 'forgetEverything'],
        on: {
          'session.unlocked': {
            target: 'unlocked',
            actions: assign({ store: ({ event }) => event.store, policy: ({ event }) => event.policy }),
          },
          // Hide works on the unlock screen too: the neutral page replaces it.
          'session.quickHide': { target: 'disguised', actions: 'announceHide' },
          // Another tab locked: nothing to drop here, but say nothing either.
        },
      },
      unlocked: {
        entry: 'clearHidden',
        after: { autoLock: [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }] },
        on: {
          'session.activity': { target: 'unlocked', reenter: true },
          'session.lock': [
            { guard: 'hasPin', target: 'pinLocked', actions: 'announceLock' },
            { target: 'locked', actions: 'announceLock' },
          ],
          'session.quickHide': { target: 'disguised', actions: 'announceHide' },
          'session.hidden': { target: 'covered', actions: 'noteHidden' },
          'session.end': 'locked',
          'session.policy': { target: 'unlocked', reenter: true, actions: assign({ policy: ({ event }) => event.policy }) },
          'pin.set': { actions: assign({ pin: ({ event }) => ({ salt: event.salt, digest: event.digest }), pinFailures: 0 }) },
          'pin.clear': { actions: assign({ pin: null }) },
        },
      },
      // The app is out of sight: covered at once, locked if it stays away. The
      // timer may never fire (a frozen or throttled page): coming back checks the time too.
      covered: {
        after: { hiddenGrace: [{ guard: 'hasPin', target: 'pinLocked' }, { target: 'locked' }] },
        on: {
          'session.visible': [
            { guard: and(['hiddenTooLong', 'hasPin']), target: 'pinLocked' },
            { guard: 'hiddenTooLong', target: 'locked' },
            { target: 'unlocked' },
          ],
          'session.quickHide': { target: 'disguised', actions: 'announceHide' },
          'session.lock': [
            { guard: 'hasPin', target: 'pinLocked', actions: 'announceLock' },
            { target: 'locked', actions: 'announceLock' },
          ],
          'session.end': 'locked',
        },
      },
      // Hide: a neutral page, and nothing behind it. The store and the PIN are
      // dropped on entry: only the passphrase reopens.
      disguised: {
        entry: ['closeStore', 'forgetEverything'],
        on: { 'session.reveal': 'locked' },
      },
      pinLocked: {
        on: {
          'pin.submit': [
            { guard: 'pinMatches', target: 'unlocked', actions: 'resetPinFailures' },
            { guard: 'lastPinAttempt', target: 'locked' },
            { actions: 'countPinFailure' },
          ],
          'pin.forget': 'locked',
          'session.quickHide': { target: 'disguised', actions: 'announceHide' },
          'session.end': 'locked',
        },
      },
    },
  });
}

const isRemote = (event: { type: string; remote?: boolean }) => event.remote === true;

/** The digest a PIN is compared by. A PIN is short: it only guards a key already in memory, never the stored data. */
export async function pinDigest(pin: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${pin}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
