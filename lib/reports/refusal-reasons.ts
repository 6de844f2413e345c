import { currentReason } from '../model/settings';
import { STATUS } from './contribution';
import { eachCounter, share, type ReportDefinition } from './types';

/** Companies whose status is refused, by the reason of their latest refusal (renames followed; retired reasons marked, still counted). */
export const refusalReasons: ReportDefinition = {
  id: 'refusal-reasons',
  families: ['status'],
  compute(sums, q, ctx) {
    const counts = new Map<string, number>();
    eachCounter(sums.status, q, STATUS.manager, (f, n) => {
      if (f[STATUS.status] !== 'refused') return;
      const key = currentReason(f[STATUS.reason] ?? '', ctx.reasonAliases);
      counts.set(key, (counts.get(key) ?? 0) + n);
    });
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
