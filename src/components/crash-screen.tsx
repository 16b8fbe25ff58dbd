/**
 * What a screen that failed to draw leaves behind: never a blank page. The
 * session is locked (the key dropped) by whoever catches the error; this says
 * so in neutral words — nothing about what the app is for, nothing of the
 * error (which could quote what was on screen) — and offers to start again.
 */
import { useState, type ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { NeutralPage } from './neutral-page';

export function CrashScreen({ onRestart, onHide }: { onRestart: () => void; onHide?: () => void }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(false);
  if (hidden) return <NeutralPage onReveal={onRestart} />;
  return (
    <div className="page page--narrow" data-testid="crash-screen">
      <h1>{t('crash.title')}</h1>
      <p>{t('crash.text')}</p>
      <div className="actions">
        <button type="button" className="button button--primary" data-action="restart" onClick={onRestart}>
          {t('crash.restart')}
        </button>
        {/* Where the app bar (and its Hide button) went down with the screen. */}
        {onHide && (
          <button
            type="button"
            className="button button--hide"
            data-action="quick-hide"
            onClick={() => {
              onHide();
              setHidden(true);
            }}
          >
            {t('session.hide')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Around each screen: a render error locks the session and shows the CrashScreen instead of a blank page. */
export function ScreenBoundary({ onCrash, children }: { onCrash: () => void; children: ReactNode }) {
  return (
    <ErrorBoundary onError={onCrash} fallbackRender={({ resetErrorBoundary }) => <CrashScreen onRestart={resetErrorBoundary} />}>
      {children}
    </ErrorBoundary>
  );
}
