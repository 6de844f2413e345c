/**
 * The totals store: counters per family, per day, per month and for all time,
 * so a report reads a few records instead of a million calls; and, kept the
 * same way, the search's word lists (`word|<word>`: the ids of the companies
 * found by that word, lib/store/base-query.ts). Every write to
 * companies or calls goes through recordChange() in its own transaction
 * (lib/store/*.ts); bulk writers (import, restore, sync) may skip that and call
 * rebuildTotals() afterwards (run in a worker: lib/store/rebuild.worker.ts).
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Call, Company } from '../model';
import { contribution, FAMILIES, type Entry, type Family } from '../reports/contribution';
import { addDays, weekOf } from '../reports/periods';
import type { PeriodCounts } from '../reports/types';
import type { CallmarkDB, Db } from './schema';

export interface TotalsRecord {
  /** `<family>|d|YYYY-MM-DD`, `<family>|w|<Monday>` (WEEKLY only), `<family>|m|YYYY-MM` or `<family>|all`. */
  key: string;
  /**
   * The counters' names and, at the same places, their values. Two lists, not
   * an object of as many properties: a freshly opened page read the reports'
   * 17,000 counters in 16 ms instead of 37 (objects of hundreds of properties
   * are built one property at a time).
   */
  names?: string[];
  n?: number[];
  /** How schema v8 and before stored them (schema v9 rewrote every record); still read. */
  counts?: Record<string, number>;
}

/** A record's counters, however it was stored. */
export function countersOf(record: TotalsRecord | undefined): Map<string, number> {
  if (!record) return new Map();
  if (record.names) {
    const out = new Map<string, number>();
    const n = record.n ?? [];
    for (let i = 0; i < record.names.length; i++) out.set(record.names[i]!, n[i] ?? 0);
    return out;
  }
  return new Map(Object.entries(record.counts ?? {}));
}

/** The record that stores `counts` under `key`. */
export function totalsRecord(key: string, counts: Map<string, number> | Record<string, number>): TotalsRecord {
  const entries = counts instanceof Map ? [...counts] : Object.entries(counts);
  return { key, names: entries.map(([name]) => name), n: entries.map(([, n]) => n) };
}

/** A company as it was or is: its record and all its calls. */
export interface CompanyState {
  company: Company;
  calls: readonly Call[];
}

type TotalsStore = IDBPObjectStore<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'totals', 'readwrite'>;

/** Where totals are read from: the base (a transaction per read), or one transaction's store that several reads share. */
export type TotalsSource = Db | Pick<IDBPObjectStore<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'totals', IDBTransactionMode>, 'get' | 'getAll'>;
const totalsOf = (source: TotalsSource) => ('objectStoreNames' in source ? source.transaction('totals').store : source);

export const dayKey = (family: Family, day: string) => `${family}|d|${day}`;
export const monthKey = (family: Family, month: string) => `${family}|m|${month}`;
export const allKey = (family: Family) => `${family}|all`;
/**
 * A search word's list: counters keyed by the ids of the companies with that
 * word (lib/store/keys.ts searchWords), each 1. Only words with a letter: digits
 * (phones, INNs) are searched through the companies' byWords index.
 */
export const wordKey = (word: string) => `word|${word}`;
export const hasLetter = (word: string) => /\p{L}/u.test(word);

/** The word lists a company is in. */
const wordKeysOf = (company: Pick<Company, 'idx'>): string[] => (company.idx?.words ?? []).filter(hasLetter).map(wordKey);

/** A week's record, keyed by its Monday (lib/reports/periods.ts weekOf). */
export const weekKey = (family: Family, monday: string) => `${family}|w|${monday}`;

/**
 * Families also kept per week, for the reports shown by week over long ranges
 * (calls, growth): a year of calls is 53 week records instead of 365 day
 * records of some 160 counters each, which were most of the reports' load.
 */
export const WEEKLY: ReadonlySet<Family> = new Set<Family>(['call', 'growth']);

/** The records an entry of `family` on `day` counts in. */
function keysOf(family: Family, day: string): string[] {
  const keys = [dayKey(family, day), monthKey(family, day.slice(0, 7)), allKey(family)];
  if (WEEKLY.has(family)) keys.push(weekKey(family, weekOf(day)));
  return keys;
}

/** Counter changes per totals record. */
export type Delta = Map<string, Map<string, number>>;

function add(delta: Delta, entries: readonly Entry[], sign: 1 | -1): void {
  for (const [family, day, counter, n] of entries) {
    for (const key of keysOf(family, day)) {
      let counts = delta.get(key);
      if (!counts) delta.set(key, (counts = new Map()));
      counts.set(counter, (counts.get(counter) ?? 0) + sign * n);
    }
  }
}

