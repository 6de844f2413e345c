/**
 * What one company (with its calls) adds to the totals store. Totals are the
 * sum of this over all companies, so a write updates them by subtracting the
 * company's contribution before the change and adding the one after: the same
 * function serves every write, the rebuild, and the property test's recomputation.
 * Pure and zod-free.
 */
import type { Call } from '../model/call';
import { sourceKey, type Company } from '../model/company';
import type { Status } from '../model/outcome';

/** Counter families; each is stored per day, per month and for all time (lib/store/totals.ts). */
export const FAMILIES = ['call', 'status', 'reach', 'funnel', 'growth', 'fresh', 'complete'] as const;
export type Family = (typeof FAMILIES)[number];

/** Counter keys are tab-joined fields; these say which. */
export const SEP = '\t';
/** Where each field is in a `call` counter's key: `o|r|s`, the manager, then the outcome, reason or source. */
export const CALL = { kind: 0, manager: 1, value: 2 } as const;
/** …in a `status` counter's key. */
export const STATUS = { status: 0, industry: 1, source: 2, manager: 3, reason: 4 } as const;
/** …in a `complete` counter's key. */
export const COMPLETE = { manager: 0, mask: 1 } as const;
/** …in a `reach` counter's key (the manager alone). */
export const REACH = { manager: 0 } as const;

/** Outcomes after which nobody was reached on the line. */
export const UNREACHED: ReadonlySet<string> = new Set(['no_answer', 'wrong_number']);
/** Statuses of companies never reached. */
export const NOT_REACHED_STATUS: ReadonlySet<Status> = new Set(['new', 'no_answer', 'wrong_number']);

export const NO_INDUSTRY = '#none';
export const UNMAPPED = '#unmapped';

/** The industry a report groups a company under. */
export const industryKeyOf = (c: Pick<Company, 'industry' | 'rubric'>): string => c.industry || (c.rubric?.trim() ? UNMAPPED : NO_INDUSTRY);

/** Completeness flags, one bit each. */
export const COMPLETENESS = ['phone', 'website', 'decision_maker', 'industry', 'inn'] as const;
export function completenessMask(c: Company): number {
  let mask = 0;
  if (c.phones.length) mask |= 1;
  if (c.domain) mask |= 2;
  if (c.decisionMakers.some((d) => d.phone || d.email)) mask |= 4;
  if (c.industry) mask |= 8;
  if (c.inn) mask |= 16;
  return mask;
}

/** Funnel stages, cumulative: 0 called, 1 reached, 2 interested, 3 client. */
export const FUNNEL = ['called', 'reached', 'interested', 'client'] as const;
const stageOf = (outcome: string): number => (outcome === 'client' ? 3 : outcome === 'interested' ? 2 : UNREACHED.has(outcome) ? 0 : 1);

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of an ISO time, `YYYY-MM-DD`: reports' date inputs are local days. */
export function dayOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '0000-00-00';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export type Entry = readonly [family: Family, day: string, counter: string, n: number];

/** The deciding call's manager: the call at `statusAt` with the company's status. */
function decidingManager(company: Company, calls: readonly Call[]): string {
  if (company.status === 'new' || !company.statusAt) return '';
  const at = company.statusAt;
  let found: Call | undefined;
  for (const c of calls) if (c.at === at && c.outcome === company.status) found = c;
  return found?.manager ?? '';
}

export function contribution(company: Company, calls: readonly Call[]): Entry[] {
  const out: Entry[] = [];
  const source = sourceKey(company.sources[0]);
  for (const call of calls) {
    const day = dayOf(call.at);
    const m = call.manager;
    out.push(['call', day, ['o', m, call.outcome].join(SEP), 1]);
    if (call.outcome === 'refused') out.push(['call', day, ['r', m, call.reason ?? ''].join(SEP), 1]);
    out.push(['call', day, ['s', m, source].join(SEP), 1]);
  }

  const statusDay = dayOf(company.statusAt ?? company.createdAt);
  const statusManager = decidingManager(company, calls);
  const reason = company.status === 'refused' ? (company.statusReason ?? '') : '';
  out.push(['status', statusDay, [company.status, industryKeyOf(company), source, statusManager, reason].join(SEP), 1]);
  out.push(['complete', statusDay, [statusManager, completenessMask(company)].join(SEP), 1]);
  out.push(['growth', dayOf(company.createdAt), source, 1]);
  out.push(['fresh', dayOf(company.confirmedAt ?? company.createdAt), company.lastManager ?? '', 1]);

  // Per manager (and '*' for everyone): the day of their first call to the company and
  // the furthest stage any of their calls reached; the day they first reached someone.
  const firstCall = new Map<string, { day: string; at: string; stage: number }>();
  const firstReach = new Map<string, string>();
  for (const call of calls) {
    for (const m of [call.manager, '*']) {
      const f = firstCall.get(m);
      const stage = stageOf(call.outcome);
      if (!f) firstCall.set(m, { day: dayOf(call.at), at: call.at, stage });
      else {
        if (call.at < f.at) Object.assign(f, { day: dayOf(call.at), at: call.at });
        f.stage = Math.max(f.stage, stage);
      }
      if (m !== '*' && !UNREACHED.has(call.outcome)) {
        const r = firstReach.get(m);
        if (!r || call.at < r) firstReach.set(m, call.at);
      }
    }
  }
  for (const [m, f] of firstCall) out.push(['funnel', f.day, [m, f.stage].join(SEP), 1]);
  for (const [m, at] of firstReach) out.push(['reach', dayOf(at), m, 1]);
  return out;
}
