import type { ReportDefinition } from './types';

/** Companies added in the range, by source. */
export const growth: ReportDefinition = {
  id: 'growth',
  families: ['growth'],
  compute(sums) {
    const rows = [...(sums.growth ?? [])].sort((a, b) => b[1] - a[1]);
    return { id: 'growth', columns: ['companies'], rows: rows.map(([key, n]) => ({ key, cells: { companies: n } })) };
  },
};
