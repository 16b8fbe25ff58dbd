import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, directionOf, isUiLanguage, loadAllStrings, UI_LANGUAGES, type UiLanguage } from '../i18n';
import { HomeScreen } from '../features/home/home-screen';
import { UnlockScreen } from '../features/unlock/unlock-screen';
import { PinScreen } from '../features/unlock/pin-screen';
import { LanguageSwitcher } from '../components/language-switcher';
import { NeutralPage } from '../components/neutral-page';
import { CrashScreen, ScreenBoundary } from '../components/crash-screen';
import { MAX_PIN_FAILURES, pinDigest } from '../machines/session.machine';
import type { CaseStore, DevicePolicy } from '../storage';
import { probeVault, type VaultState } from '../storage/probe';
import { createSession, useSession, type SessionActor } from './use-session';
import { useUpdate } from './use-update';
import { ConnectionBadge } from '../components/connection-badge';
import { afterNextPaint } from '../components/next-paint';
import { InterviewRoute, preloadInterview, startNewInterview } from './new-interview';
import { preloadable } from './preloadable';
import type { FreshCase } from '../features/interview/interview-screen';
import { useTeamSync } from './use-team-sync';
import { SyncBadge, syncStatusText } from './sync-badge';

// Everything after the unlock screen loads on demand: the first screen stays small
// (the interview screen through new-interview.tsx, which preloads it). A screen
// whose chunk is loaded is drawn at once (preloadable.tsx).
const { Screen: CaseListScreen, preload: preloadCaseList } = preloadable(() => import('../features/cases/case-list-screen').then((m) => m.CaseListScreen));
const SummaryScreen = preloadable(() => import('../features/summary/summary-screen').then((m) => m.SummaryScreen)).Screen;
const StatisticsScreen = preloadable(() => import('../features/statistics/statistics-screen').then((m) => m.StatisticsScreen)).Screen;
const DirectoryScreen = preloadable(() => import('../features/directory/directory-screen').then((m) => m.DirectoryScreen)).Screen;
const TrainingScreen = preloadable(() => import('../features/training/training-screen').then((m) => m.TrainingScreen)).Screen;
const PracticeRoute = preloadable(() => import('./practice-route').then((m) => m.PracticeRoute)).Screen;
const HandoverScreen = preloadable(() => import('../features/handover/handover-screen').then((m) => m.HandoverScreen)).Screen;
const SendScreen = preloadable(() => import('../features/handover/send-screen').then((m) => m.SendScreen)).Screen;
const OfficerFirstUse = preloadable(() => import('../features/officer/officer-first-use').then((m) => m.OfficerFirstUse)).Screen;
const SettingsScreen = preloadable(() => import('../features/settings/settings-screen').then((m) => m.SettingsScreen)).Screen;
const TeamScreen = preloadable(() => import('../features/team/team-screen').then((m) => m.TeamScreen)).Screen;
const MergeNotice = lazy(() => import('./merge-notice'));

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
  | { name: 'interview'; caseId: string; fresh?: FreshCase }
  | { name: 'summary'; caseId: string; from: 'cases' | 'interview' }
  | { name: 'cases' }
  | { name: 'settings' }
  | { name: 'directory' }
  | { name: 'statistics' }
  | { name: 'training' }
  | { name: 'practice'; practiceId: string }
  | { name: 'team' }
  | { name: 'handover'; view?: 'serviceKeys' }
  | { name: 'handover-send'; caseId: string; from: 'cases' | 'interview' };

const isTraining = (route: Route) => route.name === 'training' || route.name === 'practice';

/**
 * The storage code (Dexie, encryption) is not needed to draw the unlock screen:
 * it loads right after, while the officer types the passphrase.
 */
const loadStorage = () => import('../storage');

/** How long after unlock the case index opens and retention runs (see the effect below). */
const INDEX_DELAY_MS = 3000;


const sessionPolicy = (policy: DevicePolicy) => ({ autoLockMinutes: policy.autoLockMinutes, hiddenGraceSeconds: policy.hiddenGraceSeconds });

/**
 * What the tab, the History and the installed app are called: a neutral name by
 * default — someone glancing at the tablet or its browser history learns
 * nothing — or the deploying organisation's own (VITE_APP_NAME at build time).
 */
const DEPLOYED_NAME = (import.meta.env.VITE_APP_NAME as string | undefined)?.trim() || null;

