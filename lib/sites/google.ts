/**
 * Google Maps (google.com/maps and the country domains): the results feed
 * (`[role=feed] [role=article]` cards, named by their aria-label, linking to
 * `/maps/place/…`) and the place panel (`[role=main]` with an h1 and
 * `data-item-id` buttons: `address`, `phone:tel:…`, `authority` for the site).
 *
 * Class names are generated and not used; ARIA roles and labels,
 * `data-item-id` and the place link are what stays.
 *
 * siteId: the place id (`ChIJ…`, carried as `!19s` in list links) where the
 * link or URL has it, else the feature id token `0x…:0x…` (`!1s…`), else the
 * `cid`.
 */
import type { FoundListing, PageContext, SiteAdapter } from './types';
import {
  cardAround,
  cityFromAddress,
  clean,
  compact,
  elementWithText,
  isElement,
  isPhoneShaped,
  parseUrl,
  textNodes,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

/** Country domains where Maps is served (match patterns cannot wildcard a TLD). */
const TLDS = [
  'com', 'ru', 'de', 'fr', 'it', 'es', 'pl', 'nl', 'be', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'pt', 'gr', 'cz', 'sk', 'hu',
  'ro', 'bg', 'ie', 'lt', 'lv', 'ee', 'by', 'kz', 'kg', 'uz', 'am', 'ge', 'az', 'md', 'rs', 'hr', 'si', 'ca', 'ae', 'co.il',
  'co.uk', 'co.in', 'co.jp', 'co.kr', 'co.za', 'co.th', 'co.id', 'co.nz', 'com.au', 'com.br', 'com.mx', 'com.ar',
  'com.tr', 'com.ua', 'com.cy', 'com.sg', 'com.hk', 'com.tw', 'com.eg', 'com.sa', 'cl', 'pe', 'mn', 'tm', 'tj', 'com.vn', 'com.ph', 'com.my',
];

const HOST = /^(?:www\.|maps\.)?google\.(?:com|co\.[a-z]{2}|com\.[a-z]{2}|[a-z]{2})$/;

const CC: Record<string, string> = { uk: 'GB' };

/** The card's "Website" action in the languages Maps is most used in here. */
const WEBSITE_LABEL = /website|сайт|webseite|site web|sitio web|sito web|witryna|strona|web sitesi|веб-сайт/i;

function placeLinkKey(a: Element): string | undefined {
  return idsOfPlaceUrl(a.getAttribute('href') ?? '').siteId;
}

/** Ids carried by a Maps place URL (`…/data=!4m7!3m6!1s0x…:0x…!8m2…!19sChIJ…`, `?cid=`). */
export function idsOfPlaceUrl(href: string): { siteId?: string } {
  let s = href;
  try {
    s = decodeURIComponent(href);
  } catch {
    /* as is */
  }
  const placeId = /!19s(ChIJ[\w-]{10,})/.exec(s)?.[1] ?? /[?&](?:place_id|placeid|query_place_id)=(ChIJ[\w-]{10,})/.exec(s)?.[1];
  const ftid = /!1s(0x[0-9a-f]+:0x[0-9a-f]+)/i.exec(s)?.[1] ?? /[?&]ftid=(0x[0-9a-f]+:0x[0-9a-f]+)/i.exec(s)?.[1];
  const cid = /[?&]cid=(\d{5,})/.exec(s)?.[1];
  return { siteId: placeId ?? ftid ?? (cid ? `cid:${cid}` : undefined) };
}

/** A place link's canonical form: origin + `/maps/place/<name>/data=…` without tracking parameters. */
function placeUrl(href: string, base: URL): string | undefined {
  const u = parseUrl(href, base);
  if (!u) return undefined;
  return u.origin + u.pathname;
}

/** `looseText`: list cards show the phone as a plain text line of its own (place panels have buttons). */
function phonesIn(root: Element, looseText: boolean): string[] {
  const out: string[] = [];
  for (const b of Array.from(root.querySelectorAll('[data-item-id^="phone:tel:"]'))) {
    const label = clean(b.getAttribute('aria-label')).replace(/^[^:\d+]*:\s*/, '');
    out.push(isPhoneShaped(label) ? label : (b.getAttribute('data-item-id') ?? '').slice('phone:tel:'.length));
  }
  for (const a of Array.from(root.querySelectorAll('a[href^="tel:"]'))) out.push((a.getAttribute('href') ?? '').slice(4));
  if (!out.length && looseText) {
    for (const t of textNodes(root)) if (isPhoneShaped(t.data)) out.push(clean(t.data));
  }
  return uniquePhones(out);
}

function readCard(card: Element, page: PageContext): FoundListing | null {
  const link = card.matches('a[href*="/maps/place/"]') ? card : card.querySelector('a[href*="/maps/place/"]');
  if (!link) return null;
  const name = clean(card.getAttribute('aria-label')) || clean(link.getAttribute('aria-label')) || textOf(link);
  if (!name) return null;
  const href = link.getAttribute('href') ?? '';
  // Cards show only the street ("1000 4th Ave"): the text line that is not the category.
  const site = Array.from(card.querySelectorAll('a[href]')).find(
    (a) => a !== link && WEBSITE_LABEL.test(`${a.getAttribute('data-value') ?? ''} ${a.getAttribute('aria-label') ?? ''}`),
  );
  return {
    root: card,
    anchor: elementWithText(card, name) ?? link,
    data: compact({
      directory: 'google',
      name,
      phones: phonesIn(card, true),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      url: placeUrl(href, page.url),
      siteId: idsOfPlaceUrl(href).siteId,
    }),
  };
}

function readPlace(main: Element, page: PageContext): FoundListing | null {
  if (main.querySelector('[role="feed"]')) return null;
  const h1 = main.querySelector('h1');
  if (!h1) return null;
  const name = textOf(h1) || clean(main.getAttribute('aria-label'));
  if (!name) return null;
  const addrEl = main.querySelector('[data-item-id="address"]');
  const address = addrEl ? clean(addrEl.getAttribute('aria-label')).replace(/^[^:]*:\s*/, '') || textOf(addrEl) : undefined;
  const site = main.querySelector('a[data-item-id="authority"]');
  const category = main.querySelector('button[jsaction*="category"]');
  const onPlaceUrl = /\/maps\/place\//.test(page.url.pathname);
  return {
    root: main,
    anchor: h1,
    data: compact({
      directory: 'google',
      name,
      phones: phonesIn(main, false),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      address,
      city: cityFromAddress(address),
      category: category ? textOf(category) : undefined,
      url: onPlaceUrl ? page.url.origin + page.url.pathname.replace(/\/@[^/]*/, '') : undefined,
      siteId: onPlaceUrl ? idsOfPlaceUrl(page.url.href).siteId : undefined,
    }),
  };
}

export const googleAdapter: SiteAdapter = {
  id: 'google',
  name: 'Google Maps',
  matches: [...TLDS.map((t) => `*://*.google.${t}/maps*`), '*://maps.google.com/*'],
  appliesTo(url) {
    if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname)) return false;
    return url.pathname.startsWith('/maps') || url.hostname.startsWith('maps.');
  },
  listingSelector: '[role="feed"] [role="article"], [role="feed"] a[href*="/maps/place/"], [role="main"]',
  read(root, page) {
    if (!isElement(root)) return null;
    if (root.getAttribute('role') === 'main') return readPlace(root, page);
    if (root.getAttribute('role') === 'article') return readCard(root, page);
    if (root.localName === 'a') {
      // Feeds without article roles: the link's card (articles are read as such).
      if (root.closest('[role="article"]')) return null;
      const card = cardAround(root, 'a[href*="/maps/place/"]', placeLinkKey);
      return readCard(card, page);
    }
    return null;
  },
  phoneCountry(url) {
    const m = /google\.(?:com?\.)?([a-z]{2})$/.exec(url.hostname);
    const gl = url.searchParams.get('gl');
    if (gl && /^[a-z]{2}$/i.test(gl)) return gl.toUpperCase();
    if (!m) return undefined;
    return CC[m[1]!] ?? m[1]!.toUpperCase();
  },
  testUrls: [
    'https://www.google.com/maps/search/central+library/@47.6,-122.33,14z',
    'https://www.google.com/maps/place/Tipsy+Sticks/@35.1585396,33.3653799,15z/data=!4m6!3m5!1s0x14de1786bd2659b9:0xb7f6e65826fa9ddb!8m2!3d35.1673191!4d33.3635318',
    'https://www.google.ru/maps/search/%D0%BA%D0%B0%D1%84%D0%B5',
    'https://www.google.de/maps/place/Cafe/@52.5,13.4,17z',
    'https://www.google.com.cy/maps/search/restaurant',
    'https://www.google.co.uk/maps/search/plumber+london',
    'https://maps.google.com/maps?q=cafe',
  ],
};
