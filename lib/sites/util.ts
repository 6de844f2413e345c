/**
 * Small DOM and URL helpers shared by the site adapters.
 *
 * Everything here works on any realm's DOM (the extension's content script,
 * jsdom in tests): no `instanceof HTMLElement`, no global `Node`/`NodeFilter`,
 * and only `textContent` (never `innerText`, which forces a layout).
 */
import { domainOf } from '../match/domain';
import type { FoundListing, PageContext, SiteAdapter } from './types';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** NodeFilter.SHOW_TEXT */
export const SHOW_TEXT = 4;

/** Invisible characters clean() drops; most text has none, and is not searched twice for them. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** Spaces of every kind, zero-width characters and soft hyphens collapsed; trimmed. */
export function clean(s: string | null | undefined): string {
  if (!s) return '';
  const visible = INVISIBLE.test(s)
    ? s
        .replace(/[\u200B\u200C\u2060\uFEFF\u00AD]/g, '')
        // A zero-width joiner goes too, except inside an emoji sequence (👨‍👩‍👧, 🏳️‍🌈), which it holds together.
        .replace(/(?<![\p{Extended_Pictographic}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu, '')
    : s;
  return visible.replace(/[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g, ' ').trim();
}

/** The element's text (textContent), cleaned. */
export function textOf(el: Element | null | undefined): string {
  return el ? clean(el.textContent) : '';
}

export function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === ELEMENT_NODE;
}

export function isText(n: Node | null | undefined): n is Text {
  return !!n && n.nodeType === TEXT_NODE;
}

/** Page-level work done once per page (navigation): embedded JSON, indexes. */
export function memo<T>(page: PageContext, key: string, compute: () => T): T {
  if (page.memo.has(key)) return page.memo.get(key) as T;
  const value = compute();
  page.memo.set(key, value);
  return value;
}

/** An absolute URL for an href, or undefined. */
export function absoluteUrl(href: string | null | undefined, base: URL | string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

export function parseUrl(href: string | null | undefined, base?: URL | string): URL | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

/**
 * A website href as the page gives it (absolute), or undefined when it leads
 * nowhere a company owns (the directory itself, social networks): the
 * background reduces it to a domain, unwrapping redirect links.
 */
export function websiteHref(href: string | null | undefined, base: URL | string): string | undefined {
  const abs = absoluteUrl(href, base) ?? (href ? href.trim() : undefined);
  if (!abs || /^(?:tel|mailto|javascript|callto|sms):/i.test(abs)) return undefined;
  return domainOf(abs) ? abs : undefined;
}

/** The first host-like text ("campus2020.ru", "www.spl.org") in a string, for websites shown as text. */
export function hostLikeText(s: string): string | undefined {
  const m = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,24}(?:\/[^\s]*)?/iu.exec(clean(s));
  if (!m) return undefined;
  return domainOf(m[0]) ? m[0] : undefined;
}

/** The number in a `tel:` href, decoded ("tel:+7%20495…" → "+7 495…"); empty for other hrefs. */
export function telNumber(href: string | null | undefined): string {
  if (!href || !/^\s*(?:tel|callto):/i.test(href)) return '';
  let s = href.trim().replace(/^(?:tel|callto):(?:\/\/)?/i, '');
  try {
    s = decodeURIComponent(s);
  } catch {
    /* keep as is */
  }
  // "tel:+78124565045,216": a pause then an extension.
  s = s.replace(/^([^,;]*)[,;](?:ext=)?(\d{1,7})$/i, '$1 доб. $2');
  return clean(s);
}

const PHONE_SHAPE = /^\+?[\d\s().\-\u2010-\u2015\u2212/]+$/;

/**
 * Whether a short text is shaped like one phone number and nothing else: only
 * digits, '+', brackets, dashes and spaces, 7–15 digits, not a date or an IP
 * address. A filter for text nodes already known to hold contact data (a
 * directory card's phone line); parsing is the background's job
 * (lib/match/phone).
 */
export function isPhoneShaped(text: string): boolean {
  const s = clean(text);
  if (s.length < 7 || s.length > 32 || !PHONE_SHAPE.test(s) || s.includes('..')) return false;
  const digits = s.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return false;
  if (/^\d{1,4}[./]\d{1,2}[./]\d{1,4}$/.test(s)) return false; // dates
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(s)) return false; // IPv4
  if (/\.\d/.test(s) && !/[\s()-]/.test(s)) return false; // 4.7, 1.234.567
  return true;
}

/**
 * Collapse phones that differ only in formatting (same digits), and drop a
 * number whose digits only begin another's (a truncated "8 (901) 246-19…"
 * beside the full number).
 */
export function uniquePhones(phones: Iterable<string>): string[] {
  const seen = new Map<string, { raw: string; digits: string }>();
  for (const p of phones) {
    const raw = clean(p);
    if (!raw) continue;
    const digits = raw.replace(/\D/g, '');
    // 8 495… and +7 495… are the same Russian number.
    const key = /^8\d{10}$/.test(digits) && !raw.startsWith('+') ? '7' + digits.slice(1) : digits;
    if (!key || seen.has(key)) continue;
    seen.set(key, { raw, digits });
  }
  const all = [...seen.entries()];
  const cut = (k: string, d: string): boolean =>
    all.some(([ok, o]) => ok !== k && ((ok.length > k.length && ok.startsWith(k)) || (o.digits.length > d.length && o.digits.startsWith(d))));
  // "(206) 386-4636" beside "+12063864636": the national form of the same number.
  const national = (raw: string, d: string): boolean =>
    !raw.startsWith('+') &&
    d.length >= 7 &&
    all.some(([, o]) => o.raw.startsWith('+') && o.digits.length - d.length >= 1 && o.digits.length - d.length <= 3 && o.digits.endsWith(d));
  return all.filter(([k, v]) => !cut(k, v.digits) && !national(v.raw, v.digits)).map(([, v]) => v.raw);
}

/** Text nodes under `root` (scripts, styles and templates skipped). */
export function textNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && SKIP_TEXT_IN.has(parent.localName)) continue;
    out.push(n as Text);
  }
  return out;
}

