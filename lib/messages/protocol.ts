import { z } from 'zod';
import { Call, Company, CompanyView, DecisionMaker, LIMITS, ListingData, LookupResult, Outcome } from '../model';
import { ERROR_CODES, type ErrorCode } from './codes';

/**
 * The one protocol between the parts. Every request type has a zod schema for
 * its payload and for its response's data; the router validates both ways.
 * To add a message: add it here, then its handler in entrypoints/background.ts
 * (the type checker insists on both).
 */
export const MAX_LOOKUP_BATCH = 1000;

const CallFields = z.object({
  outcome: Outcome,
  reason: z.string().trim().max(LIMITS.reason).optional(),
  note: z.string().max(LIMITS.note).optional(),
  callbackAt: z.iso.datetime({ offset: true }).optional(),
  /** The phone dialled, as typed or shown. */
  phone: z.string().max(LIMITS.phoneText).optional(),
});
export type CallFields = z.infer<typeof CallFields>;

/** The company fields a user may edit in the popup's form; the limits are the stored company's (lib/model/limits.ts). */
export const CompanyEdit = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(LIMITS.name),
  phones: z.array(z.string().max(LIMITS.phoneText)).max(LIMITS.phones),
  inn: z.string().max(LIMITS.inn).optional(),
  ogrn: z.string().max(LIMITS.inn + 5).optional(),
  website: z.string().max(LIMITS.website).optional(),
  address: z.string().max(LIMITS.address).optional(),
  city: z.string().max(LIMITS.city).optional(),
  industry: z.string().max(LIMITS.category).optional(),
  rubric: z.string().max(LIMITS.category).optional(),
  note: z.string().max(LIMITS.note).optional(),
  decisionMakers: z.array(DecisionMaker.extend({ phone: z.string().max(LIMITS.phoneText).optional() })).max(LIMITS.decisionMakers),
});
export type CompanyEdit = z.infer<typeof CompanyEdit>;

/** A call-back reminder as stored (lib/store/schema.ts Reminder). */
export const ReminderRecord = z.object({
  callId: z.uuid(),
  companyId: z.uuid(),
  dueAt: z.iso.datetime({ offset: true }),
  notifiedAt: z.iso.datetime({ offset: true }).optional(),
});

/** Everything a deleted company had: what its undo puts back. */
export const DeletedCompany = z.object({
  company: Company,
  calls: z.array(Call).max(100_000),
  reminders: z.array(ReminderRecord).max(100_000),
});

const Pick = z.enum(['keep', 'other']).optional();
/** For each field the two companies differ in, whose value the merge keeps (lib/store/edit.ts MERGE_FIELDS). */
export const MergePicks = z.object({
  name: Pick, inn: Pick, ogrn: Pick, domain: Pick, address: Pick, city: Pick, industry: Pick, rubric: Pick, note: Pick,
});

export const DueCallback = z.object({
  callId: z.uuid(),
  dueAt: z.string(),
  company: CompanyView,
  note: z.string(),
  pageUrl: z.string().optional(),
});
export type DueCallback = z.infer<typeof DueCallback>;

/** Team sync's state, as the options page and the popup show it. */
export const TeamStatus = z.object({
  inTeam: z.boolean(),
  serverUrl: z.string().optional(),
  teamName: z.string().optional(),
  role: z.enum(['head', 'manager']).optional(),
  lastSyncAt: z.string().optional(),
  pending: z.number().int().nonnegative(),
  error: z.enum(['offline', 'unauthorized', 'server', 'invite', 'bad_url']).optional(),
  syncing: z.boolean(),
});
export type TeamStatus = z.infer<typeof TeamStatus>;
/** Collect mode of one tab (lib/io/collect-mode.ts): on or off, and how many companies it added. */
export const CollectModeView = z.object({ on: z.boolean(), added: z.number().int().nonnegative() });
export type CollectModeView = z.infer<typeof CollectModeView>;
/** What collecting a batch of listings did (lib/io/collect.ts). */
export const CollectCounts = z.object({
  created: z.number().int().nonnegative(),
  sourced: z.number().int().nonnegative(),
  known: z.number().int().nonnegative(),
  repeats: z.number().int().nonnegative(),
  uncertain: z.number().int().nonnegative(),
});
export type CollectCounts = z.infer<typeof CollectCounts>;

const TeamInvite = z.object({ code: z.string(), expiresAt: z.string() });
const ServerUrl = z.string().trim().min(1).max(2048);

