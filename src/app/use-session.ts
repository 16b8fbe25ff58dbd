/**
 * The session actor and the browser signals that drive it: activity (auto-lock),
 * visibility (privacy cover, lock after a grace period), leaving the page
 * (pagehide, freeze: lock at once), coming back (pageshow from the
 * back/forward cache, resume: compare the time away with the grace period), the
 * quick-hide shortcut (Shift pressed three times), and the other tabs of the
 * app (Lock and Hide reach every tab).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createActor, type Actor } from 'xstate';
import { createSessionMachine, type SessionAnnouncement } from '../machines/session.machine';
import type { CaseStore } from '../storage';

const sessionMachine = createSessionMachine<CaseStore>();
export type SessionActor = Actor<typeof sessionMachine>;
export type SessionSnapshot = ReturnType<SessionActor['getSnapshot']>;

/** The tabs of the app tell each other about Lock and Hide on this channel (a neutral name: it shows in devtools). */
const CHANNEL = 'session';

/**
 * The session lives outside the screens: the error boundary around the whole
 * app must still be able to drop the key when everything below it has crashed.
 */
export function createSession(): SessionActor {
  return createActor(sessionMachine).start();
}

export function useSession(actor: SessionActor): SessionSnapshot {
  const snapshot = useSyncExternalStore(
    (listener) => actor.subscribe(listener).unsubscribe,
    () => actor.getSnapshot(),
  );
  const holdsKey = snapshot.context.store !== null;

  // The audit log records locks and PIN re-unlocks, through the store the session had.
  useEffect(() => {
    let previous = actor.getSnapshot();
    const subscription = actor.subscribe((next) => {
      const was = String(previous.value);
      const now = String(next.value);
      const store = previous.context.store ?? next.context.store;
      if (store && was !== now) {
        if ((was === 'unlocked' || was === 'covered') && ['locked', 'pinLocked', 'disguised'].includes(now)) void store.audit('lock', null).catch(() => undefined);
        if (was === 'pinLocked' && now === 'unlocked') void store.audit('pin_unlock', null);
      }
      previous = next;
    });
    return () => subscription.unsubscribe();
  }, [actor]);

  // Lock and Hide reach every open tab of the app.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    const announced = actor.on('announce', (event) => channel.postMessage(event.what satisfies SessionAnnouncement));
    channel.onmessage = (message: MessageEvent<unknown>) => {
      if (message.data === 'hide') actor.send({ type: 'session.quickHide', remote: true });
      else if (message.data === 'lock') actor.send({ type: 'session.lock', remote: true });
    };
    return () => {
      announced.unsubscribe();
      channel.close();
    };
  }, [actor]);

  useEffect(() => {
    let lastActivity = 0;
    const activity = () => {
      const now = Date.now();
      if (now - lastActivity < 2_000) return;
      lastActivity = now;
      actor.send({ type: 'session.activity' });
    };
    let shifts: number[] = [];
    const keydown = (event: KeyboardEvent) => {
      if (event.key === 'Shift' && !event.repeat) {
        const now = Date.now();
        shifts = [...shifts.filter((t) => now - t < 1_000), now];
        if (shifts.length >= 3) {
          shifts = [];
          actor.send({ type: 'session.quickHide' });
          return;
        }
      } else if (event.key !== 'Shift') {
        shifts = [];
      }
      activity();
    };
    const visibility = () => actor.send({ type: document.visibilityState === 'hidden' ? 'session.hidden' : 'session.visible', at: Date.now() });
    // Leaving the page (another address in the same tab, closing it) or being
    // frozen: lock now, and render the locked screen now (flushSync), before the
    // browser freezes the page — a page kept in the back/forward cache then holds
    // neither the key nor any decrypted screen.
    const leave = () => flushSync(() => actor.send({ type: 'session.end' }));
    // Back from the back/forward cache or from a freeze: timers did not run while away.
    const back = () => actor.send({ type: 'session.visible', at: Date.now() });
    const pageshow = (event: PageTransitionEvent) => {
      if (event.persisted) back();
    };
    window.addEventListener('keydown', keydown, true);
    window.addEventListener('pointerdown', activity, true);
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leave);
    document.addEventListener('freeze', leave);
    window.addEventListener('pageshow', pageshow);
    document.addEventListener('resume', back);
    return () => {
      window.removeEventListener('keydown', keydown, true);
      window.removeEventListener('pointerdown', activity, true);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('freeze', leave);
      window.removeEventListener('pageshow', pageshow);
      document.removeEventListener('resume', back);
    };
  }, [actor]);

  // While a key is held, opt out of the back/forward cache where the browser
  // allows it: an `unload` listener keeps desktop Chromium and Firefox from
  // keeping the page (Chrome on Android and Safari ignore it, hence the lock on
  // pagehide above). Once locked the page holds nothing, so it may be cached.
  useEffect(() => {
    if (!holdsKey) return;
    const keepOutOfBackForwardCache = () => undefined;
    window.addEventListener('unload', keepOutOfBackForwardCache);
    return () => window.removeEventListener('unload', keepOutOfBackForwardCache);
  }, [holdsKey]);

  return snapshot;
}
