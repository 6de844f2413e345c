/**
 * yellowpages.com: search results (`div.result[data-ypid]` cards) and
 * business pages (`/mip/<slug>-<ypid>`).
 *
 * Cards: name `a.business-name`, phone `div.phones` (plain text), website
 * `a.track-visit-website` (a link to another yellowpages page is no website),
 * address `.street-address` + `.locality`, categories `.categories a`.
 * Business page: the `h1`, `a[href^="tel:"]`/`.phone`, `a.website-link`,
 * `.address`.
 */
import type { FoundListing, PageContext, SiteAdapter } from './types';
import { blockAroundHeading, clean, compact, isPhoneShaped, parseUrl, readHeadingOrItem, telNumber, textOf, uniquePhones, websiteHref } from './util';

const CARD = 'div.result[data-ypid], .result[id^="lid-"]';

function phonesIn(root: Element): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll('.phones, .phone, [itemprop="telephone"], a[href^="tel:"]'))) {
    if (el.localName === 'a' && (el.getAttribute('href') ?? '').startsWith('tel:')) {
      out.push(telNumber(el.getAttribute('href')));
      continue;
    }
    const t = textOf(el);
    if (isPhoneShaped(t)) out.push(t);
  }
  return uniquePhones(out);
}

function cityOfLocality(locality: string): string | undefined {
  const city = clean(locality.split(',')[0]);
  return city && !/\d/.test(city) ? city : undefined;
}

function readCard(card: Element, page: PageContext): FoundListing | null {
  const link = card.querySelector('a.business-name');
  if (!link) return null;
  const name = textOf(link.querySelector('span') ?? link) || textOf(link);
  if (!name) return null;
  const street = textOf(card.querySelector('.street-address'));
  const locality = textOf(card.querySelector('.locality'));
  const site = card.querySelector('a.track-visit-website, a[data-analytics*="website"]');
  const cats = Array.from(card.querySelectorAll('.categories a'), (a) => textOf(a)).filter(Boolean);
  const url = parseUrl(link.getAttribute('href'), page.url);
  return {
    root: card,
    anchor: link,
    data: compact({
      directory: 'yellowpages',
      name,
      phones: phonesIn(card),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      address: [street, locality].filter(Boolean).join(', ') || undefined,
      city: cityOfLocality(locality),
      category: cats.join(', ') || undefined,
      url: url ? url.origin + url.pathname : undefined,
      siteId: card.getAttribute('data-ypid') ?? /-(\d+)$/.exec(url?.pathname ?? '')?.[1],
    }),
  };
}

function readBusinessPage(h1: Element, page: PageContext): FoundListing | null {
  const ypid = /\/mip\/[^/]*?-(\d+)\/?$/.exec(page.url.pathname)?.[1];
  if (!ypid || h1.closest(CARD)) return null;
  const name = textOf(h1);
  if (!name) return null;
  const root = blockAroundHeading(h1, 8, (el) => !!el.querySelector('a[href^="tel:"], .phone, .address'));
  const site = root.querySelector('a.website-link, a.track-visit-website, a[data-analytics*="website"]');
  const addr = root.querySelector('.address, [itemprop="address"]');
  const cats = Array.from(root.querySelectorAll('.categories a'), (a) => textOf(a)).filter(Boolean);
  const address = addr ? textOf(addr) : undefined;
  return {
    root,
    anchor: h1,
    data: compact({
      directory: 'yellowpages',
      name,
      phones: phonesIn(root),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      address,
      city: address ? /,\s*([^,\d]+),\s*[A-Z]{2}\s+\d{5}/.exec(address)?.[1]?.trim() : undefined,
      category: cats.join(', ') || undefined,
      url: page.url.origin + page.url.pathname,
      siteId: ypid,
    }),
  };
}

export const yellowPagesAdapter: SiteAdapter = {
  id: 'yellowpages',
  name: 'Yellow Pages',
  matches: ['*://www.yellowpages.com/*', '*://yellowpages.com/*'],
  appliesTo: (url) => /^https?:$/.test(url.protocol) && /^(?:www\.)?yellowpages\.com$/.test(url.hostname),
  listingSelector: `${CARD}, h1`,
  read: readHeadingOrItem(CARD, readBusinessPage, readCard),
  phoneCountry: () => 'US',
  testUrls: [
    'https://www.yellowpages.com/search?search_terms=day+spa&geo_location_terms=Honolulu%2C+HI',
    'https://www.yellowpages.com/honolulu-hi/day-spas',
    'https://www.yellowpages.com/honolulu-hi/mip/honolulu-medspa-8285777',
  ],
};
