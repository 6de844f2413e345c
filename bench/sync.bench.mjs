// Team server load (issue 10): 20 clients of one team, each pushing 10,000
// calls (and the 500 companies they are about) in batches of 500 as the
// extension does, all at once; then each pulls 10,000 changes in pages of
// 1,000. On PGlite (the default, no set-up) and on PostgreSQL (a throwaway
// cluster; skipped with the reason when it is not installed). The server runs
// as its own process, as `npm run server` runs it.
// Floor, in the same run: a /health round trip (HTTP, Fastify, SELECT 1) with
// the same 20 clients. Run twice: the 20 clients in one team (one counter row
// serialises every push), and each in a team of its own.
// BENCH_SYNC_CLIENTS, BENCH_SYNC_CALLS shrink it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './harness.mjs';
import { freePort, startPostgres } from './postgres.mjs';

export const name = 'sync';

const CLIENTS = Number(process.env.BENCH_SYNC_CLIENTS ?? 20);
const CALLS = Number(process.env.BENCH_SYNC_CALLS ?? 10_000);
const COMPANIES = Math.max(1, Math.round(CALLS / 20));
const BATCH = 500;
const PAGE = 1000;
const OUTCOMES = ['no_answer', 'callback', 'interested', 'client', 'refused', 'not_user', 'closed', 'wrong_number', 'do_not_call'];

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x) => Math.round(x * 10) / 10;
function summary(latencies) {
  const s = [...latencies].sort((a, b) => a - b);
  return { requests: s.length, p50Ms: ms(quantile(s, 0.5)), p95Ms: ms(quantile(s, 0.95)), maxMs: ms(s.at(-1)) };
}

/** Seconds of CPU a process used so far (Linux /proc). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function startServer(env) {
  const port = await freePort();
  const loader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    child.stdout.on('data', () => out.includes('listening on') && (clearTimeout(timer), resolve()));
    exited.then((code) => (clearTimeout(timer), reject(new Error(`server exited with ${code}:\n${out}`))));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function call(url, method, route, token, body) {
  const response = await fetch(url + route, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const hlc = (millis, counter, node) => `${String(millis).padStart(15, '0')}-${counter.toString(36).padStart(6, '0')}-${node}`;

/** One client's pushes, made before the clock starts: its companies, then its calls on them. */
function batchesOf(client) {
  const node = `bench${client}`;
  let counter = 0;
  const t0 = Date.parse('2026-03-02T09:00:00Z');
  const companies = Array.from({ length: COMPANIES }, (_, i) => {
    const id = crypto.randomUUID();
    const at = new Date(t0).toISOString();
    return {
      kind: 'company',
      id: crypto.randomUUID(),
      hlc: hlc(t0, counter++, node),
      companyId: id,
      fields: { name: `Компания ${client}-${i}`, phones: [`+7495${String(client).padStart(2, '0')}${String(i).padStart(5, '0')}`], siteKeys: [`2gis:${client}${String(i).padStart(8, '0')}`], sources: [], decisionMakers: [], note: '', createdAt: at },
    };
  });
  const calls = Array.from({ length: CALLS }, (_, i) => {
    const id = crypto.randomUUID();
    const company = companies[i % COMPANIES].companyId;
    const millis = t0 + i * 1000;
    const outcome = OUTCOMES[i % OUTCOMES.length];
    return {
      kind: 'call',
      id,
      hlc: hlc(millis, counter++, node),
      companyId: company,
      call: {
        id,
        companyId: company,
        at: new Date(millis).toISOString(),
        outcome,
        note: i % 7 === 0 ? 'Перезвонить после обеда, спросить директора' : '',
        manager: `Менеджер ${client}`,
        ...(outcome === 'refused' ? { reason: 'дорого' } : {}),
        ...(outcome === 'callback' ? { callbackAt: new Date(millis + 86_400_000).toISOString() } : {}),
      },
    };
  });
  const all = [...companies, ...calls];
  const batches = [];
  for (let i = 0; i < all.length; i += BATCH) batches.push(JSON.stringify({ changes: all.slice(i, i + BATCH) }));
  return { batches, changes: all.length };
}

/** The clients' device tokens: all in one team (one counter row for all), or each in a team of its own. */
async function devices(url, oneTeam) {
  const tokens = [];
  let code;
  for (let i = 0; i < CLIENTS; i++) {
    if (i === 0 || !oneTeam) {
      const head = await call(url, 'POST', '/teams', undefined, JSON.stringify({ name: `Bench ${i}`, managerName: `Менеджер ${i}` }));
      tokens.push(head.token);
      code = head.invite.code;
    } else {
      tokens.push((await call(url, 'POST', '/teams/join', undefined, JSON.stringify({ code, managerName: `Менеджер ${i}` }))).token);
    }
  }
  return tokens;
}

