/**
 * yell.ru: rubric/search lists and company pages (`/<city>/com/<slug>_<id>/`).
 *
 * List cards are schema.org list items (`[itemprop=itemListElement]`, the
 * `.companies__item` block as fallback); the name links to `/com/…`. Phones
 * stay hidden until "показать": the visible text is cut ("8 (901) 246-19… —
 * показать") while a hidden span (`.ng-hide`) holds the full number, so
 * every phone-shaped text of the phone block is read and cut numbers dropped.
 * Company pages: the h1, `itemprop` name/telephone/address/url, the same
 * hidden-number buttons.
 */
import type { FoundListing, PageContext, SiteAdapter } from './types';
import {
  blockAroundHeading,
  cityFromSlug,
  clean,
  compact,
  isPhoneShaped,
  itemprop,
  parseUrl,
  phoneOfElement,
  readHeadingOrItem,
  textNodes,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const CARD = '[itemprop="itemListElement"], .companies__item';
const COMPANY_LINK = 'a[href*="/com/"]';

function isYellHost(host: string): boolean {
  return /^(?:www\.|m\.)?yell\.ru$/.test(host);
}

/** `/moscow/com/kofemaniya_1234567/` → { city: moscow, id: 1234567 }. */
function companyOfHref(href: string | null, base: URL | string): { id: string; path: string } | undefined {
  const u = parseUrl(href, base);
  if (!u || !isYellHost(u.hostname)) return undefined;
  const m = /^(\/[^/]+)?\/com\/[^/]*?_(\d{3,})\/?/.exec(u.pathname);
  return m ? { id: m[2]!, path: m[0].endsWith('/') ? m[0] : m[0] + '/' } : undefined;
}

function phonesIn(root: Element): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll('[itemprop="telephone"], a[href^="tel:"]'))) {
    out.push(phoneOfElement(el));
  }
  // Hidden full numbers and any phone line; cut ones ("246-19...") are not phone-shaped.
  for (const t of textNodes(root)) if (isPhoneShaped(t.data)) out.push(clean(t.data));
  return uniquePhones(out.filter(isPhoneShaped));
}

function cityOf(url: URL): string | undefined {
  return cityFromSlug(url.pathname.split('/').filter(Boolean)[0]);
}

function readCard(card: Element, page: PageContext): FoundListing | null {
  // Nested list markup (an itemListElement inside a .companies__item or the reverse): the outer one reads.
  if (card.parentElement?.closest(CARD)) return null;
  const link =
    card.querySelector(`h2 ${COMPANY_LINK}, h3 ${COMPANY_LINK}, [itemprop="name"] ${COMPANY_LINK}`) ??
    Array.from(card.querySelectorAll(COMPANY_LINK)).find((a) => textOf(a));
  const nameEl = link ?? card.querySelector('[itemprop="name"]');
  const name = nameEl ? textOf(nameEl) || clean(nameEl.getAttribute('content')) : '';
  if (!nameEl || !name) return null;
  const company = link ? companyOfHref(link.getAttribute('href'), page.url) : undefined;
  const addr = card.querySelector('.companies__item-address, [itemprop="address"]');
  const cat = card.querySelector('.companies__item-category a, .companies__item-category');
  const site = card.querySelector('a[itemprop="url"], .companies__item-site a');
  return {
    root: card,
    anchor: nameEl,
    data: compact({
      directory: 'yell',
      name,
      phones: phonesIn(card),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      address: addr ? textOf(addr) : undefined,
      category: cat ? textOf(cat) : undefined,
      city: cityOf(page.url),
      url: company ? `${page.url.origin}${company.path}` : undefined,
      siteId: company?.id,
    }),
  };
}

function readCompanyPage(h1: Element, page: PageContext): FoundListing | null {
  const company = companyOfHref(page.url.href, page.url);
  if (!company || h1.closest(CARD)) return null;
  const name = textOf(h1);
  if (!name) return null;
  const root = blockAroundHeading(
    h1,
    8,
    (el) => el.hasAttribute('itemscope') || !!el.querySelector('[itemprop="telephone"], a[href^="tel:"]'),
    (el) => !!el.querySelector(CARD),
  );
  const site = root.querySelector('a[itemprop="url"], .company__site a, a.company__site');
  const cat = root.querySelector('.company__rubric a, .company__categories a, [itemprop="category"]');
  return {
    root,
    anchor: h1,
    data: compact({
      directory: 'yell',
      name,
      phones: phonesIn(root),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      address: itemprop(root, 'address') || undefined,
      category: cat ? textOf(cat) : undefined,
      city: cityOf(page.url),
      url: `${page.url.origin}${company.path}`,
      siteId: company.id,
    }),
  };
}

export const yellAdapter: SiteAdapter = {
  id: 'yell',
  name: 'Yell.ru',
  matches: ['*://yell.ru/*', '*://*.yell.ru/*'],
  appliesTo: (url) => /^https?:$/.test(url.protocol) && isYellHost(url.hostname),
  listingSelector: `${CARD}, h1`,
  read: readHeadingOrItem(CARD, readCompanyPage, readCard),
  phoneCountry: () => 'RU',
  testUrls: [
    'https://www.yell.ru/moscow/top/restorany/',
    'https://www.yell.ru/spb/com/kofejnya-bulochnaya_11927640/',
    'https://www.yell.ru/moscow/search/?text=%D1%81%D1%82%D0%BE%D0%BC%D0%B0%D1%82%D0%BE%D0%BB%D0%BE%D0%B3%D0%B8%D1%8F',
    'https://m.yell.ru/ekaterinburg/top/avtoservisy/',
  ],
};
