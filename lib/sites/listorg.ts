/**
 * list-org.com: search/OKVED lists and company pages (`/company/<n>`).
 *
 * Lists: each organisation is a block around its `/company/<n>` link (a `p`
 * in the older `div.org_list`, a `.card` in the newer markup), with its INN
 * and address in text. Company page: the h1 (or the page's first company
 * name), the requisites table ("ИНН / КПП", "ОГРН"), and contacts that the
 * site obfuscates: `a.lbs64` with `href="#"` and the target base64-encoded in
 * `rel` — decoded here into phones and e-mails. An e-mail on the company's
 * own domain gives its website when no site link is shown.
 */
import { cleanInn, extractInn, extractOgrn } from '../match/inn';
import { domainOf } from '../match/domain';
import type { FoundListing, PageContext, SiteAdapter } from './types';
import {
  blockAroundHeading,
  cardAround,
  clean,
  compact,
  decodeBase64,
  isPhoneShaped,
  parseUrl,
  readHeadingOrItem,
  telNumber,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const COMPANY_LINK = 'a[href*="/company/"]';
/** Mailbox providers: an address there says nothing about the company's site. */
const FREE_MAIL = /^(?:mail|inbox|list|bk|yandex|ya|gmail|googlemail|rambler|lenta|autorambler|myrambler|ro|outlook|hotmail|live|yahoo|icloud|me|aol|proton|protonmail|km|qip|ngs)\.(?:ru|com|ua|kz|by|net|me|ch)$/;

function isHost(host: string): boolean {
  return /^(?:www\.)?list-org\.com$/.test(host);
}

function companyOfHref(href: string | null, base: URL | string): string | undefined {
  const u = parseUrl(href, base);
  if (!u || !isHost(u.hostname)) return undefined;
  return /^\/company\/(\d+)\/?$/.exec(u.pathname)?.[1];
}

interface Contacts {
  phones: string[];
  emails: string[];
}

/** Decoded `a.lbs64[rel]` targets (and plain tel:/mailto: links) under `root`. */
function contactsIn(root: Element): Contacts {
  const out: Contacts = { phones: [], emails: [] };
  const add = (value: string): void => {
    const v = clean(value);
    if (/^mailto:/i.test(v)) out.emails.push(v.slice(7).split('?')[0]!);
    else if (/^tel:/i.test(v)) out.phones.push(telNumber(v));
    else if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) out.emails.push(v);
    else {
      // Several numbers may share one link: "+7 (495) 111-22-33, +7 (495) 111-22-34".
      for (const part of v.split(/[,;]\s*/)) if (isPhoneShaped(part)) out.phones.push(clean(part));
    }
  };
  for (const a of Array.from(root.querySelectorAll('a.lbs64[rel], a[class~="lbs64"]'))) {
    const decoded = decodeBase64(a.getAttribute('rel') ?? '');
    if (decoded) add(decoded);
  }
  for (const a of Array.from(root.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]'))) add(a.getAttribute('href') ?? '');
  return out;
}

function siteFromEmails(emails: string[]): string | undefined {
  for (const e of emails) {
    const host = e.split('@')[1]?.toLowerCase();
    if (host && !FREE_MAIL.test(host) && domainOf(host)) return host;
  }
  return undefined;
}

/** Text after a label in a requisites table row or a "Label: value" line. */
function labelledText(root: Element, label: RegExp): string | undefined {
  for (const cell of Array.from(root.querySelectorAll('td, th, i, b, span, dt, p'))) {
    const t = textOf(cell);
    if (!label.test(t) || t.length > 60) continue;
    const next = cell.nextElementSibling;
    if (next && (cell.localName === 'td' || cell.localName === 'th' || cell.localName === 'dt')) return textOf(next);
    // "<p><i>Label:</i> value</p>": the value is the rest of the parent's text.
    const line = cell.localName === 'p' ? t : textOf(cell.parentElement);
    const after = clean(line.replace(label, '').replace(/^\s*:\s*/, ''));
    if (after) return after;
  }
  return undefined;
}

function readCard(link: Element, page: PageContext): FoundListing | null {
  const id = companyOfHref(link.getAttribute('href'), page.url);
  // On a company page its related companies are links, not listings.
  if (!id || companyOfHref(page.url.href, page.url)) return null;
  const name = textOf(link);
  if (!name) return null;
  const root = cardAround(link, COMPANY_LINK, (a) => companyOfHref(a.getAttribute('href'), page.url));
  const first = Array.from(root.querySelectorAll(COMPANY_LINK)).find((a) => companyOfHref(a.getAttribute('href'), page.url) === id && textOf(a));
  if (first !== link) return null;
  const text = textOf(root);
  const c = contactsIn(root);
  return {
    root,
    anchor: link,
    data: compact({
      directory: 'listorg',
      name,
      phones: uniquePhones(c.phones),
      website: siteFromEmails(c.emails),
      inn: extractInn(text),
      ogrn: extractOgrn(text),
      address: /(?:юр\.?\s*)?адрес\s*:\s*([^\n]+?)(?:\s+(?:ИНН|ОГРН|ОКВЭД|Руководитель|Директор)\b|$)/iu.exec(text)?.[1]?.trim(),
      url: `${page.url.origin}/company/${id}`,
      siteId: id,
    }),
  };
}

function readCompanyPage(h1: Element, page: PageContext): FoundListing | null {
  const id = companyOfHref(page.url.href, page.url);
  if (!id) return null;
  const name = textOf(h1);
  if (!name) return null;
  const root = blockAroundHeading(h1, 8, (el) => /ИНН/.test(el.textContent ?? '') && !!el.querySelector('a.lbs64, table'));
  const text = textOf(root);
  const c = contactsIn(root);
  const siteLink = Array.from(root.querySelectorAll('a[href^="http"]')).find(
    (a) => !companyOfHref(a.getAttribute('href'), page.url) && /сайт|site/i.test(textOf(a.parentElement) || ''),
  );
  return {
    root,
    anchor: h1,
    data: compact({
      directory: 'listorg',
      name,
      phones: uniquePhones(c.phones),
      website: (siteLink ? websiteHref(siteLink.getAttribute('href'), page.url) : undefined) ?? siteFromEmails(c.emails),
      inn: cleanInn(labelledText(root, /^ИНН(?:\s*\/\s*КПП)?:?/i)?.split('/')[0]) ?? extractInn(text),
      ogrn: extractOgrn(text),
      address: labelledText(root, /^(?:Юридический адрес|Адрес):?/i),
      category: labelledText(root, /^(?:Основной вид деятельности|Основной \(по коду ОКВЭД[^)]*\)):?/i),
      url: `${page.url.origin}/company/${id}`,
      siteId: id,
    }),
  };
}

export const listOrgAdapter: SiteAdapter = {
  id: 'listorg',
  name: 'List-Org',
  matches: ['*://list-org.com/*', '*://*.list-org.com/*'],
  appliesTo: (url) => /^https?:$/.test(url.protocol) && isHost(url.hostname),
  listingSelector: `${COMPANY_LINK}, h1`,
  read: readHeadingOrItem('a', readCompanyPage, readCard),
  phoneCountry: () => 'RU',
  testUrls: [
    'https://www.list-org.com/search?type=name&val=%D1%80%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0',
    'https://www.list-org.com/company/4868135',
    'https://www.list-org.com/list?okved2=56.10',
  ],
};
