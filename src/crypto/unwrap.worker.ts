/// <reference lib="webworker" />
/**
 * Derives passphrase keys away from the screen's thread (PBKDF2 with 600,000
 * iterations takes about a second): unwraps the data key, or wraps the same data
 * key under a new passphrase.
 */
import { rewrapDataKey, unwrapDataKey, type WrappedKey } from './envelope';

export type KeyJob = { op: 'unwrap'; passphrase: string; wrapped: WrappedKey } | { op: 'rewrap'; passphrase: string; wrapped: WrappedKey; next: string; iterations: number };
export type KeyJobResult = { key: CryptoKey | null; wrapped?: WrappedKey; error?: string };

self.onmessage = async (event: MessageEvent<KeyJob>) => {
  try {
    const job = event.data;
    if (job.op === 'rewrap') {
      const result = await rewrapDataKey(job.passphrase, job.wrapped, job.next, job.iterations);
      self.postMessage({ key: result?.key ?? null, wrapped: result?.wrapped } satisfies KeyJobResult);
    } else {
      self.postMessage({ key: await unwrapDataKey(job.passphrase, job.wrapped) } satisfies KeyJobResult);
    }
  } catch (error) {
    self.postMessage({ key: null, error: error instanceof Error ? error.message : String(error) } satisfies KeyJobResult);
  }
};
