import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * What an adapter read from one listing on a directory page, as the page shows
 * it (raw phone strings, raw website href). It crosses from the content script
 * to the background, so it is a zod schema: a hostile page's strings are
 * bounded here, by the same limits the sanitiser cuts to (./limits.ts).
 */
export const ListingData = z.object({
  /** Adapter id: `2gis`, `yandex`, `google`, `zoon`, `yell`, `rusprofile`, `listorg`, `yellowpages`, `yelp`, `generic`. */
  directory: z.string().min(1).max(LIMITS.directory),
  name: z.string().trim().min(1).max(LIMITS.name),
  phones: z.array(z.string().max(LIMITS.phoneText)).max(LIMITS.phones).default([]),
  website: z.string().max(LIMITS.website).optional(),
  address: z.string().max(LIMITS.address).optional(),
  city: z.string().max(LIMITS.city).optional(),
  category: z.string().max(LIMITS.category).optional(),
  inn: z.string().max(LIMITS.inn).optional(),
  ogrn: z.string().max(LIMITS.ogrn).optional(),
  /** Absolute URL of the listing's own page on the directory. */
  url: z.string().max(LIMITS.url).optional(),
  /** The directory's own id for the listing (2GIS firm id, Google place id…). */
  siteId: z.string().max(LIMITS.siteId).optional(),
  /**
   * The country the directory shows numbers of (ISO alpha-2): national-form
   * phones on yellowpages.com are American whatever the user's default is.
   */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
});
export type ListingData = z.infer<typeof ListingData>;
export type ListingInput = z.input<typeof ListingData>;
