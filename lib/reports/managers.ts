import { CALL, REACH } from './contribution';
import { eachCounter, type ReportDefinition } from './types';

/** Per manager, for calls in the range: calls, companies first reached, interested, clients, refused. */
export const managers: ReportDefinition = {
  id: 'managers',
  families: ['call', 'reach'],
  compute(sums, q) {
    const rows = new Map<string, Record<string, number>>();
    const row = (m: string) => {
      let r = rows.get(m);
      if (!r) rows.set(m, (r = { calls: 0, reached: 0, interested: 0, clients: 0, refused: 0 }));
      return r;
    };
    eachCounter(sums.call, q, CALL.manager, (f, n) => {
      if (f[CALL.kind] !== 'o') return;
      const r = row(f[CALL.manager]!);
      const outcome = f[CALL.value];
      r.calls! += n;
      if (outcome === 'interested') r.interested! += n;
      if (outcome === 'client') r.clients! += n;
      if (outcome === 'refused') r.refused! += n;
    });
    eachCounter(sums.reach, q, REACH.manager, (f, n) => (row(f[REACH.manager]!).reached! += n));
    return { id: 'managers', columns: ['calls', 'reached', 'interested', 'clients', 'refused'], rows: [...rows].sort((a, b) => b[1].calls! - a[1].calls!).map(([key, cells]) => ({ key, cells })) };
  },
};
