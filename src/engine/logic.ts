/**
 * Kleene's strong three-valued logic. "unknown" means "we do not know yet", so a
 * conjunction is false as soon as one part is false, whatever we may learn about
 * the others, and true only when every part is known true.
 */
export type Tri = 'yes' | 'no' | 'unknown';

export const TRI_VALUES: readonly Tri[] = ['yes', 'no', 'unknown'];

export function and3(...values: Tri[]): Tri {
  if (values.includes('no')) return 'no';
  if (values.includes('unknown')) return 'unknown';
  return 'yes';
}

export function or3(...values: Tri[]): Tri {
  if (values.includes('yes')) return 'yes';
  if (values.includes('unknown')) return 'unknown';
  return 'no';
}

export function not3(value: Tri): Tri {
  if (value === 'unknown') return 'unknown';
  return value === 'yes' ? 'no' : 'yes';
}

export function isTri(value: unknown): value is Tri {
  return value === 'yes' || value === 'no' || value === 'unknown';
}
