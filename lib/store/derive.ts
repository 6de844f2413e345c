import { deriveStatus, type Call, type Company } from '../model';

/** Rewrites the company's denormalised status fields from its calls. */
export function applyCalls(company: Company, calls: readonly Call[], now: string): Company {
  const derived = deriveStatus(calls);
  return {
    ...company,
    status: derived.status,
    statusReason: derived.reason,
    callbackAt: derived.callbackAt,
    lastCallAt: derived.lastCallAt,
    lastOutcome: derived.lastOutcome,
    callCount: derived.callCount,
    confirmedAt: derived.confirmedAt,
    statusAt: derived.statusAt,
    lastManager: derived.lastManager,
    updatedAt: now,
  };
}
