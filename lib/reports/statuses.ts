import { STATUSES } from '../model/outcome';
import { STATUS } from './contribution';
import { eachCounter, share, type ReportDefinition } from './types';

/** Companies per current status (status last set within the range). */
export const statuses: ReportDefinition = {
  id: 'statuses',
  families: ['status'],
  compute(sums, q) {
    const counts = new Map<string, number>(STATUSES.map((s) => [s, 0]));
    eachCounter(sums.status, q, STATUS.manager, (f, n) => counts.set(f[STATUS.status]!, (counts.get(f[STATUS.status]!) ?? 0) + n));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return { id: 'statuses', columns: ['count', 'share'], rows: [...counts].map(([key, count]) => ({ key, cells: { count, share: share(count, total) } })) };
  },
};
