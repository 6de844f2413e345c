import { z } from 'zod';
import { LIMITS, SITE_KEY_LIMIT } from './limits';
import { Status } from './outcome';

const isoTime = z.iso.datetime({ offset: true });

export const SourceRef = z.object({
  /** The adapter id of the directory (`2gis`, `zoon`, …) or `manual`/`import`. */
  directory: z.string().min(1).max(LIMITS.directory),
  url: z.string().max(LIMITS.url).optional(),
  /** The directory's own id for the listing (2GIS firm id, Google place id…). */
  siteId: z.string().max(LIMITS.siteId).optional(),
  /** The file's name, for `directory: 'import'`. */
  file: z.string().max(255).optional(),
  firstSeen: isoTime,
  lastSeen: isoTime,
});
export type SourceRef = z.infer<typeof SourceRef>;

export const DecisionMaker = z.object({
  name: z.string().trim().max(LIMITS.personName),
  role: z.string().trim().max(LIMITS.role).default(''),
  /** E.164 */
  phone: z.string().max(LIMITS.phoneEntry).optional(),
  email: z.email().max(LIMITS.email).optional(),
});
export type DecisionMaker = z.infer<typeof DecisionMaker>;

export const Company = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(LIMITS.name),
  /** Normalised name for matching (lib/match/name.ts). */
  nameKey: z.string().max(LIMITS.name),
  /** E.164 numbers, extension (if any) after `;ext=`. */
  phones: z.array(z.string().max(LIMITS.phoneEntry)).max(LIMITS.phones).default([]),
  /** The phones as E.164 without extensions: the match keys, indexed (lib/store/keys.ts keeps them in step). */
  phoneKeys: z.array(z.string().max(LIMITS.phoneEntry)).max(LIMITS.phones).default([]),
  inn: z.string().regex(/^\d{10}(\d{2})?$/).optional(),
  ogrn: z.string().regex(/^\d{13}(\d{2})?$/).optional(),
  /** Website host, no `www.`, IDN in Unicode. */
  domain: z.string().max(LIMITS.domain).optional(),
  address: z.string().max(LIMITS.address).optional(),
  city: z.string().max(LIMITS.city).optional(),
  /** The user's industry; from a listing, the directory's category (the same limit). */
  industry: z.string().max(LIMITS.category).optional(),
  /** The directory's category ("кофейня"); industries are mapped from it unless set by hand. */
  rubric: z.string().max(LIMITS.category).optional(),
  /** The industry was chosen by the user (or given in an imported file): a rubric mapping never replaces it. */
  industryByHand: z.boolean().optional(),
  /** `directory:siteId` keys of the listings this company was seen as. */
  siteKeys: z.array(z.string().max(SITE_KEY_LIMIT)).max(LIMITS.sources).default([]),
  sources: z.array(SourceRef).max(LIMITS.sources).default([]),
  decisionMakers: z.array(DecisionMaker).max(LIMITS.decisionMakers).default([]),
  note: z.string().max(LIMITS.note).default(''),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** When a call last confirmed the company's data (any answered call). */
  confirmedAt: isoTime.optional(),

  // Denormalised from the calls (lib/model/status.ts), rewritten in the same
  // transaction that adds or removes a call, so indexes can use them.
  status: Status.default('new'),
  statusReason: z.string().max(LIMITS.reason).optional(),
  callbackAt: isoTime.optional(),
  lastCallAt: isoTime.optional(),
  lastOutcome: z.string().optional(),
  callCount: z.number().int().nonnegative().default(0),
  /** When the current status was set (the deciding call's time). */
  statusAt: isoTime.optional(),
  /** The manager of the latest call. */
  lastManager: z.string().max(200).optional(),

  /** Sort and filter keys derived from the fields above (lib/store/keys.ts), indexed for the base table. */
  idx: z
    .object({
      name: z.string(),
      city: z.string(),
      industry: z.string(),
      manager: z.string(),
      lastCall: z.string(),
      source: z.string(),
      sources: z.array(z.string()),
      freshAt: z.string(),
      dm: z.number(),
      status: z.string().optional(),
      statusAt: z.string().optional(),
      phone: z.string().optional(),
      words: z.array(z.string()).optional(),
    })
    .optional(),
});
export type Company = z.infer<typeof Company>;

/** A source as reports group it: the directory's id, or `import:<file name>` for an imported file. */
export function sourceKey(source: Pick<SourceRef, 'directory' | 'file'> | undefined): string {
  if (!source) return 'manual';
  return source.directory === 'import' && source.file ? `import:${source.file}` : source.directory;
}
