import { z } from 'zod';

/**
 * What an adapter read from one listing on a directory page, as the page shows
 * it (raw phone strings, raw website href). It crosses from the content script
 * to the background, so it is a zod schema: a hostile page's strings are
 * bounded here.
 */
export const ListingData = z.object({
  /** Adapter id: `2gis`, `yandex`, `google`, `zoon`, `yell`, `rusprofile`, `listorg`, `yellowpages`, `yelp`, `generic`. */
  directory: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(500),
  phones: z.array(z.string().max(100)).max(30).default([]),
  website: z.string().max(4096).optional(),
  address: z.string().max(1000).optional(),
  city: z.string().max(200).optional(),
  category: z.string().max(300).optional(),
  inn: z.string().max(20).optional(),
  ogrn: z.string().max(20).optional(),
  /** Absolute URL of the listing's own page on the directory. */
  url: z.string().max(4096).optional(),
  /** The directory's own id for the listing (2GIS firm id, Google place id…). */
  siteId: z.string().max(256).optional(),
  /**
   * The country the directory shows numbers of (ISO alpha-2): national-form
   * phones on yellowpages.com are American whatever the user's default is.
   */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
});
export type ListingData = z.infer<typeof ListingData>;
export type ListingInput = z.input<typeof ListingData>;
