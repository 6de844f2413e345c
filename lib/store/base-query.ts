/**
 * The base table's queries (options page, #base): which companies match a
 * search and filters, in which order, and the records of the rows on screen.
 * Everything is answered from indexes: ids come from `getAllKeys` on an index
 * (primary keys only, in the index's order), filters are sets of ids from
 * index ranges, and only the rows being shown are read whole. The whole base
 * is never loaded into the page.
 */
import type { CountryCode } from 'libphonenumber-js';
import { domainOf } from '../match/domain';
import { nameKey } from '../match/name';
import { normalizePhone } from '../match/phone';
import type { Company, Status } from '../model';
import { statusRank } from './keys';
import type { CallmarkDB, Db } from './schema';
import { countersOf, hasLetter, wordKey } from './totals';
import type { IDBPIndex, IDBPObjectStore, IndexNames, StoreNames } from 'idb';

export const SORT_KEYS = ['name', 'status', 'industry', 'city', 'phones', 'lastCall', 'manager', 'source'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface BaseSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** What the table shows: filters combine (and); a list inside one filter is any of its values. */
export interface BaseFilter {
  /** Name words (prefixes), a phone in any format or its digits, an INN/OGRN, a website. */
  text?: string;
  statuses?: readonly Status[];
  /** Industries as stored; `''` is "no industry". */
  industries?: readonly string[];
  /** Source keys (lib/model/company.ts sourceKey): `2gis`, `import:file.csv`, `manual`. */
  sources?: readonly string[];
  /** The manager of the latest call; `''` is "nobody yet". */
  managers?: readonly string[];
  /** Not confirmed within the staleness threshold. */
  stale?: boolean;
  /** Has at least one decision maker. */
  hasDecisionMaker?: boolean;
  /** A call-back due by the end of today, or overdue. */
  callbackDue?: boolean;
}

export interface QueryContext {
  defaultCountry: CountryCode;
  staleAfterDays: number;
  now: Date;
  /**
   * The totals, and with them the word lists, are being rebuilt after a bulk
   * write (an import, a restore: lib/ui/options/rebuild.ts): name words are
   * then found through the byWords index, which the write itself kept.
   */
  wordListsStale?: boolean;
}

type CompanyIndex = IndexNames<CallmarkDB, 'companies'>;

export const SORT_INDEX: Record<SortKey, CompanyIndex> = {
  name: 'nameKey',
  status: 'byStatus',
  industry: 'byIndustry',
  city: 'byCity',
  phones: 'byPhone',
  lastCall: 'byLastCall',
  manager: 'byManager',
  source: 'bySource',
};

/** The end of the local day of `now`, as an ISO time (call-backs due "today"). */
export function endOfDay(now: Date): string {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.toISOString();
}

/** The time before which a company's data counts as stale (lib/model/status.ts isStale). */
export const staleBefore = (ctx: Pick<QueryContext, 'staleAfterDays' | 'now'>) => new Date(ctx.now.getTime() - ctx.staleAfterDays * 86_400_000).toISOString();

/** No search and no filter: the whole base. */
export const isEmptyFilter = (f: BaseFilter) =>
  !f.text?.trim() && !f.statuses?.length && !f.industries?.length && !f.sources?.length && !f.managers?.length && !f.stale && !f.hasDecisionMaker && !f.callbackDue;

type Store = IDBPObjectStore<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'companies', IDBTransactionMode>;
type TotalsStore = IDBPObjectStore<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'totals', IDBTransactionMode>;
/** The stores a query reads: the companies, and the totals for the search's word lists. */
interface QueryStores {
  companies: Store;
  totals: TotalsStore;
}
const queryStores = (db: Db): QueryStores => {
  const tx = db.transaction(['companies', 'totals'], 'readonly');
  return { companies: tx.objectStore('companies'), totals: tx.objectStore('totals') };
};

/** Primary keys (ids) of an index's entries in `query`, in the index's order. */
const keysOf = (store: Store, index: CompanyIndex, query?: IDBKeyRange | IDBValidKey | null, count?: number): Promise<string[]> =>
  (store.index(index) as unknown as { getAllKeys(q: IDBKeyRange | IDBValidKey | null, count?: number): Promise<string[]> }).getAllKeys(query ?? null, count);

/** Ids whose index value is any of `values`. */
async function anyOf(store: Store, index: CompanyIndex, values: readonly IDBValidKey[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const keys of await Promise.all(values.map((v) => keysOf(store, index, IDBKeyRange.only(v))))) for (const k of keys) out.add(k);
  return out;
}

const prefix = (p: string) => IDBKeyRange.bound(p, `${p}\uffff`);

/**
 * The ids of the companies with a word starting with `word` (one with a
 * letter), from the word lists (lib/store/totals.ts wordKey): a few records
 * instead of an index entry per company, 10,000 companies in one list read in
 * about a tenth of the time the byWords index takes.
 */
async function idsByWord(totals: TotalsStore, word: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const list of await totals.getAll(IDBKeyRange.bound(wordKey(word), `${wordKey(word)}\uffff`))) for (const id of countersOf(list).keys()) ids.add(id);
  return ids;
}

