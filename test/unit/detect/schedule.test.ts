import { describe, expect, it, vi } from 'vitest';
import { windowScheduler } from '../../../lib/detect/schedule';

function fakeWindow(withPostTask: boolean) {
  const posted: Array<{ fn: () => void; priority?: string }> = [];
  const timers: Array<() => void> = [];
  const win = {
    setTimeout: vi.fn((fn: () => void) => timers.push(fn)),
    clearTimeout: vi.fn(),
    performance: { now: () => 0 },
    ...(withPostTask
      ? { scheduler: { postTask: (fn: () => void, opts?: { priority?: string }) => (posted.push({ fn, priority: opts?.priority }), Promise.resolve()) } }
      : {}),
  };
  return { win, posted, timers };
}

describe('windowScheduler.soon', () => {
  it('posts a background-priority task where the browser has scheduler.postTask', () => {
    const { win, posted, timers } = fakeWindow(true);
    const s = windowScheduler(win);
    const fn = vi.fn();
    s.soon!(fn);
    expect(posted.map((p) => p.priority)).toEqual(['background']);
    expect(timers).toHaveLength(0);
    posted[0]!.fn();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('falls back to a zero timer, and a cancelled task never runs', () => {
    const { win, timers } = fakeWindow(false);
    const s = windowScheduler(win);
    const kept = vi.fn();
    const cancelled = vi.fn();
    s.soon!(kept);
    const id = s.soon!(cancelled);
    s.cancelSoon!(id);
    for (const t of timers) t();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
