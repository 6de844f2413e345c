/**
 * The Team section (#team): the server address, creating a team (its invite
 * code then shows), joining one with a code, syncing now, leaving. The device
 * token never reaches this page: the background holds it.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { request } from '../../messages/client';
import { loadSettings } from '../../store/settings';
import { holdLiveChannel } from '../../sync/live-port';
import { Field, TextInput } from '../form/components';
import { dateTime } from '../format';
import { t, uiLocale } from '../i18n';
import { TeamStatusLine, useTeamStatus } from '../team-status';

const DEFAULT_SERVER = 'http://127.0.0.1:8787';

export function TeamSection() {
  // Opening the page syncs now; while it is open, teammates' changes arrive live.
  const status = useTeamStatus(() => request('teamSyncNow', {}));
  useEffect(() => holdLiveChannel(), []);
  const serverUrl = useSignal('');
  const teamName = useSignal('');
  const code = useSignal('');
  const invite = useSignal<{ code: string; expiresAt: string } | null>(null);
  const busy = useSignal(false);
  const error = useSignal('');
  const managerName = useSignal<string | null>(null);

  useEffect(() => {
    void loadSettings().then((s) => (managerName.value = s.managerName));
  }, []);
  const s = status.value;
  const url = serverUrl.value || s?.serverUrl || DEFAULT_SERVER;

  const act = async (work: () => Promise<unknown>) => {
    error.value = '';
    busy.value = true;
    try {
      await work();
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  };
  const create = (ev: Event) => {
    ev.preventDefault();
    void act(async () => {
      invite.value = await request('teamCreate', { serverUrl: url, name: teamName.value });
      status.value = await request('teamStatus', {});
    });
  };
  const join = (ev: Event) => {
    ev.preventDefault();
    void act(async () => {
      status.value = await request('teamJoin', { serverUrl: url, code: code.value });
      code.value = '';
    });
  };
  const leave = () => {
    if (!confirm(t('team_leaveConfirm'))) return;
    void act(async () => {
      status.value = await request('teamLeave', {});
      invite.value = null;
    });
  };

  return (
    <section id="team" class="card" data-testid="section-team">
      <h2>{t('options_navTeam')}</h2>
      <p class="muted">{t('team_intro')}</p>
      <TeamStatusLine status={s} />
      {s && !s.inTeam ? (
        <>
          {managerName.value === '' ? <p class="notice">{t('team_nameNeeded')}</p> : null}
          <Field label={t('team_serverUrl')}>
            {(id) => <TextInput id={id} type="url" value={url} onValue={(v) => (serverUrl.value = v)} data-testid="team-server-url" />}
          </Field>
          <form class="team-form" onSubmit={create}>
            <h3>{t('team_createTitle')}</h3>
            <Field label={t('team_createName')}>
              {(id) => <TextInput id={id} value={teamName.value} onValue={(v) => (teamName.value = v)} data-testid="team-create-name" required maxLength={200} />}
            </Field>
            <button type="submit" class="btn btn--primary" data-testid="team-create" disabled={busy.value || !teamName.value.trim()}>
              {t('team_create')}
            </button>
          </form>
          <form class="team-form" onSubmit={join}>
            <h3>{t('team_joinTitle')}</h3>
            <Field label={t('team_joinCode')}>
              {(id) => <TextInput id={id} value={code.value} onValue={(v) => (code.value = v)} data-testid="team-join-code" required maxLength={64} autocomplete="off" />}
            </Field>
            <button type="submit" class="btn btn--primary" data-testid="team-join" disabled={busy.value || code.value.trim().length < 4}>
              {t('team_join')}
            </button>
          </form>
        </>
      ) : null}
      {s?.inTeam ? (
        <>
          <p>
            {t('team_in', s.teamName ?? '', s.serverUrl ?? '')} · {s.role === 'head' ? t('team_roleHead') : t('team_roleManager')}
          </p>
          {invite.value ? (
            <p>
              {t('team_inviteCode', dateTime(invite.value.expiresAt, uiLocale()))} <code class="invite-code" data-testid="team-invite-code">{invite.value.code}</code>
            </p>
          ) : null}
          <div class="team-actions">
            <button type="button" class="btn" data-testid="team-sync-now" disabled={busy.value} onClick={() => void act(async () => (status.value = await request('teamSyncNow', {})))}>
              {t('team_syncNow')}
            </button>
            {s.role === 'head' ? (
              <button type="button" class="btn" data-testid="team-new-invite" disabled={busy.value} onClick={() => void act(async () => (invite.value = await request('teamInvite', {})))}>
                {t('team_newInvite')}
              </button>
            ) : null}
            <button type="button" class="btn" data-testid="team-leave" disabled={busy.value} onClick={leave}>
              {t('team_leave')}
            </button>
          </div>
        </>
      ) : null}
      {error.value ? (
        <p class="notice notice--error" role="alert" data-testid="team-error">
          {error.value}
        </p>
      ) : null}
    </section>
  );
}