/**
 * The ids a search finds, through the same normalising the badges match with:
 * a phone in any format (E.164 via libphonenumber with the default country),
 * digits of a phone (its start or its last seven) or an INN/OGRN, a website's
 * domain, and name words, each a prefix of one of the company's words
 * (lib/store/keys.ts searchWords); several words must all be found. Words with
 * a letter come from the word lists unless `wordLists` is off (they are being rebuilt).
 */
export async function searchIds({ companies: store, totals }: QueryStores, text: string, country: CountryCode, wordLists = true): Promise<Set<string>> {
  const q = text.trim();
  const found = new Set<string>();
  if (!q) return found;
  const digits = q.replace(/\D/g, '');
  const noLetters = !hasLetter(q);
  const phone = /\d{5}/.test(digits) ? normalizePhone(q, country) : null;
  // Asked all at once: each request would otherwise wait for the one before to come back.
  const reads: Array<Promise<string[]>> = [];
  if (phone) reads.push(keysOf(store, 'phoneKeys', phone));
  if (noLetters && digits.length >= 3) {
    // Phone digits as typed (without the trunk 8 or a leading +7), an INN, an OGRN.
    const variants = new Set([digits]);
    if (/^8\d{10}$/.test(digits)) variants.add(digits.slice(1));
    if (phone) variants.add(phone.slice(1)).add(phone.slice(-10));
    for (const v of variants) reads.push(keysOf(store, 'byWords', prefix(v)));
    if (/^\d{10}(\d{2})?$/.test(digits)) reads.push(keysOf(store, 'inn', digits));
    if (/^\d{13}(\d{2})?$/.test(digits)) reads.push(keysOf(store, 'ogrn', digits));
  }
  const domain = /\./.test(q) && !/\s/.test(q) ? domainOf(q) : null;
  if (domain) reads.push(keysOf(store, 'domain', domain));
  for (const keys of await Promise.all(reads)) for (const k of keys) found.add(k);
  const words = nameKey(q.replace(/,/g, ' ')).split(' ').filter(Boolean);
  if (words.length && !(noLetters && digits.length >= 3)) {
    let all: Set<string> | undefined;
    // Longest words first: they narrow most.
    for (const w of [...new Set(words)].sort((a, b) => b.length - a.length)) {
      const hits = wordLists && hasLetter(w) ? await idsByWord(totals, w) : new Set(await keysOf(store, 'byWords', prefix(w)));
      all = all ? new Set([...hits].filter((k) => all!.has(k))) : hits;
      if (all.size === 0) break;
    }
    if (all) for (const k of all) found.add(k);
  }
  return found;
}

