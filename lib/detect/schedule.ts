/**
 * Time and idle-time primitives for the detector, behind one small interface so
 * unit tests can drive them by hand and the content script can bind them to
 * WXT's ContentScriptContext (whose timers stop when the extension reloads).
 */
export interface IdleDeadlineLike {
  didTimeout: boolean;
  timeRemaining(): number;
}

export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** Runs `fn` when the main thread is idle, or after `timeout` ms at the latest. */
  idle(fn: (deadline: IdleDeadlineLike) => void, timeout: number): number;
  cancelIdle(id: number): void;
  /** Runs `fn` at the start of the next rendering frame (writes that the frame will paint); a timer when absent. */
  frame?(fn: () => void): number;
  cancelFrame?(id: number): void;
  /**
   * Runs `fn` in a task of its own as soon as the page's own work allows (a
   * background-priority task), without waiting for the next idle period: work
   * cut into slices then goes on slice after slice instead of one slice per
   * idle period (a 1,000-card read took 5.8 s of wall time for 1.3 s of work).
   */
  soon?(fn: () => void): number;
  cancelSoon?(id: number): void;
}

/** A hidden tab renders no frames: badges still come, this long after being ready at the latest. */
const FRAME_FALLBACK_MS = 100;

/** A fallback deadline when requestIdleCallback is missing (Safari) or timed out. */
const FALLBACK_SLICE_MS = 8;

interface WindowLike {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestIdleCallback?: (fn: (d: IdleDeadlineLike) => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
  requestAnimationFrame?: (fn: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
  performance?: { now(): number };
  scheduler?: { postTask?: (fn: () => void, opts?: { priority?: string }) => Promise<unknown> };
}

/** The scheduler of a window; with `ctx`, timers die with the content script's context. */
export function windowScheduler(
  win: WindowLike = globalThis as unknown as WindowLike,
  ctx?: { setTimeout(fn: () => void, ms?: number): number; requestIdleCallback(fn: IdleRequestCallback, o?: IdleRequestOptions): number },
): Scheduler {
  const now = () => (win.performance ?? Date).now();
  const hasIdle = typeof win.requestIdleCallback === 'function';
  /** frame() ids (the fallback timer's) → their animation-frame request. */
  const frames = new Map<number, number>();
  /** soon() ids whose task has not run nor been cancelled. */
  const soonLive = new Set<number>();
  let soonNext = 1;
  return {
    now,
    setTimeout: (fn, ms) => (ctx ? ctx.setTimeout(fn, ms) : win.setTimeout(fn, ms)),
    clearTimeout: (id) => win.clearTimeout(id),
    idle(fn, timeout) {
      if (hasIdle) {
        return ctx
          ? ctx.requestIdleCallback((d) => fn(d), { timeout })
          : win.requestIdleCallback!((d) => fn(d), { timeout });
      }
      const run = () => {
        const start = now();
        fn({ didTimeout: false, timeRemaining: () => Math.max(0, FALLBACK_SLICE_MS - (now() - start)) });
      };
      return ctx ? ctx.setTimeout(run, 1) : win.setTimeout(run, 1);
    },
    cancelIdle(id) {
      if (hasIdle) win.cancelIdleCallback?.(id);
      else win.clearTimeout(id);
    },
    frame(fn) {
      const raf = win.requestAnimationFrame;
      if (typeof raf !== 'function') return win.setTimeout(fn, 0);
      // Whichever comes first runs fn; the other is dropped. One id stands for both.
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        frames.delete(timer);
        win.clearTimeout(timer);
        win.cancelAnimationFrame?.(frame);
        fn();
      };
      const timer = ctx ? ctx.setTimeout(once, FRAME_FALLBACK_MS) : win.setTimeout(once, FRAME_FALLBACK_MS);
      const frame = raf.call(win, once);
      frames.set(timer, frame);
      return timer;
    },
    soon(fn) {
      const id = soonNext++;
      soonLive.add(id);
      const run = () => {
        if (soonLive.delete(id)) fn();
      };
      const postTask = win.scheduler?.postTask;
      // Where there is no scheduler.postTask, a zero timer (clamped to 4 ms when nested).
      if (typeof postTask === 'function') void postTask.call(win.scheduler, run, { priority: 'background' }).catch(() => {});
      else if (ctx) ctx.setTimeout(run, 0);
      else win.setTimeout(run, 0);
      return id;
    },
    cancelSoon(id) {
      soonLive.delete(id);
    },
    cancelFrame(id) {
      win.clearTimeout(id);
      const frame = frames.get(id);
      if (frame !== undefined) win.cancelAnimationFrame?.(frame);
      frames.delete(id);
    },
  };
}
