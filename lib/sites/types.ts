import type { ListingInput } from '../model/listing';

/** One listing found on a page. */
export interface FoundListing {
  /** The listing's card (list pages) or the main block (company pages). */
  root: Element;
  /** The element the badge goes after: the listing's name. */
  anchor: Element;
  data: ListingInput;
}

/**
 * One directory. To add a directory: write one file here exporting an adapter,
 * add it to ADAPTERS in ./index.ts, and put a small fixture page in
 * test/fixtures/sites/<id>/ (tests find both by themselves).
 */
export interface SiteAdapter {
  /** Stable id, stored in sources and listings: `2gis`, `zoon`… */
  id: string;
  /** Human name of the directory. */
  name: string;
  /** Match patterns for the manifest (content script `matches`). */
  matches: string[];
  /** Finer URL test than match patterns can express (e.g. only /maps on yandex.ru). */
  appliesTo(url: URL): boolean;
  /**
   * A CSS selector for listing roots. The detector runs it over added subtrees
   * and calls `read` once per new root; keep it cheap and stable (link
   * patterns, `tel:`, `data-*`, `itemprop`, ARIA) rather than hashed classes.
   */
  listingSelector: string;
  /** Reads one root; null when it is not a listing after all. */
  read(root: Element, page: PageContext): FoundListing | null;
  /** URLs this adapter must accept; every other adapter must reject them. */
  testUrls: string[];
  /**
   * Optional: finds listing roots in `root` (an added subtree or the whole
   * document) when a CSS selector cannot express them (the generic adapter
   * looks for phones in text). The detector calls `read` once per element it
   * returns; the elements may be ancestors of `root` (the card around a phone
   * added inside an existing card), so the detector must dedupe them.
   * Where present it replaces `listingSelector` (see `candidatesIn` in ./scan).
   */
  scan?(root: ParentNode, page: PageContext): Element[];
  /**
   * Optional: the country that phones written in national form on this page
   * belong to (yellowpages.com → US, google.de → DE), for parsing them into
   * E.164; undefined where the site does not tell (then the user's default).
   */
  phoneCountry?(url: URL): string | undefined;
}

/** What an adapter may know about the page as a whole, computed once per page/navigation. */
export interface PageContext {
  url: URL;
  document: Document;
  /** Memo for page-level data (embedded JSON state) keyed by the adapter. */
  memo: Map<string, unknown>;
  /**
   * Optional: the user's default phone country (settings, ISO 3166 alpha-2),
   * for adapters that must tell phones from other numbers in free text.
   */
  defaultCountry?: string;
}
