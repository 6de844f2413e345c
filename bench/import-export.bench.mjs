// Import of a 100,000-row CSV, and export of the 100,000 companies (CSV) and
// of a full backup, in the release build's options page in headless Chromium,
// driven as a user drives it (the file input, the confirm button, the export
// buttons), against floors measured in the same run (bench/pages/io-floor.ts):
//  - import floor: decoding + papaparse alone, plus raw bulk puts of the
//    records the import writes into an empty database of the same schema, in
//    a fresh profile of its own (so neither run's database slows the other's),
//    measured before the import and again after it, the mean counting;
//  - export floor: reading every company and call raw (getAll) in the same
//    page; the backup's floor adds JSON.stringify of them.
// The options page's main thread: in the big run, long tasks by the Long
// Tasks API and the longest delay of a 5 ms timer (wall time: on a loaded
// machine the thread waits for a core, and that shows as a "task"); and in a
// traced run of BENCH_TRACE_ROWS (20,000) rows, every task of the page's main
// thread from a CDP trace, by wall time and by the thread's own CPU time.
// Memory: the page's JS heap peak, and the peak resident memory (VmHWM) of
// the extension's renderer process, which holds the options page, its workers
// and the background, from /proc.
// `npm run bench -- import` runs only this; BENCH_ROWS=20000 for a smaller file.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, bundle, chromiumPath, ensureBuilt, root } from './harness.mjs';
import { markOf, startTrace } from './trace.mjs';

export const name = 'import-export';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TRACE_ROWS = Number(process.env.BENCH_TRACE_ROWS ?? 20_000);
const FILE_NAME = `база-${ROWS}.csv`;
const round = (x, d = 1) => (typeof x === 'number' ? Math.round(x * 10 ** d) / 10 ** d : x);

