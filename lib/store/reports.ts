import type { Family } from '../reports/contribution';
import type { ReportContext, ReportDefinition, ReportQuery, ReportTable, Sums } from '../reports/types';
import type { Db } from './schema';
import { readSum } from './totals';

/** Runs reports over the totals store: each family is read once, however many reports use it. */
export async function runReports(db: Db, reports: readonly ReportDefinition[], q: ReportQuery, ctx: ReportContext): Promise<ReportTable[]> {
  const families = [...new Set(reports.flatMap((r) => r.families))] as Family[];
  const sums: Sums = {};
  await Promise.all(families.map(async (f) => (sums[f] = await readSum(db, f, { from: q.from, to: q.to }))));
  return reports.map((r) => r.compute(sums, q, ctx));
}
