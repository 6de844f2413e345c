import { z } from 'zod';

/**
 * Every outcome a call can have. To add one: add its id here, its weight in
 * OUTCOME_WEIGHT, and its labels in public/_locales/* (keys outcome_<id>).
 */
export const OUTCOMES = [
  'no_answer',
  'callback',
  'interested',
  'client',
  'refused',
  'not_user',
  'closed',
  'wrong_number',
  'do_not_call',
] as const;

// Pure: a bundle that needs only the ids (the content script) leaves zod out.
export const Outcome = /* @__PURE__ */ z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** A company's status: the outcome that decides it, or `new` before any call. */
export const STATUSES = ['new', ...OUTCOMES] as const;
export const Status = /* @__PURE__ */ z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/**
 * Weak outcomes say something about one attempt, not about the company: a later
 * "no answer" must not erase an earlier "refused" or "client". They decide the
 * status only while no decisive outcome exists.
 */
export const WEAK_OUTCOMES: ReadonlySet<Outcome> = new Set(['no_answer', 'wrong_number']);

export const isDecisive = (outcome: Outcome): boolean => !WEAK_OUTCOMES.has(outcome);

/** Outcomes that need extra input before they can be saved. */
export const needsReason = (outcome: Outcome): boolean => outcome === 'refused';
export const needsCallbackTime = (outcome: Outcome): boolean => outcome === 'callback';
