import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_MAX_MS, retryDelay } from '../../../lib/sync/engine';
import { logCall } from '../../../lib/store/calls';
import { BACKENDS, startServer, type ServerContext } from '../server/helpers';
import { device } from './device';

/**
 * The device's sync engine (lib/sync/engine.ts) against a real team server on
 * PGlite: the offline queue, the backoff of automatic retries, catching up.
 */

/** The network as the engine sees it: switchable off, every request recorded. */
function network() {
  const net = {
    offline: false,
    requests: [] as string[],
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      net.requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
      if (net.offline) throw new TypeError('fetch failed');
      return fetch(input, init);
    }) as typeof fetch,
  };
  return net;
}

/** Timers the test fires by hand. */
function clock(start = Date.parse('2026-03-02T10:00:00Z')) {
  const c = {
    now: start,
    timers: [] as Array<{ at: number; run: () => void; cancelled: boolean }>,
    schedule: (run: () => void, ms: number) => {
      const timer = { at: c.now + ms, run, cancelled: false };
      c.timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    /** The live timers' delays from now. */
    waiting: () => c.timers.filter((t) => !t.cancelled).map((t) => t.at - c.now),
    /** Moves time to the next live timer and runs it. */
    async fireNext(): Promise<number> {
      const next = c.timers.filter((t) => !t.cancelled).sort((a, b) => a.at - b.at)[0];
      if (!next) throw new Error('no timer');
      next.cancelled = true;
      const waited = next.at - c.now;
      c.now = next.at;
      next.run();
      return waited;
    },
  };
  return c;
}

describe('the sync engine', () => {
  let server: ServerContext;
  beforeAll(async () => {
    server = await startServer(BACKENDS[0]!);
  }, 60_000);
  afterAll(() => server.stop());

  it('offline: keeps working, queues every change, says so, and pushes each exactly once when the network returns', async () => {
    const net = network();
    const time = clock();
    const anna = await device('Анна', { fetch: net.fetch, schedule: time.schedule, now: () => time.now, random: () => 0.5 });
    await anna.engine.createTeam(server.url, 'Продажи');
    net.offline = true;
    // Calls logged the way the background logs them: each queues its changes in its own transaction.
    const listing = (n: number) => ({ directory: '2gis' as const, name: `Кафе ${n}`, phones: [], siteId: `7000000110000${n}`, url: `https://2gis.ru/moscow/firm/7000000110000${n}` });
    for (let n = 0; n < 20; n++) await logCall(anna.db, { listing: listing(n) }, { id: crypto.randomUUID(), outcome: n % 2 ? 'refused' : 'closed', reason: 'дорого' }, 'RU');
    expect(await anna.db.count('calls')).toBe(20);
    await anna.engine.syncNow();
    const offline = await anna.engine.status();
    expect(offline).toMatchObject({ inTeam: true, error: 'offline', pending: 40, syncing: false });
    expect(anna.published.at(-1)).toMatchObject({ error: 'offline', pending: 40 });

    // Still offline, the retries keep everything queued.
    await time.fireNext();
    await anna.engine.syncNow();
    expect(await anna.outbox()).toBe(40);

    net.offline = false;
    await anna.engine.syncNow();
    expect(await anna.engine.status()).toMatchObject({ error: undefined, pending: 0 });
    const pull = await fetch(`${server.url}/sync/pull?limit=1000`, { headers: { authorization: `Bearer ${(await anna.engine.liveTarget())!.token}` } });
    const { changes } = (await pull.json()) as { changes: Array<{ change: { id: string; kind: string } }> };
    expect(changes.filter((c) => c.change.kind === 'call')).toHaveLength(20);
    expect(new Set(changes.map((c) => c.change.id)).size).toBe(changes.length);
    // A batch goes in one request; the outbox is emptied only by the server's answer.
    expect(net.requests.filter((r) => r.startsWith('POST /sync/push')).length).toBeGreaterThanOrEqual(3);
  });

  it('backs off: each failed round waits 2, 4, 8 … s up to a minute before the next automatic one; success resets it', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => retryDelay(n))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    // ±20 % so that a team's devices do not all come back at the same instant.
    expect(retryDelay(3, 0)).toBe(6400);
    expect(retryDelay(3, 0.999999)).toBe(9600);
    expect(retryDelay(40, 0.999999)).toBe(RETRY_MAX_MS * 1.2);

    const net = network();
    const time = clock();
    const boris = await device('Борис', { fetch: net.fetch, schedule: time.schedule, now: () => time.now, random: () => 0.5 });
    await boris.engine.createTeam(server.url, 'Отдел');
    net.offline = true;
    await boris.engine.syncNow();
    const waits = [time.waiting()[0]];
    for (let i = 0; i < 6; i++) {
      const before = net.requests.length;
      waits.push(await time.fireNext());
      await boris.engine.syncNow(); // joins the round the timer started
      expect(net.requests.length).toBe(before + 1); // one attempt per round, no storm
    }
    expect(waits).toEqual([2000, 2000, 4000, 8000, 16000, 32000, 60000]);
    expect(boris.engine.backoff().failures).toBe(7);

    // A local change during the backoff does not push before the backoff allows.
    boris.engine.syncSoon(1500);
    expect(time.waiting()).toEqual([60000]);

    net.offline = false;
    await time.fireNext();
    await boris.engine.syncNow();
    expect(boris.engine.backoff()).toEqual({ failures: 0, retryAt: 0 });
    boris.engine.syncSoon(1500);
    expect(time.waiting()).toEqual([1500]);
  });

  it('does not retry by itself when the server refuses the device (left the team, token revoked)', async () => {
    const net = network();
    const time = clock();
    const vera = await device('Вера', { fetch: net.fetch, schedule: time.schedule, now: () => time.now });
    await vera.engine.createTeam(server.url, 'Команда');
    const token = (await vera.engine.liveTarget())!.token;
    await fetch(`${server.url}/team/leave`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await vera.logLocally(1, 1);
    await vera.engine.syncNow();
    expect((await vera.engine.status()).error).toBe('unauthorized');
    expect(time.waiting()).toEqual([]);
    expect(await vera.outbox()).toBe(2); // kept, not dropped
  });

  it('catches up after a long time offline: pages of 500, the cursor saved after each, every teammate change applied once', async () => {
    const anna = await device('Анна');
    const { invite } = await anna.engine.createTeam(server.url, 'Продажи');
    const net = network();
    const boris = await device('Борис', { fetch: net.fetch });
    await boris.engine.joinTeam(server.url, invite.code);
    net.offline = true;
    // While Boris is offline, Anna logs 1,300 changes and he logs his own.
    const annas = await anna.logLocally(100, 12);
    await anna.engine.syncNow();
    const his = await boris.logLocally(5, 3);
    await boris.engine.syncNow();
    expect((await boris.engine.status()).error).toBe('offline');

    net.offline = false;
    net.requests.length = 0;
    await boris.engine.syncNow();
    expect(await boris.engine.status()).toMatchObject({ error: undefined, pending: 0 });
    expect(net.requests.filter((r) => r.startsWith('GET /sync/pull')).map((r) => /after=(\d+)/.exec(r)![1])).toEqual(['0', '500', '1000']);
    expect(await boris.cursor()).toBe(annas.length + his.length);
    expect(await boris.db.count('calls')).toBe(1200 + 15);
    expect(await boris.db.count('companies')).toBe(105);
    // Every company of Anna's reached Boris's badges (announced), with the status her calls give it.
    const announced = new Set(boris.announced.flat());
    for (const c of annas.filter((c) => c.kind === 'company')) expect(announced.has(c.companyId)).toBe(true);
    const statuses = (await boris.db.getAll('companies')).map((c) => c.status);
    expect(statuses.every((s) => s === 'refused')).toBe(true);

    // Anna catches up with Boris's offline work too: both bases are the same.
    await anna.engine.syncNow();
    const ids = async (d: typeof anna) => (await d.db.getAll('calls')).map((c) => c.id).sort();
    expect(await ids(anna)).toEqual(await ids(boris));
  });
});
