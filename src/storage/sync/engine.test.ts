/**
 * Team sync end to end in Node: two or three "tablets" (each its own Dexie database
 * and data key, its own in-memory PouchDB) replicating through a CouchDB-compatible
 * server started on 127.0.0.1 for these tests.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateTraces } from '../../../test/helpers/clear-traces';
import { basicAuth, nodePouchDB, startCouchServer, type CouchServer } from '../../../test/helpers/couch-server';
import { newTeamSecret, toBase64 } from '../../crypto/team-key';
import { CaseStore, type CaseContent } from '../case-store';
import { ScreeningDb } from '../db';
import { CaseStoreSource } from './case-source';
import { TeamSyncEngine } from './engine';
import type { PouchDatabase, PouchFactory } from './pouch-types';
import type { SyncedCase } from './records';
import { createEnrolment, createTeam, enrolmentPassphrase, joinTeam, openEnrolment, readTeamSettings, writeTeamSettings, type TeamSettings } from './team';

const PouchDB = nodePouchDB();

let server: CouchServer;
let tablets = 0;
const DATABASE = 'team_tanger';
const NAME_MARKER = 'Fatima-ZQX-Marker';
const NOTE_MARKER = 'NOTE-QQV-MARKER';

interface Tablet {
  store: CaseStore;
  settings: TeamSettings;
  engine: TeamSyncEngine;
}

function nodePouch(): PouchFactory {
  const prefix = `tablet${++tablets}-`;
  return {
    local: (name) => new PouchDB(`${prefix}${name}`, { adapter: 'memory' }) as PouchDatabase,
    remote: (url, options) => new PouchDB(url, options) as PouchDatabase,
  };
}

async function newStore(): Promise<CaseStore> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return new CaseStore(new ScreeningDb(`sync-test-${++tablets}`), key);
}

async function tablet(store: CaseStore, settings: TeamSettings): Promise<Tablet> {
  const engine = await TeamSyncEngine.create(nodePouch(), new CaseStoreSource(store), settings);
  await engine.start({ live: false });
  return { store, settings, engine };
}

async function coordinator(user: string): Promise<Tablet> {
  const store = await newStore();
  await store.setOfficer({ name: 'Officer Coordinator', service: 'Brigade' });
  const settings = await createTeam(store, { name: 'Tanger', server: { url: server.url, database: DATABASE, username: user, password: `${user}-pw` } });
  return tablet(store, settings);
}

async function member(from: Tablet, user: string): Promise<Tablet> {
  const passphrase = enrolmentPassphrase();
  const file = await createEnrolment(from.settings, { username: user, password: `${user}-pw` }, passphrase);
  const store = await newStore();
  await store.setOfficer({ name: `Officer ${user}`, service: 'Brigade' });
  const settings = await joinTeam(store, await openEnrolment(file, passphrase.toLowerCase()), null);
  return tablet(store, settings);
}

/** An answer as the interview saves it: the value and the time it was set. */
async function answer(t: Tablet, caseId: string, changes: Record<string, string>, at: number, note?: string): Promise<void> {
  await t.store.update(caseId, (content, summary) => {
    const next: CaseContent = { ...content, answers: { ...content.answers, ...changes }, answerMeta: { ...content.answerMeta } };
    for (const q of Object.keys(changes)) next.answerMeta![q] = { at, over: content.answerMeta?.[q]?.by ? { at: content.answerMeta[q]!.at, by: content.answerMeta[q]!.by! } : null };
    if (note) next.notes = [...(content.notes ?? []), { id: `${t.settings.tabletId}-${at}`, at, questionId: Object.keys(changes)[0] ?? null, text: note }];
    return { content: next, summary: { ...summary, answered: Object.keys(next.answers).length } };
  });
}

async function startCase(t: Tablet): Promise<string> {
  const id = await t.store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: { answers: {}, snapshot: null, interviewLanguage: 'fr' }, summary: { outcome: null, flags: [], section: 'consent', answered: 0 } });
  await answer(t, id, { 'person.name_given': NAME_MARKER, 'means.debt': 'yes' }, Date.now(), NOTE_MARKER);
  return id;
}

const answersOf = async (t: Tablet, id: string) => (await t.store.exportCase(id))?.content.answers;

