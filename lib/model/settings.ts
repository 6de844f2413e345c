import { z } from 'zod';

// The default lists live in a zod-free module so the content script can use them without zod.
import { DEFAULT_INDUSTRIES, DEFAULT_REFUSAL_REASONS } from './defaults';
import { LIMITS } from './limits';
export { DEFAULT_INDUSTRIES, DEFAULT_REFUSAL_REASONS };

export const Settings = z.object({
  managerName: z.string().trim().max(LIMITS.manager).default(''),
  /** ISO 3166 alpha-2; numbers without a country code are read as this country's. */
  defaultCountry: z.string().regex(/^[A-Z]{2}$/).default('RU'),
  /** A company whose data was last confirmed longer ago than this is stale. */
  staleAfterDays: z.number().int().min(1).max(3650).default(180),
  refusalReasons: z.array(z.string().trim().min(1).max(200)).max(100).default(DEFAULT_REFUSAL_REASONS),
  /** Whether "refused" must carry a reason. */
  requireRefusalReason: z.boolean().default(true),
  industries: z.array(z.string().trim().min(1).max(LIMITS.category)).max(500).default(DEFAULT_INDUSTRIES),
  /** The overlay as a whole; the popup's "pause everywhere". */
  overlayEnabled: z.boolean().default(true),
  /** Hosts (`2gis.ru`) on which the user switched the overlay off. */
  disabledSites: z.array(z.string().max(253)).max(1000).default([]),
  /** Hosts the user turned on for generic detection (optional permission granted). */
  extraSites: z.array(z.string().max(253)).max(1000).default([]),
  /** Reasons taken out of the menu; old calls keep them and reports still count them. */
  retiredReasons: z.array(z.string().trim().min(1).max(200)).max(500).default([]),
  /** Renamed reasons: old text → new text; old calls show and count under the new name. */
  reasonAliases: z.record(z.string().max(200), z.string().max(200)).default({}),
  /** The user's rubric → industry choices (rubric folded by rubricKey); '' = leave unmapped. */
  rubricIndustries: z.record(z.string().max(300), z.string().max(200)).default({}),
  /** The interface language: the browser's, or one chosen. */
  language: z.enum(['browser', 'ru', 'en']).default('browser'),
  badgeSize: z.enum(['compact', 'normal']).default('normal'),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** A reason as it reads today: renames followed to their end (a cycle stops where it closes). */
export function currentReason(reason: string, aliases: Readonly<Record<string, string>>): string {
  let r = reason;
  const seen = new Set<string>();
  while (Object.hasOwn(aliases, r) && !seen.has(r)) {
    seen.add(r);
    r = aliases[r]!;
  }
  return r;
}
