/**
 * The session actor and the browser signals that drive it: activity (auto-lock),
 * visibility (privacy cover, lock after a grace period) and the quick-hide
 * shortcut (Shift pressed three times).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createActor, type Actor } from 'xstate';
import { createSessionMachine } from '../machines/session.machine';
import type { CaseStore } from '../storage';

const sessionMachine = createSessionMachine<CaseStore>();
export type SessionActor = Actor<typeof sessionMachine>;

export function useSession(): [SessionActor, ReturnType<SessionActor['getSnapshot']>] {
  const [actor] = useState(() => createActor(sessionMachine).start());
  const snapshot = useSyncExternalStore(
    (listener) => actor.subscribe(listener).unsubscribe,
    () => actor.getSnapshot(),
  );

  // The audit log records locks and PIN re-unlocks, through the store the session had.
  useEffect(() => {
    let previous = actor.getSnapshot();
    const subscription = actor.subscribe((next) => {
      const was = String(previous.value);
      const now = String(next.value);
      const store = previous.context.store ?? next.context.store;
      if (store && was !== now) {
        if ((was === 'unlocked' || was === 'covered') && ['locked', 'pinLocked', 'disguised'].includes(now)) void store.audit('lock', null);
        if (was === 'pinLocked' && now === 'unlocked') void store.audit('pin_unlock', null);
      }
      previous = next;
    });
    return () => subscription.unsubscribe();
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
    const visibility = () => actor.send({ type: document.visibilityState === 'hidden' ? 'session.hidden' : 'session.visible' });
    window.addEventListener('keydown', keydown, true);
    window.addEventListener('pointerdown', activity, true);
    document.addEventListener('visibilitychange', visibility);
    return () => {
      window.removeEventListener('keydown', keydown, true);
      window.removeEventListener('pointerdown', activity, true);
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [actor]);

  return [actor, snapshot];
}
