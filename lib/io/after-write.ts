/**
 * What follows every bulk write (an import, a restore): one call site, so the
 * totals rebuild (the base table's reports) and the reminders hook in here.
 */
import { request } from '../messages/client';
import { announceBaseChange } from '../store/settings';

export async function afterBulkWrite(): Promise<void> {
  // Every tab's badges look their listings up again.
  await announceBaseChange([]);
  // Restored call-backs get their alarms (the background owns them).
  await request('rearmReminders', {}).catch(() => undefined);
  // TODO(w9): rebuild the totals store here once it exists on main.
}
