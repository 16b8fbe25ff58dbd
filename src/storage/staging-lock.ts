/**
 * Who is staging a restore (restore-staging.ts): a Web Lock, held by the tab
 * that stages for as long as its rows wait for their index entries, and
 * released by the browser if that tab closes or crashes. Another tab unlocking
 * meanwhile sees the rows the index does not list, and must neither list them
 * nor delete them: it asks here first.
 *
 * Where the browser has no Web Locks (Node in the tests), one tab is assumed.
 */
const LOCK = 'screening-restore-staging';

type Locks = { request(name: string, callback: () => Promise<void>): Promise<void>; query(): Promise<{ held?: { name?: string }[] }> };
const locks = (): Locks | undefined => (globalThis.navigator as { locks?: Locks } | undefined)?.locks;

/** Takes the lock (waiting for another tab's restore to end); resolves with its release. */
export function holdStagingLock(): Promise<() => void> {
  const api = locks();
  if (!api) return Promise.resolve(() => undefined);
  return new Promise((granted, failed) => {
    api.request(LOCK, () => new Promise<void>((release) => granted(release))).catch(failed);
  });
}

/** Whether a tab (this one or another) is staging a restore now. */
export async function stagingUnderWay(): Promise<boolean> {
  const api = locks();
  if (!api) return false;
  const { held } = await api.query();
  return (held ?? []).some((lock) => lock.name === LOCK);
}
