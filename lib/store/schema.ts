import { unwrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import type { Call, Company } from '../model';
import { applyCalls } from './derive';
import { DEFAULT_INDUSTRIES } from '../model/defaults';
import { suggestIndustry } from '../model/industry';
import type { Change } from '../sync/changes';
import { withDerivedKeys } from './keys';
import { contribution } from '../reports/contribution';
import { weekOf } from '../reports/periods';
import { addWords, countersOf, dayKey, recordsOf, totalsRecord, WEEKLY, weekKey, type Delta, type TotalsRecord } from './totals';

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
      statusAt: string;
      byCity: string;
      byIndustry: string;
      byManager: string;
      byLastCall: string;
      bySource: string;
      bySources: string;
      byFreshAt: string;
      byDm: number;
      byStatus: [string, string];
      byPhone: string;
      byWords: string;
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
  /** Report counters (lib/store/totals.ts), kept in the transaction of every write. */
  totals: {
    key: string;
    value: TotalsRecord;
  };
  /** Pairs the user said are not duplicates: `idA|idB`, ids sorted. */
  notDuplicates: {
    key: string;
    value: { pair: string; at: string };
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
 * Writes every company again with its derived keys (lib/store/keys.ts). The
 * upgrade transaction stays open while these requests run; opening the
 * database resolves only once they are done.
 */
function rederiveAll(companies: IDBPObjectStore<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'companies', 'versionchange'>): Promise<void> {
  return (async () => {
    let cursor = await companies.openCursor();
    while (cursor) {
      await cursor.update(withDerivedKeys(cursor.value));
      cursor = await cursor.continue();
    }
  })();
}

/**
 * Schema versions, oldest first. Each step upgrades from the version before it;
 * a step that rewrites records returns the promise of that work, so that a
 * failure in it aborts the whole upgrade (lib/store/db.ts) and the base stays
 * at the version before, untouched;
 * never edit a released step, add a new one (and keep test/unit/store/migrations.test.ts
 * filling the oldest version and opening with the newest).
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<CallmarkDB>, tx: UpgradeTx) => void | Promise<void>> = [
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
    return rederiveAll(companies);
  },
  // v4: team sync's change log, outbox and state (lib/store/sync-log.ts).
  (db) => {
    db.createObjectStore('syncLog', { keyPath: 'id' }).createIndex('companyIds', 'companyIds', { multiEntry: true });
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('order', 'order');
    db.createObjectStore('syncMeta', { keyPath: 'key' });
  },
  // v5: the base table's sort/filter indexes (derived `idx` fields), the totals
  // store filled from the existing records, and remembered "not a duplicate" pairs.
  (db, tx) => {
    const companies = tx.objectStore('companies');
    companies.createIndex('statusAt', 'statusAt');
    companies.createIndex('byCity', 'idx.city');
    companies.createIndex('byIndustry', 'idx.industry');
    companies.createIndex('byManager', 'idx.manager');
    companies.createIndex('byLastCall', 'idx.lastCall');
    companies.createIndex('bySource', 'idx.source');
    companies.createIndex('bySources', 'idx.sources', { multiEntry: true });
    companies.createIndex('byFreshAt', 'idx.freshAt');
    companies.createIndex('byDm', 'idx.dm');
    db.createObjectStore('totals', { keyPath: 'key' });
    db.createObjectStore('notDuplicates', { keyPath: 'pair' });
    const calls = tx.objectStore('calls');
    const totals = tx.objectStore('totals');
    return (async () => {
      const sums = new Map<string, Record<string, number>>();
      let cursor = await companies.openCursor();
      while (cursor) {
        const own = await calls.index('companyId').getAll(cursor.value.id);
        let record = cursor.value;
        // Older versions stored the directory's category as the industry: it becomes the
        // rubric, mapped by the shipped keywords; a default industry was typed, so it is the user's.
        if (!record.rubric && record.industry && !record.industryByHand) {
          record = DEFAULT_INDUSTRIES.includes(record.industry)
            ? { ...record, industryByHand: true }
            : { ...record, rubric: record.industry, industry: suggestIndustry(record.industry, DEFAULT_INDUSTRIES) };
        }
        // Older versions kept no statusAt/lastManager: derive them once from the calls.
        const company = withDerivedKeys(applyCalls(record, own, record.updatedAt));
        await cursor.update(company);
        for (const [family, day, counter, n] of contribution(company, own)) {
          for (const key of [`${family}|d|${day}`, `${family}|m|${day.slice(0, 7)}`, `${family}|all`]) {
            const counts = sums.get(key) ?? {};
            counts[counter] = (counts[counter] ?? 0) + n;
            sums.set(key, counts);
          }
        }
        cursor = await cursor.continue();
      }
      await Promise.all([...sums].map(([key, counts]) => totals.put({ key, counts })));
    })();
  },
  // v6: the base table's search words (prefix-matched, multiEntry), its status
  // sort (status in list order, then its date) and phone sort; every company's
  // derived keys are written again to fill them.
  (_db, tx) => {
    const companies = tx.objectStore('companies');
    companies.createIndex('byStatus', ['idx.status', 'idx.statusAt']);
    companies.createIndex('byPhone', 'idx.phone');
    companies.createIndex('byWords', 'idx.words', { multiEntry: true });
    return rederiveAll(companies);
  },
  // v7: week records of the families reports show by week (lib/store/totals.ts
  // WEEKLY), summed from their day records.
  (_db, tx) => {
    const totals = tx.objectStore('totals');
    return (async () => {
      const weeks = new Map<string, Record<string, number>>();
      for (const family of WEEKLY) {
        const prefix = dayKey(family, '').length;
        for (const day of await totals.getAll(IDBKeyRange.bound(dayKey(family, ''), dayKey(family, '\uffff')))) {
          const key = weekKey(family, weekOf(day.key.slice(prefix)));
          const counts = weeks.get(key) ?? {};
          for (const [counter, n] of countersOf(day)) counts[counter] = (counts[counter] ?? 0) + n;
          weeks.set(key, counts);
        }
      }
      await Promise.all([...weeks].map(([key, counts]) => totals.put({ key, counts })));
    })();
  },
  // v8: the search's word lists (lib/store/totals.ts wordKey), from every
  // company's search words; read in slices of records (a cursor waits a round
  // trip per company: minutes on a big base).
  (_db, tx) => {
    const companies = tx.objectStore('companies');
    const totals = tx.objectStore('totals');
    return (async () => {
      const lists: Delta = new Map();
      for (let after: string | undefined; ; ) {
        const slice = await companies.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), 2000);
        if (slice.length === 0) break;
        for (const company of slice) addWords(lists, company, 1);
        after = slice[slice.length - 1]!.id;
      }
      await Promise.all([...recordsOf(lists)].map(([key, counts]) => totals.put({ key, counts })));
    })();
  },
  // v9: every totals record's counters as two lists, names and values
  // (lib/store/totals.ts TotalsRecord), in slices of records.
  (_db, tx) => {
    const totals = tx.objectStore('totals');
    return (async () => {
      for (let after: string | undefined; ; ) {
        const slice = await totals.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), 2000);
        if (slice.length === 0) break;
        for (const record of slice) if (!record.names) void totals.put(totalsRecord(record.key, countersOf(record)));
        after = slice[slice.length - 1]!.key;
      }
    })();
  },
];

export const DB_VERSION = MIGRATIONS.length;
export const DB_NAME = 'callmark';
