// Main-thread figures from a CDP trace (Tracing domain), as DevTools' Performance panel reads them:
// each task's time split into JS, style and layout (rendering) and the rest, by self time.

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'v8.execute',
  'toplevel',
];

/** Style, layout, paint and compositing work of the renderer's main thread. */
const RENDERING = new Set([
  'UpdateLayoutTree',
  'RecalculateStyles',
  'Layout',
  'PrePaint',
  'Paint',
  'PaintImage',
  'Layerize',
  'UpdateLayer',
  'UpdateLayerTree',
  'Commit',
  'ParseAuthorStyleSheet',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
]);
/** Script work: compiling and running JS (GC inside it counts as JS, as DevTools does). */
const SCRIPT = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'V8.ScriptCompiler',
  'v8.run',
  'V8.Execute',
  'TimerFire',
  'FireIdleCallback',
  'FireAnimationFrame',
  'EventDispatch',
  'RunMicrotasks',
  'MinorGC',
  'MajorGC',
  'V8.GCScavenger',
  'V8.GCFinalizeMC',
]);

export async function startTrace(cdp) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' } });
  return async function stop() {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** The user-timing mark `name` (performance.mark in the page): its thread and time (µs, trace clock). */
export function markOf(events, name) {
  const e = events.find((x) => x.name === name && x.cat && x.cat.includes('blink.user_timing'));
  return e ? { pid: e.pid, tid: e.tid, ts: e.ts } : undefined;
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Main-thread tasks of (pid, tid) that start within [fromUs, toUs]: busy time,
 * its split into JS / style+layout / other (by self time: a forced layout inside
 * a script call counts as layout), the longest task and its split.
 */
export function analyse(events, { pid, tid }, fromUs, toUs) {
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number');
  mine.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.ts >= fromUs && e.ts <= toUs);
  let busy = 0;
  let js = 0;
  let render = 0;
  let longest = { dur: 0, js: 0, render: 0, at: 0 };
  let j = 0;
  /** Self time by trace event name, over the window. */
  const byName = new Map();
  for (const task of tasks) {
    const end = task.ts + task.dur;
    while (j < mine.length && mine[j].ts < task.ts) j++;
    // Events inside the task, with a stack: self time goes to the nearest classified ancestor-or-self.
    const split = { js: 0, render: 0 };
    const stack = [{ end, kind: 'other', self: task.dur, name: 'RunTask' }];
    const pop = (upTo) => {
      while (stack.length > 1 && stack[stack.length - 1].end <= upTo) {
        const top = stack.pop();
        if (top.kind !== 'other') split[top.kind] += top.self;
        byName.set(top.name, (byName.get(top.name) ?? 0) + top.self);
      }
    };
    for (let k = j; k < mine.length && mine[k].ts < end; k++) {
      const e = mine[k];
      if (e === task || e.name === 'RunTask') continue;
      pop(e.ts);
      const parent = stack[stack.length - 1];
      const kind = RENDERING.has(e.name) ? 'render' : SCRIPT.has(e.name) ? (parent.kind === 'render' ? 'render' : 'js') : parent.kind;
      const dur = Math.min(e.dur, parent.end - e.ts);
      parent.self -= dur;
      stack.push({ end: e.ts + dur, kind, self: dur, name: e.name });
    }
    pop(Infinity);
    busy += task.dur;
    js += split.js;
    render += split.render;
    if (task.dur > longest.dur) longest = { dur: task.dur, js: split.js, render: split.render, at: task.ts };
  }
  const ms = (us) => round(us / 1000);
  return {
    tasks: tasks.length,
    busyMs: ms(busy),
    jsMs: ms(js),
    styleLayoutMs: ms(render),
    otherMs: ms(busy - js - render),
    longestTaskMs: ms(longest.dur),
    longestTask: { jsMs: ms(longest.js), styleLayoutMs: ms(longest.render), atMs: ms(longest.at - fromUs) },
    tasksOver16ms: tasks.filter((t) => t.dur > 16_000).length,
    tasksOver50ms: tasks.filter((t) => t.dur > 50_000).length,
    selfMsByEvent: Object.fromEntries([...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, ms(v)])),
  };
}

/**
 * Blink's heap in the page's renderer (Oilpan and PartitionAlloc, bytes), from a
 * memory-infra dump after a forced garbage collection.
 */
export async function blinkHeap(cdp, page) {
  // The first dump of a page counted megabytes it no longer held once dumped again
  // (a floor badge "cost" -9 KiB against a second dump): its figure is not used.
  if (!dumped.has(page)) {
    dumped.add(page);
    await heapDump(cdp, page);
  }
  return heapDump(cdp, page);
}
const dumped = new WeakSet();

async function heapDump(cdp, page) {
  await cdp.send('HeapProfiler.enable').catch(() => {});
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra', 'blink.user_timing'], memoryDumpConfig: { triggers: [] } },
  });
  // A mark names the page's renderer process in the trace.
  await page.evaluate(() => performance.mark('bench:memory'));
  await cdp.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  const pid = markOf(events, 'bench:memory')?.pid;
  const dump = events.find((e) => e.ph === 'v' && e.pid === pid && e.args?.dumps?.allocators);
  if (!dump) return undefined;
  const size = (name) => {
    const a = dump.args.dumps.allocators[name];
    return a?.attrs?.size ? parseInt(a.attrs.size.value, 16) : 0;
  };
  return { blinkGc: size('blink_gc'), partitionAlloc: size('partition_alloc/partitions'), total: size('blink_gc') + size('partition_alloc/partitions') };
}