export const SKIP_TEXT_IN = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'svg', 'title']);

/** The first element under `root` whose own text equals `text` (for anchoring a badge on a name). */
export function elementWithText(root: Element, text: string): Element | undefined {
  const want = clean(text);
  if (!want) return undefined;
  for (const t of textNodes(root)) {
    if (clean(t.data) === want && t.parentElement) return t.parentElement;
  }
  for (const t of textNodes(root)) {
    if (t.parentElement && textOf(t.parentElement) === want) return t.parentElement;
  }
  return undefined;
}

/** Elements in `root` (inclusive) matching `selector`. */
export function selectAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [];
  if (isElement(root as Node) && (root as Element).matches(selector)) out.push(root as Element);
  out.push(...Array.from(root.querySelectorAll(selector)));
  return out;
}

type ReadListing = (el: Element, page: PageContext) => FoundListing | null;

/**
 * An adapter's `read` for a site with two kinds of listing root: a company
 * page's h1 (read by `readHeading`) and list items matching `itemSelector`
 * (read by `readItem`); any other root reads as nothing.
 */
export function readHeadingOrItem(itemSelector: string, readHeading: ReadListing, readItem: ReadListing): SiteAdapter['read'] {
  return (root, page) => {
    if (!isElement(root)) return null;
    if (root.localName === 'h1') return readHeading(root, page);
    if (root.matches(itemSelector)) return readItem(root, page);
    return null;
  };
}

/**
 * The block of a company page around its h1: climbs at most `maxUp`
 * ancestors, never into `body` nor into one `isOutside` accepts, and stops at
 * the first one `isBlock` accepts (the h1 itself when no ancestor qualifies).
 */
