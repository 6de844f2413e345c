import { OUTCOMES } from '../model/outcome';
import { daysBetween, periodsBetween, weekOf } from './periods';
import { fields, type ReportDefinition, type ReportQuery } from './types';

/** An outcome's column: its id, but `clients` for client (the column ids of the test contract). */
export const outcomeColumn = (outcome: string) => (outcome === 'client' ? 'clients' : outcome);

/** Days for a range of up to 62 days, weeks for anything longer. */
export function callsPeriod(q: ReportQuery, firstDay: string | undefined, lastDay: string | undefined): 'day' | 'week' {
  if (q.callsBy) return q.callsBy;
  const a = q.from ?? firstDay;
  const b = q.to ?? lastDay;
  return a && b && daysBetween(a, b) <= 62 ? 'day' : 'week';
}

/** Calls in the range per day or per week, with the mix of outcomes; every period between the first and last call is a row. */
export const calls: ReportDefinition = {
  id: 'calls',
  families: [],
  byDay: ['call'],
  compute(_sums, q, _ctx, series) {
    const columns = ['calls', ...OUTCOMES.map(outcomeColumn)];
    const days = [...(series.day.call ?? new Map())].filter(([, counts]) => counts.size > 0).sort((a, b) => a[0].localeCompare(b[0]));
    const by = callsPeriod(q, days[0]?.[0], days.at(-1)?.[0]);
    const rows = new Map<string, Record<string, number>>();
    const total: Record<string, number> = Object.fromEntries(columns.map((c) => [c, 0]));
    for (const [day, counts] of days) {
      const period = by === 'week' ? weekOf(day) : day;
      for (const [[kind, , outcome], n] of fields(counts, q, 1)) {
        if (kind !== 'o') continue;
        let r = rows.get(period);
        if (!r) rows.set(period, (r = Object.fromEntries(columns.map((c) => [c, 0]))));
        r.calls! += n;
        r[outcomeColumn(outcome!)]! += n;
        total.calls! += n;
        total[outcomeColumn(outcome!)]! += n;
      }
    }
    const keys = [...rows.keys()].sort();
    const periods = keys.length ? periodsBetween(keys[0]!, keys.at(-1)!, by) : [];
    return {
      id: 'calls',
      columns,
      by,
      total,
      rows: periods.map((p) => ({ key: p, cells: rows.get(p) ?? Object.fromEntries(columns.map((c) => [c, 0])) })),
    };
  },
};
