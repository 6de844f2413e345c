import path from 'node:path';
import { buildApp } from './app';
import { FolderInUseError, openDatabase } from './db';
import { migrate } from './migrate';

/**
 * `npm run server`: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL);
 * without DATABASE_URL, embedded PGlite in DATA_DIR (.callmark-server/).
 * AUTH_RATE_LIMIT: team creations and joins per minute per address (20).
 * TRUST_PROXY: behind a reverse proxy, `1` (or its addresses, comma-separated)
 * so that the client's address comes from X-Forwarded-For.
 */
async function main() {
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.callmark-server');

  let db;
  try {
    db = await openDatabase({ databaseUrl, dataDir });
  } catch (error) {
    if (error instanceof FolderInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await migrate(db);
  const authRateLimit = Number(process.env.AUTH_RATE_LIMIT) || undefined;
  const proxy = process.env.TRUST_PROXY?.trim();
  const trustProxy = !proxy || proxy === '0' || proxy === 'false' ? false : proxy === '1' || proxy === 'true' ? true : proxy;
  const { app } = await buildApp({ db, authRateLimit, trustProxy, logger: { level: process.env.LOG_LEVEL ?? 'info' } });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // In-flight requests finish first; then the database closes (PGlite must, or its folder may be damaged).
    await app.close().catch((error) => app.log.error(error));
    await db.close().catch((error) => app.log.error(error));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ port, host });
  process.stdout.write(`Callmark server listening on http://${host}:${new URL(address).port} (${db.kind})\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
