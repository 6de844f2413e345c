import { z } from 'zod';
import { Outcome } from './outcome';

const isoTime = z.iso.datetime({ offset: true });

/** A call is an immutable event; a company's status is derived from its calls. */
export const Call = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  at: isoTime,
  outcome: Outcome,
  reason: z.string().trim().max(500).optional(),
  note: z.string().max(10_000).default(''),
  callbackAt: isoTime.optional(),
  manager: z.string().max(200).default(''),
  /** The page the call was logged from; a reminder opens it again. */
  pageUrl: z.string().max(4096).optional(),
  /** The phone that was dialled, E.164. */
  phone: z.string().max(40).optional(),
});
export type Call = z.infer<typeof Call>;
