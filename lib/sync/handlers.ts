import { HandlerError, type Handlers } from '../messages/router';
import type { TeamRequest } from '../messages/protocol';
import { t } from '../ui/i18n';
import { SyncError, type SyncEngine } from './engine';

/** The words for each sync error, in the catalogues. */
export const TEAM_ERRORS = {
  offline: 'team_err_offline',
  unauthorized: 'team_err_unauthorized',
  server: 'team_err_server',
  invite: 'team_err_invite',
  bad_url: 'team_err_bad_url',
} as const;

const notInTeam = { inTeam: false, pending: 0, syncing: false };
/** A device with no sync engine (tests of other parts): in no team. */
export const noTeamHandlers: Pick<Handlers, TeamRequest> = {
  teamStatus: async () => notInTeam,
  teamCreate: async () => {
    throw new HandlerError('invalid', t('team_err_server'));
  },
  teamJoin: async () => {
    throw new HandlerError('invalid', t('team_err_server'));
  },
  teamInvite: async () => {
    throw new HandlerError('invalid', t('team_err_unauthorized'));
  },
  teamSyncNow: async () => notInTeam,
  teamLeave: async () => notInTeam,
};

/** The Team section's messages: the background talks to the server, the pages never hold the token. */
export function createTeamHandlers(engine: SyncEngine): Pick<Handlers, TeamRequest> {
  const words = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SyncError) throw new HandlerError('invalid', t(TEAM_ERRORS[error.code]));
      throw error;
    }
  };
  return {
    teamStatus: () => engine.status(),
    teamCreate: ({ serverUrl, name }) =>
      words(async () => {
        const { invite } = await engine.createTeam(serverUrl, name);
        return { code: invite.code, expiresAt: invite.expiresAt };
      }),
    teamJoin: ({ serverUrl, code }) =>
      words(async () => {
        await engine.joinTeam(serverUrl, code);
        return engine.status();
      }),
    teamInvite: () =>
      words(async () => {
        const invite = await engine.newInvite();
        return { code: invite.code, expiresAt: invite.expiresAt };
      }),
    teamSyncNow: async () => {
      await engine.syncNow();
      return engine.status();
    },
    teamLeave: async () => {
      await engine.leave();
      return engine.status();
    },
  };
}
