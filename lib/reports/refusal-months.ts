import { currentReason } from '../model/settings';
import { CALL } from './contribution';
import { eachCounter, type ReportDefinition } from './types';

/**
 * Refusals in the range month by month, by reason (renames followed): a row
 * per month and reason, `data-key` `YYYY-MM|reason`, with `count`.
 */
export const refusalMonths: ReportDefinition = {
  id: 'refusal-months',
  families: [],
  byMonth: ['call'],
  compute(_sums, q, ctx, series) {
    const rows = new Map<string, { month: string; reason: string; count: number }>();
    let total = 0;
    for (const [month, counts] of series.month.call ?? []) {
      eachCounter(counts, q, CALL.manager, (f, n) => {
        if (f[CALL.kind] !== 'r') return;
        const r = currentReason(f[CALL.value] ?? '', ctx.reasonAliases);
        const key = `${month}|${r}`;
        const row = rows.get(key) ?? { month, reason: r, count: 0 };
        row.count += n;
        rows.set(key, row);
        total += n;
      });
    }
    const retired = new Set(ctx.retiredReasons ?? []);
    return {
      id: 'refusal-months',
      columns: ['count'],
      by: 'month',
      total: { count: total },
      rows: [...rows]
        .filter(([, r]) => r.count !== 0)
        .sort((a, b) => a[1].month.localeCompare(b[1].month) || b[1].count - a[1].count || a[1].reason.localeCompare(b[1].reason))
        .map(([key, r]) => ({ key, cells: { count: r.count }, attrs: { month: r.month, reason: r.reason, ...(retired.has(r.reason) ? { retired: '' } : {}) } })),
    };
  },
};
