/**
 * Yelp (yelp.com and its country sites): search results and business pages
 * (`/biz/<slug>`).
 *
 * Search: cards `[data-testid="serp-ia-card"]` (class names are hashed:
 * `container__09f24__…`), name `h3 a[href^="/biz/"]` (or the link's `name`
 * attribute). Results rarely show phones; a phone line is read where shown.
 * Business page: the h1, the page's JSON-LD (LocalBusiness and its subtypes:
 * name, telephone, address), the site link `/biz_redir?url=…` (unwrapped by
 * the background) and the sidebar's phone line.
 */
import type { FoundListing, PageContext, SiteAdapter } from './types';
import {
  blockAroundHeading,
  clean,
  compact,
  hostLikeText,
  isPhoneShaped,
  jsonLd,
  ldAddress,
  memo,
  parseUrl,
  readHeadingOrItem,
  telNumber,
  textNodes,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const TLDS = [
  'com', 'ca', 'co.uk', 'com.au', 'de', 'fr', 'it', 'es', 'ie', 'co.nz', 'nl', 'be', 'ch', 'at', 'pl', 'se', 'dk', 'no', 'fi',
  'pt', 'cz', 'com.br', 'com.mx', 'com.sg', 'com.hk', 'co.jp', 'com.tr', 'com.ph', 'my', 'com.ar', 'cl',
];
const HOST = /^(?:www\.|m\.)?yelp\.(?:com|ca|co\.uk|com\.au|de|fr|it|es|ie|co\.nz|nl|be|ch|at|pl|se|dk|no|fi|pt|cz|com\.br|com\.mx|com\.sg|com\.hk|co\.jp|com\.tr|com\.ph|my|com\.ar|cl)$/;
const CARD = '[data-testid="serp-ia-card"]';
const BIZ_LINK = 'a[href*="/biz/"]';
const BUSINESS_TYPES = [
  'LocalBusiness', 'Restaurant', 'FoodEstablishment', 'Store', 'AutomotiveBusiness', 'HealthAndBeautyBusiness',
  'HomeAndConstructionBusiness', 'ProfessionalService', 'MedicalBusiness', 'Dentist', 'LodgingBusiness', 'BarOrPub',
  'CafeOrCoffeeShop', 'Bakery', 'Organization', 'EntertainmentBusiness', 'SportsActivityLocation', 'FinancialService',
  'LegalService', 'EmergencyService', 'ChildCare', 'DryCleaningOrLaundry', 'RealEstateAgent',
];

function bizOfHref(href: string | null, base: URL | string): string | undefined {
  const u = parseUrl(href, base);
  if (!u || !HOST.test(u.hostname)) return undefined;
  return /^\/biz\/([^/?#]+)\/?$/.exec(u.pathname)?.[1];
}

function phonesIn(root: Element): string[] {
  const out: string[] = [];
  for (const a of Array.from(root.querySelectorAll('a[href^="tel:"]'))) out.push(telNumber(a.getAttribute('href')));
  for (const t of textNodes(root)) if (isPhoneShaped(t.data)) out.push(clean(t.data));
  return uniquePhones(out);
}

function readCard(card: Element, page: PageContext): FoundListing | null {
  const link = card.querySelector(`h3 ${BIZ_LINK}, h4 ${BIZ_LINK}`) ?? Array.from(card.querySelectorAll(BIZ_LINK)).find((a) => textOf(a));
  if (!link) return null;
  const slug = bizOfHref(link.getAttribute('href'), page.url);
  const name = clean(link.getAttribute('name')) || textOf(link);
  if (!slug || !name) return null;
  const cats = Array.from(card.querySelectorAll('a[href*="cflt="], a[href*="find_desc="]'), (a) => textOf(a)).filter(Boolean);
  return {
    root: card,
    anchor: link,
    data: compact({
      directory: 'yelp',
      name,
      phones: phonesIn(card),
      category: cats.length ? [...new Set(cats)].join(', ') : undefined,
      url: `${page.url.origin}/biz/${slug}`,
      siteId: slug,
    }),
  };
}

interface BizPage {
  name?: string;
  phones: string[];
  address?: string;
  city?: string;
  website?: string;
  category?: string;
}

/** The business page's JSON-LD and sidebar, read once per page. */
function bizPage(page: PageContext): BizPage {
  return memo(page, 'yelp:biz', () => {
    const out: BizPage = { phones: [] };
    const ld = jsonLd(page).find((o) => typeof o.name === 'string' && (o.telephone || o.address) && (o['@type'] === undefined || BUSINESS_TYPES.some((t) => [o['@type']].flat().includes(t))));
    if (ld) {
      out.name = clean(ld.name as string);
      if (typeof ld.telephone === 'string') out.phones.push(ld.telephone);
      Object.assign(out, ldAddress(ld.address));
      if (typeof ld.servesCuisine === 'string') out.category = clean(ld.servesCuisine);
    }
    for (const a of Array.from(page.document.querySelectorAll('a[href*="/biz_redir?"]'))) {
      if (!hostLikeText(textOf(a))) continue;
      out.website = websiteHref(a.getAttribute('href'), page.url);
      if (out.website) break;
    }
    // The sidebar: "Phone number" then the number.
    for (const p of Array.from(page.document.querySelectorAll('p, dt, span'))) {
      if (!/^(?:Phone number|Телефон|Telefonnummer|Numéro de téléphone)$/i.test(textOf(p))) continue;
      const next = p.nextElementSibling;
      if (next && isPhoneShaped(textOf(next))) out.phones.push(textOf(next));
    }
    return out;
  });
}

function readBizPage(h1: Element, page: PageContext): FoundListing | null {
  const slug = bizOfHref(page.url.href, page.url);
  if (!slug || h1.closest(CARD)) return null;
  const biz = bizPage(page);
  const name = textOf(h1) || biz.name;
  if (!name) return null;
  const root = blockAroundHeading(
    h1,
    6,
    (el) => !!el.querySelector('a[href*="/biz_redir?"], a[href^="tel:"], [data-testid="photoHeader"]'),
    (el) => el.localName === 'main',
  );
  const cats = Array.from(root.querySelectorAll('a[href*="cflt="]'), (a) => textOf(a)).filter(Boolean);
  return {
    root,
    anchor: h1,
    data: compact({
      directory: 'yelp',
      name,
      phones: uniquePhones([...biz.phones, ...Array.from(root.querySelectorAll('a[href^="tel:"]'), (a) => telNumber(a.getAttribute('href')))]),
      website: biz.website,
      address: biz.address,
      city: biz.city,
      category: cats.length ? [...new Set(cats)].join(', ') : biz.category,
      url: `${page.url.origin}/biz/${slug}`,
      siteId: slug,
    }),
  };
}

const COUNTRY: Record<string, string> = {
  com: 'US', ca: 'CA', 'co.uk': 'GB', 'com.au': 'AU', 'co.nz': 'NZ', 'co.jp': 'JP', 'com.br': 'BR', 'com.mx': 'MX', 'com.sg': 'SG',
  'com.hk': 'HK', 'com.tr': 'TR', 'com.ph': 'PH', 'com.ar': 'AR',
};

export const yelpAdapter: SiteAdapter = {
  id: 'yelp',
  name: 'Yelp',
  matches: TLDS.flatMap((t) => [`*://yelp.${t}/*`, `*://*.yelp.${t}/*`]),
  appliesTo: (url) => /^https?:$/.test(url.protocol) && HOST.test(url.hostname),
  listingSelector: `${CARD}, h1`,
  read: readHeadingOrItem(CARD, readBizPage, readCard),
  phoneCountry(url) {
    const tld = url.hostname.replace(/^.*yelp\./, '');
    return COUNTRY[tld] ?? (/^[a-z]{2}$/.test(tld) ? tld.toUpperCase() : undefined);
  },
  testUrls: [
    'https://www.yelp.com/search?find_desc=pizza&find_loc=New+York%2C+NY',
    'https://www.yelp.com/biz/joes-pizza-new-york',
    'https://www.yelp.ca/search?find_desc=coffee&find_loc=Toronto',
    'https://www.yelp.co.uk/biz/dishoom-london',
    'https://m.yelp.com/biz/joes-pizza-new-york',
  ],
};
