import { OUTCOMES } from '../model/outcome';
import { addDays, daysBetween, periodsBetween } from './periods';
import { CALL } from './contribution';
import { eachCounter, type ReportDefinition, type ReportQuery, type Series } from './types';

/** An outcome's column: its id, but `clients` for client (the column ids of the test contract). */
export const outcomeColumn = (outcome: string) => (outcome === 'client' ? 'clients' : outcome);

/** Days for a range of up to 62 days, weeks for anything longer. */
export function callsPeriod(q: ReportQuery, firstDay: string | undefined, lastDay: string | undefined): 'day' | 'week' {
  if (q.callsBy) return q.callsBy;
  const a = q.from ?? firstDay;
  const b = q.to ?? lastDay;
  return a && b && daysBetween(a, b) <= 62 ? 'day' : 'week';
}

const periodsOf = (counts: Series['day']['call']) => [...(counts ?? new Map())].filter(([, c]) => c.size > 0).sort((a, b) => a[0].localeCompare(b[0]));

/**
 * Whether the calls report may show days: read by week first (a year is 53
 * records), and by day only when the span of its calls can be 62 days or less.
 */
function mayShowDays(q: ReportQuery, series: Series): boolean {
  if (q.callsBy) return q.callsBy === 'day';
  if (q.from && q.to) return daysBetween(q.from, q.to) <= 62;
  const weeks = periodsOf(series.week.call);
  if (!weeks.length) return false;
  // The first call is at the latest on its week's Sunday, the last one at the earliest on its Monday.
  return daysBetween(q.from ?? addDays(weeks[0]![0], 6), q.to ?? weeks.at(-1)![0]) <= 62;
}

/** Calls in the range per day or per week, with the mix of outcomes; every period between the first and last call is a row. */
export const calls: ReportDefinition = {
  id: 'calls',
  families: [],
  byWeek: ['call'],
  daysWanted: (q, series) => (mayShowDays(q, series) ? ['call'] : []),
  compute(_sums, q, _ctx, series) {
    const columns = ['calls', ...OUTCOMES.map(outcomeColumn)];
    const days = mayShowDays(q, series) ? periodsOf(series.day.call) : undefined;
    const by = days ? callsPeriod(q, days[0]?.[0], days.at(-1)?.[0]) : 'week';
    const rows = new Map<string, Record<string, number>>();
    const total: Record<string, number> = Object.fromEntries(columns.map((c) => [c, 0]));
    for (const [period, counts] of by === 'day' ? days! : periodsOf(series.week.call)) {
      eachCounter(counts, q, CALL.manager, (f, n) => {
        if (f[CALL.kind] !== 'o') return;
        const column = outcomeColumn(f[CALL.value]!);
        let r = rows.get(period);
        if (!r) rows.set(period, (r = Object.fromEntries(columns.map((c) => [c, 0]))));
        r.calls! += n;
        r[column]! += n;
        total.calls! += n;
        total[column]! += n;
      });
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
