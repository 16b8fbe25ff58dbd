/**
 * The saves still being written. The update prompt waits for them before it
 * reloads. Kept apart from the interview so that the first screen does not load
 * the interview to know about them.
 */
let pending: Promise<void> = Promise.resolve();

export function trackSave(save: Promise<void>): Promise<void> {
  pending = save;
  return save;
}

export function flushSaves(): Promise<void> {
  return pending;
}
