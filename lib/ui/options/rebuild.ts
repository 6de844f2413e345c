/**
 * Runs the totals rebuild in a worker and reports progress: call it after a
 * bulk write (import, restore, sync catch-up). `totalsRebuild` is a signal any
 * section can show (the reports page shows a progress bar while it runs).
 */
import { signal } from '@preact/signals';
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
        else resolve();
      } else totalsRebuild.value = { done: m.done, total: m.total };
    };
    worker.postMessage('start');
  });
  return running;
}
