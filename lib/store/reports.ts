import type { Company } from '../model';
import type { Family } from '../reports/contribution';
import type { PeriodCounts, ReportContext, ReportDefinition, ReportQuery, ReportTable, Series, Sums } from '../reports/types';
import type { Db } from './schema';
import { MONTHS, readByDay, readByPeriod, readSum, WEEKS, type DateRange, type TotalsSource } from './totals';

/** A family's counters per month within a range (the range's ragged ends from their days). */
export const readByMonth = (source: TotalsSource, family: Family, range: DateRange = {}): Promise<PeriodCounts> => readByPeriod(source, family, MONTHS, range);

/**
 * Runs reports over the totals store: each family (and each series) is read
 * once, however many reports use it, all in one transaction (a transaction
 * each cost 7-8 ms of a page's first load). Days a report asks for only after
 * seeing its weeks (the calls report, for a short span) are read in a second step.
 * The context (from the settings) is needed only to compute: it may still be
 * loading while the totals are read (the settings took 40-80 ms on a page's
 * first load, as long as the reads themselves).
 */
export async function runReports(db: Db, reports: readonly ReportDefinition[], q: ReportQuery, ctx: ReportContext | Promise<ReportContext>): Promise<ReportTable[]> {
  const range = { from: q.from, to: q.to };
  const uniq = (pick: (r: ReportDefinition) => Family[] | undefined) => [...new Set(reports.flatMap((r) => pick(r) ?? []))];
  const sums: Sums = {};
  const series: Series = { day: {}, week: {}, month: {}, allDays: {} };
  const byDay = (source: TotalsSource, f: Family) => readByDay(source, f, range).then((days) => void (series.day[f] = days));
  const totals = db.transaction('totals').store;
  await Promise.all([
    ...uniq((r) => r.families).map(async (f) => (sums[f] = await readSum(totals, f, range))),
    ...uniq((r) => r.byDay).map((f) => byDay(totals, f)),
    ...uniq((r) => r.byWeek).map(async (f) => (series.week[f] = await readByPeriod(totals, f, WEEKS, range))),
    ...uniq((r) => r.byMonth).map(async (f) => (series.month[f] = await readByMonth(totals, f, range))),
    ...uniq((r) => r.allDays).map(async (f) => (series.allDays[f] = await readByDay(totals, f))),
  ]);
  // A transaction of its own: the first one may have committed once its reads were answered.
  const later = uniq((r) => r.daysWanted?.(q, series)).filter((f) => !series.day[f]);
  if (later.length) {
    const more = db.transaction('totals').store;
    await Promise.all(later.map((f) => byDay(more, f)));
  }
  const context = await ctx;
  return reports.map((r) => r.compute(sums, q, context, series));
}

/** Local midnight of `day` as the stored ISO times write it. */
const startOfDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
};

/**
 * The stale companies to check again, oldest confirmation first: confirmed
 * (or, never called, created) before `today` minus the threshold, read from
 * the byFreshAt index, never the whole base. With a manager, the latest
 * call's manager must be theirs (at most `scan` companies are looked at).
 */
export async function staleCompanies(
  db: Db,
  opts: { today: string; staleAfterDays: number; manager?: string; limit?: number; scan?: number },
): Promise<Company[]> {
  const limit = opts.limit ?? 50;
  const [y, m, d] = opts.today.split('-').map(Number) as [number, number, number];
  const cutoffDay = new Date(y, m - 1, d - opts.staleAfterDays);
  const cutoff = startOfDay(`${cutoffDay.getFullYear()}-${cutoffDay.getMonth() + 1}-${cutoffDay.getDate()}`);
  const range = IDBKeyRange.upperBound(cutoff, true);
  const index = db.transaction('companies').store.index('byFreshAt');
  if (opts.manager === undefined) return index.getAll(range, limit);
  const out: Company[] = [];
  let seen = 0;
  for (let cursor = await index.openCursor(range); cursor && out.length < limit && seen < (opts.scan ?? 20_000); cursor = await cursor.continue(), seen++) {
    if ((cursor.value.lastManager ?? '') === opts.manager) out.push(cursor.value);
  }
  return out;
}

/** The page where a company was seen last: its source with the latest sighting that has an address. */
export function lastSeenSource(company: Pick<Company, 'sources'>): Company['sources'][number] | undefined {
  let best: Company['sources'][number] | undefined;
  for (const s of company.sources) if (s.url && (!best || s.lastSeen > best.lastSeen)) best = s;
  return best;
}
