import { NOT_REACHED_STATUS, STATUS } from './contribution';
import { eachCounter, share, type ReportDefinition } from './types';

const PROSPECT = new Set(['new', 'no_answer', 'callback', 'interested', 'wrong_number']);

/** Per industry: companies, prospects, outcomes, conversion = clients ÷ companies reached. */
export const industries: ReportDefinition = {
  id: 'industries',
  families: ['status'],
  compute(sums, q) {
    const rows = new Map<string, Record<string, number>>();
    const reached = new Map<string, number>();
    eachCounter(sums.status, q, STATUS.manager, (f, n) => {
      const status = f[STATUS.status];
      const industry = f[STATUS.industry];
      const r = rows.get(industry!) ?? { companies: 0, prospects: 0, interested: 0, clients: 0, refused: 0, not_user: 0, closed: 0, do_not_call: 0, conversion: 0 };
      rows.set(industry!, r);
      r.companies! += n;
      if (PROSPECT.has(status!)) r.prospects! += n;
      const col = status === 'client' ? 'clients' : status;
      if (col && col in r && col !== 'companies') r[col]! += n;
      if (!NOT_REACHED_STATUS.has(status as never)) reached.set(industry!, (reached.get(industry!) ?? 0) + n);
    });
    for (const [key, r] of rows) r.conversion = share(r.clients!, reached.get(key) ?? 0);
    return {
      id: 'industries',
      columns: ['companies', 'prospects', 'interested', 'clients', 'refused', 'not_user', 'closed', 'do_not_call', 'conversion'],
      rows: [...rows].sort((a, b) => b[1].companies! - a[1].companies!).map(([key, cells]) => ({ key, cells })),
    };
  },
};
