import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../storage/sync/pouch-runtime';

/** The badge's words for a sync status: synced, pending n, or failing with why. */
export function syncStatusText(t: TFunction, status: SyncStatus): string {
  if (status.state === 'failing') return t('team.badge.failing', { reason: t(`team.failure.${status.failure ?? 'unreachable'}` as 'team.failure.offline') });
  if (status.state === 'pending') return t('team.badge.pending', { count: status.pending });
  return t(`team.badge.${status.state}` as 'team.badge.synced');
}

/** Shown only on a tablet in a team: whether its changes have reached the server. Nothing waits on it. */
export function SyncBadge({ status, onOpen }: { status: SyncStatus; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={`sync-badge sync-badge--${status.state}`} data-testid="sync-badge" data-state={status.state} onClick={onOpen}>
      <span role="status">{syncStatusText(t, status)}</span>
    </button>
  );
}
