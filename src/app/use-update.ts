/**
 * A new version of the app is offered, never forced: the service worker waits
 * (registerType "prompt") until the officer accepts on a safe screen, after the
 * last answers are written. The reload then comes back to the same interview.
 */
import { useState } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { flushSaves } from '../components/pending-saves';

export function useUpdate(): { available: boolean; apply: () => Promise<void> } {
  const [available, setAvailable] = useState(false);
  const [updateSW] = useState(() =>
    registerSW({
      immediate: true,
      onNeedRefresh: () => setAvailable(true),
      onRegisteredSW: (_url, registration) => {
        // Long-running tablets: look for a new version every hour when online.
        if (registration) setInterval(() => navigator.onLine && void registration.update(), 60 * 60 * 1000);
      },
    }),
  );
  return {
    available,
    apply: async () => {
      await flushSaves();
      await updateSW(true);
    },
  };
}