/**
 * `language` must be loaded (loadLanguage) before the app is drawn; main.tsx does it,
 * and reads `vault` (probeVault) meanwhile, so that the first draw is the unlock screen.
 * The session lives above everything else, so that even a crash of the whole
 * app still drops the key (and the page is never left blank).
 */
export function App({ language, vault }: { language: UiLanguage; vault?: VaultState }) {
  const [session] = useState(createSession);
  return (
    <ErrorBoundary onError={() => session.send({ type: 'session.end' })} fallbackRender={({ resetErrorBoundary }) => <ShellCrash language={language} session={session} onRestart={resetErrorBoundary} />}>
      <AppShell language={language} session={session} firstVault={vault} />
    </ErrorBoundary>
  );
}

/** The whole app failed to draw: a locked, neutral screen, in the language that was on screen, with Hide. */
function ShellCrash({ language, session, onRestart }: { language: UiLanguage; session: SessionActor; onRestart: () => void }) {
  const i18n = useMemo(() => {
    const shown = document.documentElement.lang;
    try {
      return createI18n(isUiLanguage(shown) ? shown : language);
    } catch {
      return createI18n(language);
    }
  }, [language]);
  return (
    <I18nextProvider i18n={i18n}>
      <main id="main">
        <CrashScreen
          onRestart={() => {
            session.send({ type: 'session.reveal' });
            onRestart();
          }}
          onHide={() => session.send({ type: 'session.quickHide' })}
        />
      </main>
    </I18nextProvider>
  );
}

