import { FUNNEL } from './contribution';
import type { ReportDefinition } from './types';

/**
 * Companies first called in the range and how far they got: called → reached →
 * interested → client, cumulative (a client was also interested).
 */
export const funnel: ReportDefinition = {
  id: 'funnel',
  families: ['funnel'],
  compute(sums, q) {
    const who = q.manager ?? '*';
    const counts = FUNNEL.map(() => 0);
    for (const [key, n] of sums.funnel ?? []) {
      const [m, stage] = key.split('\t');
      if (m !== who) continue;
      for (let s = 0; s <= Number(stage); s++) counts[s]! += n;
    }
    return { id: 'funnel', columns: ['count'], rows: FUNNEL.map((key, i) => ({ key, cells: { count: counts[i]! } })) };
  },
};
