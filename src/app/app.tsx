import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, directionOf, isUiLanguage, type UiLanguage } from '../i18n';
import { HomeScreen } from '../features/home/home-screen';
import { UnlockScreen } from '../features/unlock/unlock-screen';
import { LanguageSwitcher } from '../components/language-switcher';
import { createVault, unlockVault, vaultState, type CaseStore, type VaultState } from '../storage';

// Everything after the unlock screen loads on demand: the first screen stays small.
const InterviewScreen = lazy(() => import('../features/interview/interview-screen').then((m) => ({ default: m.InterviewScreen })));
const CaseListScreen = lazy(() => import('../features/cases/case-list-screen').then((m) => ({ default: m.CaseListScreen })));

/** The interface language is a device preference, not data about a person. */
const LANGUAGE_KEY = 'ui-language';

function initialLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isUiLanguage(fromUrl)) return fromUrl;
  const stored = window.localStorage.getItem(LANGUAGE_KEY);
  return isUiLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

type Route = { name: 'home' } | { name: 'interview'; caseId: string } | { name: 'cases' };

export function App() {
  const [language, setLanguage] = useState<UiLanguage>(initialLanguage);
  const i18n = useMemo(() => createI18n(language), [language]);
  const [vault, setVault] = useState<VaultState | 'checking'>('checking');
  const [store, setStore] = useState<CaseStore | null>(null);
  const [route, setRoute] = useState<Route>({ name: 'home' });

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    document.title = i18n.t('app.name');
    window.localStorage.setItem(LANGUAGE_KEY, language);
  }, [language, i18n]);

  useEffect(() => {
    void vaultState().then(setVault);
  }, []);

  const opened = useCallback(async (unlocked: CaseStore) => {
    setStore(unlocked);
    // Resume the interview that was on screen when the app was closed.
    const open = await unlocked.openCase();
    setRoute(open ? { name: 'interview', caseId: open } : { name: 'home' });
  }, []);

  const go = useCallback(
    (next: Route) => {
      setRoute(next);
      void store?.setOpenCase(next.name === 'interview' ? next.caseId : null);
    },
    [store],
  );

  let screen;
  if (vault === 'checking') screen = null;
  else if (vault === 'unavailable') screen = <StorageUnavailable />;
  else if (!store) {
    screen = (
      <UnlockScreen
        mode={vault === 'new' ? 'create' : 'unlock'}
        onSubmit={async (passphrase) => {
          const unlocked = vault === 'new' ? await createVault(passphrase) : await unlockVault(passphrase);
          if (!unlocked) return false;
          await opened(unlocked);
          return true;
        }}
      />
    );
  } else if (route.name === 'interview') {
    screen = <InterviewScreen key={route.caseId} store={store} caseId={route.caseId} onHome={() => go({ name: 'home' })} />;
  } else if (route.name === 'cases') {
    screen = <CaseListScreen store={store} onOpen={(caseId) => go({ name: 'interview', caseId })} onHome={() => go({ name: 'home' })} />;
  } else {
    screen = <Home store={store} onOpen={(caseId) => go({ name: 'interview', caseId })} onCases={() => go({ name: 'cases' })} language={language} />;
  }

  return (
    <I18nextProvider i18n={i18n}>
      <a className="skip-link" href="#main">
        {i18n.t('app.skipToContent')}
      </a>
      <header className="app-bar">
        <span className="app-bar__title">{i18n.t('app.shortName')}</span>
        <LanguageSwitcher value={language} onChange={setLanguage} />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="page" role="status">{i18n.t('interview.loading')}</p>}>{screen}</Suspense>
      </main>
    </I18nextProvider>
  );
}

function Home({ store, onOpen, onCases, language }: { store: CaseStore; onOpen: (id: string) => void; onCases: () => void; language: string }) {
  const [resumable, setResumable] = useState<{ id: string; reference: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void store.list().then((cases) => {
      const latest = cases.find((c) => c.status === 'in_progress');
      setResumable(latest ? { id: latest.id, reference: latest.reference } : null);
    });
  }, [store]);

  async function start() {
    setBusy(true);
    const { currentQuestionnaire } = await import('../content/questionnaires');
    const questionnaire = currentQuestionnaire();
    const id = await store.create({
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      content: { answers: {}, snapshot: null, interviewLanguage: language },
      summary: { outcome: null, flags: [], section: 'consent', answered: 0 },
    });
    onOpen(id);
  }

  return <HomeScreen resumable={resumable} onStart={() => void start()} onResume={onOpen} onCases={onCases} busy={busy} />;
}

function StorageUnavailable() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('storage.unavailableTitle')}</h1>
      <p>{t('storage.unavailableText')}</p>
    </div>
  );
}
