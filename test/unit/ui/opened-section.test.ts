import { afterEach, describe, expect, it, vi } from 'vitest';

/** The module as a page opened at `hash` loads it. */
async function openedAt(hash: string) {
  vi.resetModules();
  vi.stubGlobal('location', { hash });
  return import('../../../lib/ui/options/opened-section');
}
const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the other sections wait for the one the page was opened at', () => {
  it('opened at #reports: they start once the reports have drawn, not when another section has', async () => {
    vi.useFakeTimers();
    const s = await openedAt('#reports');
    const waiting = s.afterOpenedSection();
    s.sectionDrawn('base');
    expect(await settled(waiting)).toBe(false);
    s.sectionDrawn('reports');
    expect(await settled(waiting)).toBe(true);
    expect(await settled(s.afterOpenedSection())).toBe(true);
  });

  it('they do not wait for ever: a section that never draws lets them start after 1.5 s', async () => {
    vi.useFakeTimers();
    const s = await openedAt('#base');
    const waiting = s.afterOpenedSection();
    await vi.advanceTimersByTimeAsync(1400);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(await settled(waiting)).toBe(true);
  });

  it('opened at the settings, or at no section: nothing waits', async () => {
    vi.useFakeTimers();
    for (const hash of ['#settings', '', '#team']) {
      const s = await openedAt(hash);
      expect(await settled(s.afterOpenedSection())).toBe(true);
    }
  });
});
