import { daysBetween } from './periods';
import { share, type ReportDefinition } from './types';

/** Age buckets in days since the data was last confirmed: [key, from, to]. */
export const AGE_BUCKETS: ReadonlyArray<readonly [string, number, number]> = [
  ['0-30', 0, 30],
  ['31-90', 31, 90],
  ['91-180', 91, 180],
  ['181-365', 181, 365],
  ['366+', 366, Infinity],
];

/**
 * How current the base is today: companies confirmed within the staleness
 * threshold (`fresh`) and not (`stale`), then an age histogram. Counted over
 * the whole base as it is now (the date range does not apply: an age is
 * counted to today), for one manager (the latest call's) when asked.
 */
export const freshness: ReportDefinition = {
  id: 'freshness',
  families: [],
  allDays: ['fresh'],
  compute(_sums, q, ctx, series) {
    const today = ctx.today ?? '9999-12-31';
    const threshold = ctx.staleAfterDays ?? 180;
    const buckets = AGE_BUCKETS.map(() => 0);
    let fresh = 0;
    let stale = 0;
    for (const [day, counts] of series.allDays.fresh ?? []) {
      let n = 0;
      for (const [manager, k] of counts) if (q.manager === undefined || manager === q.manager) n += k;
      if (!n) continue;
      const age = Math.max(0, daysBetween(day, today));
      if (age > threshold) stale += n;
      else fresh += n;
      buckets[AGE_BUCKETS.findIndex(([, a, b]) => age >= a && age <= b)]! += n;
    }
    const total = fresh + stale;
    return {
      id: 'freshness',
      columns: ['count', 'share'],
      rows: [
        { key: 'fresh', cells: { count: fresh, share: share(fresh, total) } },
        { key: 'stale', cells: { count: stale, share: share(stale, total) } },
        ...AGE_BUCKETS.map(([key], i) => ({ key, cells: { count: buckets[i]!, share: share(buckets[i]!, total) }, attrs: { bucket: 'age' } })),
      ],
    };
  },
};
