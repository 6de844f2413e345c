import { periodsBetween } from './periods';
import type { ReportDefinition } from './types';

/** A source's column in the growth table. */
export const sourceColumn = (source: string) => `source:${source}`;

/** Companies added per week in the range, in all and by source (a column per source, biggest first). */
export const growth: ReportDefinition = {
  id: 'growth',
  families: [],
  byWeek: ['growth'],
  compute(_sums, _q, _ctx, series) {
    const weeks = series.week.growth ?? new Map<string, Map<string, number>>();
    const bySource = new Map<string, number>();
    for (const counts of weeks.values()) for (const [source, n] of counts) bySource.set(source, (bySource.get(source) ?? 0) + n);
    const sources = [...bySource].filter(([, n]) => n !== 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
    const columns = ['companies', ...sources.map(sourceColumn)];
    const keys = [...weeks.keys()].sort();
    const total: Record<string, number> = { companies: 0 };
    for (const s of sources) total[sourceColumn(s)] = bySource.get(s)!;
    const rows = (keys.length ? periodsBetween(keys[0]!, keys.at(-1)!, 'week') : []).map((week) => {
      const w = weeks.get(week);
      const cells: Record<string, number> = { companies: 0 };
      for (const s of sources) {
        const n = w?.get(s) ?? 0;
        cells[sourceColumn(s)] = n;
        cells.companies! += n;
      }
      total.companies! += cells.companies!;
      return { key: week, cells };
    });
    return { id: 'growth', columns, rows, total, by: 'week' };
  },
};
