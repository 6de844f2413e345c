import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadSession } from '../../../lib/store/sync-log';
import type { Queryable } from '../../../server/db';
import { openPglite, openPostgres } from '../../../server/db';
import { device, type Device } from '../sync/device';
import { eachBackend, freshPostgres, POSTGRES_URL, startApp } from './helpers';
import { faultyProxy, type FaultyProxy } from './proxy';
import { spawnServer, type ServerProcess } from './process';

/**
 * Issue 10's faults, with the real sync engine (lib/sync/engine.ts) on one
 * side and the real server on the other, on PGlite and on PostgreSQL:
 * - the client killed mid-push: the server has the batch, the reply is lost,
 *   and the retry stores nothing twice;
 * - the connection dropped mid-pull: the next round resumes from the cursor
 *   saved after the last whole page, and nothing is skipped;
 * - the server process killed (SIGKILL) or stopped (SIGTERM) mid-sync and
 *   started again: nothing lost, nothing doubled.
 */

const teamOf = async (d: Device) => (await loadSession(d.db))!.teamId;

/** What the server holds for a team: rows, distinct change ids, the counter and the highest sequence number. */
async function stored(db: Queryable, teamId: string) {
  const { rows } = await db.query<{ rows: number; ids: number; top: number | null }>(
    'SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids, max(seq) AS top FROM changes WHERE team_id = $1',
    [teamId],
  );
  const team = await db.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [teamId]);
  return { rows: rows[0]!.rows, ids: rows[0]!.ids, top: Number(rows[0]!.top ?? 0), seq: Number(team.rows[0]!.seq) };
}

/** A device's base in a comparable form: every company's status and call count, and every call id. */
async function baseOf(d: Device) {
  const companies = await d.db.getAll('companies');
  const calls = await d.db.getAll('calls');
  return {
    companies: Object.fromEntries(companies.map((c) => [c.id, `${c.status}/${c.statusReason ?? ''}/${c.callCount}`])),
    calls: calls.map((c) => c.id).sort(),
  };
}

