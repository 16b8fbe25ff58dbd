/**
 * The floors npm run bench sets the app's figures beside: the least the stack
 * allows for the same work, built by the same Vite, served by the same server
 * with the same Content-Security-Policy, precached by its own service worker so
 * that it starts offline as the app does.
 *
 * - Cold start (this page's default): React, react-i18next and XState, the
 *   strings of one language, a raw IndexedDB probe (the app must know whether a
 *   passphrase is set before it draws), then a translated unlock form. Dexie is
 *   not loaded before the draw (nor is it in the app); it loads after, as the app's
 *   storage code does.
 * - Unlock (button "OK"): PBKDF2-SHA-256 with 600,000 iterations and one sealed write.
 * - Answer (#answer): the questionnaire's questions one at a time; a tap records the
 *   answer, runs the real engine's assessment of all answers, draws the next
 *   question, then seals the content and the summary (AES-GCM, the app's shapes)
 *   and writes both in one IndexedDB transaction. The same performance marks as
 *   the app ("screening:changed", "screening:saved", a sequence number each) let
 *   the bench time both alike.
 */
import { useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { createActor, createMachine } from 'xstate';

void i18next.use(initReactI18next).init({
  lng: 'fr',
  resources: { fr: { translation: { unlock: { title: 'Déverrouiller', passphrase: 'Phrase secrète', unlock: 'Déverrouiller' } } } },
  initAsync: false,
});
const actor = createActor(createMachine({ initial: 'locked', states: { locked: { on: { UNLOCK: 'unlocked' } }, unlocked: {} } })).start();
const loadDexie = () => import('dexie').then((m) => m.default);

async function openDb() {
  const Dexie = await loadDexie();
  const db = new Dexie('bare-bench');
  db.version(1).stores({ rows: 'id', cases: 'id', content: 'id' });
  await db.open();
  return db;
}

/** Whether a database exists, without Dexie and without creating one (as the app's probe does). */
function probe(): Promise<boolean> {
  return new Promise((resolve) => {
    const request = indexedDB.open('bare-probe');
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(false);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(true);
    };
  });
}

async function derive(passphrase: string): Promise<void> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations: 600_000 }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('{"answer":"yes"}'));
  await (await openDb()).table('rows').put({ id: 'x', iv, data: new Uint8Array(data) });
}

function Unlock() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <main>
      <h1>{t('unlock.title')}</h1>
      <label htmlFor="p">{t('unlock.passphrase')}</label>
      <input id="p" type="password" />
      <button
        type="button"
        style={{ minHeight: 44 }}
        onClick={() =>
          void derive('bench').then(() => {
            actor.send({ type: 'UNLOCK' });
            setDone(true);
          })
        }
      >
        {t('unlock.unlock')}
      </button>
      {done && <p id="done">ok</p>}
    </main>
  );
}

type Answers = Record<string, string | number | string[]>;

async function answerFloor(): Promise<() => ReactElement> {
  const [{ currentQuestionnaire }, { assessAnswers }, db] = await Promise.all([import('../../../src/content/questionnaires'), import('../../../src/engine'), openDb()]);
  const questionnaire = currentQuestionnaire();
  const tappable = questionnaire.questions.filter((q) => q.type === 'yes_no' || q.type === 'single');
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const seal = async (value: unknown, address: string) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(address) }, key, new TextEncoder().encode(JSON.stringify(value)));
    return { v: 1, iv, data: new Uint8Array(data) };
  };
  let seq = 0;
  async function save(answers: Answers, at: number, mark: number) {
    const assessment = assessAnswers(questionnaire, answers);
    const summary = { outcome: assessment.outcome, flags: assessment.flags, section: 'x', answered: Object.keys(answers).length };
    const [sealedSummary, sealedContent] = await Promise.all([seal(summary, 'cases/floor'), seal({ answers, snapshot: { index: at }, interviewLanguage: 'fr' }, 'content/floor')]);
    await db.transaction('rw', [db.table('cases'), db.table('content')], async () => {
      await db.table('cases').put({ id: 'floor', updatedAt: Date.now(), status: 'in_progress', summary: sealedSummary });
      await db.table('content').put({ id: 'floor', content: sealedContent });
    });
    performance.mark('screening:saved', { detail: { seq: mark } });
  }
  return function Answer() {
    const [state, setState] = useState<{ index: number; answers: Answers }>({ index: 0, answers: {} });
    const question = tappable[state.index % tappable.length]!;
    const text = questionnaire.locales.fr.questions[question.id]!.text;
    const values = question.type === 'yes_no' ? ['yes', 'no', 'dont_know', 'refused'] : [...question.options.map((o) => o.value), 'dont_know', 'refused'];
    const tap = (value: string) => {
      const answers = { ...state.answers, [question.id]: value };
      // The screen update first, then the encrypted save: the same order of work as the app.
      setState({ index: state.index + 1, answers });
      const mark = ++seq;
      performance.mark('screening:changed', { detail: { seq: mark } });
      void save(answers, state.index + 1, mark);
    };
    return (
      <main>
        <section data-question-id={`${question.id}#${state.index}`}>
          <h2>{text}</h2>
          {values.map((v) => (
            <button key={v} type="button" data-value={v} style={{ minHeight: 44, minWidth: 120 }} onClick={() => tap(v)}>
              {v}
            </button>
          ))}
        </section>
      </main>
    );
  };
}

const root = createRoot(document.getElementById('root')!);
if (location.hash === '#answer') {
  void answerFloor().then((Answer) => root.render(<Answer />));
} else {
  void probe().then(() => {
    root.render(<Unlock />);
    // After the draw, as the app's storage code: Dexie.
    void loadDexie();
  });
}
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js');

// The restore's floor (run.ts) starts its Worker through this: bundled, so that the page's CSP allows it.
(window as unknown as { __floorWorker: () => Worker }).__floorWorker = () => new Worker(new URL('./floor.worker.ts', import.meta.url), { type: 'module' });
