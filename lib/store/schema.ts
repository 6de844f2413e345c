import { unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Call, Company } from '../model';
import type { Change } from '../sync/changes';
import { withDerivedKeys } from './keys';

/** A call-back reminder: one per callback call, so a reminder fires once even across restarts. */
export interface Reminder {
  callId: string;
  companyId: string;
  dueAt: string;
  /** Set when the notification was shown; unset reminders past due are shown at start-up. */
  notifiedAt?: string;
}

export interface CallmarkDB extends DBSchema {
  companies: {
    key: string;
    value: Company;
    indexes: {
      phoneKeys: string;
      inn: string;
      ogrn: string;
      domain: string;
      nameKey: string;
      siteKeys: string;
      status: string;
      industry: string;
      updatedAt: string;
      callbackAt: string;
    };
  };
  calls: {
    key: string;
    value: Call;
    indexes: { companyId: string; at: string; companyAt: [string, string] };
  };
  reminders: {
    key: string;
    value: Reminder;
    indexes: { dueAt: string; notifiedAt: string };
  };
  /** Team sync: every change this device knows (its own and its team's), by the companies it is about. */
  syncLog: {
    key: string;
    value: SyncLogEntry;
    indexes: { companyIds: string };
  };
  /** Team sync: local changes not yet acknowledged by the server, oldest first by `order`. */
  outbox: {
    key: string;
    value: { id: string; order: number; change: Change };
    indexes: { order: number };
  };
  /** Team sync: the session (server, team, device token), the clock and the pull cursor. */
  syncMeta: {
    key: string;
    value: { key: string; value: unknown };
  };
}

export interface SyncLogEntry {
  id: string;
  companyIds: string[];
  change: Change;
}

export type Db = IDBPDatabase<CallmarkDB>;
type UpgradeTx = IDBPTransaction<CallmarkDB, StoreNames<CallmarkDB>[], 'versionchange'>;

/**
 * Schema versions, oldest first. Each step upgrades from the version before it;
 * never edit a released step, add a new one (and keep test/unit/store/migrations.test.ts
 * filling the oldest version and opening with the newest).
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<CallmarkDB>, tx: UpgradeTx) => void> = [
  // v1: companies and calls.
  (db) => {
    const companies = db.createObjectStore('companies', { keyPath: 'id' });
    // Replaced by phoneKeys in v3; raw API because the current schema type no longer has it.
    unwrap(companies).createIndex('phones', 'phones', { multiEntry: true });
    companies.createIndex('inn', 'inn');
    companies.createIndex('domain', 'domain');
    companies.createIndex('nameKey', 'nameKey');
    companies.createIndex('status', 'status');
    companies.createIndex('industry', 'industry');
    companies.createIndex('updatedAt', 'updatedAt');
    const calls = db.createObjectStore('calls', { keyPath: 'id' });
    calls.createIndex('companyId', 'companyId');
    calls.createIndex('at', 'at');
  },
  // v2: directory listing ids and OGRN as match keys; call-back reminders.
  (db, tx) => {
    const companies = tx.objectStore('companies');
    companies.createIndex('siteKeys', 'siteKeys', { multiEntry: true });
    companies.createIndex('ogrn', 'ogrn');
    companies.createIndex('callbackAt', 'callbackAt');
    tx.objectStore('calls').createIndex('companyAt', ['companyId', 'at']);
    const reminders = db.createObjectStore('reminders', { keyPath: 'callId' });
    reminders.createIndex('dueAt', 'dueAt');
    reminders.createIndex('notifiedAt', 'notifiedAt');
  },
  // v3: phones are stored with their extensions (`+7…;ext=12`), so matching uses
  // a derived `phoneKeys` (E.164 only), filled in here for existing records.
  (_db, tx) => {
    const companies = tx.objectStore('companies');
    companies.deleteIndex('phones');
    companies.createIndex('phoneKeys', 'phoneKeys', { multiEntry: true });
    // The upgrade transaction stays open while these requests run; opening the
    // database resolves only once they are done.
    void (async () => {
      let cursor = await companies.openCursor();
      while (cursor) {
        await cursor.update(withDerivedKeys(cursor.value));
        cursor = await cursor.continue();
      }
    })();
  },
  // v4: team sync's change log, outbox and state (lib/store/sync-log.ts).
  (db) => {
    db.createObjectStore('syncLog', { keyPath: 'id' }).createIndex('companyIds', 'companyIds', { multiEntry: true });
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('order', 'order');
    db.createObjectStore('syncMeta', { keyPath: 'key' });
  },
];

export const DB_VERSION = MIGRATIONS.length;
export const DB_NAME = 'callmark';