eachBackend('sync faults', (ctx, backend) => {
  let app: FastifyInstance;
  let proxy: FaultyProxy;
  /** Set by a test: runs inside the push transaction, after the sequence numbers are taken, before commit. */
  let beforeCommit: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    app = await startApp(ctx().db, { pushHooks: { beforeCommit: async () => beforeCommit?.() } });
  });
  afterAll(() => app.close());
  afterEach(async () => {
    beforeCommit = undefined;
    await proxy?.close();
  });
  const urlOfApp = () => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const newProxy = async () => (proxy = await faultyProxy((app.server.address() as { port: number }).port));

  it.runIf(backend.name === 'PostgreSQL')('PostgreSQL dropping the server’s idle connections does not stop the server', async () => {
    // A few connections in the server's pool: queries at the same time each take one (a /health
    // answered without the database would leave the pool with the one connection that kills the rest).
    await Promise.all(Array.from({ length: 4 }, () => ctx().db.query('SELECT pg_sleep(0.05)')));
    const { rows } = await ctx().db.query<{ n: number }>(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    const anna = await device('Анна');
    await anna.engine.createTeam(urlOfApp(), 'После обрыва');
    expect((await fetch(`${ctx().url}/health`)).status).toBe(200);
  });

  it('a client killed mid-push: the server commits the batch it had, the retry stores nothing twice', async () => {
    await newProxy();
    const anna = await device('Анна');
    await anna.engine.createTeam(proxy.url, 'Продажи');
    const logged = await anna.logLocally(100, 11); // 1,200 changes: pushes of 500, 500, 200
    expect(await anna.outbox()).toBe(1200);

    let pushes = 0;
    beforeCommit = async () => {
      if (++pushes !== 2) return;
      // The second batch is in the server's transaction: the client dies now.
      proxy.killAll();
      await new Promise((r) => setTimeout(r, 50));
    };
    await anna.engine.syncNow();
    expect((await anna.engine.status()).error).toBe('offline');
    // The first batch was acknowledged and left the outbox; the second was committed but never acknowledged.
    expect(await anna.outbox()).toBe(700);
    const team = await teamOf(anna);
    // The client is gone before the server commits: wait for the commit rather than race it.
    await vi.waitFor(async () => expect(await stored(ctx().db, team)).toEqual({ rows: 1000, ids: 1000, top: 1000, seq: 1000 }), { timeout: 10_000, interval: 50 });

    beforeCommit = undefined;
    await anna.engine.syncNow();
    const status = await anna.engine.status();
    expect(status.error).toBeUndefined();
    expect(status.pending).toBe(0);
    // 500 repeated changes kept their first numbers and took no new ones.
    expect(await stored(ctx().db, team)).toEqual({ rows: 1200, ids: 1200, top: 1200, seq: 1200 });
    const { rows } = await ctx().db.query<{ id: string }>('SELECT id FROM changes WHERE team_id = $1', [team]);
    expect(rows.map((r) => r.id).sort()).toEqual(logged.map((c) => c.id).sort());
  });

  it('a push whose reply is lost on the way back: the retry is answered as duplicates, nothing doubled', async () => {
    await newProxy();
    const anna = await device('Анна');
    await anna.engine.createTeam(proxy.url, 'Продажи');
    await anna.logLocally(30, 4); // 150 changes, one push
    let dropped = 0;
    proxy.rule = (line) => (line.startsWith('POST /sync/push') && dropped++ === 0 ? { dropReply: true } : undefined);
    await anna.engine.syncNow();
    expect((await anna.engine.status()).error).toBe('offline');
    expect(await anna.outbox()).toBe(150);
    const team = await teamOf(anna);
    expect(await stored(ctx().db, team)).toEqual({ rows: 150, ids: 150, top: 150, seq: 150 });

    await anna.engine.syncNow();
    expect(await anna.outbox()).toBe(0);
    expect(await stored(ctx().db, team)).toEqual({ rows: 150, ids: 150, top: 150, seq: 150 });
    expect(proxy.requests.filter((l) => l.startsWith('POST /sync/push'))).toHaveLength(2);
  });

  it('the connection dropped mid-pull: the next round resumes from the last whole page, nothing skipped or doubled', async () => {
    await newProxy();
    const anna = await device('Анна');
    const { invite } = await anna.engine.createTeam(ctx().url, 'Продажи');
    const boris = await device('Борис');
    await boris.engine.joinTeam(proxy.url, invite.code);
    const logged = await anna.logLocally(120, 9); // 1,200 changes: pages of 500, 500, 200
    await anna.engine.syncNow();
    expect(await anna.outbox()).toBe(0);

    let cut = 0;
    proxy.rule = (line) => (line.includes('/sync/pull?after=500') && cut++ === 0 ? { cutAfterBytes: 40_000 } : undefined);
    await boris.engine.syncNow();
    expect((await boris.engine.status()).error).toBe('offline');
    // The first page was applied and its cursor saved; the cut second page changed nothing.
    expect(await boris.cursor()).toBe(500);
    const firstPage = new Set(logged.slice(0, 500).map((c) => c.companyId));
    const annas = (await baseOf(anna)).companies;
    expect((await baseOf(boris)).companies).toEqual(Object.fromEntries(Object.entries(annas).filter(([id]) => firstPage.has(id))));
    expect(Object.keys((await baseOf(boris)).companies)).toHaveLength(50);

    await boris.engine.syncNow();
    expect((await boris.engine.status()).error).toBeUndefined();
    expect(await boris.cursor()).toBe(1200);
    const pulls = proxy.requests.filter((l) => l.startsWith('GET /sync/pull')).map((l) => Number(/after=(\d+)/.exec(l)![1]));
    // Joining's own pull, then the cut page, then the rest; a live notice may add a last, empty pull from the end.
    expect(pulls.slice(0, 5)).toEqual([0, 0, 500, 500, 1000]);
    expect(pulls.slice(5).every((after) => after === 1200)).toBe(true);
    expect(await baseOf(boris)).toEqual(await baseOf(anna));
    expect(await boris.db.count('calls')).toBe(1080);
  });
});

interface Backing {
  name: string;
  env(): Promise<{ env: Record<string, string>; open: () => Promise<Queryable & { close(): Promise<void> }>; drop(): Promise<void> }>;
}

const BACKINGS: Backing[] = [
  {
    name: 'PGlite',
    env: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'callmark-faults-'));
      return { env: { DATA_DIR: dir, DATABASE_URL: '' }, open: () => openPglite(dir), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(POSTGRES_URL
    ? [
        {
          name: 'PostgreSQL',
          env: async () => {
            const fresh = await freshPostgres(POSTGRES_URL!);
            await fresh.db.close();
            return { env: { DATABASE_URL: fresh.url }, open: async () => openPostgres(fresh.url), drop: fresh.drop };
          },
        },
      ]
    : []),
];