function AppShell({ language: firstLanguage, session, firstVault }: { language: UiLanguage; session: SessionActor; firstVault?: VaultState }) {
  const [language, setLanguage] = useState<UiLanguage>(firstLanguage);
  // Another language's strings load on the first switch (from the precache offline), then stay.
  const changeLanguage = useCallback((next: UiLanguage) => void loadAllStrings(next).then(() => setLanguage(next)), []);
  const i18n = useMemo(() => createI18n(language), [language]);
  const [vault, setVault] = useState<VaultState | 'checking'>(firstVault ?? 'checking');
  // Read by main.tsx before the first draw: not read again until the next lock.
  const probed = useRef(firstVault !== undefined);
  const snapshot = useSession(session);
  const [route, setRoute] = useState<Route>({ name: 'home' });
  const [unlockNotice, setUnlockNotice] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  // Each case records its officer at creation: none is started before the tablet names one.
  const [officerNamed, setOfficerNamed] = useState(true);
  const state = String(snapshot.value);
  const store = snapshot.context.store;
  // Training has its own database; it is opened only from the training screens.
  const training = useMemo(() => store?.training() ?? null, [store]);
  const update = useUpdate();
  const [staleTab, setStaleTab] = useState(false);
  const bar = useRef<HTMLElement>(null);
  const disguised = state === 'disguised';

  // The bar with Hide and Lock sticks to the top; what sticks under it, and focus scrolled into view, starts below it.
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => document.documentElement.style.setProperty('--app-bar-block-size', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => observer.disconnect();
  }, [disguised]);
  // Team sync runs only while unlocked, and loads PouchDB only on a tablet in a team.
  const team = useTeamSync(state === 'unlocked' || state === 'covered' ? store : null);
  const syncRefresh = team?.status ? `${team.status.lastSynced}-${team.status.pending}` : null;

  useEffect(() => {
    const stale = () => setStaleTab(true);
    window.addEventListener('screening:versionchange', stale);
    return () => window.removeEventListener('screening:versionchange', stale);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    document.title = DEPLOYED_NAME ?? i18n.t('app.neutralName');
    window.localStorage.setItem(LANGUAGE_KEY, language);
  }, [language, i18n]);

  useEffect(() => {
    if (probed.current) {
      probed.current = false;
      return;
    }
    if (state === 'locked') void probeVault().then(setVault);
  }, [state]);

  // Once the unlock screen is painted — not before: its first draw must not wait
  // for them — the storage code, the rest of this language's strings, then the
  // interview and the questionnaire (the first question must not wait for them),
  // then the other languages so that a switch is instant.
  useEffect(() => {
    if (vault === 'checking') return;
    let cancelled = false;
    void afterNextPaint().then(() => {
      if (cancelled) return;
      // The wait left after wrong passphrases, if any: shown before anyone types, even after a reload.
      if (state === 'locked' && vault === 'locked') {
        void loadStorage()
          .then((storage) => storage.unlockWait())
          .then(({ retryAt: at }) => !cancelled && setRetryAt(at));
      }
      void Promise.all([loadStorage(), loadAllStrings(language)])
        .then(preloadInterview)
        .then(() => Promise.all(Object.keys(UI_LANGUAGES).map((lng) => loadAllStrings(lng as UiLanguage))));
    });
    return () => {
      cancelled = true;
    };
  }, [vault, state, language]);

  const opened = useCallback(
    async (unlocked: CaseStore, startInterview = false) => {
      // "Unlock and start": straight to a new interview's first question, no home screen drawn in between.
      // Otherwise resume the interview that was on screen when the app was closed or locked.
      // A case records its officer at creation: until the tablet names one, no interview starts.
      // No screen after the unlock screen is drawn with the first screen's strings only (loaded by now, as a rule).
      const [officer] = await Promise.all([unlocked.officer(), loadAllStrings(language)]);
      const [next, policy] = await Promise.all([
        startInterview && officer !== null
          ? startNewInterview(unlocked, language).then(({ caseId, fresh }): Route => ({ name: 'interview', caseId, fresh }))
          : unlocked.openCase().then((open): Route => (open ? { name: 'interview', caseId: open } : { name: 'home' })),
        unlocked.policy(),
      ]);
      setRoute(next);
      setOfficerNamed(officer !== null);
      session.send({ type: 'session.unlocked', store: unlocked, policy: sessionPolicy(policy) });
    },
    [session, language],
  );

  // Nothing but the vault is read before the first screen after unlock draws, and
  // the sealed case index (at 20,000 cases, a second of a slow tablet's time) is
  // opened, and retention run on it, a few seconds later, off the path of the
  // officer's first taps: the home screen and the case list's first rows come from
  // one small sealed row meanwhile (CaseStore.overview, preview).
  useEffect(() => {
    if (!store) return;
    let cancelled = false;
    void afterNextPaint().then(() => {
      if (cancelled) return;
      void preloadCaseList();
      // The latest cases (one small sealed row), read now so that "cases" draws them at once.
      void store.preview().catch(() => undefined);
    });
    const retention = setTimeout(() => {
      if (cancelled) return;
      void store.applyRetention().catch(() => undefined);
      // Finished practices (trainee names, typed answers) do not outlive real cases.
      void store
        .policy()
        .then((policy) => Promise.all([store.training().applyRetention(policy.retentionDays), store.handover().applyRetention(policy.retentionDays)]))
        // A failure leaves them for the next unlock; nothing of a real case depends on it.
        .catch(() => undefined);
    }, INDEX_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(retention);
    };
  }, [store]);

  // A new case is remembered as the one to reopen only once it is written, and only
  // while it is still on screen (leaving it first sets "no open case").
  useEffect(() => {
    if (route.name !== 'interview' || !route.fresh || !store) return;
    let onScreen = true;
    route.fresh.created().then(
      () => onScreen && void store.setOpenCase(route.caseId),
      () => undefined,
    );
    return () => {
      onScreen = false;
    };
  }, [route, store]);

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
        retryAt={retryAt}
        onSubmit={async (passphrase, startInterview) => {
          if (vault === 'new') {
            const { createVault } = await loadStorage();
            const created = await createVault(passphrase);
            setVault('locked');
            await opened(created, startInterview);
            return true;
          }
          const { unlockVault } = await loadStorage();
          const result = await unlockVault(passphrase);
          if (result.store) {
            setUnlockNotice(null);
            setRetryAt(null);
            await opened(result.store, startInterview);
            return true;
          }
          setRetryAt(result.retryAt);
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
  } else if (!officerNamed) {
    screen = (
      <OfficerFirstUse
        onSave={async (officer) => {
          await store.setOfficer(officer);
          setOfficerNamed(true);
        }}
      />
    );
  } else if (route.name === 'interview') {
    screen = (
      <>
        {team?.settings && <MergeNotice store={store} caseId={route.caseId} refresh={syncRefresh} />}
        <InterviewRoute key={route.caseId} store={store} caseId={route.caseId} fresh={route.fresh} onHome={() => go({ name: 'home' })} onSummary={() => go({ name: 'summary', caseId: route.caseId, from: 'interview' })} />
      </>
    );
  } else if (route.name === 'team' && team) {
    screen = <TeamScreen team={team} statusText={team.status ? syncStatusText(i18n.t, team.status) : null} onHome={() => go({ name: 'home' })} />;
  } else if (route.name === 'training' && training) {
    screen = <TrainingScreen training={training} language={language} onPractice={(practiceId) => go({ name: 'practice', practiceId })} onExit={() => go({ name: 'home' })} />;
  } else if (route.name === 'practice' && training) {
    screen = <PracticeRoute key={route.practiceId} training={training} practiceId={route.practiceId} onExit={() => go({ name: 'training' })} />;
  } else if (route.name === 'summary') {
    const from = route.from;
    screen = (
      <>
        {team?.settings && <MergeNotice store={store} caseId={route.caseId} refresh={syncRefresh} />}
        {/* "Back" returns where the officer came from: the result, or the case list. */}
        <SummaryScreen
          key={route.caseId}
          store={store}
          caseId={route.caseId}
          onBack={() => go(from === 'interview' ? { name: 'interview', caseId: route.caseId } : { name: 'cases' })}
          onSendSecurely={() => go({ name: 'handover-send', caseId: route.caseId, from })}
        />
      </>
    );
  } else if (route.name === 'handover-send') {
    const from = route.from;
    screen = <SendScreen key={route.caseId} store={store} caseId={route.caseId} onBack={() => go({ name: 'summary', caseId: route.caseId, from })} onServiceKeys={() => go({ name: 'handover', view: 'serviceKeys' })} />;
  } else if (route.name === 'handover') {
    screen = <HandoverScreen key={route.view ?? 'receive'} store={store} initialView={route.view} onHome={() => go({ name: 'home' })} />;
  } else if (route.name === 'statistics') {
    screen = <StatisticsScreen store={store} onHome={() => go({ name: 'home' })} teamRecords={team?.settings?.role === 'coordinator' ? team.teamStatistics : undefined} />;
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
        onStarted={(caseId, fresh) => setRoute({ name: 'interview', caseId, fresh })}
        onCases={() => go({ name: 'cases' })}
        onDirectory={() => go({ name: 'directory' })}
        onStatistics={() => go({ name: 'statistics' })}
        onTraining={() => go({ name: 'training' })}
        onHandover={() => go({ name: 'handover' })}
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
          <header className="app-bar" ref={bar}>
            <span className="app-bar__title">{DEPLOYED_NAME ?? i18n.t('app.neutralName')}</span>
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
                  <button type="button" className="button button--quiet" data-action="team" onClick={() => go({ name: 'team' })}>
                    {i18n.t('team.open')}
                  </button>
                  {team?.status && <SyncBadge status={team.status} onOpen={() => go({ name: 'team' })} />}
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
        {state === 'disguised' ? (
          screen
        ) : (
          // A screen that fails to draw locks the session and says so; the app bar (and Hide) stay.
          <ScreenBoundary onCrash={() => session.send({ type: 'session.end' })}>
            <Suspense fallback={<p className="page" role="status">{i18n.t('interview.loading')}</p>}>{screen}</Suspense>
          </ScreenBoundary>
        )}
      </main>
      {state === 'covered' && <div className="privacy-cover" data-testid="privacy-cover" />}
    </I18nextProvider>
  );
}

function Home({
  store,
  onOpen,
  onStarted,
  onCases,
  onDirectory,
  onStatistics,
  onTraining,
  onHandover,
  language,
}: {
  store: CaseStore;
  onOpen: (id: string) => void;
  /** A new case: drawn at once, written in the background (it is remembered as open once written). */
  onStarted: (id: string, fresh: FreshCase) => void;
  onCases: () => void;
  onDirectory: () => void;
  onStatistics: () => void;
  onTraining: () => void;
  onHandover: () => void;
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
    try {
      // No encrypted write before the first question: the case is written in the background.
      const { caseId, fresh } = await startNewInterview(store, language);
      onStarted(caseId, fresh);
    } catch {
      // The interview could not load (say, a damaged offline copy): the button works again.
      setBusy(false);
    }
  }

  return <HomeScreen resumable={resumable} backupDue={backupDue} onStart={() => void start()} onResume={onOpen} onCases={onCases} onDirectory={onDirectory} onStatistics={onStatistics} onTraining={onTraining} onHandover={onHandover} busy={busy} />;
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

