/**
 * The record envelope: every record gets its own random IV (AES-GCM breaks if
 * one repeats under a key), and padding hides a record's exact length.
 */
import { describe, expect, it, vi } from 'vitest';
import { open, recordIv, seal } from './envelope';

const address = { table: 'content', id: 'ABC', schema: 3 };

describe('record envelopes', () => {
  it('never gives the same IV twice, across many batches drawn from the system\'s random source', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const iv = recordIv();
      expect(iv).toHaveLength(12);
      seen.add(Buffer.from(iv).toString('hex'));
    }
    expect(seen.size).toBe(5000);
    // Drawn in batches (about 5 here), not once per record — nor only once.
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(6);
    spy.mockRestore();
  });

  it('an IV handed out is not changed by the ones after it', () => {
    const first = recordIv();
    const copy = Uint8Array.from(first);
    for (let i = 0; i < 2000; i++) recordIv();
    expect(first).toEqual(copy);
  });

  it('pads to the given size and opens to the same value', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const short = await seal(key, { a: 'x' }, address, 512);
    const longer = await seal(key, { a: 'x'.repeat(300) }, address, 512);
    // Same length whatever the content, up to the padding size (plus the 16-byte tag).
    expect(short.data.length).toBe(512 + 16);
    expect(longer.data.length).toBe(512 + 16);
    expect(short.iv).not.toEqual(longer.iv);
    expect(await open(key, longer, address)).toEqual({ a: 'x'.repeat(300) });
  });
});
