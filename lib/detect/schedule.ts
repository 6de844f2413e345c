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
}

/** A fallback deadline when requestIdleCallback is missing (Safari) or timed out. */
const FALLBACK_SLICE_MS = 8;

interface WindowLike {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestIdleCallback?: (fn: (d: IdleDeadlineLike) => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
  performance?: { now(): number };
}

/** The scheduler of a window; with `ctx`, timers die with the content script's context. */
export function windowScheduler(
  win: WindowLike = globalThis as unknown as WindowLike,
  ctx?: { setTimeout(fn: () => void, ms?: number): number; requestIdleCallback(fn: IdleRequestCallback, o?: IdleRequestOptions): number },
): Scheduler {
  const now = () => (win.performance ?? Date).now();
  const hasIdle = typeof win.requestIdleCallback === 'function';
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
  };
}
