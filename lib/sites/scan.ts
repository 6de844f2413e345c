/**
 * Running an adapter over a page: candidates → read → dedupe. The content
 * script uses `scanDocument` for the first full scan and `scanSubtree` for
 * each added subtree (with the same `seen` set, so a listing is read once).
 */
import type { FoundListing, PageContext, SiteAdapter } from './types';
import { selectAll } from './util';

export function createPageContext(document: Document, url: URL | string, defaultCountry?: string): PageContext {
  const page: PageContext = { url: typeof url === 'string' ? new URL(url) : url, document, memo: new Map() };
  if (defaultCountry) page.defaultCountry = defaultCountry;
  return page;
}

/**
 * The elements `read` should be called on within `root` (an added subtree or
 * the document): the adapter's own `scan` where it has one, else
 * `root` itself when it matches `listingSelector`, plus its matching
 * descendants.
 */
export function candidatesIn(adapter: SiteAdapter, root: ParentNode, page: PageContext): Element[] {
  if (adapter.scan) return adapter.scan(root, page);
  return selectAll(root, adapter.listingSelector);
}

/**
 * What one page's scans have handled: candidates already read and listing
 * roots already reported. Keep one per page (navigation) and pass it to every
 * scan; weak sets let removed nodes go.
 */
export interface ScanMemory {
  candidates: WeakSet<Element>;
  roots: WeakSet<Element>;
}

export function newScanMemory(): ScanMemory {
  return { candidates: new WeakSet(), roots: new WeakSet() };
}

/**
 * Reads one candidate with its adapter, adding what holds for the whole
 * directory (its phone country). Every reader of listings goes through here:
 * the full scan below and the content script's detector.
 */
export function readListing(adapter: SiteAdapter, el: Element, page: PageContext): FoundListing | null {
  const found = adapter.read(el, page);
  if (!found) return null;
  const country = adapter.phoneCountry?.(page.url);
  if (country && !found.data.country) found.data.country = country;
  return found;
}

/** Reads candidates into listings, each candidate and each listing root once. */
export function readCandidates(
  adapter: SiteAdapter,
  candidates: Iterable<Element>,
  page: PageContext,
  seen: ScanMemory = newScanMemory(),
): FoundListing[] {
  const out: FoundListing[] = [];
  for (const el of candidates) {
    if (seen.candidates.has(el)) continue;
    seen.candidates.add(el);
    let found: FoundListing | null = null;
    try {
      found = readListing(adapter, el, page);
    } catch {
      found = null; // one odd card must not stop the page
    }
    if (!found || !found.data.name?.trim()) continue;
    if (seen.roots.has(found.root)) continue;
    seen.roots.add(found.root);
    out.push(found);
  }
  return out;
}

/** Listings in an added subtree (or any part of the page). */
export function scanSubtree(
  adapter: SiteAdapter,
  root: ParentNode,
  page: PageContext,
  seen: ScanMemory = newScanMemory(),
): FoundListing[] {
  return readCandidates(adapter, candidatesIn(adapter, root, page), page, seen);
}

/** All listings of a document: the full scan. */
export function scanDocument(
  adapter: SiteAdapter,
  document: Document,
  url: URL | string,
  options: { defaultCountry?: string; page?: PageContext; seen?: ScanMemory } = {},
): FoundListing[] {
  const page = options.page ?? createPageContext(document, url, options.defaultCountry);
  const root: ParentNode = document.body ?? document;
  return scanSubtree(adapter, root, page, options.seen ?? newScanMemory());
}
