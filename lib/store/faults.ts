import type { Db } from './schema';

/**
 * Storage faults on purpose, for tests (unit tests, and the test build's
 * hooks in the background): a database whose every write fails with
 * QuotaExceededError, as when the disk is full, and whose transaction is then
 * rolled back, so nothing of it is kept; or one that cannot be opened at all.
 */
export const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
export const unavailableError = () => new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');

const WRITES = new Set(['put', 'add', 'delete', 'clear']);

function failingStore<S extends object>(store: S, tx: { abort(): void }): S {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && WRITES.has(prop)) {
        return () => {
          try {
            tx.abort();
          } catch {
            // already finished
          }
          return Promise.reject(quotaError());
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The same database, with every write refused as a full disk refuses it. */
export function fullDisk(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return (stores: never, mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
          const tx = target.transaction(stores, mode, options);
          if (mode !== 'readwrite') return tx;
          tx.done.catch(() => {});
          return new Proxy(tx, {
            get(t, p, r) {
              if (p === 'objectStore') return (name: never) => failingStore(t.objectStore(name), t);
              if (p === 'store') return failingStore(t.store, t);
              const value = Reflect.get(t, p, r) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
            },
          });
        };
      }
      if (typeof prop === 'string' && WRITES.has(prop)) return () => Promise.reject(quotaError());
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export type StorageFault = 'quota' | 'unavailable' | null;

/** The fault for lib/store/db.ts's setDatabaseFault. */
export function faultOpener(kind: StorageFault): ((open: () => Promise<Db>) => Promise<Db>) | undefined {
  if (kind === 'quota') return async (open) => fullDisk(await open());
  if (kind === 'unavailable') return () => Promise.reject(unavailableError());
  return undefined;
}