export function blockAroundHeading(
  h1: Element,
  maxUp: number,
  isBlock: (el: Element) => boolean,
  isOutside: (el: Element) => boolean = () => false,
): Element {
  let root: Element = h1;
  for (let i = 0, cur = h1.parentElement; cur && i < maxUp; i++, cur = cur.parentElement) {
    if (cur.localName === 'body' || isOutside(cur)) break;
    root = cur;
    if (isBlock(cur)) break;
  }
  return root;
}

/**
 * The phone an element holds: a link's `tel:` number, else its `content`
 * attribute (microdata) or its text.
 */
export function phoneOfElement(el: Element): string {
  return el.localName === 'a' ? telNumber(el.getAttribute('href')) : clean(el.getAttribute('content') ?? el.textContent);
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/**
 * The card around a link in a list: climbs from `el` while none of the
 * current element's near siblings holds another listing (a link matching
 * `linkSelector` whose `keyOf` differs) or a heading (then `el` is the one
 * item of a titled section). Stops early at list-like elements (li, article,
 * ARIA listitem/article). Only near siblings are looked at, so the cost is
 * one card's size, not the list's.
 */
export function cardAround(
  el: Element,
  linkSelector: string,
  keyOf: (link: Element) => string | undefined,
  maxUp = 8,
): Element {
  const ownKey = keyOf(el);
  let cur = el;
  for (let i = 0; i < maxUp; i++) {
    if (i > 0 && isListItem(cur)) return cur;
    const parent = cur.parentElement;
    if (!parent || parent.localName === 'body' || parent.localName === 'html') return cur;
    if (siblingHoldsOther(cur, linkSelector, keyOf, ownKey)) return cur;
    cur = parent;
  }
  return cur;
}

function isListItem(el: Element): boolean {
  if (el.localName === 'li' || el.localName === 'article') return true;
  const role = el.getAttribute('role');
  return role === 'listitem' || role === 'article';
}

function siblingHoldsOther(
  el: Element,
  linkSelector: string,
  keyOf: (link: Element) => string | undefined,
  ownKey: string | undefined,
): boolean {
  const check = (s: Element | null): boolean => {
    if (!s) return false;
    // A heading beside it: `el` is an item of that heading's section (a one-card carousel).
    if (s.matches(HEADINGS) || s.querySelector(HEADINGS)) return true;
    const links = s.matches(linkSelector) ? [s] : Array.from(s.querySelectorAll(linkSelector));
    return links.some((l) => {
      const k = keyOf(l);
      return k !== undefined && k !== ownKey;
    });
  };
  let prev = el.previousElementSibling;
  let next = el.nextElementSibling;
  for (let i = 0; i < 2; i++) {
    if (check(prev) || check(next)) return true;
    prev = prev?.previousElementSibling ?? null;
    next = next?.nextElementSibling ?? null;
  }
  return false;
}

/** Decode base64 (or base64url) text to a UTF-8 string, or undefined. */
export function decodeBase64(s: string): string | undefined {
  let b = s.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '');
  if (!b || !/^[A-Za-z0-9+/]+=*$/.test(b)) return undefined;
  b = b.replace(/=+$/, '');
  if (b.length % 4 === 1) return undefined;
  b += '='.repeat((4 - (b.length % 4)) % 4);
  try {
    const bin = atob(b);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Every JSON-LD object of the page (arrays and @graph flattened); memoised per page. */
export function jsonLd(page: PageContext): Record<string, unknown>[] {
  return memo(page, 'util:jsonld', () => {
    const out: Record<string, unknown>[] = [];
    const push = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(push);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        out.push(o);
        if (Array.isArray(o['@graph'])) (o['@graph'] as unknown[]).forEach(push);
      }
    };
    for (const s of Array.from(page.document.querySelectorAll('script[type="application/ld+json"]'))) {
      try {
        push(JSON.parse(s.textContent ?? ''));
      } catch {
        /* a broken block is skipped */
      }
    }
    return out;
  });
}

