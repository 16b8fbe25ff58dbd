import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Says whether a network is there; nothing in the app waits for one. */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  return (
    <span className={`connection connection--${online ? 'online' : 'offline'}`} role="status" title={t(online ? 'connection.onlineHint' : 'connection.offlineHint')}>
      {t(online ? 'connection.online' : 'connection.offline')}
    </span>
  );
}