/** The id sets of each active filter (and the search), smallest first. */
async function filterSets(stores: QueryStores, f: BaseFilter, ctx: QueryContext): Promise<Set<string>[]> {
  const store = stores.companies;
  const sets: Array<Promise<Set<string>>> = [];
  if (f.text?.trim()) sets.push(searchIds(stores, f.text, ctx.defaultCountry, !ctx.wordListsStale));
  if (f.statuses?.length) sets.push(anyOf(store, 'status', f.statuses));
  if (f.industries?.length) sets.push(anyOf(store, 'byIndustry', f.industries));
  if (f.sources?.length) sets.push(anyOf(store, 'bySources', f.sources));
  if (f.managers?.length) sets.push(anyOf(store, 'byManager', f.managers));
  if (f.stale) sets.push(keysOf(store, 'byFreshAt', IDBKeyRange.upperBound(staleBefore(ctx), true)).then((k) => new Set(k)));
  if (f.hasDecisionMaker) sets.push(keysOf(store, 'byDm', IDBKeyRange.lowerBound(1)).then((k) => new Set(k)));
  if (f.callbackDue) {
    sets.push(
      Promise.all([keysOf(store, 'callbackAt', IDBKeyRange.upperBound(endOfDay(ctx.now), true)), keysOf(store, 'status', 'callback')]).then(
        ([due, callback]) => {
          const isCallback = new Set(callback);
          return new Set(due.filter((k) => isCallback.has(k)));
        },
      ),
    );
  }
  return (await Promise.all(sets)).sort((a, b) => a.size - b.size);
}

/** Entries of a sort index read per request while the whole order is read. */
const ORDER_SLICE = 2000;

/**
 * Every id in the sort's order; empty values (no city, no call yet) last either
 * way. Read in slices, each a request of its own from where the last one
 * ended: one request for 100,000 names holds the database for about two
 * seconds, and a search asked meanwhile would wait for all of it.
 */
export async function orderedIds(db: Db, sort: BaseSort, slice = ORDER_SLICE, beforeSlice?: () => Promise<void>): Promise<string[]> {
  const index = SORT_INDEX[sort.key];
  let ids: string[];
  if (sort.key === 'status') {
    ids = await keysInSlices(db, sort.key, null, slice, beforeSlice);
    if (sort.dir === 'desc') ids.reverse();
  } else {
    const filled = await keysInSlices(db, sort.key, IDBKeyRange.lowerBound('', true), slice, beforeSlice);
    if (sort.dir === 'desc') filled.reverse();
    const tx = db.transaction('companies', 'readonly');
    ids = filled.concat(await keysOf(tx.store, index, IDBKeyRange.only('')));
  }
  return ids;
}

/**
 * The ids of a sort index's entries in `range`, in order, `slice` at a time: the
 * next slice starts at the last one's key (read from its record), and ids
 * already read are skipped (entries with equal keys come again); a run of
 * equal keys longer than a slice is read with a bigger one. `beforeSlice` may
 * hold the next slice back (while a search reads: the database answers one
 * request at a time, and a search would wait behind each slice).
 */
async function keysInSlices(db: Db, key: SortKey, range: IDBKeyRange | null, slice: number, beforeSlice?: () => Promise<void>): Promise<string[]> {
  const index = SORT_INDEX[key];
  const out: string[] = [];
  const seen = new Set<string>();
  let from: IDBValidKey | undefined;
  for (let size = slice; ; ) {
    await beforeSlice?.();
    const store = db.transaction('companies', 'readonly').store;
    const keys = await keysOf(store, index, from === undefined ? range : IDBKeyRange.lowerBound(from), size);
    const fresh = keys.filter((id) => !seen.has(id));
    for (const id of fresh) {
      seen.add(id);
      out.push(id);
    }
    if (keys.length < size) return out;
    if (fresh.length === 0) {
      size *= 2;
      continue;
    }
    size = slice;
    const last = await store.get(keys[keys.length - 1]!);
    // Deleted meanwhile: the rest in one request from the start, the ids read so far skipped.
    from = last ? indexKey(last, key) : undefined;
    if (!last) {
      for (const id of await keysOf(store, index, range)) if (!seen.has(id)) out.push(id);
      return out;
    }
  }
}

