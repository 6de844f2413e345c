import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS, type CallmarkDB, type Db } from './schema';

/**
 * The base could not be upgraded to this version's schema. The upgrade ran in
 * one versionchange transaction, which was aborted: the base is still at
 * `from`, every record as it was (IndexedDB guarantees it).
 */
export class UpgradeError extends Error {
  readonly code = 'upgrade_failed';
  constructor(
    readonly from: number,
    readonly to: number,
    override readonly cause: unknown,
  ) {
    super(`The base could not be upgraded from version ${from} to ${to}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
    this.name = 'UpgradeError';
  }
}

/** IndexedDB cannot be opened at all (a private window, a broken profile, storage switched off). */
export class StorageUnavailableError extends Error {
  readonly code = 'storage_unavailable';
  constructor(override readonly cause: unknown) {
    super(`IndexedDB is not available: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * Opens (and upgrades) the database. `version` exists for the migration test,
 * which opens an old version first; everything else uses the newest. The
 * steps run one after another (a step's record rewrites finish before the
 * next step starts); any failure aborts the whole upgrade and rejects with an
 * UpgradeError, leaving the old version whole.
 */
export function openDatabase(name = DB_NAME, version = DB_VERSION, steps = MIGRATIONS): Promise<Db> {
  let failure: { error: unknown } | undefined;
  let from = 0;
  return openDB<CallmarkDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      from = oldVersion;
      const fail = (error: unknown) => {
        failure ??= { error };
        try {
          tx.abort();
        } catch {
          // already aborted
        }
      };
      tx.done.catch(() => {}); // an aborted upgrade rejects the open below instead
      void (async () => {
        for (let v = oldVersion; v < (newVersion ?? version); v++) await steps[v]!(db, tx);
      })().catch(fail);
    },
    blocking(_current, _next, event) {
      // Another context wants a newer schema: let it, and reopen on next use.
      (event.target as IDBDatabase).close();
      cached = undefined;
    },
    terminated() {
      cached = undefined;
    },
  }).catch((error: unknown) => {
    if (failure) throw new UpgradeError(from, version, failure.error);
    throw error;
  });
}

let cached: Promise<Db> | undefined;
/** Test builds only: makes the background's database fail the way a full disk or a broken profile does. */
let fault: ((open: () => Promise<Db>) => Promise<Db>) | undefined;
export function setDatabaseFault(f: typeof fault): void {
  fault = f;
  cached = undefined;
}

/**
 * The background's connection. A service worker may be stopped at any time, so
 * this is only a cache of an open handle: nothing that matters lives here.
 */
export function database(): Promise<Db> {
  cached ??= (fault ? fault(() => openDatabase()) : openDatabase()).catch((error: unknown) => {
    cached = undefined;
    throw error instanceof UpgradeError || error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error);
  });
  return cached;
}
