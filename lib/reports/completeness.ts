import { COMPLETE, COMPLETENESS } from './contribution';
import { eachCounter, share, type ReportDefinition } from './types';

/** The share of companies with a phone, a website, a decision maker's contact, an industry, an INN. */
export const completeness: ReportDefinition = {
  id: 'completeness',
  families: ['complete'],
  compute(sums, q) {
    const have = COMPLETENESS.map(() => 0);
    let total = 0;
    eachCounter(sums.complete, q, COMPLETE.manager, (f, n) => {
      total += n;
      const mask = Number(f[COMPLETE.mask]);
      COMPLETENESS.forEach((_, i) => {
        if (mask & (1 << i)) have[i]! += n;
      });
    });
    return { id: 'completeness', columns: ['count', 'share'], rows: COMPLETENESS.map((key, i) => ({ key, cells: { count: have[i]!, share: share(have[i]!, total) } })) };
  },
};
