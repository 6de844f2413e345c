/** What every report is: a table of rows (data-key) with number cells (data-col), computed from totals. */
import type { Family } from './contribution';

export interface ReportQuery {
  from?: string;
  to?: string;
  /** One manager's figures only. */
  manager?: string;
  /** The calls report's periods; absent: days for a range of up to 62 days, else weeks. */
  callsBy?: 'day' | 'week';
}

export interface ReportRow {
  key: string;
  /** What the row shows; absent: the key itself. */
  label?: string;
  cells: Record<string, number>;
  /** More about the row, as `data-<name>` attributes (a period, a reason, "retired"). */
  attrs?: Record<string, string>;
}

export interface ReportTable {
  id: string;
  columns: string[];
  rows: ReportRow[];
  /** The sum over the rows, for tables of periods (shown as the table's foot, `data-key="total"`). */
  total?: Record<string, number>;
  /** How the rows were grouped (`day`, `week`, `month`), for tables of periods. */
  by?: 'day' | 'week' | 'month';
}

/** The families' counters summed over the query's range: what a report is computed from. */
export type Sums = Partial<Record<Family, Map<string, number>>>;

/** Counters per period: period (`YYYY-MM-DD`, a week's Monday or `YYYY-MM`) → counter → n. */
export type PeriodCounts = Map<string, Map<string, number>>;

/** Families' counters per day or month, for reports that show periods or ages. */
export interface Series {
  /** Per day within the query's range. */
  day: Partial<Record<Family, PeriodCounts>>;
  /** Per week (keyed by its Monday) within the query's range, the ragged ends from their days; WEEKLY families only (lib/store/totals.ts). */
  week: Partial<Record<Family, PeriodCounts>>;
  /** Per month within the query's range (the range's ragged ends from its days). */
  month: Partial<Record<Family, PeriodCounts>>;
  /** Per day over all time, whatever the range (ages: how current the base is today). */
  allDays: Partial<Record<Family, PeriodCounts>>;
}

export interface ReportContext {
  /** Renamed reasons: old text → new (settings). */
  reasonAliases: Readonly<Record<string, string>>;
  /** Reasons out of the menu, still counted (settings). */
  retiredReasons?: readonly string[];
  /** Today as a local day, `YYYY-MM-DD` (ages are counted to it). */
  today?: string;
  /** The staleness threshold in days (settings). */
  staleAfterDays?: number;
}

export interface ReportDefinition {
  id: string;
  /** Families summed over the range. */
  families: Family[];
  /** Families read per day / per month within the range, or per day over all time. */
  byDay?: Family[];
  byWeek?: Family[];
  byMonth?: Family[];
  allDays?: Family[];
  /** Families to read per day as well, decided once the other series are read (days only for a short span). */
  daysWanted?(q: ReportQuery, series: Series): Family[];
  compute(sums: Sums, q: ReportQuery, ctx: ReportContext, series: Series): ReportTable;
}

/**
 * Calls `each` with every counter of a map, its key split into fields (see
 * contribution.ts CALL, STATUS…), limited to one manager when asked
 * (`managerAt`: the field holding it). A loop of indexes, not of
 * destructured pairs: a report runs once on a freshly opened page, before
 * the engine optimises it, and destructuring there took four times as long.
 */
export function eachCounter(counts: Map<string, number> | undefined, q: ReportQuery, managerAt: number, each: (f: readonly string[], n: number) => void): void {
  const entries = fields(counts, q, managerAt);
  for (let i = 0; i < entries.length; i++) each(entries[i]![0], entries[i]![1]);
}

/**
 * Counter keys repeat in every period's record (a year of weeks: 53 × the same
 * 160), and several reports read the same sums (four read `status`, 3,900
 * counters on 100,000 companies): each key is split once, each map's entries once per manager filter.
 */
const splitKeys = new Map<string, string[]>();
function splitKey(key: string): string[] {
  let f = splitKeys.get(key);
  if (!f) {
    if (splitKeys.size > 100_000) splitKeys.clear();
    splitKeys.set(key, (f = key.split('\t')));
  }
  return f;
}
const parsed = new WeakMap<Map<string, number>, { manager: string | undefined; managerAt: number; entries: Array<[string[], number]> }>();

/** A counter map's entries as split fields, limited to one manager when asked. Callers must not change what they get. */
function fields(counts: Map<string, number> | undefined, q: ReportQuery, managerAt: number): ReadonlyArray<[string[], number]> {
  if (!counts) return [];
  const seen = parsed.get(counts);
  if (seen && seen.manager === q.manager && seen.managerAt === managerAt) return seen.entries;
  const entries: Array<[string[], number]> = [];
  counts.forEach((n, key) => {
    const f = splitKey(key);
    if (q.manager === undefined || f[managerAt] === q.manager) entries.push([f, n]);
  });
  parsed.set(counts, { manager: q.manager, managerAt, entries });
  return entries;
}

export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

export const EMPTY_SERIES: Series = { day: {}, week: {}, month: {}, allDays: {} };