export const protocol = {
  /** Listings found on a page → what the base knows of each, in the same order. */
  lookup: {
    request: z.object({ listings: z.array(ListingData).max(MAX_LOOKUP_BATCH) }),
    response: z.array(LookupResult),
  },
  logCall: {
    request: z
      .object({
        /**
         * The call's id, made by the page that logs it (content script, popup): a
         * retry after a lost answer (a stopped service worker) stores nothing twice.
         */
        callId: z.uuid().optional(),
        companyId: z.uuid().optional(),
        listing: ListingData.optional(),
        call: CallFields,
        pageUrl: z.string().max(LIMITS.url).optional(),
      })
      .refine((r) => r.companyId || r.listing, 'err_callTarget'), // a catalogue key: ./errors.ts shows it in words
    response: z.object({ call: Call, company: CompanyView }),
  },
  undoCall: {
    request: z.object({ callId: z.uuid() }),
    response: z.object({ company: CompanyView }),
  },
  getCompany: {
    request: z.object({ id: z.uuid() }),
    response: z.object({ company: Company, calls: z.array(Call) }),
  },
  saveCompany: {
    request: z.object({ company: CompanyEdit }),
    response: z.object({ company: Company }),
  },
  /** The base table's card: deleting a company (its answer is what the undo needs). */
  deleteCompany: {
    request: z.object({ id: z.uuid() }),
    response: z.object({ deleted: DeletedCompany }),
  },
  restoreCompany: {
    request: z.object({ deleted: DeletedCompany }),
    response: z.object({ company: Company }),
  },
  /** Puts back a call removed from a company's card (removing it is undoCall). */
  restoreCall: {
    request: z.object({ call: Call }),
    response: z.object({ company: Company }),
  },
  mergeCompanies: {
    request: z.object({ keepId: z.uuid(), otherId: z.uuid(), picks: MergePicks }),
    response: z.object({ company: Company }),
  },
  notDuplicate: {
    request: z.object({ a: z.uuid(), b: z.uuid() }),
    response: z.object({}),
  },
  search: {
    request: z.object({ query: z.string().max(LIMITS.name), limit: z.number().int().min(1).max(200).optional() }),
    response: z.array(Company),
  },
  dueCallbacks: {
    request: z.object({}),
    response: z.array(DueCallback),
  },
  /**
   * Listings of a directory page into the base: new ones become companies with
   * status new, known ones gain the directory as a source (issue 8, collect).
   * From a tab's content script in collect mode, the answer carries the mode.
   */
  collect: {
    request: z.object({ listings: z.array(ListingData).min(1).max(MAX_LOOKUP_BATCH) }),
    response: CollectCounts.extend({ mode: CollectModeView.optional() }),
  },
  /**
   * Collect mode of a tab. The popup names the tab and may switch it on or
   * off (`host`: the site it is for); a content script asks about its own tab.
   */
  collectMode: {
    request: z.object({
      tabId: z.number().int().nonnegative().optional(),
      on: z.boolean().optional(),
      host: z.string().max(253).optional(),
    }),
    response: CollectModeView,
  },
  /** After an import or restore: arm the alarms of reminders written behind the background's back. */
  rearmReminders: {
    request: z.object({}),
    response: z.object({}),
  },
  /** A language's catalogue, for the content script when the user chose a language (lib/ui/i18n.ts). */
  catalogue: {
    request: z.object({ language: z.enum(['ru', 'en']) }),
    response: z.record(z.string().max(100), z.string().max(2000)),
  },
  /**
   * Calls kept aside while the base could not take writes (a full disk, no
   * IndexedDB, a failed upgrade): write them now if it can; what is left.
   */
  storageRetry: {
    request: z.object({}),
    response: z.object({ problem: z.enum(['storage_full', 'storage_unavailable', 'upgrade_failed']).optional(), pending: z.number().int().nonnegative() }),
  },
  teamStatus: { request: z.object({}), response: TeamStatus },
  teamCreate: { request: z.object({ serverUrl: ServerUrl, name: z.string().trim().min(1).max(200) }), response: TeamInvite },
  teamJoin: { request: z.object({ serverUrl: ServerUrl, code: z.string().trim().min(4).max(64) }), response: TeamStatus },
  teamInvite: { request: z.object({}), response: TeamInvite },
  teamSyncNow: { request: z.object({}), response: TeamStatus },
  teamLeave: { request: z.object({}), response: TeamStatus },
} as const;

export const TEAM_REQUESTS = ['teamStatus', 'teamCreate', 'teamJoin', 'teamInvite', 'teamSyncNow', 'teamLeave'] as const;
export type TeamRequest = (typeof TEAM_REQUESTS)[number];

export type Protocol = typeof protocol;
export type RequestType = keyof Protocol;
export type RequestOf<T extends RequestType> = z.input<Protocol[T]['request']>;
export type ParsedRequestOf<T extends RequestType> = z.output<Protocol[T]['request']>;
export type ResponseOf<T extends RequestType> = z.output<Protocol[T]['response']>;

export { ERROR_CODES, type ErrorCode };

export const Envelope = z.object({
  type: z.enum(Object.keys(protocol) as [RequestType, ...RequestType[]]),
  payload: z.unknown(),
});

export const ErrorBody = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type Reply<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ErrorBody> };

export const replySchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: ErrorBody })]);
