import type { Call } from './call';
import { isDecisive, type Status } from './outcome';

export interface DerivedStatus {
  status: Status;
  /** The reason of the deciding call (refusals). */
  reason?: string;
  /** The call-back time, when the status is `callback`. */
  callbackAt?: string;
  lastCallAt?: string;
  lastOutcome?: Call['outcome'];
  callCount: number;
  /** When the deciding call was made. */
  statusAt?: string;
  /** Who made the deciding call. */
  statusManager?: string;
  /** Who made the latest call. */
  lastManager?: string;
  /** The latest call in which someone answered: it confirms the company's data. */
  confirmedAt?: string;
}

/** Calls at the same instant keep the order they were given in (stable sort). */
const byTime = (a: Call, b: Call): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** Outcomes that mean nobody confirmed anything on the line. */
const UNCONFIRMED: ReadonlySet<Call['outcome']> = new Set(['no_answer', 'wrong_number']);

/**
 * A company's status is its latest decisive call's outcome; weak outcomes (no
 * answer, wrong number) decide only while there is no decisive one.
 */
export function deriveStatus(calls: readonly Call[]): DerivedStatus {
  if (calls.length === 0) return { status: 'new', callCount: 0 };
  const sorted = [...calls].sort(byTime);
  const last = sorted[sorted.length - 1]!;
  let deciding: Call | undefined;
  let latestWeak: Call | undefined;
  let confirmedAt: string | undefined;
  for (const call of sorted) {
    if (isDecisive(call.outcome)) deciding = call;
    else latestWeak = call;
    if (!UNCONFIRMED.has(call.outcome)) confirmedAt = call.at;
  }
  const chosen = deciding ?? latestWeak!;
  return {
    status: chosen.outcome,
    reason: chosen.outcome === 'refused' ? chosen.reason : undefined,
    callbackAt: chosen.outcome === 'callback' ? chosen.callbackAt : undefined,
    lastCallAt: last.at,
    lastOutcome: last.outcome,
    callCount: calls.length,
    statusAt: chosen.at,
    statusManager: chosen.manager,
    lastManager: last.manager,
    confirmedAt,
  };
}

/** Whether a company's data is older than the staleness threshold. */
export function isStale(
  company: { confirmedAt?: string; createdAt: string },
  staleAfterDays: number,
  now: Date = new Date(),
): boolean {
  const confirmed = Date.parse(company.confirmedAt ?? company.createdAt);
  return now.getTime() - confirmed > staleAfterDays * 86_400_000;
}

/** The company's denormalised status fields, as derived from its calls. */
export function statusFields(calls: readonly Call[]) {
  const derived = deriveStatus(calls);
  return {
    status: derived.status,
    statusReason: derived.reason,
    callbackAt: derived.callbackAt,
    lastCallAt: derived.lastCallAt,
    lastOutcome: derived.lastOutcome,
    callCount: derived.callCount,
    confirmedAt: derived.confirmedAt,
    statusAt: derived.statusAt,
    lastManager: derived.lastManager,
  };
}
