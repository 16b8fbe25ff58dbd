import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, directionOf, isUiLanguage, loadLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n';
import { HomeScreen } from '../features/home/home-screen';
import { UnlockScreen } from '../features/unlock/unlock-screen';
import { PinScreen } from '../features/unlock/pin-screen';
import { LanguageSwitcher } from '../components/language-switcher';
import { NeutralPage } from '../components/neutral-page';
import { MAX_PIN_FAILURES, pinDigest } from '../machines/session.machine';
import type { CaseStore, DevicePolicy } from '../storage';
import { probeVault, type VaultState } from '../storage/probe';
import { useSession } from './use-session';
import { useUpdate } from './use-update';
import { ConnectionBadge } from '../components/connection-badge';

// Everything after the unlock screen loads on demand: the first screen stays small.
const InterviewScreen = lazy(() => import('../features/interview/interview-screen').then((m) => ({ default: m.InterviewScreen })));
const CaseListScreen = lazy(() => import('../features/cases/case-list-screen').then((m) => ({ default: m.CaseListScreen })));
const SummaryScreen = lazy(() => import('../features/summary/summary-screen').then((m) => ({ default: m.SummaryScreen })));
const StatisticsScreen = lazy(() => import('../features/statistics/statistics-screen').then((m) => ({ default: m.StatisticsScreen })));
const DirectoryScreen = lazy(() => import('../features/directory/directory-screen').then((m) => ({ default: m.DirectoryScreen })));
const TrainingScreen = lazy(() => import('../features/training/training-screen').then((m) => ({ default: m.TrainingScreen })));
const PracticeRoute = lazy(() => import('./practice-route').then((m) => ({ default: m.PracticeRoute })));
const SettingsScreen = lazy(() => import('../features/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));

/** The interface language is a device preference, not data about a person. */
const LANGUAGE_KEY = 'ui-language';

/** The language to open in: from the address (?lang=ar), else the last one chosen on this tablet. */
export function initialLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isUiLanguage(fromUrl)) return fromUrl;
  const stored = window.localStorage.getItem(LANGUAGE_KEY);
  return isUiLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

type Route =
  | { name: 'home' }
  | { name: 'interview'; caseId: string }
  | { name: 'summary'; caseId: string; from: 'cases' | 'interview' }
  | { name: 'cases' }
  | { name: 'settings' }
  | { name: 'directory' }
  | { name: 'statistics' }
  | { name: 'training' }
  | { name: 'practice'; practiceId: string };

const isTraining = (route: Route) => route.name === 'training' || route.name === 'practice';

/**
 * The storage code (Dexie, encryption) is not needed to draw the unlock screen:
 * it loads right after, while the officer types the passphrase.
 */
const loadStorage = () => import('../storage');

const sessionPolicy = (policy: DevicePolicy) => ({ autoLockMinutes: policy.autoLockMinutes, hiddenGraceSeconds: policy.hiddenGraceSeconds });

/** `language` must be loaded (loadLanguage) before the app is drawn; main.tsx does it. */
export function App({ language: firstLanguage }: { language: UiLanguage }) {
  const [language, setLanguage] = useState<UiLanguage>(firstLanguage);
  // Another language's strings load on the first switch (from the precache offline), then stay.
  const changeLanguage = useCallback((next: UiLanguage) => void loadLanguage(next).then(() => setLanguage(next)), []);
  const i18n = useMemo(() => createI18n(language), [language]);
  const [vault, setVault] = useState<VaultState | 'checking'>('checking');
  const [session, snapshot] = useSession();
  const [route, setRoute] = useState<Route>({ name: 'home' });
  const [unlockNotice, setUnlockNotice] = useState<string | null>(null);
  const state = String(snapshot.value);
  const store = snapshot.context.store;
  // Training has its own database; it is opened only from the training screens.
  const training = useMemo(() => store?.training() ?? null, [store]);
  const update = useUpdate();
  const [staleTab, setStaleTab] = useState(false);

  useEffect(() => {
    const stale = () => setStaleTab(true);
    window.addEventListener('screening:versionchange', stale);
    return () => window.removeEventListener('screening:versionchange', stale);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    document.title = i18n.t('app.name');
    window.localStorage.setItem(LANGUAGE_KEY, language);
  }, [language, i18n]);

  useEffect(() => {
    if (state === 'locked') void probeVault().then(setVault);
    // Once the unlock screen is up: the storage code, and the other languages so that a switch is instant.
    void loadStorage().then(() => Promise.all(Object.keys(UI_LANGUAGES).map((lng) => loadLanguage(lng as UiLanguage))));
  }, [state]);

  const opened = useCallback(
    async (unlocked: CaseStore) => {
      // Nothing but the vault is read before the home screen draws: the sealed case
      // index opens (and retention runs on it) right after, whatever the number of cases.
      void unlocked.applyRetention().catch(() => undefined);
      // Finished practices (trainee names, typed answers) do not outlive real cases; off the unlock's critical path.
      void unlocked
        .policy()
        .then((policy) => unlocked.training().applyRetention(policy.retentionDays))
        // A failure leaves them for the next unlock; nothing of a real case depends on it.
        .catch(() => undefined);
      // Resume the interview that was on screen when the app was closed or locked.
      const open = await unlocked.openCase();
      setRoute(open ? { name: 'interview', caseId: open } : { name: 'home' });
      session.send({ type: 'session.unlocked', store: unlocked, policy: sessionPolicy(await unlocked.policy()) });
    },
    [session],
  );

  const go = useCallback(
    (next: Route) => {
      setRoute(next);
      void store?.setOpenCase(next.name === 'interview' ? next.caseId : null);
    },
    [store],
  );

  let screen;
  if (staleTab) {
    screen = (
      <div className="page">
        <h1>{i18n.t('update.otherTabTitle')}</h1>
        <p>{i18n.t('update.otherTabText')}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {i18n.t('update.reload')}
        </button>
      </div>
    );
  } else if (state === 'disguised') {
    screen = <NeutralPage onReveal={() => session.send({ type: 'session.reveal' })} />;
  } else if (vault === 'checking') {
    screen = null;
  } else if (vault === 'unavailable') {
    screen = <StorageUnavailable />;
  } else if (state === 'pinLocked') {
    screen = (
      <PinScreen
        failures={snapshot.context.pinFailures}
        maxFailures={MAX_PIN_FAILURES}
        onSubmit={async (pin) => session.send({ type: 'pin.submit', digest: await pinDigest(pin, snapshot.context.pin?.salt ?? '') })}
        onUsePassphrase={() => session.send({ type: 'pin.forget' })}
      />
    );
  } else if (!store) {
    screen = (
      <UnlockScreen
        mode={vault === 'new' ? 'create' : 'unlock'}
        notice={unlockNotice}
        onSubmit={async (passphrase) => {
          if (vault === 'new') {
            const { createVault } = await loadStorage();
            const created = await createVault(passphrase);
            setVault('locked');
            await opened(created);
            return true;
          }
          const { unlockVault } = await loadStorage();
          const result = await unlockVault(passphrase);
          if (result.store) {
            setUnlockNotice(null);
            await opened(result.store);
            return true;
          }
          if (result.wiped) {
            setVault('new');
            setUnlockNotice(i18n.t('unlock.wiped'));
            return true;
          }
          setUnlockNotice(result.attemptsLeft !== null ? i18n.t('unlock.attemptsLeft', { count: result.attemptsLeft }) : null);
          return false;
        }}
      />
    );
  } else if (route.name === 'interview') {
    screen = <InterviewScreen key={route.caseId} store={store} caseId={route.caseId} onHome={() => go({ name: 'home' })} onSummary={() => go({ name: 'summary', caseId: route.caseId, from: 'interview' })} />;
  } else if (route.name === 'training' && training) {
    screen = <TrainingScreen training={training} language={language} onPractice={(practiceId) => go({ name: 'practice', practiceId })} onExit={() => go({ name: 'home' })} />;
  } else if (route.name === 'practice' && training) {
    screen = <PracticeRoute key={route.practiceId} training={training} practiceId={route.practiceId} onExit={() => go({ name: 'training' })} />;
  } else if (route.name === 'summary') {
    // "Back" returns where the officer came from: the result, or the case list.
    screen = <SummaryScreen key={route.caseId} store={store} caseId={route.caseId} onBack={() => go(route.from === 'interview' ? { name: 'interview', caseId: route.caseId } : { name: 'cases' })} />;
  } else if (route.name === 'statistics') {
    screen = <StatisticsScreen store={store} onHome={() => go({ name: 'home' })} />;
  } else if (route.name === 'directory') {
    screen = <DirectoryScreen store={store} onHome={() => go({ name: 'home' })} />;
  } else if (route.name === 'cases') {
    screen = <CaseListScreen store={store} onOpen={(caseId) => go({ name: 'interview', caseId })} onSummary={(caseId) => go({ name: 'summary', caseId, from: 'cases' })} onHome={() => go({ name: 'home' })} />;
  } else if (route.name === 'settings') {
    screen = (
      <SettingsScreen
        store={store}
        hasPin={snapshot.context.pin !== null}
        onPin={async (pin) => {
          if (pin === null) return void session.send({ type: 'pin.clear' });
          const salt = crypto.randomUUID();
          session.send({ type: 'pin.set', salt, digest: await pinDigest(pin, salt) });
        }}
        onPolicy={(policy) => session.send({ type: 'session.policy', policy: sessionPolicy(policy) })}
        onWiped={() => {
          session.send({ type: 'session.lock' });
          session.send({ type: 'pin.forget' });
          setVault('new');
          setRoute({ name: 'home' });
        }}
        onHome={() => go({ name: 'home' })}
      />
    );
  } else {
    screen = (
      <Home
        store={store}
        onOpen={(caseId) => go({ name: 'interview', caseId })}
        onCases={() => go({ name: 'cases' })}
        onDirectory={() => go({ name: 'directory' })}
        onStatistics={() => go({ name: 'statistics' })}
        onTraining={() => go({ name: 'training' })}
        language={language}
      />
    );
  }

  const unlocked = state === 'unlocked' || state === 'covered';
  // Never mid-interview: an update is offered on the home, case list and settings screens, or while locked.
  const safeForUpdate = state !== 'disguised' && (!store || state !== 'unlocked' || (route.name !== 'interview' && route.name !== 'practice'));
  const simulation = unlocked && isTraining(route);
  return (
    <I18nextProvider i18n={i18n}>
      {state !== 'disguised' && (
        <>
          <a className="skip-link" href="#main">
            {i18n.t('app.skipToContent')}
          </a>
          <header className="app-bar">
            <span className="app-bar__title">{i18n.t('app.shortName')}</span>
            <div className="app-bar__tools">
              <button type="button" className="button button--hide" data-action="quick-hide" onClick={() => session.send({ type: 'session.quickHide' })} title={i18n.t('session.hideHint')}>
                {i18n.t('session.hide')}
              </button>
              {unlocked && (
                <>
                  <button type="button" className="button button--quiet" data-action="lock" onClick={() => session.send({ type: 'session.lock' })}>
                    {i18n.t('session.lock')}
                  </button>
                  <button type="button" className="button button--quiet" data-action="settings" onClick={() => go({ name: 'settings' })}>
                    {i18n.t('session.settings')}
                  </button>
                </>
              )}
              <LanguageSwitcher value={language} onChange={changeLanguage} />
              <ConnectionBadge />
            </div>
          </header>
          {update.available && safeForUpdate && (
            <div className="update-banner" role="region" aria-label={i18n.t('update.title')}>
              <span>{i18n.t('update.available')}</span>
              <button type="button" className="button button--primary" data-action="apply-update" onClick={() => void update.apply()}>
                {i18n.t('update.apply')}
              </button>
            </div>
          )}
        </>
      )}
      <main id="main" tabIndex={-1} inert={state === 'covered'} className={simulation ? 'simulation' : undefined}>
        {simulation && (
          <>
            {/* On every training screen and every training printout: nobody may take a practice for a real case. */}
            <p className="simulation-banner" role="note" data-testid="simulation-banner">
              {i18n.t('training.banner')}
            </p>
            <div className="simulation-watermark" aria-hidden="true">
              {i18n.t('training.watermark')}
            </div>
          </>
        )}
        <Suspense fallback={<p className="page" role="status">{i18n.t('interview.loading')}</p>}>{screen}</Suspense>
      </main>
      {state === 'covered' && <div className="privacy-cover" data-testid="privacy-cover" />}
    </I18nextProvider>
  );
}

function Home({
  store,
  onOpen,
  onCases,
  onDirectory,
  onStatistics,
  onTraining,
  language,
}: {
  store: CaseStore;
  onOpen: (id: string) => void;
  onCases: () => void;
  onDirectory: () => void;
  onStatistics: () => void;
  onTraining: () => void;
  language: string;
}) {
  const [resumable, setResumable] = useState<{ id: string; reference: string } | null>(null);
  const [backupDue, setBackupDue] = useState<{ days: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void Promise.all([store.overview(), store.lastBackup(), store.policy()]).then(([overview, last, policy]) => {
      setResumable(overview.latestInProgress);
      const days = last === null ? null : Math.floor((Date.now() - last) / 86_400_000);
      setBackupDue(overview.count > 0 && (days === null || days >= policy.backupReminderDays) ? { days } : null);
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
    // The first real case is what makes eviction costly: ask now.
    void loadStorage().then(({ requestPersistentStorage }) => requestPersistentStorage());
    onOpen(id);
  }

  return <HomeScreen resumable={resumable} backupDue={backupDue} onStart={() => void start()} onResume={onOpen} onCases={onCases} onDirectory={onDirectory} onStatistics={onStatistics} onTraining={onTraining} busy={busy} />;
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