/** The first slice of a sort index read for a query's first rows; each next try reads four times as many. */
const HEAD_SLICE = 2000;
const HEAD_SLICE_MAX = 32_000;

/**
 * The first `n` of `keep` in the sort's (ascending) order, from the first
 * entries of the sort's index: slices from its start, each four times the one
 * before, until `n` are found (empty values last, as in orderedIds).
 * Undefined where that is no quicker than the whole order: descending sorts
 * (read from the index's end), and matches too sparse for the slices.
 */
async function firstInOrder(store: Store, sort: BaseSort, keep: ReadonlySet<string>, n: number): Promise<string[] | undefined> {
  if (sort.dir === 'desc') return undefined;
  const index = SORT_INDEX[sort.key];
  const ranges = sort.key === 'status' ? [null] : [IDBKeyRange.lowerBound('', true), IDBKeyRange.only('')];
  const out: string[] = [];
  for (const range of ranges) {
    for (let slice = HEAD_SLICE; ; slice *= 4) {
      if (slice > HEAD_SLICE_MAX) return undefined;
      const keys = await keysOf(store, index, range, slice);
      const found = keys.filter((id) => keep.has(id));
      if (out.length + found.length >= n) return out.concat(found.slice(0, n - out.length));
      if (keys.length < slice) {
        out.push(...found);
        break;
      }
    }
  }
  return out;
}
/** Up to this many matches are ordered from their records rather than from the whole order. */
const FEW_MATCHES = 500;

/** A row's key in the sort's index (lib/store/keys.ts withDerivedKeys), as the index holds it. */
const indexKey = (c: Company, key: SortKey): IDBValidKey =>
  key === 'status' ? [c.idx?.status ?? '', c.idx?.statusAt ?? ''] : key === 'name' ? (c.nameKey ?? '') : key === 'phones' ? (c.idx?.phone ?? '') : (c.idx?.[key] ?? '');

/** Rows in the order the sort's index gives them (orderedIds): index key, then id; empty values last either way. */
export function orderRows(rows: Company[], sort: BaseSort): Company[] {
  const keyed = rows.map((c) => ({ c, k: indexKey(c, sort.key) }));
  keyed.sort((a, b) => indexedDB.cmp(a.k, b.k) || indexedDB.cmp(a.c.id, b.c.id));
  const filled = sort.key === 'status' ? keyed : keyed.filter((x) => x.k !== '');
  if (sort.dir === 'desc') filled.reverse();
  const empty = sort.key === 'status' ? [] : keyed.filter((x) => x.k === '');
  return [...filled, ...empty].map((x) => x.c);
}

/**
 * Answers table queries, keeping the current sort's id order between queries
 * (one `getAllKeys` over an index) until the base changes (`invalidate`).
 */
export class BaseQueries {
  private orders = new Map<string, Promise<string[]>>();
  /** Orders whose reading is done. */
  private read = new WeakSet<Promise<string[]>>();
  constructor(private readonly db: () => Promise<Db>) {}

  /** Queries reading now; orders being read wait for them between slices. */
  private reading = 0;
  private waiting: Array<() => void> = [];
  private readonly searchesDone = (): Promise<void> => (this.reading === 0 ? Promise.resolve() : new Promise((resume) => this.waiting.push(resume)));
  /** Runs a query's reads with the orders' next slices held back (it must not wait for an order itself). */
  private async aheadOfOrders<T>(read: () => Promise<T>): Promise<T> {
    this.reading++;
    try {
      return await read();
    } finally {
      if (--this.reading === 0) for (const resume of this.waiting.splice(0)) resume();
    }
  }