/** JSON-LD `@type` test (string or array, with or without schema.org prefix). */
export function ldTypeIs(o: Record<string, unknown>, types: readonly string[]): boolean {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.some((x) => typeof x === 'string' && types.includes(x.replace(/^https?:\/\/schema\.org\//, '')));
}

/** A JSON-LD PostalAddress (or a plain string) as one line. */
export function ldAddress(a: unknown): { address?: string; city?: string } {
  if (typeof a === 'string') return { address: clean(a) || undefined };
  if (!a || typeof a !== 'object') return {};
  const o = a as Record<string, unknown>;
  const str = (k: string): string => (typeof o[k] === 'string' ? clean(o[k] as string) : '');
  const street = str('streetAddress');
  const city = str('addressLocality');
  const parts = [street, city, str('addressRegion'), str('postalCode')].filter(Boolean);
  return { address: parts.join(', ') || undefined, city: city || undefined };
}

/** `meta[itemprop=…]`/`[itemprop=…]` value inside `root`: content, href or text. */
export function itemprop(root: ParentNode, name: string): string {
  const el = root.querySelector(`[itemprop~="${name}"]`);
  if (!el) return '';
  return clean(el.getAttribute('content') ?? (el.localName === 'a' || el.localName === 'link' ? el.getAttribute('href') : null) ?? el.textContent);
}

/** Drop undefined and empty-string fields, so expectations compare cleanly. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || v === '' || v === null) delete o[k];
  }
  return o;
}

/** Russian city slugs used in directory URLs (2GIS, zoon, yell) → city names. */
const CITY_SLUGS: Record<string, string> = {
  moscow: 'Москва', msk: 'Москва', spb: 'Санкт-Петербург', 'sankt-peterburg': 'Санкт-Петербург', piter: 'Санкт-Петербург',
  novosibirsk: 'Новосибирск', nsk: 'Новосибирск', ekaterinburg: 'Екатеринбург', ekb: 'Екатеринбург',
  kazan: 'Казань', n_novgorod: 'Нижний Новгород', nn: 'Нижний Новгород', 'nizhniy-novgorod': 'Нижний Новгород',
  chelyabinsk: 'Челябинск', omsk: 'Омск', samara: 'Самара', rostov: 'Ростов-на-Дону', 'rostov-na-donu': 'Ростов-на-Дону',
  ufa: 'Уфа', krasnoyarsk: 'Красноярск', perm: 'Пермь', voronezh: 'Воронеж', volgograd: 'Волгоград',
  krasnodar: 'Краснодар', saratov: 'Саратов', tyumen: 'Тюмень', tolyatti: 'Тольятти', izhevsk: 'Ижевск',
  barnaul: 'Барнаул', irkutsk: 'Иркутск', ulyanovsk: 'Ульяновск', khabarovsk: 'Хабаровск', yaroslavl: 'Ярославль',
  vladivostok: 'Владивосток', tomsk: 'Томск', orenburg: 'Оренбург', kemerovo: 'Кемерово', ryazan: 'Рязань',
  astrakhan: 'Астрахань', penza: 'Пенза', lipetsk: 'Липецк', tula: 'Тула', kirov: 'Киров', cheboksary: 'Чебоксары',
  kaliningrad: 'Калининград', bryansk: 'Брянск', kursk: 'Курск', ivanovo: 'Иваново', tver: 'Тверь',
  stavropol: 'Ставрополь', belgorod: 'Белгород', sochi: 'Сочи', surgut: 'Сургут', vladimir: 'Владимир',
  arkhangelsk: 'Архангельск', smolensk: 'Смоленск', kaluga: 'Калуга', murmansk: 'Мурманск', tambov: 'Тамбов',
  'saint-petersburg': 'Санкт-Петербург', yekaterinburg: 'Екатеринбург', 'nizhny-novgorod': 'Нижний Новгород',
  'rostov-on-don': 'Ростов-на-Дону', 'naberezhnye-chelny': 'Набережные Челны',
  almaty: 'Алматы', astana: 'Астана', bishkek: 'Бишкек', tashkent: 'Ташкент', minsk: 'Минск', dubai: 'Dubai',
};

export function cityFromSlug(slug: string | undefined): string | undefined {
  if (!slug) return undefined;
  return CITY_SLUGS[slug.toLowerCase()];
}

/**
 * The city part of a Western-order address line: "Stasandrou 10, Nicosia 1060"
 * → Nicosia, "1000 4th Ave, Seattle, WA 98104" → Seattle.
 */
export function cityFromAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const parts = address.split(',').map(clean).filter(Boolean);
  for (let i = parts.length - 1; i >= 1; i--) {
    let p = parts[i]!;
    if (/^(?:USA|United States|UK|United Kingdom|Cyprus|Deutschland|Germany|France|Canada)$/i.test(p)) continue;
    if (/^[A-Z]{2}(?:\s+[\dA-Z]{3,5}(?:[- ]\w{3,4})?)?$/.test(p)) continue; // "WA 98104", "ON M5V 2T6"
    p = p.replace(/\s*\b\d{3,6}(?:-\d{4})?\b\s*/g, ' ').trim(); // postal codes
    if (p && !/\d/.test(p)) return p;
    break;
  }
  return undefined;
}

/** Words of Russian address parts that are not a city: streets, districts, regions. */
const NOT_A_CITY =
  /(?:^|\s)(?:ул\.?|улица|пр\.?|просп\.?|проспект|пер\.?|переулок|ш\.?|шоссе|наб\.?|набережная|бул\.?|бульвар|пл\.?|площадь|проезд|тупик|аллея|линия|мкр\.?|микрорайон|кв-л|квартал|корп\.?|к\.|стр\.?|строение|д\.|дом|район|р-н|область|обл\.?|край|округ|республика|поселение|территория|тер\.?|километр|км)(?:\s|$)/i;

/**
 * The city of a Russian-order address line: "ул. Ермака, 43, Иваново" →
 * Иваново, "Литейный просп., 5/19, Санкт-Петербург" → Санкт-Петербург;
 * undefined where no part reads as a city (a village "посёлок …", a country).
 */
export function cityFromRussianAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const parts = address.split(',').map(clean).filter(Boolean);
  // "…, Москва, этаж 1": the floor or office after the city.
  while (parts.length > 1 && /^(?:этаж|эт\.|\d+\s*(?:этаж|эт\.)|офис|оф\.|помещение|пом\.|кабинет|каб\.)/i.test(parts[parts.length - 1]!)) parts.pop();
  const asCity = (p: string): string | undefined => {
    if (/\d/.test(p) || NOT_A_CITY.test(p) || COUNTRY.test(p)) return undefined;
    const g = /^(?:г\.|город)\s*(\p{Lu}[\p{L}\s-]*)$/u.exec(p);
    if (g) return clean(g[1]);
    return /^\p{Lu}[\p{L}-]*(?:\s[\p{L}-]+){0,2}$/u.test(p) ? p : undefined;
  };
  // "street, house, city": the city closes the line.
  const last = parts.length > 1 ? asCity(parts[parts.length - 1]!) : undefined;
  if (last || parts.length < 2 || !COUNTRY.test(parts[0]!)) return last;
  // "Россия, region, city, street, house": the nearest city-like part before the street.
  for (let i = parts.length - 1; i > 0; i--) {
    const city = asCity(parts[i]!);
    if (city) return city;
  }
  return undefined;
}

const COUNTRY = /^(?:Россия|Russia|Беларусь|Казахстан|Kazakhstan|Belarus)$/i;