beforeAll(async () => {
  server = await startCouchServer();
  for (const user of ['coord', 'tab_b', 'tab_c', 'tab_wrong']) await server.createUser(user, `${user}-pw`);
  await server.createDatabase(DATABASE, ['coord', 'tab_b', 'tab_c', 'tab_wrong']);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('team sync through a CouchDB server', { timeout: 60_000 }, () => {
  let a: Tablet;
  let b: Tablet;
  let caseId: string;

  it('lets a case started on one tablet be continued on another', async () => {
    a = await coordinator('coord');
    caseId = await startCase(a);
    await a.engine.syncOnce();
    b = await member(a, 'tab_b');
    await b.engine.syncOnce();
    expect(await answersOf(b, caseId)).toEqual({ 'person.name_given': NAME_MARKER, 'means.debt': 'yes' });

    await answer(b, caseId, { 'act.recruit': 'yes' }, Date.now());
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    expect(await answersOf(a, caseId)).toEqual({ 'person.name_given': NAME_MARKER, 'means.debt': 'yes', 'act.recruit': 'yes' });
    expect(a.engine.status()).toMatchObject({ state: 'synced', pending: 0, failure: null });
  });

  it('merges edits made on both tablets offline, loses nothing, and leaves no conflict on the server', async () => {
    const t = Date.now();
    await answer(a, caseId, { 'means.debt': 'no', 'purpose.begging': 'yes' }, t + 1_000, 'note written on A');
    await answer(b, caseId, { 'means.debt': 'dont_know', 'threshold.dignity': 'yes' }, t + 2_000, 'note written on B');
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    await b.engine.syncOnce();

    const onA = await a.store.exportCase(caseId);
    const onB = await b.store.exportCase(caseId);
    const expected = { 'person.name_given': NAME_MARKER, 'means.debt': 'dont_know', 'act.recruit': 'yes', 'purpose.begging': 'yes', 'threshold.dignity': 'yes' };
    expect(onA!.content.answers).toEqual(expected);
    expect(onB!.content.answers).toEqual(expected);
    // The answer that lost is kept in the history, the notes of both are kept, and the merge is recorded for the officer.
    expect(onA!.content.team!.history.filter((h) => h.key === 'means.debt').map((h) => h.value)).toEqual(expect.arrayContaining(['yes', 'no']));
    expect(((onA!.content as { notes?: { text: string }[] }).notes ?? []).map((n) => n.text)).toEqual(expect.arrayContaining(['note written on A', 'note written on B', NOTE_MARKER]));
    const notice = onA!.content.team!.merges.at(-1)!;
    expect(notice.changes).toEqual([expect.objectContaining({ questionId: 'means.debt', kept: expect.objectContaining({ value: 'dont_know' }), replaced: expect.objectContaining({ value: 'no' }) })]);
    expect(notice.changes[0]!.kept.stamp.who).toBe('Officer tab_b (Brigade)');
    expect(onB!.content.team!.merges.map((m) => m.id)).toContain(notice.id);

    const all = await server.request('GET', `/${DATABASE}/_all_docs?include_docs=true&conflicts=true`);
    const rows = (all.json as { rows: { doc: { _conflicts?: string[] } }[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.doc._conflicts?.length)).toEqual([]);
  });

  it('gives the server only random ids and ciphertext', async () => {
    const dump = [
      (await server.request('GET', `/${DATABASE}/_all_docs?include_docs=true`)).text,
      (await server.request('GET', `/${DATABASE}/_changes?include_docs=true&style=all_docs`)).text,
    ].join('\n');
    const today = new Date().toISOString().slice(0, 10);
    for (const secret of [NAME_MARKER, NOTE_MARKER, 'note written', 'means.debt', 'dont_know', 'in_progress', 'possible_victim', 'art-448-1', 'referral', 'stats', today, caseId]) expect(dump).not.toContain(secret);
    // No epoch time within a day of now, in seconds or milliseconds.
    expect(dump).not.toMatch(dateTraces(Date.now())[1]);
    for (const row of (JSON.parse(dump.split('\n')[0]!) as { rows: { doc: Record<string, unknown> }[] }).rows) {
      expect(Object.keys(row.doc).sort()).toEqual(['_id', '_rev', 'body']);
      expect(Object.keys(row.doc.body as object).sort()).toEqual(['data', 'iv', 'k', 'v']);
    }
  });

  it('gives a tablet with the wrong team key nothing readable, and says so', async () => {
    const store = await newStore();
    const settings: TeamSettings = { ...a.settings, role: 'member', tabletId: 'WRONGKEY00', keys: [{ version: 1, secret: toBase64(newTeamSecret()) }], server: { ...a.settings.server, username: 'tab_wrong', password: 'tab_wrong-pw' } };
    await writeTeamSettings(store, settings);
    const wrong = await tablet(store, settings);
    await wrong.engine.pull();
    expect(await store.list()).toEqual([]);
    expect(wrong.engine.status()).toMatchObject({ state: 'failing', failure: 'wrong_key' });
    expect(wrong.engine.status().unreadable).toBeGreaterThan(0);
  });

  it('aggregates the statistics records of the whole team on the coordinator', async () => {
    const id = await b.store.create({
      questionnaireId: 'art-448-1',
      questionnaireVersion: 1,
      content: { answers: { 'consent.statistics': 'yes' }, snapshot: null, interviewLanguage: 'fr' },
      summary: { outcome: 'presumed_victim', flags: [], section: 'result', answered: 1, stats: { year: 2026, quarter: 4, ageBand: '21-29', child: false, sex: 'female', region: 'west_africa', outcome: 'presumed_victim', forms: [], means: [], flags: [] } },
    });
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    const stats = await a.engine.teamStatistics();
    expect(stats).toEqual([expect.objectContaining({ outcome: 'presumed_victim', region: 'west_africa', referral: 'none' })]);
    expect(await a.store.exportCase(id)).not.toBeNull();
  });

  it('rotates the key after a loss: the lost tablet is refused by the server and cannot read what follows', async () => {
    const c = await member(a, 'tab_c');
    await c.engine.syncOnce();
    expect(await answersOf(c, caseId)).toBeDefined();

    // Tablet C is lost: the administrator deletes its user, the coordinator rotates the key.
    await server.deleteUser('tab_c');
    const refused = await server.request('GET', `/${DATABASE}/_all_docs`, undefined, basicAuth('tab_c', 'tab_c-pw'));
    expect([401, 403]).toContain(refused.status);
    await expect(c.engine.pull()).rejects.toBeTruthy();
    expect(c.engine.status()).toMatchObject({ state: 'failing', failure: 'unauthorized' });

    const secret = newTeamSecret();
    const { version } = await a.engine.rotate(secret);
    expect(version).toBe(2);
    const rotated: TeamSettings = { ...a.settings, keys: [{ version: 2, secret: toBase64(secret) }, ...a.settings.keys] };
    await writeTeamSettings(a.store, rotated);
    await a.engine.push();
    const bodies = (await server.request('GET', `/${DATABASE}/_all_docs?include_docs=true`)).json as { rows: { doc: { body: { k: number } } }[] };
    expect(bodies.rows.every((r) => r.doc.body.k === 2)).toBe(true);

    // B, with the old key, sees that the key changed; with its new enrolment file it reads again.
    await b.engine.pull();
    expect(b.engine.status()).toMatchObject({ state: 'failing', failure: 'key_rotated' });
    const passphrase = enrolmentPassphrase();
    const file = await createEnrolment(rotated, { username: 'tab_b', password: 'tab_b-pw' }, passphrase);
    await b.engine.stop();
    await b.engine.local.destroy();
    const settings = await joinTeam(b.store, await openEnrolment(file, passphrase), await readTeamSettings(b.store));
    expect(settings.tabletId).toBe(b.settings.tabletId);
    const b2 = await tablet(b.store, settings);
    await b2.engine.syncOnce();
    expect(b2.engine.status()).toMatchObject({ failure: null, unreadable: 0 });
    await answer(b2, caseId, { 'closing.after_rotation': 'yes' }, Date.now());
    await b2.engine.syncOnce();
    await a.engine.syncOnce();
    expect((await answersOf(a, caseId))?.['closing.after_rotation']).toBe('yes');
    b = b2;
  });

  it('lets a tablet leave: it keeps the cases it started and erases the team copies of the others', async () => {
    const own = await startCase(b);
    await b.engine.syncOnce();
    const { erased } = await b.engine.leave();
    expect(erased).toBeGreaterThan(0);
    expect(await b.store.exportCase(caseId)).toBeNull();
    expect(await b.store.exportCase(own)).not.toBeNull();
    // Nothing was deleted for the team.
    await a.engine.syncOnce();
    expect(await a.store.exportCase(caseId)).not.toBeNull();
    expect(((await a.store.exportCase(own))?.content.answers as SyncedCase['answers'])['person.name_given']).toBe(NAME_MARKER);
  });
});
