import { z } from 'zod';
import { Call } from './call';
import { Company } from './company';

export const MatchKind = z.enum(['exact', 'likely', 'several', 'none']);
export type MatchKind = z.infer<typeof MatchKind>;

export const MatchVia = z.enum(['inn', 'ogrn', 'phone', 'domain', 'site', 'name+address', 'name+city', 'name']);
export const Difference = z.enum(['phone', 'address', 'website', 'name']);

export const CandidateView = z.object({
  companyId: z.uuid(),
  confidence: z.enum(['exact', 'likely']),
  via: z.array(MatchVia),
  differences: z.array(Difference),
  name: z.string(),
});
export type CandidateView = z.infer<typeof CandidateView>;

/** What a badge needs to know about a company. */
export const CompanyView = Company.pick({
  id: true,
  name: true,
  phones: true,
  domain: true,
  address: true,
  city: true,
  industry: true,
  status: true,
  statusReason: true,
  callbackAt: true,
  lastCallAt: true,
  callCount: true,
  confirmedAt: true,
}).extend({
  stale: z.boolean(),
  lastCall: Call.pick({ at: true, outcome: true, reason: true, note: true, manager: true }).optional(),
});
export type CompanyView = z.infer<typeof CompanyView>;

export const LookupResult = z.object({
  match: MatchKind,
  /** Best first; at most a handful. */
  candidates: z.array(CandidateView).max(10),
  /** The best candidate, when there is one. */
  company: CompanyView.optional(),
});
export type LookupResult = z.infer<typeof LookupResult>;
