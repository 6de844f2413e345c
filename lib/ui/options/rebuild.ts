/**
 * Runs the totals rebuild in a worker and reports progress: call it after a
 * bulk write (import, restore, sync catch-up). `totalsRebuild` is a signal any
 * section can show (the reports page shows a progress bar while it runs).
 * A flag in extension storage (TOTALS_STALE_KEY) is set before the bulk write
 * and cleared once the rebuild is done, so a rebuild cut short by a closed
 * page is run again the next time the options page opens, and every options
 * page reloads its reports when the flag clears.
 */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { WRITE_LOCK } from '../../io/worker-protocol';
import { TOTALS_STALE_KEY } from '../../store/storage';
import type { Progress } from '../../store/totals';
// `new URL(…, import.meta.url)` is not bundled by WXT (it becomes the page's own URL): Vite's `?worker&url` is.
import rebuildWorkerUrl from '../../store/rebuild.worker.ts?worker&url';

export const totalsRebuild = signal<Progress | null>(null);

let running: Promise<void> | undefined;

export function startRebuild(): Promise<void> {
  running ??= new Promise<void>((resolve, reject) => {
    const worker = new Worker(rebuildWorkerUrl, { type: 'module' });
    totalsRebuild.value = { done: 0, total: 0 };
    worker.onmessage = (event: MessageEvent<Progress & { finished?: boolean; error?: string }>) => {
      const m = event.data;
      if (m.finished || m.error) {
        worker.terminate();
        totalsRebuild.value = null;
        running = undefined;
        if (m.error) reject(new Error(m.error));
        else void browser.storage.local.remove(TOTALS_STALE_KEY).then(resolve, reject);
      } else totalsRebuild.value = { done: m.done, total: m.total };
    };
    worker.postMessage('start');
  });
  return running;
}

/** Whether the totals (and the search's word lists) wait for a rebuild after a bulk write. */
export async function totalsStale(): Promise<boolean> {
  return !!(await browser.storage.local.get(TOTALS_STALE_KEY))[TOTALS_STALE_KEY];
}

export async function markTotalsStale(): Promise<void> {
  await browser.storage.local.set({ [TOTALS_STALE_KEY]: new Date().toISOString() });
}

/**
 * At the options page's start: a rebuild that an earlier page left unfinished
 * runs now; not while another tab is still writing (it rebuilds when done).
 */
export async function rebuildIfStale(): Promise<void> {
  if (!(await totalsStale())) return;
  if ('locks' in navigator && (await navigator.locks.query()).held?.some((l) => l.name === WRITE_LOCK)) return;
  await startRebuild();
}
