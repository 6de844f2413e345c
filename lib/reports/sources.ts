import { CALL, NOT_REACHED_STATUS, STATUS } from './contribution';
import { eachCounter, share, type ReportDefinition } from './types';

/** Per source (a directory, or `import:<file>`): companies, calls, clients, conversion = clients ÷ reached. */
export const sources: ReportDefinition = {
  id: 'sources',
  families: ['status', 'call'],
  compute(sums, q) {
    const rows = new Map<string, Record<string, number>>();
    const reached = new Map<string, number>();
    const row = (s: string) => {
      let r = rows.get(s);
      if (!r) rows.set(s, (r = { companies: 0, calls: 0, clients: 0, conversion: 0 }));
      return r;
    };
    eachCounter(sums.status, q, STATUS.manager, (f, n) => {
      const status = f[STATUS.status];
      const source = f[STATUS.source]!;
      const r = row(source);
      r.companies! += n;
      if (status === 'client') r.clients! += n;
      if (!NOT_REACHED_STATUS.has(status as never)) reached.set(source, (reached.get(source) ?? 0) + n);
    });
    eachCounter(sums.call, q, CALL.manager, (f, n) => {
      if (f[CALL.kind] === 's') row(f[CALL.value]!).calls! += n;
    });
    for (const [key, r] of rows) r.conversion = share(r.clients!, reached.get(key) ?? 0);
    return { id: 'sources', columns: ['companies', 'calls', 'clients', 'conversion'], rows: [...rows].sort((a, b) => b[1].companies! - a[1].companies!).map(([key, cells]) => ({ key, cells })) };
  },
};
