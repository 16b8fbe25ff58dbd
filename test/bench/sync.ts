/**
 * npm run bench:sync — team sync, beside a plain PouchDB replication of the same
 * documents without encryption, in the same run, through the same server
 * (express-pouchdb in memory on 127.0.0.1):
 * - first sync of a new tablet joining a team of BENCH_CASES cases (5,000): from
 *   joining until every case is in its store, decrypted and written to IndexedDB;
 * - time for one answer to reach another tablet (both syncing live);
 * - documents and bytes sent per answer.
 * Runs in Node: the store is Dexie over fake-indexeddb and PouchDB uses its memory
 * adapter, so the figures measure sync, sealing and merging, not a tablet's disk.
 * A benchmark, not a test: it never fails on a number. Writes bench-results/sync-<date>.json.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { nodePouchDB, startCouchServer } from '../helpers/couch-server';
import { CaseStore, type CaseContent } from '../../src/storage/case-store';
import { ScreeningDb } from '../../src/storage/db';
import { CaseStoreSource, toSyncedCase } from '../../src/storage/sync/case-source';
import { TeamSyncEngine } from '../../src/storage/sync/engine';
import type { PouchDatabase, PouchFactory } from '../../src/storage/sync/pouch-types';
import { createTeam, joinTeam, type TeamSettings } from '../../src/storage/sync/team';
import type { BackupCase } from '../../src/storage/backup';

const CASES = Number(process.env.BENCH_CASES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PouchDB = nodePouchDB() as unknown as new (name: string, options?: object) => PouchDatabase;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts what goes to the server: requests, documents in _bulk_docs, bytes of request bodies. */
function meter() {
  const sent = { requests: 0, docs: 0, bytes: 0 };
  const fetcher = async (url: string | URL | Request, init?: RequestInit) => {
    sent.requests++;
    const body = typeof init?.body === 'string' ? init.body : '';
    sent.bytes += Buffer.byteLength(body) + String(url).length;
    if (String(url).includes('_bulk_docs') && body) sent.docs += (JSON.parse(body) as { docs: unknown[] }).docs.length;
    return fetch(url, init);
  };
  return { sent, fetcher, reset: () => Object.assign(sent, { requests: 0, docs: 0, bytes: 0 }) };
}

let tablets = 0;
function pouchFactory(fetcher?: ReturnType<typeof meter>['fetcher']): PouchFactory {
  const prefix = `bench${++tablets}-`;
  return {
    local: (name) => new PouchDB(`${prefix}${name}`, { adapter: 'memory' }),
    remote: (url, options) => new PouchDB(url, { ...options, ...(fetcher ? { fetch: fetcher } : {}) }),
  };
}

async function newStore(): Promise<CaseStore> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const store = new CaseStore(new ScreeningDb(`bench-sync-${++tablets}`), key);
  await store.setOfficer({ name: 'Officer', service: 'Brigade' });
  return store;
}

/** Realistic cases: a training scenario's answers (about 80), a snapshot, a summary with a statistics record. */
function makeCases(count: number): BackupCase[] {
  const scenario = JSON.parse(readFileSync('questionnaires/scenarios/farm-workers-labour-law.json', 'utf8')) as { answers: Record<string, string | number | string[]> };
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const at = now - (count - i) * 60_000;
    const answerMeta = Object.fromEntries(Object.keys(scenario.answers).map((q) => [q, { at }]));
    const content: CaseContent = { answers: scenario.answers, answerMeta, snapshot: { value: 'review', context: { answers: scenario.answers } }, interviewLanguage: 'fr', details: { place: `Lieu ${i}`, interpreter: 'no' } };
    return {
      id: `C${String(i).padStart(9, '0')}`,
      createdAt: at,
      updatedAt: at,
      status: 'completed',
      closedAt: at,
      questionnaireId: 'art-448-1',
      questionnaireVersion: 1,
      summary: { outcome: 'possible_victim', flags: ['labour_exploitation'], section: 'review', answered: Object.keys(scenario.answers).length, stats: { year: 2026, quarter: 4, ageBand: '21-29', child: false, sex: 'male', region: 'west_africa', outcome: 'possible_victim', forms: ['purpose.labour'], means: [], flags: [] } },
      content,
    };
  });
}

