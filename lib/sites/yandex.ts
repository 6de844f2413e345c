/**
 * Yandex Maps (yandex.ru/maps, yandex.com/maps and the other Yandex domains)
 * and the organisation lists in Yandex search results (yandex.ru/search).
 *
 * - Maps search list: snippets with `data-id` + `data-coordinates` (the
 *   business ones link `/maps/org/<slug>/<id>/`; toponyms do not); name
 *   `.search-business-snippet-view__title`, address and categories beside it.
 *   No phones in the list: the org id is the key (`siteId`).
 * - Organisation card (`/maps/org/<slug>/<id>/`, or `?oid=<id>&ol=biz`): its
 *   h1, phones `.orgpage-phones-view__phone-number`/`.card-phones-view__phone-number`
 *   (in the DOM before "Показать телефон" is pressed), `itemprop=telephone`,
 *   site `a.business-urls-view__link`, categories.
 * - Web search (`/search`): only the organisation blocks, read in
 *   ./yandex-search (the org id there is the same permalink as here).
 * - Other org links on Maps pages: the block around a `/maps/org/<slug>/<id>/`
 *   link (the first named link of a card reads it).
 *
 * Yandex uses BEM class names that have lasted for years; they are used for
 * fields, while cards are found by data attributes and org links.
 */
import type { FoundListing, PageContext, SiteAdapter } from './types';
import { SEARCH_ORG_LINKS, isSearchPage, readSearchOrgLink } from './yandex-search';
import {
  blockAroundHeading,
  cardAround,
  cityFromRussianAddress,
  cityFromSlug,
  clean,
  compact,
  isElement,
  isPhoneShaped,
  itemprop,
  parseUrl,
  telNumber,
  textNodes,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const TLDS = ['ru', 'com', 'kz', 'by', 'uz', 'com.tr', 'az', 'com.am', 'com.ge', 'kg', 'tj', 'md', 'ua', 'fr', 'ee', 'lv', 'lt'];
const HOST = /^(?:www\.|maps\.)?(?:yandex\.(?:ru|com|kz|by|uz|com\.tr|az|com\.am|com\.ge|kg|tj|md|ua|fr|ee|lv|lt)|ya\.ru)$/;

const SNIPPET = '[data-id][data-coordinates]';
const ORG_LINK = 'a[href*="/org/"]';
const PHONE_SEL = '.orgpage-phones-view__phone-number, .card-phones-view__phone-number, [itemprop="telephone"], a[href^="tel:"]';

/** `/maps/org/kofemaniya/1018907821/` (also `/maps/213/moscow/org/…`, `/org/…` on ya.ru), any tab after it. */
function orgOfHref(href: string | null, base: URL | string): { id: string; slug: string; tab: boolean } | undefined {
  const u = parseUrl(href, base);
  if (!u || !HOST.test(u.hostname)) return undefined;
  const m = /\/org\/([^/]+)\/(\d{4,})(\/[^?#]*)?/.exec(u.pathname);
  if (!m) return undefined;
  return { slug: m[1]!, id: m[2]!, tab: !!m[3] && m[3] !== '/' };
}

/** The organisation open in the page's own card. */
function panelOrgId(url: URL): string | undefined {
  return orgOfHref(url.href, url)?.id ?? (url.searchParams.get('ol') === 'biz' ? url.searchParams.get('oid') ?? undefined : undefined);
}

/** `/maps/213/moscow/…` → Москва. */
function cityOf(url: URL): string | undefined {
  const m = /^\/maps\/\d+\/([^/]+)/.exec(url.pathname);
  return cityFromSlug(m?.[1]);
}

function orgUrl(url: URL, org: { slug: string; id: string }): string {
  return `${url.origin}/maps/org/${org.slug}/${org.id}/`;
}

function phonesIn(root: Element, looseText: boolean): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll(PHONE_SEL))) {
    if (el.localName === 'a' && (el.getAttribute('href') ?? '').startsWith('tel:')) out.push(telNumber(el.getAttribute('href')));
    else out.push(clean(el.getAttribute('content') ?? el.textContent));
  }
  if (looseText) for (const t of textNodes(root)) if (isPhoneShaped(t.data)) out.push(clean(t.data));
  return uniquePhones(out.filter(isPhoneShaped));
}

function textAt(root: Element, sel: string): string | undefined {
  const el = root.querySelector(sel);
  return el ? textOf(el) || undefined : undefined;
}

function readSnippet(snippet: Element, page: PageContext): FoundListing | null {
  const link = Array.from(snippet.querySelectorAll(ORG_LINK)).find((a) => orgOfHref(a.getAttribute('href'), page.url));
  const org = link ? orgOfHref(link.getAttribute('href'), page.url) : undefined;
  if (!org && !/_type_business/.test(snippet.getAttribute('class') ?? '')) return null; // a toponym
  const title = snippet.querySelector('.search-business-snippet-view__title, [itemprop="name"]');
  const named = Array.from(snippet.querySelectorAll(ORG_LINK)).find((a) => textOf(a));
  const anchor = title ?? named;
  const name = anchor ? textOf(anchor) : '';
  if (!anchor || !name) return null;
  const root = snippet.closest('li') ?? snippet;
  const address = textAt(snippet, '.search-business-snippet-view__address, [itemprop="address"]');
  return {
    root,
    anchor,
    data: compact({
      directory: 'yandex',
      name,
      phones: phonesIn(snippet, false),
      address,
      category: textAt(snippet, '.search-business-snippet-view__categories, .search-business-snippet-view__category'),
      // A list over several cities ends each address with its city; else the map's city.
      city: cityFromRussianAddress(address) ?? cityOf(page.url),
      url: org ? orgUrl(page.url, org) : undefined,
      siteId: org?.id ?? snippet.getAttribute('data-id') ?? undefined,
    }),
  };
}

