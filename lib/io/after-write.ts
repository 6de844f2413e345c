/**
 * What comes before and after every bulk write (an import, a restore): one
 * call site each, so the totals rebuild (the reports) and the reminders hook
 * in here.
 */
import { request } from '../messages/client';
import { announceBaseChange } from '../store/settings';
import { markTotalsStale, startRebuild } from '../ui/options/rebuild';

/** Before the first record is written: the totals are stale until rebuilt, even if the page dies mid-way. */
export async function beforeBulkWrite(): Promise<void> {
  await markTotalsStale();
}

export async function afterBulkWrite(): Promise<void> {
  // Every tab's badges look their listings up again.
  await announceBaseChange([]);
  // Restored call-backs get their alarms (the background owns them).
  await request('rearmReminders', {}).catch(() => undefined);
  // The reports' totals: written behind the per-write bookkeeping, so counted again whole, in a worker.
  await startRebuild().catch((error: unknown) => console.warn('callmark: totals rebuild failed', error));
}