  private total: Promise<number> | undefined;

  /** Call when the base changed: the next query reads the order (and the count) again. */
  invalidate(): void {
    this.orders.clear();
    this.total = undefined;
  }

  /** Whether the sort's whole order is read (or being read). */
  hasOrder(sort: BaseSort): boolean {
    return this.orders.has(`${sort.key}:${sort.dir}`);
  }

  /** Whether the sort's whole order is read, not just being read. */
  private orderRead(sort: BaseSort): boolean {
    const order = this.orders.get(`${sort.key}:${sort.dir}`);
    return !!order && this.read.has(order);
  }

  order(sort: BaseSort): Promise<string[]> {
    const key = `${sort.key}:${sort.dir}`;
    let order = this.orders.get(key);
    if (!order) {
      const reading = this.db().then((db) => orderedIds(db, sort, ORDER_SLICE, this.searchesDone));
      order = reading;
      reading.then(
        () => this.read.add(reading),
        () => this.orders.delete(key),
      );
      this.orders.set(key, order);
    }
    return order;
  }

  /**
   * The ids matching `filter`, in the sort's order. A few matches (a phone, an
   * INN, a website) are ordered from their own records, so the answer does not
   * wait for the whole base's order to be read.
   */
  async ids(filter: BaseFilter, sort: BaseSort, ctx: QueryContext): Promise<string[]> {
    const answer = await this.match(filter, sort, ctx);
    return 'ids' in answer ? answer.ids : [];
  }

  /**
   * What a query shows first: every matching id in order, or, with `headRows`,
   * for many matches while the sort's whole order is not read (a name word in
   * one company of ten: reading the order of 100,000 names takes the database
   * seconds), the first `headRows` of them and how many there are. The rest of
   * the order is read when it is wanted (`ids`).
   */
  async match(filter: BaseFilter, sort: BaseSort, ctx: QueryContext, headRows?: number): Promise<{ ids: string[] } | { head: string[]; count: number }> {
    if (isEmptyFilter(filter)) return { ids: await this.order(sort) };
    const db = await this.db();
    const found = await this.aheadOfOrders(async () => {
      const stores = queryStores(db);
      const sets = await filterSets(stores, filter, ctx);
      const [first, ...rest] = sets;
      const keep = !first ? new Set<string>() : rest.length ? new Set([...first].filter((id) => rest.every((s) => s.has(id)))) : first;
      if (keep.size === 0) return { ids: [] };
      // A few matches do not wait for an order still being read (read ahead by the table: lib/ui/options/base-state.ts).
      if (keep.size <= FEW_MATCHES && !this.orderRead(sort)) {
        const rows = await Promise.all([...keep].map((id) => stores.companies.get(id)));
        return { ids: orderRows(rows.filter((c): c is Company => !!c), sort).map((c) => c.id) };
      }
      if (headRows && !this.orderRead(sort)) {
        const head = await firstInOrder(stores.companies, sort, keep, headRows);
        if (head && head.length < keep.size) return { head, count: keep.size };
      }
      return keep;
    });
    if (!(found instanceof Set)) return found;
    const keep = found;
    const order = this.order(sort);
    return { ids: (await order).filter((id) => keep.has(id)) };
  }

  /**
   * The first `n` rows of the unfiltered base in the sort's order, and (later)
   * how many companies there are: what the table shows before the whole order is read.
   */
  async head(sort: BaseSort, n: number): Promise<{ count: Promise<number>; rows: Company[] }> {
    const db = await this.db();
    const tx = db.transaction('companies', 'readonly');
    const index = tx.store.index(SORT_INDEX[sort.key]);
    const range = sort.key === 'status' ? null : IDBKeyRange.lowerBound('', true);
    const rows = await firstValues(index, range, n, sort.dir === 'asc' ? 'next' : 'prev');
    // Empty values (no city, no call yet) come last either way.
    if (rows.length < n && range) rows.push(...(await firstValues(index, IDBKeyRange.only(''), n - rows.length, 'next')));
    await tx.done;
    // Counting walks the whole store (IndexedDB keeps no count), and the database answers
    // one request at a time: asked only now, so the first rows do not wait behind it; kept
    // until the base changes (a search cleared shows the whole base again at once).
    if (!this.total) {
      const total = db.count('companies');
      total.catch(() => (this.total = undefined));
      this.total = total;
    }
    return { count: this.total, rows };
  }
}

