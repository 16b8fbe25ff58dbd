import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ScreeningDb } from './db';
import { probeVault } from './probe';
import { createVault, wipeWithPassphrase } from './vault';

describe('the unlock screen knows, without Dexie, whether the tablet has a passphrase', () => {
  it('new on a fresh tablet, without creating the database; locked once a passphrase is set; new again after a wipe', async () => {
    const name = 'probe-test';
    expect(await probeVault(name)).toBe('new');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const db = new ScreeningDb(name);
    await createVault('four words for this tablet', db);
    expect(await probeVault(name)).toBe('locked');
    expect(await wipeWithPassphrase('four words for this tablet', db)).toBe(true);
    expect(await probeVault(name)).toBe('new');
  });
});