async function load(server, oneTeam) {
  {
    const tokens = await devices(server.url, oneTeam);
    const work = tokens.map((_, i) => batchesOf(i));
    const total = work.reduce((n, w) => n + w.changes, 0);
    const perTeam = oneTeam ? total : work[0].changes;

    // The floor: a round trip that does no work, with the same concurrency.
    const health = [];
    await Promise.all(
      tokens.map(async () => {
        for (let i = 0; i < 50; i++) {
          const t = performance.now();
          await call(server.url, 'GET', '/health');
          health.push(performance.now() - t);
        }
      }),
    );

    const cpu0 = cpuSeconds(server.pid);
    const pushes = [];
    const started = performance.now();
    await Promise.all(
      tokens.map(async (token, i) => {
        for (const body of work[i].batches) {
          const t = performance.now();
          const reply = await call(server.url, 'POST', '/sync/push', token, body);
          pushes.push(performance.now() - t);
          if (reply.results.some((r) => r.duplicate)) throw new Error('a fresh change was taken for a duplicate');
        }
      }),
    );
    const pushSeconds = (performance.now() - started) / 1000;
    const cpu1 = cpuSeconds(server.pid);
    const team = await call(server.url, 'GET', '/team', tokens[0]);
    if (team.seq !== perTeam) throw new Error(`the team's sequence is ${team.seq}, ${perTeam} changes were pushed to it`);

    // Pull: every client reads 10,000 changes of the team's log from its own cursor, in pages, at once.
    const pulls = [];
    let pulled = 0;
    const pullStarted = performance.now();
    await Promise.all(
      tokens.map(async (token, i) => {
        let after = oneTeam ? Math.floor((i * (total - CALLS)) / Math.max(1, CLIENTS - 1)) : perTeam - CALLS;
        let read = 0;
        while (read < CALLS) {
          const t = performance.now();
          const page = await call(server.url, 'GET', `/sync/pull?after=${after}&limit=${Math.min(PAGE, CALLS - read)}`, token);
          pulls.push(performance.now() - t);
          if (page.changes.length === 0) break;
          if (page.changes[0].seq !== after + 1) throw new Error(`pull after ${after} began at ${page.changes[0].seq}`);
          read += page.changes.length;
          after = page.changes.at(-1).seq;
        }
        pulled += read;
      }),
    );
    const pullSeconds = (performance.now() - pullStarted) / 1000;
    const cpu2 = cpuSeconds(server.pid);
    const push = summary(pushes);
    const pull = summary(pulls);
    const floor = summary(health);
    return {
      clients: CLIENTS,
      teams: oneTeam ? 1 : CLIENTS,
      changesPushed: total,
      push: {
        ...push,
        batch: BATCH,
        seconds: ms(pushSeconds),
        changesPerSecond: Math.round(total / pushSeconds),
        callsPerSecond: Math.round((CLIENTS * CALLS) / pushSeconds),
        serverCpuSeconds: cpu1 !== undefined ? ms(cpu1 - cpu0) : undefined,
        p95OverFloor: ms(push.p95Ms / floor.p95Ms),
      },
      pull: {
        ...pull,
        page: PAGE,
        changes: pulled,
        seconds: ms(pullSeconds),
        changesPerSecond: Math.round(pulled / pullSeconds),
        serverCpuSeconds: cpu2 !== undefined ? ms(cpu2 - cpu1) : undefined,
        p95OverFloor: ms(pull.p95Ms / floor.p95Ms),
      },
      floorHealth: floor,
    };
  }
}

async function scenario(env) {
  const server = await startServer(env);
  try {
    const oneTeam = await load(server, true);
    const teamEach = await load(server, false);
    return { oneTeam, teamEach };
  } finally {
    await server.stop();
  }
}

export default async function run() {
  const out = {};
  const dir = mkdtempSync(path.join(tmpdir(), 'callmark-bench-pglite-'));
  try {
    out.PGlite = await scenario({ DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.error('bench: sync on PGlite done');
  const pg = await startPostgres();
  if (pg.skipped) {
    console.error(`bench: sync on PostgreSQL skipped: ${pg.skipped}`);
    out.PostgreSQL = { skipped: pg.skipped };
  } else {
    try {
      out.PostgreSQL = { version: pg.version, ...(await scenario({ DATABASE_URL: pg.url })) };
    } finally {
      pg.stop();
    }
  }
  return out;
}