if (!POSTGRES_URL) describe.skip('server restarted mid-sync on PostgreSQL (set DATABASE_URL to a PostgreSQL server to run)', () => {});
for (const backing of BACKINGS) {
  describe(`server restarted mid-sync on ${backing.name}`, { retry: 1 }, () => {
    let server: ServerProcess | undefined;
    let setup: Awaited<ReturnType<Backing['env']>>;
    beforeAll(async () => {
      setup = await backing.env();
    });
    // A failed attempt's server must not hold the data folder for the retry.
    afterEach(async () => {
      await server?.kill('SIGKILL');
      server = undefined;
    });
    afterAll(async () => {
      await setup.drop();
    });

    it('killed (SIGKILL) mid-push and stopped (SIGTERM) mid-pull: after a restart nothing is lost or doubled', async () => {
      server = await spawnServer(setup.env);
      expect(server.banner).toBe(`Callmark server listening on ${server.url} (${backing.name === 'PGlite' ? 'PGlite' : 'PostgreSQL'})`);
      // A proxy in front only to see each request as it starts; the server's port stays the same across restarts.
      const proxy = await faultyProxy(server.port);
      try {
        // Syncs only when told: an automatic retry after the failures below, fired while the
        // server is restarting, would be the sync the next syncNow() joins, and fail.
        const byHand = { schedule: () => () => undefined };
        const anna = await device('Анна', byHand);
        const { invite } = await anna.engine.createTeam(proxy.url, 'Продажи');
        const boris = await device('Борис', byHand);
        await boris.engine.joinTeam(proxy.url, invite.code);
        const logged = await anna.logLocally(125, 15); // 2,000 changes: four pushes of 500

        let pushes = 0;
        let killed: Promise<unknown> | undefined;
        proxy.rule = (line) => {
          // The third push is on its way in: the server dies under it.
          if (line.startsWith('POST /sync/push') && ++pushes === 3) killed = new Promise((r) => setTimeout(r, 15)).then(() => server!.kill('SIGKILL'));
          return undefined;
        };
        await anna.engine.syncNow();
        await killed;
        // The push failed: the connection dropped (offline) or the proxy answered for the dead server.
        expect(['offline', 'server']).toContain((await anna.engine.status()).error);
        const left = await anna.outbox();
        expect(left).toBeGreaterThanOrEqual(1000);
        expect(left % 500).toBe(0);

        server = await spawnServer(setup.env, server.port);
        await anna.engine.syncNow();
        expect(await anna.engine.status()).toMatchObject({ error: undefined, pending: 0 });

        // Boris pulls 2,000 changes in pages; the server is stopped gracefully during the second page.
        let pulls = 0;
        let stopped: Promise<unknown> | undefined;
        proxy.rule = (line) => {
          if (line.startsWith('GET /sync/pull') && ++pulls === 2) stopped = server!.kill('SIGTERM');
          return undefined;
        };
        await boris.engine.syncNow();
        expect(await stopped).toBe(0); // a clean exit: in-flight requests finished, then the database closed
        expect(['offline', 'server']).toContain((await boris.engine.status()).error);
        const cursor = await boris.cursor();
        expect([500, 1000]).toContain(cursor); // the page in flight was answered and applied, or not started

        server = await spawnServer(setup.env, server.port);
        await boris.engine.syncNow();
        expect(await boris.engine.status()).toMatchObject({ error: undefined, pending: 0 });
        expect(await boris.cursor()).toBe(2000);
        expect(await baseOf(boris)).toEqual(await baseOf(anna));

        // Straight from the database, once the server is gone (PGlite: one process per folder).
        expect(await server.kill('SIGTERM')).toBe(0);
        const db = await setup.open();
        try {
          const team = await teamOf(anna);
          expect(await stored(db, team)).toEqual({ rows: 2000, ids: 2000, top: 2000, seq: 2000 });
          const { rows } = await db.query<{ id: string }>('SELECT id FROM changes WHERE team_id = $1', [team]);
          expect(rows.map((r) => r.id).sort()).toEqual(logged.map((c) => c.id).sort());
        } finally {
          await db.close();
        }
      } finally {
        await proxy.close();
      }
    }, 180_000);
  });
}