/** A company's whole share of the totals: its report counters and its place in the word lists. */
function addState(delta: Delta, state: CompanyState, sign: 1 | -1): void {
  add(delta, contribution(state.company, state.calls), sign);
  addWords(delta, state.company, sign);
}

/** A company's place in the word lists it is in (also the schema step that first filled them). */
export function addWords(delta: Delta, company: Pick<Company, 'id' | 'idx'>, sign: 1 | -1): void {
  for (const key of wordKeysOf(company)) {
    let ids = delta.get(key);
    if (!ids) delta.set(key, (ids = new Map()));
    ids.set(company.id, (ids.get(company.id) ?? 0) + sign);
  }
}

/** The records a delta of a whole base makes: counters that are not zero, records that are not empty. */
export function recordsOf(delta: Delta): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const [key, counts] of delta) {
    const record: Record<string, number> = {};
    for (const [counter, n] of counts) if (n !== 0) record[counter] = n;
    if (Object.keys(record).length) out.set(key, record);
  }
  return out;
}

/** What the totals must change by when a company goes from `before` to `after` (either may be absent). */
export function deltaOf(before: CompanyState | undefined, after: CompanyState | undefined): Delta {
  const delta: Delta = new Map();
  if (before) addState(delta, before, -1);
  if (after) addState(delta, after, 1);
  for (const [key, counts] of delta) {
    for (const [counter, n] of counts) if (n === 0) counts.delete(counter);
    if (counts.size === 0) delta.delete(key);
  }
  return delta;
}

/** Applies a delta inside the caller's transaction, so totals and records commit or fail together. */
export async function applyDelta(store: TotalsStore, delta: Delta): Promise<void> {
  await Promise.all(
    [...delta].map(async ([key, changes]) => {
      const counts = countersOf(await store.get(key));
      for (const [counter, n] of changes) {
        const next = (counts.get(counter) ?? 0) + n;
        if (next === 0) counts.delete(counter);
        else counts.set(counter, next);
      }
      if (counts.size === 0) await store.delete(key);
      else await store.put(totalsRecord(key, counts));
    }),
  );
}

/** Records one company's change in the totals, in the transaction that makes the change. */
export function recordChange(store: TotalsStore, before: CompanyState | undefined, after: CompanyState | undefined): Promise<void> {
  return applyDelta(store, deltaOf(before, after));
}

/** The totals of a whole base, computed in memory from raw records: the rebuild, and the tests' reference. */
export function computeTotals(states: Iterable<CompanyState>): Map<string, Record<string, number>> {
  const delta: Delta = new Map();
  for (const s of states) addState(delta, s, 1);
  return recordsOf(delta);
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * Recomputes the whole totals store from companies and calls. Calls are read in
 * one pass in company order (the companyAt index), in slices so memory stays
 * bounded by the counters, not by the base. A call logged (or a company
 * changed or deleted) while the pass runs adds its own delta to the totals the
 * pass is about to replace: the pass then starts again, up to `attempts`
 * times, so the totals written always match the base as it is.
 */
export async function rebuildTotals(db: Db, onProgress?: (p: Progress) => void, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await rebuildPass(db, onProgress, attempt === attempts)) return;
  }
}

/** One pass; false (nothing written) when the base changed under it and `force` is off. */
async function rebuildPass(db: Db, onProgress: ((p: Progress) => void) | undefined, force: boolean): Promise<boolean> {
  const started = new Date().toISOString();
  const total = await db.count('companies');
  const delta: Delta = new Map();
  let done = 0;
  let after: string | undefined;
  const SLICE = 2000;
  for (;;) {
    const tx = db.transaction(['companies', 'calls'], 'readonly');
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const companies = await tx.objectStore('companies').getAll(range, SLICE);
    if (companies.length === 0) break;
    const first = companies[0]!.id;
    const last = companies[companies.length - 1]!.id;
    const calls = await tx.objectStore('calls').index('companyAt').getAll(IDBKeyRange.bound([first, ''], [last, '\uffff']));
    const byCompany = new Map<string, Call[]>();
    for (const call of calls) {
      let list = byCompany.get(call.companyId);
      if (!list) byCompany.set(call.companyId, (list = []));
      list.push(call);
    }
    for (const company of companies) addState(delta, { company, calls: byCompany.get(company.id) ?? [] }, 1);
    done += companies.length;
    after = last;
    onProgress?.({ done, total: Math.max(total, done) });
  }
  // The check and the write in one transaction: no writer can come between them.
  const tx = db.transaction(['companies', 'totals'], 'readwrite');
  const companies = tx.objectStore('companies');
  const [changed, now] = await Promise.all([companies.index('updatedAt').count(IDBKeyRange.lowerBound(started)), companies.count()]);
  if (!force && (changed > 0 || now !== done)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return false;
  }
  const store = tx.objectStore('totals');
  await store.clear();
  for (const [key, counts] of recordsOf(delta)) void store.put(totalsRecord(key, counts));
  await tx.done;
  return true;
}

