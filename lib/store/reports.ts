import type { Company } from '../model';
import type { Family } from '../reports/contribution';
import type { PeriodCounts, ReportContext, ReportDefinition, ReportQuery, ReportTable, Series, Sums } from '../reports/types';
import type { Db } from './schema';
import { dayKey, monthKey, readByDay, readSum, type DateRange, type TotalsRecord } from './totals';

const toCounts = (r: TotalsRecord) => new Map(Object.entries(r.counts));

function addInto(target: PeriodCounts, period: string, counts: Record<string, number>): void {
  let m = target.get(period);
  if (!m) target.set(period, (m = new Map()));
  for (const k in counts) m.set(k, (m.get(k) ?? 0) + counts[k]!);
}

/**
 * A family's counters per month within a range: whole months from month
 * records, the range's ragged first and last months from their days.
 */
export async function readByMonth(db: Db, family: Family, range: DateRange = {}): Promise<PeriodCounts> {
  const out: PeriodCounts = new Map();
  const { from, to } = range;
  if (from && to && from > to) return out;
  const fromMonth = from?.slice(0, 7) ?? '0000-00';
  const toMonth = to?.slice(0, 7) ?? '9999-99';
  const months = await db.getAll('totals', IDBKeyRange.bound(monthKey(family, fromMonth), monthKey(family, toMonth)));
  const prefix = monthKey(family, '').length;
  for (const r of months) out.set(r.key.slice(prefix), toCounts(r));
  // A month the range cuts: its days within the range instead of the whole month.
  const cut = async (month: string, a: string, b: string) => {
    out.delete(month);
    const days = await db.getAll('totals', IDBKeyRange.bound(dayKey(family, a), dayKey(family, b)));
    for (const d of days) addInto(out, month, d.counts);
  };
  const lastDay = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return `${month}-${String(new Date(y, m, 0).getDate()).padStart(2, '0')}`;
  };
  const cuts: Array<Promise<void>> = [];
  const raggedStart = !!from && !from.endsWith('-01');
  const raggedEnd = !!to && to !== lastDay(toMonth);
  if (from && to && fromMonth === toMonth) {
    if (raggedStart || raggedEnd) cuts.push(cut(fromMonth, from, to));
  } else {
    if (raggedStart) cuts.push(cut(fromMonth, from!, lastDay(fromMonth)));
    if (raggedEnd) cuts.push(cut(toMonth, `${toMonth}-01`, to!));
  }
  await Promise.all(cuts);
  for (const [k, m] of out) if (m.size === 0) out.delete(k);
  return out;
}

/** Runs reports over the totals store: each family (and each series) is read once, however many reports use it. */
export async function runReports(db: Db, reports: readonly ReportDefinition[], q: ReportQuery, ctx: ReportContext): Promise<ReportTable[]> {
  const range = { from: q.from, to: q.to };
  const uniq = (pick: (r: ReportDefinition) => Family[] | undefined) => [...new Set(reports.flatMap((r) => pick(r) ?? []))];
  const sums: Sums = {};
  const series: Series = { day: {}, month: {}, allDays: {} };
  await Promise.all([
    ...uniq((r) => r.families).map(async (f) => (sums[f] = await readSum(db, f, range))),
    ...uniq((r) => r.byDay).map(async (f) => (series.day[f] = await readByDay(db, f, range))),
    ...uniq((r) => r.byMonth).map(async (f) => (series.month[f] = await readByMonth(db, f, range))),
    ...uniq((r) => r.allDays).map(async (f) => (series.allDays[f] = await readByDay(db, f))),
  ]);
  return reports.map((r) => r.compute(sums, q, ctx, series));
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
