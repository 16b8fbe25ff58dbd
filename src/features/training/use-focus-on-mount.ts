import { useEffect, useRef } from 'react';

/** A new view within one screen starts at its top, its heading focused, as a new page would. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    ref.current?.focus();
  }, []);
  return ref;
}
