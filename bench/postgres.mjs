// A throwaway PostgreSQL cluster for a benchmark, as scripts/with-postgres.sh
// makes one for the tests: initdb as the postgres user (initdb refuses root)
// in a temporary folder, started on a spare port with its socket there;
// stop() removes it. Answers { skipped } when PostgreSQL is not installed.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/initdb'))).sort((a, b) => Number(a) - Number(b));
  return versions.length ? path.join(root, versions.at(-1), 'bin') : undefined;
}

export async function startPostgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, version: 'from DATABASE_URL', stop() {} };
  const bin = postgresBin();
  if (!bin) return { skipped: 'PostgreSQL is not installed (apt-get install postgresql), and DATABASE_URL is not set' };
  const root = process.getuid?.() === 0;
  const asPostgres = (file, args) =>
    root ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' }) : execFileSync(file, args, { stdio: 'pipe' });
  const dir = mkdtempSync(path.join(tmpdir(), 'callmark-bench-pg-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const port = await freePort();
  const stop = () => {
    try {
      asPostgres(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    // Durable writes (fsync on), unlike the tests' cluster: the figures are those of a real server.
    asPostgres(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, '-l', path.join(dir, 'log'), '-w', 'start']);
  } catch (error) {
    stop();
    return { skipped: `PostgreSQL did not start: ${String(error.stderr ?? error).slice(0, 300)}` };
  }
  const version = /\d+\.\d+/.exec(execFileSync(path.join(bin, 'postgres'), ['--version']).toString())?.[0];
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version, stop };
}
