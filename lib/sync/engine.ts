import type { z } from 'zod';
import type { Db } from '../store/schema';
import { SYNC_STORES, appendLocal, idbReplica, loadSession, nextClocks, observeClocks, readMeta, writeMeta, type TeamSession } from '../store/sync-log';
import { api, MAX_PUSH_BATCH, type Invite } from './api';
import { applyChanges } from './apply';
import { callLogged, companyCreated } from './local';

/**
 * The device's side of team sync, run by the background: push the outbox,
 * pull pages after the cursor (saved after each page: the service worker may
 * stop at any moment), apply them with the merge rules, report the state.
 */
export const REQUEST_TIMEOUT_MS = 25_000;
const PULL_PAGE = 500;
/** After a failed round the next automatic one waits 2 s, 4 s, 8 s … up to a minute (the alarm's period), ±20 %. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 60_000;

/** The wait before the next automatic round after `failures` failed ones in a row (`random` in [0, 1)). */
export function retryDelay(failures: number, random = 0.5): number {
  const exact = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
  return Math.round(exact * (0.8 + 0.4 * random));
}

export interface SyncStatus {
  inTeam: boolean;
  serverUrl?: string;
  teamName?: string;
  role?: 'head' | 'manager';
  lastSyncAt?: string;
  pending: number;
  /** The last error, as a message key of the catalogue (shown in the user's language). */
  error?: 'offline' | 'unauthorized' | 'server' | 'invite' | 'bad_url';
  syncing: boolean;
}

export interface EngineDeps {
  db: () => Promise<Db>;
  fetch?: typeof fetch;
  /** Tells every tab which companies changed (the badges listen to it). */
  announce: (companyIds: string[]) => Promise<void>;
  /** Publishes the status where the options page and the popup listen. */
  publish: (status: SyncStatus) => Promise<void>;
  managerName: () => Promise<string>;
  /** Timers of the automatic retries (tests pass their own). */
  schedule?: (run: () => void, ms: number) => () => void;
  now?: () => number;
  random?: () => number;
}

export class SyncError extends Error {
  constructor(
    readonly code: NonNullable<SyncStatus['error']>,
    message: string,
  ) {
    super(message);
  }
}

