/**
 * Issue 7, "page data always goes in": on every page the adapters are tested
 * on (every real page in ../shared/fixtures/real and every own fixture in
 * test/fixtures/sites), each listing found can be logged. The way a click on
 * a badge goes: the adapter reads the card, the content script's sanitiser
 * bounds it, the background's router validates the message, and the store
 * creates the company and its call in IndexedDB (fake-indexeddb here). Each
 * one is stored, and the page's next lookup finds it.
 *
 * The pages are found by themselves: a real page added to real-pages.test.ts
 * (or carrying its own canonical address) and a fixture added to its folder
 * are covered without an edit here.
 */
import fs from 'node:fs';
import type { Browser } from 'wxt/browser';
import { describe, expect, it, vi } from 'vitest';
import { sanitizeListing } from '../../lib/detect/sanitize';
import { createHandlers } from '../../lib/messages/handlers';
import { createRouter } from '../../lib/messages/router';
import { DEFAULT_SETTINGS, type ListingData, type LookupResult } from '../../lib/model';
import { GENERIC_ADAPTER, adapterFor, scanDocument } from '../../lib/sites';
import { freshDb } from './store/helpers';
import { REAL_PAGES_DIR, ownFixturePages, parsePage, realPages, type PageToScan } from './sites/helpers';

const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
const fromTab = { id: SELF.id, tab: { id: 1 } } as Browser.runtime.MessageSender;
/** Parsing a 1 MB page in jsdom and logging hundreds of calls takes a while on a busy machine. */
const PAGE_TIMEOUT = 180_000;

const real = realPages();
if (real.length === 0) console.log(`every-listing-logged: real pages skipped, ${REAL_PAGES_DIR} is absent`);

function listingsOf(page: PageToScan): ListingData[] {
  const url = new URL(page.url);
  const adapter = adapterFor(url) ?? (page.dir === GENERIC_ADAPTER.id ? GENERIC_ADAPTER : undefined);
  if (!adapter) return [];
  const found = scanDocument(adapter, parsePage(fs.readFileSync(page.file, 'utf8'), page.url), url);
  // As the content script does before any message leaves the page (lib/detect/engine.ts).
  return found.map((f) => sanitizeListing(f.data)).filter((l): l is ListingData => l !== null);
}

async function logEvery(page: PageToScan) {
  const listings = listingsOf(page);
  const db = await freshDb();
  const route = createRouter(
    createHandlers({ db: async () => db, settings: async () => DEFAULT_SETTINGS, announce: vi.fn(async () => {}) }),
    SELF,
  );
  const failures: string[] = [];
  const companyIds: string[] = [];
  for (const listing of listings) {
    const reply = await route(
      {
        type: 'logCall',
        payload: { listing, call: { outcome: 'refused', reason: 'дорого', note: 'ЛПР в отпуске, перезвонить осенью' }, pageUrl: page.url },
      },
      fromTab,
    );
    if (reply.ok) companyIds.push((reply.data as { company: { id: string } }).company.id);
    else failures.push(`${listing.name}: ${reply.error.message}`);
  }
  return { listings, failures, companyIds, db, route };
}

describe.each([...real, ...ownFixturePages()])('every listing on $label can be logged', (page) => {
  it.skipIf(!page.url)('each one is stored, and the next lookup finds it', async () => {
    const { listings, failures, companyIds, db, route } = await logEvery(page);
    expect(failures).toEqual([]);
    expect(await db.count('calls')).toBe(listings.length);
    // A listing shown twice on one page (the same directory id: an ad and its organic card) is one company.
    const keyOf = (l: (typeof listings)[number], i: number) => (l.siteId?.trim() ? `${l.directory}:${l.siteId.trim()}` : `#${i}`);
    const cards = new Map<string, number>();
    listings.forEach((l, i) => cards.set(keyOf(l, i), (cards.get(keyOf(l, i)) ?? 0) + 1));
    expect(await db.count('companies')).toBe(cards.size);
    for (const [i, id] of companyIds.entries()) {
      const company = await db.get('companies', id);
      expect(company, id).toMatchObject({ status: 'refused', statusReason: 'дорого', callCount: cards.get(keyOf(listings[i]!, i)) });
    }
    // Back on the page, every badge shows the call: its listing matches the company it created.
    const lookup = await route({ type: 'lookup', payload: { listings } }, fromTab);
    expect(lookup.ok).toBe(true);
    const results = (lookup as { data: LookupResult[] }).data;
    results.forEach((result, i) => {
      expect(result.candidates.map((c) => c.companyId), listings[i]!.name).toContain(companyIds[i]);
    });
  }, PAGE_TIMEOUT);
});

it('covers every real page: each has an address, from real-pages.test.ts or the page itself', () => {
  if (real.length === 0) return;
  const covered = real.filter((p) => p.url).map((p) => p.label);
  expect(covered).toContain('2gis/moscow_carwash_search_2025.html');
  const missing = real.filter((p) => !p.url).map((p) => p.label);
  // A real page with no known address would go untested here: give it one in real-pages.test.ts.
  expect(missing).toEqual([]);
});
