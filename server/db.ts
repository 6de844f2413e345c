import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * The one small storage interface the server uses: the same SQL runs on real
 * PostgreSQL (through `pg`) and on embedded PGlite.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  readonly kind: 'PostgreSQL' | 'PGlite';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** A script of several statements (migrations). */
  exec(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

// Sequence numbers are bigint; they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
  // An idle connection dropped by PostgreSQL (a restart, an administrator) is replaced on the next
  // query; without a listener the pool would throw it and stop the whole server.
  pool.on('error', (error) => console.warn(`callmark-server: a PostgreSQL connection was dropped (${error.message}); it is reopened when needed`));
  return {
    kind: 'PostgreSQL',
    query: (sql, params) => pool.query(sql, params as unknown[]) as never,
    exec: (sql) => pool.query(sql) as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => client.query(sql, params as unknown[]) as never });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite allows one process per data folder, so a lock file with our pid
 * keeps a second server out while the first is alive. `dir` undefined is an
 * in-memory database (tests).
 */
export async function openPglite(dir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  let release = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = lockFolder(dir);
  }
  let db;
  try {
    db = await PGlite.create(dir ?? 'memory://');
  } catch (error) {
    release();
    throw error;
  }
  const wrap = (q: { query: typeof db.query }): Queryable => ({
    query: async (sql, params) => ({ rows: (await q.query(sql, params)).rows as never[] }),
  });
  return {
    kind: 'PGlite',
    ...wrap(db),
    exec: async (sql) => {
      const results = await db.exec(sql);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

export class FolderInUseError extends Error {}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function lockFolder(dir: string): () => void {
  const file = path.join(dir, 'callmark-server.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new FolderInUseError(`The data folder ${dir} is in use by another Callmark server (pid ${pid}); stop it or choose another DATA_DIR`);
    }
    rmSync(file, { force: true }); // left by a process that is gone
  }
  const fd = openSync(file, 'wx');
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(file, { force: true });
}

export const openDatabase = (options: { databaseUrl?: string; dataDir?: string }): Promise<Database> =>
  options.databaseUrl ? Promise.resolve(openPostgres(options.databaseUrl)) : openPglite(options.dataDir);