export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SyncError('bad_url', `Not a server address: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SyncError('bad_url', 'The server address must start with http:// or https://');
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function createEngine(deps: EngineDeps) {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  let running: Promise<void> | undefined;
  let again = false;
  const schedule =
    deps.schedule ??
    ((run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    });
  const now = deps.now ?? Date.now;
  // Backoff state. Memory only: a stopped service worker forgets it, and then
  // the worst is one early attempt; the minute alarm is the durable retry.
  let failures = 0;
  let retryAt = 0;
  let cancelRetry: (() => void) | undefined;
  const armRetry = (ms: number) => {
    cancelRetry?.();
    cancelRetry = schedule(() => {
      cancelRetry = undefined;
      void syncNow();
    }, ms);
  };

  async function request<S extends z.ZodType>(session: Pick<TeamSession, 'serverUrl'> & { token?: string }, method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await doFetch(session.serverUrl + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncError('offline', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401) throw new SyncError('unauthorized', 'The server no longer accepts this device');
    if (response.status === 404 || response.status === 410) {
      const text = await response.text().catch(() => '');
      if (path.startsWith('/teams/join')) throw new SyncError('invite', text);
    }
    if (!response.ok) throw new SyncError('server', `HTTP ${response.status}`);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new SyncError('offline', 'The answer was cut off');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncError('server', 'The server answered something unexpected');
    return parsed.data;
  }

  async function status(extra: Partial<SyncStatus> = {}): Promise<SyncStatus> {
    const db = await deps.db();
    const tx = db.transaction(['outbox', 'syncMeta']);
    const session = await readMeta<TeamSession>(tx, 'session');
    const pending = await tx.objectStore('outbox').count();
    const lastSyncAt = await readMeta<string>(tx, 'lastSyncAt');
    const error = await readMeta<SyncStatus['error']>(tx, 'lastError');
    return {
      inTeam: !!session,
      serverUrl: session?.serverUrl,
      teamName: session?.teamName,
      role: session?.role,
      lastSyncAt,
      pending,
      error,
      syncing: !!running,
      ...extra,
    };
  }

  const publish = async (extra?: Partial<SyncStatus>) => deps.publish(await status(extra));

  async function setMeta(key: string, value: unknown) {
    const db = await deps.db();
    const tx = db.transaction('syncMeta', 'readwrite');
    await writeMeta(tx, key, value);
    await tx.done;
  }

  /** Pushes the outbox in batches; a batch leaves the outbox only once the server has it. */
  async function pushAll(session: TeamSession): Promise<number> {
    const db = await deps.db();
    let lastSeq = 0;
    for (;;) {
      const batch = await db.getAllFromIndex('outbox', 'order', undefined, MAX_PUSH_BATCH);
      if (batch.length === 0) return lastSeq;
      const reply = await request(session, 'POST', '/sync/push', api.push.reply, { changes: batch.map((b) => b.change) });
      lastSeq = reply.seq;
      const tx = db.transaction('outbox', 'readwrite');
      for (const item of batch) await tx.store.delete(item.id);
      await tx.done;
    }
  }

  async function pullAll(session: TeamSession): Promise<void> {
    const db = await deps.db();
    for (;;) {
      const cursor = (await readMeta<number>(db.transaction('syncMeta'), 'cursor')) ?? 0;
      const page = await request(session, 'GET', `/sync/pull?after=${cursor}&limit=${PULL_PAGE}`, api.pull.reply);
      if (page.changes.length === 0) return;
      const tx = db.transaction(['companies', 'calls', 'totals', ...SYNC_STORES], 'readwrite');
      await observeClocks(tx, page.changes.map((c) => c.change.hlc));
      const touched = await applyChanges(idbReplica(tx), page.changes.map((c) => c.change), { force: true });
      await writeMeta(tx, 'cursor', page.changes.at(-1)!.seq);
      await tx.done;
      if (touched.length) await deps.announce([...new Set(touched)]);
      if (!page.hasMore) return;
    }
  }

  /** One sync round; calls while one runs make it run once more afterwards. */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const db = await deps.db();
        const session = await loadSession(db);
        if (!session) return;
        await publish({ syncing: true });
        try {
          await pushAll(session);
          await pullAll(session);
          await setMeta('lastError', undefined);
          await setMeta('lastSyncAt', new Date().toISOString());
          failures = 0;
          retryAt = 0;
          cancelRetry?.();
          cancelRetry = undefined;
        } catch (error) {
          const code = error instanceof SyncError ? error.code : 'server';
          await setMeta('lastError', code);
          if (!(error instanceof SyncError)) console.error('callmark: sync failed', error);
          again = false;
          // Offline or a server fault: try again by itself, each time later. A refused device waits for the user.
          if (code !== 'unauthorized') {
            failures += 1;
            const wait = retryDelay(failures, deps.random?.() ?? Math.random());
            retryAt = now() + wait;
            armRetry(wait);
          }
        }
      } while (again);
    })().finally(() => {
      running = undefined;
      void publish({ syncing: false });
    });
    return running;
  }

  /** Queues the whole local base (companies, then calls) for the team's first sync from this device. */
  async function uploadBase() {
    const db = await deps.db();
    const companies = await db.getAll('companies');
    const calls = await db.getAll('calls');
    const tx = db.transaction(['companies', 'calls', ...SYNC_STORES], 'readwrite');
    const clocks = await nextClocks(tx, companies.length + calls.length);
    let i = 0;
    await appendLocal(tx, [...companies.map((c) => companyCreated(c, clocks[i++]!)), ...calls.map((c) => callLogged(c, clocks[i++]!))]);
    await tx.done;
  }

  async function begin(serverUrl: string, reply: z.output<typeof api.joinTeam.reply>, managerName: string) {
    const db = await deps.db();
    const tx = db.transaction(SYNC_STORES, 'readwrite');
    // A new team: nothing of a previous one's log, queue or cursor carries over.
    await tx.objectStore('syncLog').clear();
    await tx.objectStore('outbox').clear();
    for (const key of ['cursor', 'lastError', 'lastSyncAt', 'outboxOrder']) await tx.objectStore('syncMeta').delete(key);
    const session: TeamSession = {
      serverUrl,
      teamId: reply.team.id,
      teamName: reply.team.name,
      memberId: reply.member.id,
      role: reply.member.role,
      deviceId: reply.deviceId,
      token: reply.token,
      managerName,
    };
    await writeMeta(tx, 'session', session);
    await tx.done;
    await uploadBase();
    await syncNow();
  }

  /**
   * A round soon (after a local change): in `delayMs`, or when the backoff of
   * earlier failures allows, whichever is later. syncNow itself (the user, the
   * alarm, a live notice, start-up) never waits for the backoff.
   */
  function syncSoon(delayMs: number): void {
    armRetry(Math.max(delayMs, retryAt - now()));
  }

  return {
    syncNow,
    syncSoon,
    /** Failed rounds in a row, and when the next automatic one runs (0: none waiting). */
    backoff: () => ({ failures, retryAt }),
    status,
    publish,
    async createTeam(rawUrl: string, name: string): Promise<{ invite: Invite }> {
      const serverUrl = normalizeServerUrl(rawUrl);
      const managerName = await deps.managerName();
      const reply = await request({ serverUrl }, 'POST', '/teams', api.createTeam.reply, { name, managerName, deviceName: '' });
      await begin(serverUrl, reply, managerName);
      return { invite: reply.invite };
    },
    async joinTeam(rawUrl: string, code: string): Promise<void> {
      const serverUrl = normalizeServerUrl(rawUrl);
      const managerName = await deps.managerName();
      const reply = await request({ serverUrl }, 'POST', '/teams/join', api.joinTeam.reply, { code, managerName, deviceName: '' });
      await begin(serverUrl, reply, managerName);
    },
    async newInvite(): Promise<Invite> {
      const session = await loadSession(await deps.db());
      if (!session) throw new SyncError('unauthorized', 'Not in a team');
      return request(session, 'POST', '/team/invites', api.createInvite.reply, {});
    },
    /** Leaves the team: this device's token is revoked; the local base stays as it is. */
    async leave(): Promise<void> {
      const db = await deps.db();
      const session = await loadSession(db);
      if (!session) return;
      await request(session, 'POST', '/team/leave', api.leave.reply, {}).catch(() => undefined);
      const tx = db.transaction(SYNC_STORES, 'readwrite');
      await tx.objectStore('syncLog').clear();
      await tx.objectStore('outbox').clear();
      await tx.objectStore('syncMeta').clear();
      await tx.done;
      await publish();
    },
    /** The live channel's address and token (the background opens the WebSocket). */
    async liveTarget(): Promise<{ url: string; token: string } | undefined> {
      const session = await loadSession(await deps.db());
      return session && { url: `${session.serverUrl.replace(/^http/, 'ws')}/live`, token: session.token };
    },
  };
}

export type SyncEngine = ReturnType<typeof createEngine>;