export interface DateRange {
  /** First day, `YYYY-MM-DD`, inclusive; absent = from the beginning. */
  from?: string;
  /** Last day, inclusive; absent = up to now. */
  to?: string;
}

const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(y, m, 0).getDate()).padStart(2, '0')}`;
};
/**
 * A family's counters summed over a date range: the all-time record when there
 * is no range, else its months (readByPeriod: whole months from month
 * records, the ragged ends from day records) added up.
 */
export async function readSum(source: TotalsSource, family: Family, range: DateRange = {}): Promise<Map<string, number>> {
  if (!range.from && !range.to) {
    return countersOf(await totalsOf(source).get(allKey(family)));
  }
  const out = new Map<string, number>();
  for (const counts of (await readByPeriod(source, family, MONTHS, range)).values()) {
    for (const [counter, n] of counts) out.set(counter, (out.get(counter) ?? 0) + n);
  }
  return out;
}

/** A family's counters per day within a range (for series: calls per day, growth per week). */
export async function readByDay(source: TotalsSource, family: Family, range: DateRange = {}): Promise<Map<string, Map<string, number>>> {
  const records = await totalsOf(source).getAll(IDBKeyRange.bound(dayKey(family, range.from ?? '0000-00-00'), dayKey(family, range.to ?? '9999-99-99')));
  const out = new Map<string, Map<string, number>>();
  const prefix = dayKey(family, '').length;
  for (const r of records) out.set(r.key.slice(prefix), countersOf(r));
  return out;
}

/** A kind of period the totals keep records for: its record key, and the days it spans. */
interface PeriodKind {
  key(family: Family, period: string): string;
  of(day: string): string;
  first(period: string): string;
  last(period: string): string;
}
export const MONTHS: PeriodKind = { key: monthKey, of: (day) => day.slice(0, 7), first: (m) => `${m}-01`, last: lastDayOfMonth };
export const WEEKS: PeriodKind = { key: weekKey, of: weekOf, first: (w) => w, last: (w) => addDays(w, 6) };

function addInto(target: PeriodCounts, period: string, record: TotalsRecord): void {
  let m = target.get(period);
  if (!m) target.set(period, (m = new Map()));
  for (const [k, n] of countersOf(record)) m.set(k, (m.get(k) ?? 0) + n);
}

/**
 * A family's counters per month or per week within a range: whole periods
 * from their records, the periods the range cuts (its ragged first and last)
 * from their days within the range. Weeks only for WEEKLY families.
 */
export async function readByPeriod(source: TotalsSource, family: Family, kind: PeriodKind, range: DateRange = {}): Promise<PeriodCounts> {
  const store = totalsOf(source);
  const out: PeriodCounts = new Map();
  const { from, to } = range;
  if (from && to && from > to) return out;
  const fromPeriod = from ? kind.of(from) : undefined;
  const toPeriod = to ? kind.of(to) : undefined;
  const records = await store.getAll(IDBKeyRange.bound(kind.key(family, fromPeriod ?? ''), kind.key(family, toPeriod ?? '\uffff')));
  const prefix = kind.key(family, '').length;
  for (const r of records) out.set(r.key.slice(prefix), countersOf(r));
  const cut = async (period: string, a: string, b: string) => {
    const days = await store.getAll(IDBKeyRange.bound(dayKey(family, a), dayKey(family, b)));
    out.delete(period);
    for (const d of days) addInto(out, period, d);
  };
  const cuts: Array<Promise<void>> = [];
  const raggedStart = !!fromPeriod && from !== kind.first(fromPeriod);
  const raggedEnd = !!toPeriod && to !== kind.last(toPeriod);
  if (fromPeriod && toPeriod && fromPeriod === toPeriod) {
    if (raggedStart || raggedEnd) cuts.push(cut(fromPeriod, from!, to!));
  } else {
    if (raggedStart) cuts.push(cut(fromPeriod!, from!, kind.last(fromPeriod!)));
    if (raggedEnd) cuts.push(cut(toPeriod!, kind.first(toPeriod!), to!));
  }
  await Promise.all(cuts);
  for (const [k, m] of out) if (m.size === 0) out.delete(k);
  return out;
}

export { FAMILIES };