/** bench/pages/io-data.ts for Node: the same file the browser side makes. */
async function dataModule() {
  const out = await build({ entryPoints: [path.join(root, 'bench/pages/io-data.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** The extension's renderer process of the browser that uses `userDataDir` (Linux: from ps and /proc). */
function extensionPid(userDataDir) {
  try {
    const lines = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }).split('\n');
    const procs = lines.map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter(Boolean).map((m) => ({ pid: +m[1], ppid: +m[2], args: m[3] }));
    const browser = procs.find((p) => p.args.includes(`--user-data-dir=${userDataDir}`) && !p.args.includes('--type='));
    if (!browser) return undefined;
    const family = new Set([browser.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) {
        if (!family.has(p.ppid) || family.has(p.pid)) continue;
        family.add(p.pid);
        grew = true;
      }
    }
    return procs.find((p) => family.has(p.pid) && p.args.includes('--extension-process'))?.pid;
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM (peak) of a process, MB. */
function memoryOf(pid) {
  if (!pid) return { rssMB: null, peakMB: null };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMB: round(kb('VmRSS') / 1024), peakMB: round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMB: null, peakMB: null };
  }
}

/** A fresh profile with the release build, its options page open at #io and the floor code in it. */
async function openOptions(dir) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'callmark-bench-io-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: chromiumPath(),
    acceptDownloads: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...CHROMIUM_ARGS, '--enable-precise-memory-info', '--lang=en-US'],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(sw.url()).host}/options.html#io`);
  await page.getByTestId('import-file').waitFor();
  await page.evaluate(await bundle('bench/pages/io-floor.ts'));
  return {
    context,
    page,
    pid: extensionPid(userDataDir),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const startWatch = (page) => page.evaluate(() => void (globalThis.__benchWatch = globalThis.callmarkIoBench.watch()));
const stopWatch = async (page) => {
  const w = await page.evaluate(() => globalThis.__benchWatch());
  return { longTasksOver50ms: w.longTasks, longestLongTaskMs: round(w.longestTaskMs), longestBlockMs: round(w.maxLagMs), pageHeapPeakMB: round(w.heapPeakMB) };
};

/**
 * Runs an import of `file` through the page as a user does: choose the file,
 * wait for the preview, confirm, wait for the summary. Times in the page
 * (performance.now()): from the input's change event to the preview's confirm
 * button, and from the click to the summary. The main thread is watched from
 * the change event on.
 */
async function importThroughPage(page, file, { watch = true } = {}) {
  await page.evaluate((watching) => {
    const marks = {};
    const input = document.querySelector('[data-testid=import-file]');
    input.addEventListener('change', () => {
      marks.chosen = performance.now();
      if (watching) globalThis.__benchWatch = globalThis.callmarkIoBench.watch();
    }, { capture: true, once: true });
    const check = () => {
      const button = document.querySelector('[data-testid=import-confirm]');
      if (marks.preview === undefined && button && !button.disabled) marks.preview = performance.now();
      if (marks.done === undefined && /^Imported:/.test(document.querySelector('[data-testid=import-summary]')?.textContent ?? '')) marks.done = performance.now();
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    globalThis.__benchMarks = marks;
  }, watch);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForFunction(() => globalThis.__benchMarks.preview !== undefined, null, { polling: 50, timeout: 0 });
  const preview = await page.getByTestId('import-summary').textContent();
  await page.evaluate(() => (globalThis.__benchMarks.confirm = performance.now()));
  await page.getByTestId('import-confirm').click();
  await page.waitForFunction(() => globalThis.__benchMarks.done !== undefined, null, { polling: 50, timeout: 0 });
  const m = await page.evaluate(() => ({ ...globalThis.__benchMarks }));
  return {
    preview,
    result: await page.getByTestId('import-summary').textContent(),
    previewMs: m.preview - m.chosen,
    writeMs: m.done - m.confirm,
    mainThread: watch ? await stopWatch(page) : undefined,
  };
}

async function timedDownload(page, testId) {
  await startWatch(page);
  const t0 = await page.evaluate(() => performance.now());
  const download = page.waitForEvent('download', { timeout: 0 });
  await page.getByTestId(testId).click();
  const file = await download;
  const t1 = await page.evaluate(() => performance.now());
  const size = readFileSync(await file.path()).length;
  return { ms: round(t1 - t0), bytes: size, mainThread: await stopWatch(page) };
}

/** Every task of the options page's main thread during an import of `rows` rows, from a CDP trace. */
async function tracedImport(dir, file) {
  const o = await openOptions(dir);
  try {
    const cdp = await o.context.newCDPSession(o.page);
    const stop = await startTrace(cdp);
    await o.page.evaluate(() => performance.mark('bench:io-start'));
    const run = await importThroughPage(o.page, file, { watch: false });
    await o.page.evaluate(() => performance.mark('bench:io-end'));
    const events = await stop();
    const from = markOf(events, 'bench:io-start');
    const to = markOf(events, 'bench:io-end');
    const tasks = events.filter((e) => e.pid === from.pid && e.tid === from.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts >= from.ts && e.ts <= to.ts);
    // Playwright's own evaluate calls (the marks, the polling) are not the page's work.
    const ours = tasks.filter((t) => !events.some((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'EvaluateScript' && e.ts >= t.ts && e.ts < t.ts + t.dur));
    const wall = ours.map((t) => t.dur / 1000);
    const cpu = ours.map((t) => (t.tdur ?? t.dur) / 1000);
    return {
      rows: TRACE_ROWS,
      ms: round(run.previewMs + run.writeMs),
      tasks: ours.length,
      longestTaskWallMs: round(Math.max(0, ...wall)),
      longestTaskCpuMs: round(Math.max(0, ...cpu)),
      tasksOver50msWall: wall.filter((x) => x > 50).length,
      tasksOver50msCpu: cpu.filter((x) => x > 50).length,
      busyCpuMs: round(cpu.reduce((a, b) => a + b, 0)),
    };
  } finally {
    await o.close();
  }
}

/** The import's floor, in a fresh profile: parsing alone (warm: the second of two), and raw bulk puts of the import's records. */
async function floor(dir) {
  const o = await openOptions(dir);
  try {
    await o.page.evaluate((n) => globalThis.callmarkIoBench.parse(n), ROWS);
    const parse = await o.page.evaluate((n) => globalThis.callmarkIoBench.parse(n), ROWS);
    const put = await o.page.evaluate(([n, f]) => globalThis.callmarkIoBench.put(n, f), [ROWS, FILE_NAME]);
    return { parse, put };
  } finally {
    await o.close();
  }
}

export default async function run() {
  const dir = ensureBuilt({ fresh: true });
  const { bulkCsv } = await dataModule();
  const work = mkdtempSync(path.join(tmpdir(), 'callmark-bench-file-'));
  const file = path.join(work, FILE_NAME);
  writeFileSync(file, bulkCsv(ROWS));
  try {
    // The floor, in a profile of its own, before the import and again after it: the machine's load drifts, the mean counts.
    const before = await floor(dir);
    // The import, as a user runs it, in a fresh profile.
    const o = await openOptions(dir);
    let imported;
    let rebuild = {};
    let read;
    let exportCsv;
    let backup;
    const mem = {};
    try {
      o.page.on('worker', (w) => {
        if (!/rebuild/.test(w.url())) return;
        const started = Date.now();
        w.on('close', () => (rebuild = { totalsRebuildMs: Date.now() - started }));
      });
      mem.before = memoryOf(o.pid);
      imported = await importThroughPage(o.page, file);
      mem.afterImport = memoryOf(o.pid);
      // The reports' totals are rebuilt after an import, in a worker of their own: wait for it.
      for (let i = 0; i < 1200 && rebuild.totalsRebuildMs === undefined; i++) await o.page.waitForTimeout(100);
      // Exports of the same base, then their floor (after, so its records are not in the page's heap while they run).
      await o.page.getByTestId('export-delimiter-semicolon').check();
      exportCsv = await timedDownload(o.page, 'export-csv');
      backup = await timedDownload(o.page, 'backup-download');
      mem.end = memoryOf(o.pid);
      read = await o.page.evaluate(() => globalThis.callmarkIoBench.read());
    } finally {
      await o.close();
    }

    const after = await floor(dir);
    const parse = { ms: (before.parse.ms + after.parse.ms) / 2 };
    const put = { ms: (before.put.ms + after.put.ms) / 2, companies: after.put.companies, calls: after.put.calls };

    let traced;
    if (TRACE_ROWS > 0) {
      const small = path.join(work, `база-${TRACE_ROWS}.csv`);
      writeFileSync(small, bulkCsv(TRACE_ROWS));
      traced = await tracedImport(dir, small);
    }

    const floorMs = parse.ms + put.ms;
    const importMs = imported.previewMs + imported.writeMs;
    const readFloor = read.readMs;
    const backupFloor = read.readMs + read.stringifyMs;
    return {
      rows: ROWS,
      fileMB: round(statSync(file).size / 2 ** 20, 2),
      import: {
        preview: imported.preview,
        result: imported.result,
        totalMs: round(importMs),
        previewMs: round(imported.previewMs),
        writeMs: round(imported.writeMs),
        ...rebuild,
        floorMs: round(floorMs),
        floor: {
          parseMs: round(parse.ms),
          putMs: round(put.ms),
          putMsBefore: round(before.put.ms),
          putMsAfter: round(after.put.ms),
          companies: put.companies,
          calls: put.calls,
        },
        ratio: round(importMs / floorMs, 2),
        aim: 'ratio <= 1.5',
        met: importMs / floorMs <= 1.5,
        mainThread: imported.mainThread,
        mainThreadTraced: traced,
        mainThreadAim: 'no options-page task over 50 ms',
        mainThreadMet: traced ? traced.tasksOver50msCpu === 0 : imported.mainThread.longTasksOver50ms === 0,
        memory: { extensionProcessRssBeforeMB: mem.before.rssMB, extensionProcessRssAfterMB: mem.afterImport.rssMB, extensionProcessPeakMB: mem.afterImport.peakMB },
      },
      exportCsv: { ...exportCsv, floorMs: round(readFloor), ratio: round(exportCsv.ms / readFloor, 2) },
      backup: { ...backup, floorMs: round(backupFloor), ratio: round(backup.ms / backupFloor, 2) },
      extensionProcessPeakMB: mem.end.peakMB,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
