/**
 * Rebuilds the totals store off the page's thread, after an import or a
 * restore. Posts `{ done, total }` as it goes, then `{ finished: true }` or
 * `{ error }`. Start it with startRebuild() (lib/ui/options/rebuild.ts).
 */
import { openDatabase } from './db';
import { rebuildTotals } from './totals';

self.onmessage = async () => {
  try {
    const db = await openDatabase();
    await rebuildTotals(db, (p) => self.postMessage(p));
    db.close();
    self.postMessage({ finished: true });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
