/**
 * The floor the stack allows: the same libraries as the app (React, i18next,
 * XState, Dexie), doing the least the unlock screen does — open the database,
 * start a machine, render a translated form. npm run bench measures it beside
 * the app in the same run.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { createActor, createMachine } from 'xstate';
import Dexie from 'dexie';

void i18next.use(initReactI18next).init({ lng: 'fr', resources: { fr: { translation: { unlock: { title: 'Déverrouiller', passphrase: 'Phrase secrète' } } } }, initAsync: false });
const db = new Dexie('bare-bench');
db.version(1).stores({ rows: 'id' });
const actor = createActor(createMachine({ initial: 'locked', states: { locked: { on: { UNLOCK: 'unlocked' } }, unlocked: {} } })).start();

async function derive(passphrase: string): Promise<void> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations: 600_000 }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = new Uint8Array(12);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('{"answer":"yes"}'));
  await db.table('rows').put({ id: 'x', data: new Uint8Array(data) });
}

function App() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <main>
      <h1>{t('unlock.title')}</h1>
      <label htmlFor="p">{t('unlock.passphrase')}</label>
      <input id="p" type="password" />
      <button
        type="button"
        onClick={() =>
          void derive('bench').then(() => {
            actor.send({ type: 'UNLOCK' });
            setDone(true);
          })
        }
      >
        OK
      </button>
      {done && <p id="done">ok</p>}
    </main>
  );
}

void db.open().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

/** Floors for the app's own figures: one sealed write, and reading back N sealed rows. */
const benchKey = crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
async function seal(value: unknown) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await benchKey, new TextEncoder().encode(JSON.stringify(value)))) };
}
Object.assign(window, {
  benchSave: async (answers: Record<string, string>) => {
    const start = performance.now();
    const sealed = await seal(answers);
    await db.table('rows').put({ id: 'case', ...sealed });
    return performance.now() - start;
  },
  benchSeed: async (count: number) => {
    const rows = [];
    for (let i = 0; i < count; i++) rows.push({ id: `c${i}`, ...(await seal({ outcome: 'possible_victim', flags: ['child'], section: 'result', answered: 40 })) });
    await db.table('rows').bulkPut(rows);
  },
  benchList: async () => {
    const start = performance.now();
    const rows = (await db.table('rows').toArray()) as { iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> }[];
    const key = await benchKey;
    await Promise.all(rows.filter((r) => r.iv).map((r) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: r.iv }, key, r.data)));
    return performance.now() - start;
  },
});