type CompanyIndexHandle = IDBPIndex<CallmarkDB, ['companies'], 'companies', CompanyIndex, IDBTransactionMode>;

/**
 * The first `n` records of an index in `range`, in `direction`: one request
 * (`getAll` with a count, or `getAllRecords` backwards), not a cursor, which
 * waits a round trip per record (600 ms for 60 rows on a cold 100,000-company base, 29 ms this way).
 */
async function firstValues(index: CompanyIndexHandle, range: IDBKeyRange | null, n: number, direction: 'next' | 'prev'): Promise<Company[]> {
  if (n <= 0) return [];
  if (direction === 'next') return index.getAll(range, n);
  const withRecords = index as unknown as { getAllRecords?: (o: { query: IDBKeyRange | null; count: number; direction: 'prev' }) => Promise<Array<{ value: Company }>> };
  if (typeof withRecords.getAllRecords === 'function') return (await withRecords.getAllRecords({ query: range, count: n, direction })).map((r) => r.value);
  const rows: Company[] = [];
  for (let cursor = await index.openCursor(range, direction); cursor && rows.length < n; cursor = await cursor.continue()) rows.push(cursor.value);
  return rows;
}

/** The records of the given ids (rows on screen), in one read transaction; deleted ones are left out. */
export async function loadCompanies(db: Db, ids: readonly string[]): Promise<Company[]> {
  const tx = db.transaction('companies', 'readonly');
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  return rows.filter((c): c is Company => !!c);
}

type FilterIndex = 'byIndustry' | 'bySources' | 'byManager';

/**
 * The values one filter can take: the distinct keys of its index, each found by
 * a seek past the one before (a 'nextunique' cursor walks every entry: a second
 * per index on 100,000 companies).
 */
export async function filterKeys(db: Db, index: FilterIndex): Promise<string[]> {
  const values: string[] = [];
  let range: IDBKeyRange | null = null;
  while (values.length < 1000) {
    const cursor = await db.transaction('companies').store.index(index).openKeyCursor(range);
    if (!cursor) break;
    const value = cursor.key as string;
    values.push(value);
    range = IDBKeyRange.lowerBound(value, true);
  }
  return values;
}

/**
 * The values one filter can take, with how many companies have each. A count
 * walks its entries (a fraction of a second for a big value on 100,000
 * companies): each is a request of its own, one at a time, so a search asked
 * meanwhile waits for one count at most.
 */
export async function filterValues(db: Db, index: FilterIndex): Promise<Array<{ value: string; count: number }>> {
  const out: Array<{ value: string; count: number }> = [];
  for (const value of await filterKeys(db, index)) out.push({ value, count: await db.countFromIndex('companies', index, value) });
  return out;
}

/** Sort keys of a row as the table compares them (for the tests' reference order). */
export const sortValue = (c: Company, key: SortKey): string =>
  key === 'name' ? c.nameKey : key === 'status' ? `${statusRank(c.status)}\u0000${c.statusAt ?? ''}` : key === 'phones' ? (c.phoneKeys[0] ?? '') : key === 'lastCall' ? (c.lastCallAt ?? '') : key === 'manager' ? (c.lastManager ?? '') : key === 'source' ? (c.idx?.source ?? '') : key === 'city' ? (c.city ?? '').toLocaleLowerCase() : (c.industry ?? '');
