import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import { buildApp, type AppOptions } from '../../../server/app';
import { openPglite, openPostgres, type Database } from '../../../server/db';
import { migrate } from '../../../server/migrate';

/** PostgreSQL for the tests: CI's .ci/run starts a throwaway cluster and exports DATABASE_URL. */
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;

export interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  open(): Promise<{ db: Database; drop(): Promise<void> }>;
}

/** A fresh database per suite: on PostgreSQL a new database in the test cluster, dropped afterwards. */
export async function freshPostgres(url: string) {
  const name = `callmark_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString());
  return {
    db,
    url: target.toString(),
    async drop() {
      const admin2 = new pg.Client({ connectionString: url });
      await admin2.connect();
      await admin2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin2.end();
    },
  };
}

export const BACKENDS: Backend[] = [
  { name: 'PGlite', open: async () => ({ db: await openPglite(), drop: async () => {} }) },
  ...(POSTGRES_URL ? [{ name: 'PostgreSQL' as const, open: () => freshPostgres(POSTGRES_URL) }] : []),
];

/** Runs `suite` on PGlite and on PostgreSQL; says in one line when PostgreSQL is skipped. */
export function eachBackend(title: string, suite: (ctx: () => ServerContext, backend: Backend) => void) {
  if (!POSTGRES_URL) describe.skip(`${title} on PostgreSQL (set DATABASE_URL to a PostgreSQL server to run)`, () => {});
  for (const backend of BACKENDS) {
    describe(`${title} on ${backend.name}`, () => {
      let context: ServerContext | undefined;
      beforeAll(async () => {
        context = await startServer(backend);
      }, 60_000);
      afterAll(async () => {
        await context?.stop();
      });
      suite(() => context!, backend);
    });
  }
}

export interface ServerContext {
  url: string;
  db: Database;
  app: Awaited<ReturnType<typeof buildApp>>['app'];
  options: Partial<AppOptions>;
  stop(): Promise<void>;
}

export async function startServer(backend: Backend, options: Partial<AppOptions> = {}): Promise<ServerContext> {
  const { db, drop } = await backend.open();
  await migrate(db);
  const app = await startApp(db, options);
  return {
    url: urlOf(app),
    db,
    app,
    options,
    async stop() {
      await app.close();
      await db.close();
      await drop();
    },
  };
}

/** Another server on the same database (its own options), listening on a random port. */
export async function startApp(db: Database, options: Partial<AppOptions> = {}) {
  const { app } = await buildApp({ db, authRateLimit: 1000, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

export const urlOf = (app: { server: { address(): unknown } }) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

/** A small client for the API, as the extension calls it. */
export function client(base: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    del: (path: string) => call('DELETE', path),
  };
}

/** A team with a head and one manager, each with a device token. */
export async function teamOfTwo(base: string, name = 'Sales') {
  const created = await client(base).post('/teams', { name, managerName: 'Анна' });
  if (created.status !== 200) throw new Error(`createTeam ${created.status} ${JSON.stringify(created.body)}`);
  const joined = await client(base).post('/teams/join', { code: created.body.invite.code, managerName: 'Борис' });
  if (joined.status !== 200) throw new Error(`join ${joined.status} ${JSON.stringify(joined.body)}`);
  return { head: created.body, manager: joined.body, code: created.body.invite.code as string };
}
