/**
 * The directory adapters. Adding a directory: one file here exporting a
 * `SiteAdapter`, listed in ADAPTERS, and a fixture page in
 * test/fixtures/sites/<id>/ (the tests find both by themselves).
 */
import type { SiteAdapter } from './types';
import { twoGisAdapter } from './2gis';
import { genericAdapter } from './generic';
import { googleAdapter } from './google';
import { listOrgAdapter } from './listorg';
import { rusprofileAdapter } from './rusprofile';
import { yandexAdapter } from './yandex';
import { yellAdapter } from './yell';
import { yellowPagesAdapter } from './yellowpages';
import { yelpAdapter } from './yelp';
import { zoonAdapter } from './zoon';

export type { FoundListing, PageContext, SiteAdapter } from './types';
export { candidatesIn, createPageContext, newScanMemory, readCandidates, scanDocument, scanSubtree } from './scan';
export type { ScanMemory } from './scan';

/** Every directory adapter, generic detection excluded. */
export const ADAPTERS: SiteAdapter[] = [
  twoGisAdapter,
  yandexAdapter,
  googleAdapter,
  zoonAdapter,
  yellAdapter,
  rusprofileAdapter,
  listOrgAdapter,
  yellowPagesAdapter,
  yelpAdapter,
];

/** Generic detection (phones and INN in any page's text), for sites the user turned on. */
export const GENERIC_ADAPTER: SiteAdapter = genericAdapter;

/** The directory adapter for a URL, or undefined (then generic detection, where the user turned it on). */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.appliesTo(url));
}
