/**
 * The base table's state: the query (search, filters, sort), the matching ids
 * in order, and a bounded cache of the records of rows that were on screen.
 * Reads go straight to IndexedDB through lib/store/base-query.ts (indexes
 * only); writes go through the background (lib/ui/options/CompanyCard.tsx).
 */
import { batch, signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js';
import type { Company } from '../../model';
import { BaseQueries, isEmptyFilter, loadCompanies, type BaseFilter, type BaseSort, type QueryContext } from '../../store/base-query';
import type { Db } from '../../store/schema';
import { displayError } from '../../messages/errors';

/** Rows are this many pixels high (the virtualiser's fixed size). */
export const ROW_HEIGHT = 40;
/** Rows read with the count before the whole order is (the first screens). */
const HEAD_ROWS = 60;
/** How long after the first rows the whole order starts being read. */
const ORDER_AFTER_MS = 1000;
/** Records kept for rows scrolled past. */
const CACHE_MAX = 3000;

export type BaseView = ReturnType<typeof createBaseView>;

export function createBaseView(
  db: () => Promise<Db>,
  settings: () => { defaultCountry: string; staleAfterDays: number },
  /** Whether the totals (and the search's word lists) are being rebuilt after a bulk write. */
  totalsStale: () => boolean = () => false,
) {
  const queries = new BaseQueries(db);
  const filter = signal<BaseFilter>({});
  const sort = signal<BaseSort>({ key: 'name', dir: 'asc' });
  /** The matching ids in order, once read; before that `head` holds the first rows' ids (and `count` how many match). */
  const ids = signal<string[] | null>(null);
  const head = signal<string[]>([]);
  const count = signal<number | null>(null);
  /** Bumped whenever `cache` gains or loses records, so rows re-render. */
  const version = signal(0);
  const error = signal('');
  const cache = new Map<string, Company>();
  let generation = 0;

  const ctx = (): QueryContext => {
    const s = settings();
    return { defaultCountry: s.defaultCountry as CountryCode, staleAfterDays: s.staleAfterDays, now: new Date(), wordListsStale: totalsStale() };
  };

  const remember = (rows: readonly Company[]) => {
    for (const c of rows) {
      cache.delete(c.id);
      cache.set(c.id, c);
    }
    while (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  };

  /**
   * Runs the current query. With no filter, while the sort's whole order is not
   * read yet, only the first rows and the count are: the order (every id, seconds
   * of the database's time on a big base, which a search would queue behind) is
   * read once it is wanted, when rows past the first are shown (`wholeOrder`).
   */
  async function refresh(): Promise<void> {
    const gen = ++generation;
    const f = filter.value;
    const s = sort.value;
    try {
      if (isEmptyFilter(f) && !queries.hasOrder(s)) {
        const first = await queries.head(s, HEAD_ROWS);
        if (gen !== generation) return;
        remember(first.rows);
        batch(() => {
          ids.value = null;
          head.value = first.rows.map((c) => c.id);
          version.value++;
        });
        const total = await first.count;
        if (gen !== generation) return;
        batch(() => {
          count.value = total;
          error.value = '';
        });
        if (total > first.rows.length) {
          // The whole order is read while the user looks at the first rows (in slices: other reads go between),
          // so a search for a common word typed later filters it instead of waiting for it.
          setTimeout(() => gen === generation && !queries.hasOrder(s) && void queries.order(s).catch(() => undefined), ORDER_AFTER_MS);
          return;
        }
      }
      // Many matches while the order is not read: the first rows and the count now, the rest when scrolled to.
      const answer = await queries.match(f, s, ctx(), HEAD_ROWS);
      if (gen !== generation) return;
      if ('head' in answer) {
        const rows = await loadCompanies(await db(), answer.head);
        if (gen !== generation) return;
        remember(rows);
        batch(() => {
          ids.value = null;
          head.value = answer.head;
          count.value = answer.count;
          error.value = '';
          version.value++;
        });
        return;
      }
      batch(() => {
        ids.value = answer.ids;
        count.value = answer.ids.length;
        error.value = '';
      });
    } catch (e) {
      console.error('callmark: base query failed', e);
      if (gen === generation) error.value = displayError(e);
    }
  }

  /** Every matching id in order: read now if only the first rows were. */
  async function wholeOrder(): Promise<string[]> {
    if (ids.value) return ids.value;
    const gen = generation;
    const list = await queries.ids(filter.value, sort.value, ctx());
    if (gen === generation && ids.value === null) {
      batch(() => {
        ids.value = list;
        count.value = list.length;
      });
    }
    return list;
  }

  /** A new query: the order is read again, rows already read stay cached. */
  function setQuery(patch: { filter?: BaseFilter; sort?: BaseSort }): Promise<void> {
    batch(() => {
      if (patch.filter) filter.value = patch.filter;
      if (patch.sort) {
        sort.value = patch.sort;
        ids.value = null;
      }
    });
    return refresh();
  }

  const idAt = (index: number): string | undefined => (ids.value ? ids.value[index] : head.value[index]);

  let loading = new Set<string>();
  /** Reads the records of rows `from`..`to` that are not cached yet. */
  async function ensureRows(from: number, to: number): Promise<void> {
    if (ids.value === null && to >= head.value.length) {
      wholeOrder().catch((e: unknown) => (error.value = displayError(e)));
    }
    const want: string[] = [];
    for (let i = from; i <= to; i++) {
      const id = idAt(i);
      if (id && !cache.has(id) && !loading.has(id)) want.push(id);
    }
    if (want.length === 0) return;
    want.forEach((id) => loading.add(id));
    try {
      const rows = await loadCompanies(await db(), want);
      remember(rows);
      version.value++;
    } catch (e) {
      error.value = displayError(e);
    } finally {
      const done = new Set(want);
      loading = new Set([...loading].filter((id) => !done.has(id)));
    }
  }

  /** The base changed (here or elsewhere): those records (or all, when none are named) and the order are read again. */
  function changed(companyIds: readonly string[]): Promise<void> {
    // Rows past the first were shown from the whole order: read it again (they stay until it comes).
    const wholeShown = ids.value !== null && isEmptyFilter(filter.value);
    queries.invalidate();
    if (wholeShown) void queries.order(sort.value).catch(() => undefined);
    if (companyIds.length === 0) cache.clear();
    else for (const id of companyIds) cache.delete(id);
    version.value++;
    return refresh();
  }

  return { filter, sort, ids, head, count, version, error, cache, refresh, wholeOrder, setQuery, idAt, ensureRows, changed, ctx };
}
