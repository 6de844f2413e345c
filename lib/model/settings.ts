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
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
