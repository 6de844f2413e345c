/**
 * rusprofile.ru: company search results and company pages (`/id/<n>` for
 * organisations, `/ip/<n>` for sole proprietors).
 *
 * Results: `.company-item` cards, name link `/id/<n>`, address
 * `address.company-item__text`, INN/OGRN in `dt`/`dd` pairs, a status line
 * for liquidated companies. No phones in the list; INN is the key.
 * Company page: the h1 (`itemprop=name`), INN `#clip_inn`, OGRN `#clip_ogrn`
 * (or labelled `dt`/`dd`), phones and site from the contacts block (`tel:`
 * links, `itemprop=telephone`/`url`).
 * A captcha page has no cards and no company header: nothing is found there.
 */
import { cleanInn, cleanOgrn, extractInn, extractOgrn } from '../match/inn';
import type { FoundListing, PageContext, SiteAdapter } from './types';
import { blockAroundHeading, compact, itemprop, parseUrl, phoneOfElement, readHeadingOrItem, textOf, uniquePhones, websiteHref } from './util';

const CARD = '.company-item';
const COMPANY_LINK = 'a[href*="/id/"], a[href*="/ip/"]';

function isHost(host: string): boolean {
  return /^(?:www\.)?rusprofile\.ru$/.test(host);
}

function companyOfHref(href: string | null, base: URL | string): { id: string; path: string } | undefined {
  const u = parseUrl(href, base);
  if (!u || !isHost(u.hostname)) return undefined;
  const m = /^\/(id|ip)\/(\d+)\/?$/.exec(u.pathname);
  return m ? { id: m[2]!, path: `/${m[1]}/${m[2]}` } : undefined;
}

/** The `dd` after a `dt` whose text starts with the label, within `root`. */
function labelled(root: Element, label: RegExp): string | undefined {
  for (const dt of Array.from(root.querySelectorAll('dt, .company-info__title, .company-item-info dt'))) {
    if (!label.test(textOf(dt))) continue;
    const dd = dt.nextElementSibling;
    if (dd) return textOf(dd);
  }
  return undefined;
}

function ids(root: Element): { inn?: string; ogrn?: string } {
  const innText = textOf(root.querySelector('#clip_inn')) || itemprop(root, 'taxID') || labelled(root, /^ИНН/i);
  const ogrnText = textOf(root.querySelector('#clip_ogrn')) || labelled(root, /^ОГРН/i);
  const all = textOf(root);
  return {
    inn: cleanInn(innText) ?? extractInn(all),
    ogrn: cleanOgrn(ogrnText) ?? extractOgrn(all),
  };
}

function phonesIn(root: Element): string[] {
  return uniquePhones(
    Array.from(root.querySelectorAll('a[href^="tel:"], [itemprop="telephone"]'), phoneOfElement),
  );
}

function readCard(card: Element, page: PageContext): FoundListing | null {
  const link = card.querySelector(`.company-item__title ${COMPANY_LINK}`) ?? Array.from(card.querySelectorAll(COMPANY_LINK)).find((a) => textOf(a));
  if (!link) return null;
  const name = textOf(link);
  const company = companyOfHref(link.getAttribute('href'), page.url);
  if (!name || !company) return null;
  const addr = card.querySelector('address, [itemprop="address"]');
  return {
    root: card,
    anchor: link,
    data: compact({
      directory: 'rusprofile',
      name,
      phones: phonesIn(card),
      ...ids(card),
      address: addr ? textOf(addr) : undefined,
      category: labelled(card, /^(?:Основной вид деятельности|Вид деятельности|ОКВЭД)/i),
      url: `${page.url.origin}${company.path}`,
      siteId: company.id,
    }),
  };
}

function readCompanyPage(h1: Element, page: PageContext): FoundListing | null {
  const company = companyOfHref(page.url.href, page.url);
  if (!company || h1.closest(CARD)) return null;
  const name = textOf(h1);
  if (!name) return null;
  const root = blockAroundHeading(h1, 10, (el) => !!el.querySelector('#clip_inn, #clip_ogrn, [itemprop="taxID"]'));
  const site = root.querySelector('a[itemprop="url"], .company-info__contact a[rel~="nofollow"][href^="http"]');
  const addr = root.querySelector('[itemprop="address"], address');
  return {
    root,
    anchor: h1,
    data: compact({
      directory: 'rusprofile',
      name,
      phones: phonesIn(root),
      website: site ? websiteHref(site.getAttribute('href'), page.url) : undefined,
      ...ids(root),
      address: addr ? textOf(addr) : undefined,
      // "город Москва" → Москва.
      city: itemprop(root, 'addressLocality').replace(/^(?:город|г\.)\s*/i, '') || undefined,
      // "Торговля розничная … Интернет (47.91)": the activity's words with its code (the code alone says little).
      category:
        labelled(root, /^(?:Основной вид деятельности|Вид деятельности)/i) ||
        textOf(root.querySelector('[itemprop="category"]')) ||
        undefined,
      url: `${page.url.origin}${company.path}`,
      siteId: company.id,
    }),
  };
}

export const rusprofileAdapter: SiteAdapter = {
  id: 'rusprofile',
  name: 'Rusprofile',
  matches: ['*://rusprofile.ru/*', '*://*.rusprofile.ru/*'],
  appliesTo: (url) => /^https?:$/.test(url.protocol) && isHost(url.hostname),
  listingSelector: `${CARD}, h1`,
  read: readHeadingOrItem(CARD, readCompanyPage, readCard),
  phoneCountry: () => 'RU',
  testUrls: [
    'https://www.rusprofile.ru/search?query=%D1%80%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0&type=ul',
    'https://www.rusprofile.ru/id/1234567',
    'https://www.rusprofile.ru/ip/304770000123456',
    'https://www.rusprofile.ru/codes/561010',
  ],
};