async function main() {
  const server = await startCouchServer();
  for (const user of ['bench_a', 'bench_b']) await server.createUser(user, `${user}-pw`);
  await server.createDatabase('bench_team', ['bench_a', 'bench_b']);
  await server.createDatabase('bench_plain', ['bench_a', 'bench_b']);
  const results: Record<string, unknown> = { date: new Date().toISOString(), cases: CASES, runs: RUNS, node: process.version };
  console.log(`team sync benchmark: ${CASES} cases, ${RUNS} runs, Node ${process.version}`);

  // ---- the team: tablet A holds every case and pushes them
  const storeA = await newStore();
  const cases = makeCases(CASES);
  for (let i = 0; i < cases.length; i += 500) await storeA.putCases(cases.slice(i, i + 500).map((value) => ({ value, expectedUpdatedAt: null })));
  const settingsA = await createTeam(storeA, { name: 'Bench', server: { url: server.url, database: 'bench_team', username: 'bench_a', password: 'bench_a-pw' } });
  const meterA = meter();
  const engineA = await TeamSyncEngine.create(pouchFactory(meterA.fetcher), new CaseStoreSource(storeA), settingsA);
  let t = performance.now();
  await engineA.start({ live: false });
  await engineA.push();
  const initialPush = performance.now() - t;

  // ---- plain PouchDB: the same documents (the synced case records, unencrypted), pushed the same way
  const plainA = new PouchDB('plain-a', { adapter: 'memory' });
  const plainMeter = meter();
  const plainRemote = () => new PouchDB(`${server.url}/bench_plain`, { skip_setup: true, auth: { username: 'bench_a', password: 'bench_a-pw' }, fetch: plainMeter.fetcher });
  for (let i = 0; i < cases.length; i += 500) await plainA.bulkDocs(cases.slice(i, i + 500).map((c) => ({ _id: c.id, body: toSyncedCase(c) })));
  t = performance.now();
  await plainA.replicate.to(plainRemote(), { batch_size: 100 });
  const plainInitialPush = performance.now() - t;

  // ---- first sync of a new tablet
  const firstSync: number[] = [];
  const firstSyncPlain: number[] = [];
  let storeB: CaseStore | null = null;
  let engineB: TeamSyncEngine | null = null;
  let settingsB: TeamSettings | null = null;
  // Each first sync of 5,000 cases takes minutes on this machine: fewer repetitions of it than of the rest.
  for (let run = 0; run < (CASES > 1000 ? 1 : Math.min(RUNS, 3)); run++) {
    await engineB?.stop();
    storeB = await newStore();
    settingsB = await joinTeam(storeB, { teamId: settingsA.teamId, name: 'Bench', key: settingsA.keys[0]!, server: { url: server.url, database: 'bench_team', username: 'bench_b', password: 'bench_b-pw' }, issuedAt: Date.now() }, null);
    t = performance.now();
    engineB = await TeamSyncEngine.create(pouchFactory(), new CaseStoreSource(storeB), settingsB);
    await engineB.start({ live: false });
    await engineB.pull();
    firstSync.push(performance.now() - t);
    const received = (await storeB.list()).length;
    if (received !== CASES) throw new Error(`the new tablet has ${received} cases, not ${CASES}`);

    const plainB = new PouchDB(`plain-b-${run}`, { adapter: 'memory' });
    t = performance.now();
    await plainB.replicate.from(new PouchDB(`${server.url}/bench_plain`, { skip_setup: true, auth: { username: 'bench_b', password: 'bench_b-pw' } }), { batch_size: 100 });
    firstSyncPlain.push(performance.now() - t);
    await plainB.destroy();
  }

  // ---- one answer from A to B, both syncing live
  await engineA.start();
  await engineB!.start();
  await sleep(2_000);
  const answerTimes: number[] = [];
  const answerSent: { docs: number; bytes: number; requests: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const id = cases[run]!.id;
    const value = `run-${run}`;
    meterA.reset();
    t = performance.now();
    await storeA.update(id, (content, summary) => ({ content: { ...content, answers: { ...content.answers, 'closing.officer_notes': value }, answerMeta: { ...content.answerMeta, 'closing.officer_notes': { at: Date.now() } } }, summary }));
    for (;;) {
      const c = await storeB!.exportCase(id);
      if (c?.content.answers['closing.officer_notes'] === value) break;
      await sleep(10);
    }
    answerTimes.push(performance.now() - t);
    await sleep(1_500);
    answerSent.push({ ...meterA.sent });
  }

  // ---- the same with plain PouchDB live replication
  const liveA = new PouchDB('plain-live-a', { adapter: 'memory' });
  const liveB = new PouchDB('plain-live-b', { adapter: 'memory' });
  const liveMeter = meter();
  const remoteFor = (user: string, fetcher?: ReturnType<typeof meter>['fetcher']) => new PouchDB(`${server.url}/bench_plain`, { skip_setup: true, auth: { username: user, password: `${user}-pw` }, ...(fetcher ? { fetch: fetcher } : {}) });
  await liveA.replicate.from(remoteFor('bench_a'), { batch_size: 100 });
  await liveB.replicate.from(remoteFor('bench_b'), { batch_size: 100 });
  const syncA = liveA.sync(remoteFor('bench_a', liveMeter.fetcher), { live: true, retry: true });
  const syncB = liveB.sync(remoteFor('bench_b'), { live: true, retry: true });
  await sleep(2_000);
  const plainAnswerTimes: number[] = [];
  const plainSent: { docs: number; bytes: number; requests: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const id = cases[run]!.id;
    const value = `plain-${run}`;
    liveMeter.reset();
    t = performance.now();
    const doc = (await liveA.get(id)) as { _id: string; _rev: string; body: ReturnType<typeof toSyncedCase> };
    await liveA.put({ ...doc, body: { ...doc.body, answers: { ...doc.body.answers, 'closing.officer_notes': value } } } as never);
    for (;;) {
      const got = (await liveB.get(id)) as { body: { answers: Record<string, unknown> } };
      if (got.body.answers['closing.officer_notes'] === value) break;
      await sleep(10);
    }
    plainAnswerTimes.push(performance.now() - t);
    await sleep(1_500);
    plainSent.push({ ...liveMeter.sent });
  }
  syncA.cancel();
  syncB.cancel();
  await engineA.stop();
  await engineB!.stop();

  const rows: [string, string, string, string][] = [];
  const add = (name: string, app: number, plain: number, unit: string) => rows.push([name, `${round(app)} ${unit}`, `${round(plain)} ${unit}`, `${round(app / plain)}×`]);
  add(`first push of ${CASES} cases (tablet A)`, initialPush / 1000, plainInitialPush / 1000, 's');
  add(`first sync of a new tablet, ${CASES} cases (median of ${firstSync.length})`, median(firstSync) / 1000, median(firstSyncPlain) / 1000, 's');
  add('one answer to another tablet, median', median(answerTimes), median(plainAnswerTimes), 'ms');
  add('documents sent per answer, median', median(answerSent.map((s) => s.docs)), median(plainSent.map((s) => s.docs)), '');
  add('bytes sent per answer, median', median(answerSent.map((s) => s.bytes)) / 1024, median(plainSent.map((s) => s.bytes)) / 1024, 'KB');
  add('requests per answer, median', median(answerSent.map((s) => s.requests)), median(plainSent.map((s) => s.requests)), '');
  Object.assign(results, { initialPush, plainInitialPush, firstSync, firstSyncPlain, answerTimes, plainAnswerTimes, answerSent, plainSent });

  console.log('\n| figure | team sync (sealed) | plain PouchDB | ratio |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\nThe first sync of the new tablet includes opening every document and writing every case, sealed, to its store; the plain figure is replication alone.');
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(`bench-results/sync-${results.date as string}.json`.replace(/:/g, '-'), JSON.stringify(results, null, 2));
  await server.close();
  // PouchDB's live changes feeds keep timers; the run is over.
  process.exit(0);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

