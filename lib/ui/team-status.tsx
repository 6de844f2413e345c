/**
 * Team sync's state in words: last sync time, changes waiting, the last error.
 * Shown on the options page (Team section) and in the popup; it follows the
 * background's status live (storage key SYNC_STATUS_KEY).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { TeamStatus } from '../messages/protocol';
import { onLocalKey, SYNC_STATUS_KEY } from '../store/storage';
import { TEAM_ERRORS } from '../sync/handlers';
import { dateTime } from './format';
import { t, uiLocale } from './i18n';

/** The current status, kept up to date; `initial` comes from a teamStatus or teamSyncNow answer. */
export function useTeamStatus(initial: () => Promise<TeamStatus>) {
  const status = useSignal<TeamStatus | null>(null);
  useEffect(() => {
    void initial().then((s) => (status.value = s)).catch(() => undefined);
    return onLocalKey(SYNC_STATUS_KEY, (value) => {
      if (value && typeof value === 'object' && 'inTeam' in value) status.value = value as TeamStatus;
    });
  }, []);
  return status;
}

export function TeamStatusLine({ status, compact }: { status: TeamStatus | null; compact?: boolean }) {
  if (!status) return null;
  if (!status.inTeam) return compact ? null : <p class="muted" data-testid="team-status">{t('team_notInTeam')}</p>;
  const parts = [
    status.syncing ? t('team_syncing') : status.lastSyncAt ? t('team_lastSync', dateTime(status.lastSyncAt, uiLocale())) : t('team_neverSynced'),
  ];
  if (status.pending > 0) parts.push(t('team_pending', status.pending));
  return (
    <div class={`team-status${status.error ? ' team-status--error' : ''}`} data-testid="team-status" role="status">
      {compact ? <strong>{status.teamName} · </strong> : null}
      <span>{parts.join(' · ')}</span>
      {status.error ? <p class="notice notice--error">{t('team_lastError', t(TEAM_ERRORS[status.error]))}</p> : null}
    </div>
  );
}
