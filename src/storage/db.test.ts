import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, ScreeningDb } from './db';

describe('database upgrades', () => {
  it('opens a version 1 database, keeps every case and gives closed cases a retention date', async () => {
    const name = 'upgrade-test';
    const v1 = new Dexie(name);
    v1.version(1).stores({ cases: 'id, updatedAt, status, training', content: 'id', vault: 'id', meta: 'key' });
    const sealed = { v: 1, iv: new Uint8Array(12), data: new Uint8Array([1, 2, 3]) };
    await v1.table('cases').bulkPut([
      { id: 'AAAA', createdAt: 1, updatedAt: 1000, status: 'completed', questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 0, summary: sealed },
      { id: 'BBBB', createdAt: 1, updatedAt: 2000, status: 'in_progress', questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 0, summary: sealed },
    ]);
    await v1.table('content').bulkPut([{ id: 'AAAA', content: sealed }, { id: 'BBBB', content: sealed }]);
    v1.close();

    const db = new ScreeningDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect((await db.cases.get('AAAA'))?.closedAt).toBe(1000);
    expect((await db.cases.get('BBBB'))?.closedAt).toBeUndefined();
    expect(await db.content.count()).toBe(2);
    expect(await db.audit.count()).toBe(0);
  });

  it('opens a version 2 database, keeps its cases and audit log, and adds the empty hand-over tables', async () => {
    const name = 'upgrade-test-v2';
    const v2 = new Dexie(name);
    v2.version(1).stores({ cases: 'id, updatedAt, status, training', content: 'id', vault: 'id', meta: 'key' });
    v2.version(2).stores({ audit: 'seq' });
    const sealed = { v: 1, iv: new Uint8Array(12), data: new Uint8Array([1, 2, 3]) };
    await v2.table('cases').put({ id: 'AAAA', createdAt: 1, updatedAt: 1000, status: 'referred', closedAt: 1000, questionnaireId: 'art-448-1', questionnaireVersion: 1, training: 0, summary: sealed });
    await v2.table('audit').put({ seq: 1, at: 1, action: 'unlock', details: null, prev: '0', hash: 'h' });
    v2.close();

    const db = new ScreeningDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect((await db.cases.get('AAAA'))?.status).toBe('referred');
    expect(await db.audit.count()).toBe(1);
    expect(await db.handoverKeys.count()).toBe(0);
    expect(await db.handoverIncoming.count()).toBe(0);
    expect(await db.handoverSent.count()).toBe(0);
  });
});
