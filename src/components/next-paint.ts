/**
 * Resolves once the next frame is painted: work started then does not delay
 * what the officer is about to see (requestAnimationFrame alone runs before the
 * paint, a timeout queued from it runs after).
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
