import { currentReason } from '../model/settings';
import { counters, share, type ReportDefinition } from './types';

/** Companies whose status is refused, by the reason of their latest refusal (renames followed; retired reasons marked, still counted). */
export const refusalReasons: ReportDefinition = {
  id: 'refusal-reasons',
  families: ['status'],
  compute(sums, q, ctx) {
    const counts = new Map<string, number>();
    for (const [[status, , , , reason], n] of counters(sums, 'status', q, 3)) {
      if (status !== 'refused') continue;
      const key = currentReason(reason ?? '', ctx.reasonAliases);
      counts.set(key, (counts.get(key) ?? 0) + n);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const retired = new Set(ctx.retiredReasons ?? []);
    return {
      id: 'refusal-reasons',
      columns: ['count', 'share'],
      rows: [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => ({ key, cells: { count, share: share(count, total) }, ...(retired.has(key) ? { attrs: { retired: '' } } : {}) })),
    };
  },
};