/** An org link outside the maps list: a search-results organisation card. */
function readLinkCard(link: Element, page: PageContext): FoundListing | null {
  if (link.closest(SNIPPET)) return null; // the maps snippet reads it
  const org = orgOfHref(link.getAttribute('href'), page.url);
  if (!org || org.tab || org.id === panelOrgId(page.url)) return null;
  const name = textOf(link);
  if (!name) return null;
  const key = (a: Element): string | undefined => orgOfHref(a.getAttribute('href'), page.url)?.id;
  const root = cardAround(link, ORG_LINK, key);
  const first = Array.from(root.querySelectorAll(ORG_LINK)).find((a) => key(a) === org.id && textOf(a));
  if (first !== link) return null;
  return {
    root,
    anchor: link,
    data: compact({
      directory: 'yandex',
      name,
      phones: phonesIn(root, true),
      address: itemprop(root, 'address') || textAt(root, '[class*="Address"], [class*="address"]'),
      category: textAt(root, '[class*="Category"], [class*="categor"], [class*="Rubric"]'),
      url: orgUrl(page.url, org),
      siteId: org.id,
    }),
  };
}

function readOrgCard(h1: Element, page: PageContext): FoundListing | null {
  const id = panelOrgId(page.url);
  const isOrgHeader = h1.matches('.orgpage-header-view__header, .card-title-view__title');
  if (!id && !isOrgHeader) return null;
  const name = textOf(h1);
  if (!name) return null;
  const root = blockAroundHeading(
    h1,
    10,
    (el) => el.matches('.business-card-view, .orgpage-view, [itemscope]') || !!el.querySelector(PHONE_SEL),
    (el) => !!el.querySelector(SNIPPET),
  );
  const site = root.querySelector('a.business-urls-view__link, [itemprop="url"]');
  const cats = Array.from(root.querySelectorAll('.business-categories-view__category, .orgpage-categories-info-view__link'), (c) => textOf(c)).filter(Boolean);
  const org = orgOfHref(page.url.href, page.url);
  return {
    root,
    anchor: h1,
    data: compact({
      directory: 'yandex',
      name,
      phones: phonesIn(root, false),
      website: site ? websiteHref(site.getAttribute('href') ?? site.getAttribute('content'), page.url) : undefined,
      address:
        itemprop(root, 'address') ||
        textAt(root, '.business-contacts-view__address-link, .orgpage-header-view__address, .card-address-view__address'),
      category: cats.length ? [...new Set(cats)].join(', ') : undefined,
      city: cityOf(page.url),
      url: org ? orgUrl(page.url, org) : undefined,
      siteId: id,
    }),
  };
}

export const yandexAdapter: SiteAdapter = {
  id: 'yandex',
  name: 'Яндекс Карты',
  matches: [
    ...TLDS.flatMap((t) => [`*://*.yandex.${t}/maps*`, `*://*.yandex.${t}/search*`]),
    '*://ya.ru/search*',
    '*://*.ya.ru/search*',
  ],
  appliesTo(url) {
    if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname)) return false;
    return /^\/(?:maps|search)(?:\/|$)/.test(url.pathname);
  },
  listingSelector: `${SNIPPET}, ${ORG_LINK}, h1, ${SEARCH_ORG_LINKS}`,
  read(root, page) {
    if (!isElement(root)) return null;
    // On web search only the organisation blocks are listings (not ads, web results or the map).
    if (isSearchPage(page.url)) return root.localName === 'a' ? readSearchOrgLink(root, page) : null;
    if (root.localName === 'h1') return readOrgCard(root, page);
    if (root.matches(SNIPPET)) return readSnippet(root, page);
    if (root.localName === 'a') return readLinkCard(root, page);
    return null;
  },
  phoneCountry(url) {
    const tld = url.hostname.replace(/^.*yandex\./, '');
    return ({ ru: 'RU', kz: 'KZ', by: 'BY', uz: 'UZ', 'com.tr': 'TR', az: 'AZ', 'com.am': 'AM', 'com.ge': 'GE', kg: 'KG', tj: 'TJ', md: 'MD', ua: 'UA' } as Record<string, string>)[tld];
  },
  testUrls: [
    'https://yandex.ru/maps/213/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5/',
    'https://yandex.ru/maps/org/kofemaniya/1018907821/',
    'https://yandex.ru/maps/2/saint-petersburg/?ll=30.31%2C59.93&mode=search&oid=1124715036&ol=biz&z=16',
    'https://yandex.com/maps/org/starbucks/1234567890/',
    'https://yandex.kz/maps/162/almaty/search/cafe/',
    'https://yandex.ru/search/?text=%D0%BA%D0%B0%D1%84%D0%B5+%D1%80%D1%8F%D0%B4%D0%BE%D0%BC&lr=213',
    'https://ya.ru/search/?text=pizza',
    'https://yandex.ru/search/touch/?text=%D0%BA%D0%B0%D1%84%D0%B5&lr=2',
    'https://yandex.by/search/?text=%D0%BA%D0%B0%D1%84%D0%B5&lr=157',
    'https://yandex.com.tr/search/?text=kafe',
  ],
};
