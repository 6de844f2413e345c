import { statusFields, type Call, type Company } from '../model';

/** Rewrites the company's denormalised status fields from its calls. */
export function applyCalls(company: Company, calls: readonly Call[], now: string): Company {
  return { ...company, ...statusFields(calls), updatedAt: now };
}
