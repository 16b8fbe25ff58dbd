/// <reference lib="webworker" />
/** Derives the passphrase key and unwraps the data key away from the screen's thread. */
import { unwrapDataKey, type WrappedKey } from './envelope';

self.onmessage = async (event: MessageEvent<{ passphrase: string; wrapped: WrappedKey }>) => {
  try {
    const key = await unwrapDataKey(event.data.passphrase, event.data.wrapped);
    self.postMessage({ key });
  } catch (error) {
    self.postMessage({ key: null, error: error instanceof Error ? error.message : String(error) });
  }
};
