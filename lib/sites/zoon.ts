/**
 * zoon.ru (and zoon.kz, zoon.by): catalog lists and organisation pages.
 *
 * List cards: `[data-uitest="org-item-block"]` (zoon's own test ids), name
 * link `[data-uitest="org-link"]` (fallback `h2 a`). Phones hide behind a
 * "Позвонить" button: the number sits in `span.js-phone[data-number]` and in
 * its `a[href^="tel:"]`; the label itself is never read.
 *
 * Organisation pages: the `h1`, the same `[data-number]` phones, the address
 * (`address`/`itemprop=address`) and the site link (zoon wraps it in
 * `/redirect/?to=…`, which the background unwraps).
 *
 * City: the first path segment (`zoon.ru/spb/…`) or the old city subdomain
 * (`spb.zoon.ru`).
 */
import type { ListingInput } from '../model/listing';
import type { FoundListing, PageContext, SiteAdapter } from './types';
import {
  cityFromSlug,
  compact,
  hostLikeText,
  isElement,
  itemprop,
  memo,
  parseUrl,
  phoneOfElement,
  telNumber,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const CARD = '[data-uitest="org-item-block"]';
const CARD_FALLBACK = 'li.minicard-item';
const PHONE_EL = '[data-number], a[href^="tel:"], [itemprop="telephone"]';

function isZoonHost(host: string): boolean {
  return /(?:^|\.)zoon\.(?:ru|kz|by)$/.test(host.toLowerCase());
}

function citySlug(url: URL): string | undefined {
  const sub = /^([a-z-]+)\.zoon\./.exec(url.hostname)?.[1];
  if (sub && sub !== 'www') return sub;
  return url.pathname.split('/').filter(Boolean)[0];
}

/** A link to one of zoon's own pages (not its `/redirect/` to a site): never a website, so its text is not read. */
const ZOON_PAGE = /^https?:\/\/(?:[\w-]+\.)*zoon\.(?:ru|kz|by)\/(?!redirect\/)/i;

/** The organisation's own site, among a card's links: zoon shows its host as the link text. */
function websiteIn(links: Iterable<Element>, page: PageContext): string | undefined {
  for (const a of links) {
    const href = a.getAttribute('href') ?? '';
    if (!/\/redirect\/|^https?:/i.test(href) || ZOON_PAGE.test(href)) continue;
    // A host has a dot: most of a card's links are not looked at further.
    if (!a.textContent?.includes('.') || !hostLikeText(textOf(a))) continue;
    const w = websiteHref(href, page.url);
    if (w) return w;
  }
  return undefined;
}

/** The page's city, worked out once per page (every card of a list has it). */
function base(page: PageContext): Pick<ListingInput, 'directory' | 'city'> {
  return { directory: 'zoon', city: memo(page, 'zoon:city', () => cityFromSlug(citySlug(page.url))) };
}

/** A link to `/<city>/<category>/` of zoon itself (not a price, reviews or photo page). */
function isCategoryLink(a: Element, page: PageContext): boolean {
  const href = a.getAttribute('href') ?? '';
  // Phone and mail links are most of the rest: not parsed as URLs.
  if (/^(?:tel|mailto|javascript):/i.test(href)) return false;
  const u = parseUrl(href, page.url);
  return !!u && isZoonHost(u.hostname) && !u.hash && u.pathname.split('/').filter(Boolean).length === 2 && !/\/(?:price|reviews|photo)\/?$/.test(u.pathname);
}

/**
 * Everything a card's or an organisation block's read looks at, found in one
 * pass over it. From a content script's world a selector pass over a zoon
 * card's hundred elements costs 5 to 13 µs and each element touched about
 * 1 µs more: the separate passes for the name, links, address and phones read
 * 1,000 cards in 81 ms, this one in 47 (bench/bigpage's zoon page, in an
 * isolated world).
 */
const PARTS = 'a[href], address, [itemprop="address"], [data-number], [itemprop="telephone"]';

interface Parts {
  /** zoon's own name link (`data-uitest="org-link"`). */
  nameLink?: Element;
  links: Element[];
  phones: string[];
  /** `address .address`: the street line, without the metro and the distance beside it. */
  street?: Element;
  /** The first `address` or `[itemprop=address]`. */
  addressBlock?: Element;
}

function partsOf(root: Element): Parts {
  const found = root.querySelectorAll(PARTS);
  const parts: Parts = { links: [], phones: [] };
  /** `[data-number]` holders: a tel: link inside one is the same number again. */
  const holders: Element[] = [];
  for (let i = 0; i < found.length; i++) {
    const el = found[i]!;
    const number = el.getAttribute('data-number');
    const prop = el.getAttribute('itemprop');
    if (el.localName === 'a') {
      const href = el.getAttribute('href');
      if (href !== null) {
        parts.links.push(el);
        if (!parts.nameLink && el.getAttribute('data-uitest') === 'org-link') parts.nameLink = el;
        if (number === null && (href.startsWith('tel:') || prop === 'telephone') && !holders.some((h) => h.contains(el))) parts.phones.push(telNumber(href));
      }
    } else if (number === null && prop === 'telephone') parts.phones.push(phoneOfElement(el));
    if (number !== null) {
      holders.push(el);
      parts.phones.push(number);
    }
    if (el.localName === 'address' || prop === 'address') {
      parts.addressBlock ??= el;
      if (!parts.street && el.localName === 'address') parts.street = el.querySelector('.address') ?? undefined;
    }
  }
  parts.phones = uniquePhones(parts.phones.filter(Boolean));
  return parts;
}

function readCard(card: Element, page: PageContext): FoundListing | null {
  const { nameLink, links, phones, street, addressBlock } = partsOf(card);
  const link = nameLink ?? card.querySelector('h2 a[href], h3 a[href]');
  if (!link) return null;
  const name = textOf(link);
  if (!name) return null;
  const url = parseUrl(link.getAttribute('href'), page.url);
  // The catalog category: a link to `/<city>/<category>/` in the card's features line.
  const cat = links.find((a) => a !== link && isCategoryLink(a, page));
  const addr = street ?? addressBlock;
  return {
    root: card,
    anchor: link,
    data: compact({
      ...base(page),
      name,
      phones,
      website: websiteIn(links, page),
      address: addr ? textOf(addr) : undefined,
      category: cat ? textOf(cat) : undefined,
      url: url ? url.origin + url.pathname : undefined,
      siteId: url?.pathname.split('/').filter(Boolean).pop(),
    }),
  };
}

function readOrgPage(h1: Element, page: PageContext): FoundListing | null {
  if (h1.closest(`${CARD}, ${CARD_FALLBACK}`)) return null;
  // The organisation block: the nearest ancestor holding a phone, the site or
  // the address; on a catalog page that ancestor holds list cards instead.
  let root: Element | null = null;
  for (let i = 0, cur = h1.parentElement; cur && i < 10; i++, cur = cur.parentElement) {
    if (cur.localName === 'body') break;
    if (cur.querySelector(`${PHONE_EL}, [itemprop="address"], address`)) {
      root = cur;
      break;
    }
  }
  if (!root || root.querySelector(`${CARD}, ${CARD_FALLBACK}`)) return null;
  const name = itemprop(h1, 'name') || textOf(h1);
  if (!name) return null;
  const { links, phones, addressBlock: addr } = partsOf(root);
  const cat = root.querySelector('[itemprop="category"], .service-page-header__category, .service-category a');
  return {
    root,
    anchor: h1,
    data: compact({
      ...base(page),
      name,
      phones,
      website: websiteIn(links, page),
      address: addr ? textOf(addr) : undefined,
      category: cat ? textOf(cat) : undefined,
      url: page.url.origin + page.url.pathname,
      siteId: page.url.pathname.split('/').filter(Boolean).pop(),
    }),
  };
}

export const zoonAdapter: SiteAdapter = {
  id: 'zoon',
  name: 'Zoon',
  matches: ['ru', 'kz', 'by'].flatMap((t) => [`*://zoon.${t}/*`, `*://*.zoon.${t}/*`]),
  appliesTo: (url) => /^https?:$/.test(url.protocol) && isZoonHost(url.hostname),
  listingSelector: `${CARD}, ${CARD_FALLBACK}, h1`,
  read(root, page) {
    if (!isElement(root)) return null;
    if (root.localName === 'h1') return readOrgPage(root, page);
    if (root.matches(CARD)) return readCard(root, page);
    // Older markup without test ids: the li is the card, unless it holds one.
    if (root.matches(CARD_FALLBACK) && !root.querySelector(CARD)) return readCard(root, page);
    return null;
  },
  phoneCountry: (url) => (/\.kz$/.test(url.hostname) ? 'KZ' : /\.by$/.test(url.hostname) ? 'BY' : 'RU'),
  testUrls: [
    'https://zoon.ru/spb/kindergarten/',
    'https://zoon.ru/msk/restaurants/',
    'https://zoon.ru/spb/kids/chastnyj_detskij_sad_moj_malysh_na_metro_devyatkino/',
    'https://spb.zoon.ru/medical/',
    'https://zoon.ru/msk/beauty/type/salony_krasoty/metro/arbatskaya/',
  ],
};
