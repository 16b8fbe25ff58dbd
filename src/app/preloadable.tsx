/**
 * A screen loaded on demand that is drawn at once when its chunk is already
 * loaded. React.lazy would suspend for one render even then, and React holds a
 * Suspense fallback on screen for at least 300 ms before it shows what replaced
 * it: an officer's tap on "cases" waited 300 ms for nothing.
 */
import { lazy, useState, type ComponentType, type JSX } from 'react';

export interface Preloadable<P> {
  Screen: (props: P) => JSX.Element;
  /** Loads the chunk (once); a failure only means it loads on demand instead. */
  preload: () => Promise<void>;
}

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const get = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // Offline with a broken precache, say: the next attempt tries again.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => get().then((component) => ({ default: component })));
  function Screen(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the component later would remount the screen.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return <Component {...props} />;
  }
  return {
    Screen,
    preload: () =>
      get().then(
        () => undefined,
        () => undefined,
      ),
  };
}
