import { z } from 'zod';
import { LIMITS } from './limits';
import { Outcome } from './outcome';

const isoTime = z.iso.datetime({ offset: true });

/** A call is an immutable event; a company's status is derived from its calls. */
export const Call = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  at: isoTime,
  outcome: Outcome,
  reason: z.string().trim().max(LIMITS.reason).optional(),
  note: z.string().max(LIMITS.note).default(''),
  callbackAt: isoTime.optional(),
  manager: z.string().max(LIMITS.manager).default(''),
  /** The page the call was logged from; a reminder opens it again. */
  pageUrl: z.string().max(LIMITS.url).optional(),
  /** The phone that was dialled, E.164. */
  phone: z.string().max(LIMITS.phoneEntry).optional(),
});
export type Call = z.infer<typeof Call>;
