import { OUTCOMES } from '../model/outcome';
import { counters, type ReportDefinition } from './types';

/** Calls in the range by outcome (the chart shows them per day or week). */
export const calls: ReportDefinition = {
  id: 'calls',
  families: ['call'],
  compute(sums, q) {
    const counts = new Map<string, number>(OUTCOMES.map((o) => [o, 0]));
    for (const [[kind, , outcome], n] of counters(sums, 'call', q, 1)) if (kind === 'o') counts.set(outcome!, (counts.get(outcome!) ?? 0) + n);
    return { id: 'calls', columns: ['calls'], rows: [...counts].map(([key, n]) => ({ key, cells: { calls: n } })) };
  },
};
