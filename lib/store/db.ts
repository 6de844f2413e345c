import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS, type CallmarkDB, type Db } from './schema';

/**
 * Opens (and upgrades) the database. `version` exists for the migration test,
 * which opens an old version first; everything else uses the newest.
 */
export function openDatabase(name = DB_NAME, version = DB_VERSION): Promise<Db> {
  return openDB<CallmarkDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]!(db, tx);
    },
    blocking(_current, _next, event) {
      // Another context wants a newer schema: let it, and reopen on next use.
      (event.target as IDBDatabase).close();
      cached = undefined;
    },
    terminated() {
      cached = undefined;
    },
  });
}

let cached: Promise<Db> | undefined;

/**
 * The background's connection. A service worker may be stopped at any time, so
 * this is only a cache of an open handle: nothing that matters lives here.
 */
export function database(): Promise<Db> {
  cached ??= openDatabase().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
