/**
 * 2GIS (2gis.ru and its other country domains): search lists, rubric lists and
 * firm pages (also the firm panel beside a list: `/moscow/search/кафе/firm/<id>`).
 *
 * Stable anchors: the `/firm/<id>` link in each list card (its text is the
 * name), the firm panel's `h1`, `tel:` links, the embedded `initialState`
 * JSON. Class names are hashed per release and are not used.
 *
 * List cards carry no phones (only some advertisers' call-to-action `tel:`
 * buttons, which are read), so the firm id is the key (`siteId`). The page's
 * `initialState` holds full names ("МСК, сеть лаундж-баров"), addresses and
 * rubrics of the listed firms and, on a firm page, its contacts.
 */
import type { ListingInput } from '../model/listing';
import type { FoundListing, PageContext, SiteAdapter } from './types';
import {
  cardAround,
  cityFromSlug,
  clean,
  compact,
  hostLikeText,
  memo,
  parseUrl,
  readHeadingOrItem,
  telNumber,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const DOMAINS = ['2gis.ru', '2gis.kz', '2gis.kg', '2gis.uz', '2gis.by', '2gis.ae', '2gis.com', '2gis.com.cy', '2gis.az', '2gis.am', '2gis.ge', '2gis.cl', '2gis.it', '2gis.cz'];
/** Service hosts under the same domains that are not the map (redirects, API, help). */
const NOT_MAP_HOST = /^(?:link|api|catalog|help|law|info|account|partner|dev|disk|tile\d*|s\d+|d-assets|i\d*)\./;

const FIRM_LINK = 'a[href*="/firm/"]';
/** `/moscow/firm/70000001036132609`, `/firm/7000…/37.62%2C55.75`; not `/gallery/firm/…`, `/firm/…/tab/…`. */
const FIRM_PATH = /\/firm\/(\d{5,})(?:\/-?[\d.]+(?:%2C|,)-?[\d.]+)?\/?$/i;

function isTwoGisHost(host: string): boolean {
  const h = host.toLowerCase();
  if (NOT_MAP_HOST.test(h)) return false;
  return DOMAINS.some((d) => h === d || h.endsWith('.' + d));
}

function firmIdOfPath(pathname: string): string | undefined {
  if (/\/gallery\//i.test(pathname)) return undefined;
  return FIRM_PATH.exec(pathname)?.[1];
}

function firmIdOfLink(a: Element, base: URL | string = 'https://2gis.ru/'): string | undefined {
  const url = parseUrl(a.getAttribute('href'), base);
  if (!url || !isTwoGisHost(url.hostname)) return undefined;
  return firmIdOfPath(url.pathname);
}

/** The firm shown in the page's own panel, from the address bar. */
function panelFirmId(url: URL): string | undefined {
  return /\/firm\/(\d{5,})/.exec(url.pathname)?.[1];
}

/** The firm's canonical page: `https://2gis.ru/moscow/firm/<id>`. */
function firmUrl(url: URL, id: string): string {
  const slug = citySlugOf(url);
  return `${url.origin}${slug ? '/' + slug : ''}/firm/${id}`;
}

/** "moscow" in `/moscow/search/…`. */
function citySlugOf(url: URL): string | undefined {
  const first = url.pathname.split('/').filter(Boolean)[0];
  return first && !/^(?:firm|search|geo|branches|rubricId)$/.test(first) ? first : undefined;
}

// ---------------------------------------------------------------------------
// initialState

interface FirmData {
  name?: string;
  address?: string;
  city?: string;
  phones: string[];
  website?: string;
  category?: string;
}

/** Undo a single-quoted JS string literal's escapes. */
function unescapeJsString(s: string): string {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e[0] === 'u' && e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    switch (e) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'b': return '\b';
      case 'f': return '\f';
      case '0': return '\0';
      default: return e;
    }
  });
}

/** The index of the quote that closes a string literal whose body starts at `from`. */
function closingQuote(text: string, from: number, quote: string): number {
  // Jump from quote to quote (native search) rather than walk every character:
  // the state is hundreds of kilobytes and this runs on the page's main thread.
  for (let i = text.indexOf(quote, from); i >= 0; i = text.indexOf(quote, i + 1)) {
    let slashes = 0;
    while (text.charCodeAt(i - 1 - slashes) === 92 /* backslash */) slashes++;
    if (slashes % 2 === 0) return i;
  }
  return text.length;
}

/**
 * A JS string literal's body as the string it stands for. Made into a JSON
 * string literal, the browser's own parser decodes it in one native pass; the
 * escapes JSON lacks (\x41, \v, \0…) fall back to unescapeJsString.
 */
function decodeStringLiteral(body: string, quote: string): string {
  try {
    const json = quote === "'" ? body.replace(/\\'/g, "'").replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"') : body;
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return unescapeJsString(body);
  }
}

/** The end index (exclusive) of a balanced JSON object starting at `start`. */
function jsonObjectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** `var initialState = JSON.parse('…')` or `window.initialState = {…}` in an inline script. */
export function parseInitialState(scriptText: string): unknown {
  const m = /initialState\s*=\s*/.exec(scriptText);
  if (!m) return undefined;
  const rest = m.index + m[0].length;
  try {
    const lit = /^JSON\.parse\(\s*(['"])/.exec(scriptText.slice(rest, rest + 20));
    if (lit) {
      const quote = lit[1]!;
      const from = rest + lit[0].length;
      const end = closingQuote(scriptText, from, quote);
      return JSON.parse(decodeStringLiteral(scriptText.slice(from, end), quote));
    }
    if (scriptText[rest] === '{') {
      const end = jsonObjectEnd(scriptText, rest);
      if (end > 0) return JSON.parse(scriptText.slice(rest, end));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return (typeof v === 'string' && clean(v)) || undefined;
}

function firmFromProfile(d: Record<string, unknown>): FirmData {
  const out: FirmData = { phones: [] };
  out.name = str(d.name);
  out.address = str(d.address_name);
  const adm = Array.isArray(d.adm_div) ? (d.adm_div as Record<string, unknown>[]) : [];
  out.city = str(adm.find((a) => a?.type === 'city')?.name) ?? str(adm.find((a) => a?.type === 'settlement')?.name);
  const rubrics = Array.isArray(d.rubrics) ? (d.rubrics as Record<string, unknown>[]) : [];
  const names = rubrics.map((r) => str(r?.name)).filter((x): x is string => !!x);
  if (names.length) out.category = names.join(', ');
  const groups = Array.isArray(d.contact_groups) ? (d.contact_groups as Record<string, unknown>[]) : [];
  for (const g of groups) {
    const contacts = Array.isArray(g?.contacts) ? (g.contacts as Record<string, unknown>[]) : [];
    for (const c of contacts) {
      if (c?.type === 'phone') {
        const p = str(c.text) ?? str(c.print_text) ?? str(c.value);
        if (p) out.phones.push(p);
      } else if (c?.type === 'website' && !out.website) {
        out.website = str(c.url) ?? str(c.text) ?? str(c.value);
      }
    }
  }
  return out;
}

type Profiles = Record<string, { data?: Record<string, unknown> }>;

/** Firm id → data, from a whole parsed `initialState` (the fallback when the profiles cannot be found one by one). */
function firmsOfState(text: string, into: Map<string, FirmData | null>): void {
  const state = parseInitialState(text) as { data?: { entity?: { profile?: Profiles } } } | undefined;
  const profiles = state?.data?.entity?.profile;
  if (!profiles || typeof profiles !== 'object') return;
  for (const [id, p] of Object.entries(profiles)) {
    if (p?.data && typeof p.data === 'object') into.set(id.split('_')[0]!, firmFromProfile(p.data));
  }
}

/** One inline script holding `initialState`, searched profile by profile. */
interface StateSource {
  text: string;
  /** The quote of the `JSON.parse('…')` literal the state is in, or '' for a plain object literal. */
  quote: string;
  /** Where the search for the next profile goes on. */
  cursor: number;
  end: number;
  /** The profile found last: its text ends where the next one's key starts. */
  last?: { to: number };
}

/** Each firm's profile starts `"<id>":{"data":` (its quotes escaped inside a double-quoted literal). */
const PROFILE_MARK = '":{"data":';
const ESCAPED_PROFILE_MARK = '\\":{\\"data\\":';
const FIRM_KEY = /^\d{5,}(?:_[^"\\]*)?$/;

/**
 * The page's embedded state, read lazily: the state is hundreds of kilobytes to
 * megabytes of JSON, and parsing it whole is one long task on the page's main
 * thread (tens of ms on a big list). Instead each listing's read finds its own
 * firm's profile: a native search for the next `"<id>":{"data":` from where the
 * last search stopped (lists and their state come in the same order, so all
 * reads together search the text once), and only that profile is decoded and
 * parsed. A state laid out otherwise is parsed whole, once.
 */
interface FirmIndex {
  sources: StateSource[] | undefined;
  /** Located profiles: firm id → the source and where its object starts. */
  located: Map<string, { source: StateSource; from: number; to: number }>;
  firms: Map<string, FirmData | null>;
  wholeParsed: boolean;
}

function firmIndex(page: PageContext): FirmIndex {
  return memo(page, '2gis:firms', () => ({ sources: undefined, located: new Map(), firms: new Map(), wholeParsed: false }));
}

function stateSources(page: PageContext): StateSource[] {
  const out: StateSource[] = [];
  for (const s of Array.from(page.document.querySelectorAll('script:not([src])'))) {
    const text = s.textContent ?? '';
    const m = /initialState\s*=\s*/.exec(text);
    if (!m) continue;
    const rest = m.index + m[0].length;
    const lit = /^JSON\.parse\(\s*(['"])/.exec(text.slice(rest, rest + 20));
    if (lit) {
      const from = rest + lit[0].length;
      out.push({ text, quote: lit[1]!, cursor: from, end: closingQuote(text, from, lit[1]!) });
    } else if (text[rest] === '{') {
      out.push({ text, quote: '', cursor: rest, end: text.length });
    }
  }
  return out;
}

/** Finds the next profile in `source`; false when there is none. */
function locateNext(index: FirmIndex, source: StateSource): boolean {
  const escaped = source.quote === '"';
  const mark = escaped ? ESCAPED_PROFILE_MARK : PROFILE_MARK;
  const keyQuote = escaped ? '\\"' : '"';
  for (;;) {
    const at = source.text.indexOf(mark, source.cursor);
    if (at < 0 || at >= source.end) {
      source.cursor = source.end;
      return false;
    }
    source.cursor = at + mark.length;
    const open = source.text.lastIndexOf(keyQuote, at - 1);
    const key = open >= 0 ? source.text.slice(open + keyQuote.length, at) : '';
    if (!FIRM_KEY.test(key)) continue;
    const id = key.split('_')[0]!;
    // The profile's object: from its brace (after `":`) to, at most, the next profile's key.
    const from = at + (escaped ? 3 : 2);
    if (source.last && source.last.to > open) source.last.to = open;
    const place = { source, from, to: source.end };
    source.last = place;
    if (!index.located.has(id)) index.located.set(id, place);
    return true;
  }
}

/** The profile object whose text starts at `from`, decoded and parsed; undefined if it does not parse. */
function profileAt(source: StateSource, from: number, to: number): Record<string, unknown> | undefined {
  const dataOf = (value: { data?: unknown } | undefined) => (value?.data && typeof value.data === 'object' ? (value.data as Record<string, unknown>) : undefined);
  if (to < source.end) {
    // Bounded by the next profile's key: its text is the object and a comma, parsed as it
    // is (no walk over every character for the object's end); anything else, as below.
    const raw = source.text.slice(from, to);
    const parse = (body: string) => {
      let end = body.length;
      while (end > 0 && /[\s,]/.test(body[end - 1]!)) end--;
      return dataOf(JSON.parse(body.slice(0, end)) as { data?: unknown });
    };
    // 2GIS's single-quoted literal differs from its JSON only by doubled backslashes (its
    // quotes are \u0027): undoubled, it is parsed in one pass, 3x faster than decoding the
    // literal first. An escape JSON has not (\', \x41) makes it throw: then decoded as below.
    if (source.quote === "'") {
      try {
        return parse(raw.replace(/\\\\/g, '\\'));
      } catch {
        // decoded first, below
      }
    }
    try {
      return parse(source.quote ? decodeStringLiteral(raw, source.quote) : raw);
    } catch {
      // not just the object: found by its braces below
    }
  }
  for (let len = Math.min(to - from, 65536); ; len = Math.min(to - from, len * 4)) {
    let body = source.text.slice(from, from + len);
    if (source.quote) body = decodeStringLiteral(body, source.quote);
    const end = jsonObjectEnd(body, 0);
    if (end > 0) {
      try {
        return dataOf(JSON.parse(body.slice(0, end)) as { data?: unknown });
      } catch {
        return undefined;
      }
    }
    if (from + len >= to) return undefined;
  }
}

/** The firm's data from the page's `initialState`, found and parsed on first need. */
function firmOf(page: PageContext, id: string): FirmData | undefined {
  const index = firmIndex(page);
  const known = index.firms.get(id);
  if (known !== undefined) return known ?? undefined;
  if (index.wholeParsed) return undefined;
  index.sources ??= stateSources(page);
  let place = index.located.get(id);
  while (!place) {
    const source = index.sources.find((s) => s.cursor < s.end);
    if (!source) break;
    if (locateNext(index, source)) place = index.located.get(id);
  }
  if (!place) {
    // Not found profile by profile: if no profile was found at all, the state is laid out otherwise.
    if (index.located.size === 0 && index.sources.length > 0) {
      index.wholeParsed = true;
      for (const source of index.sources) firmsOfState(source.text, index.firms);
      return index.firms.get(id) ?? undefined;
    }
    index.firms.set(id, null);
    return undefined;
  }
  // Bound the profile by the next one's key, so only its own text is decoded (not a 64 KB window per firm).
  if (place.to === place.source.end && place.source.cursor < place.source.end) locateNext(index, place.source);
  const data = profileAt(place.source, place.from, place.to);
  const firm = data ? firmFromProfile(data) : null;
  index.firms.set(id, firm);
  return firm ?? undefined;
}

// ---------------------------------------------------------------------------

function listing(page: PageContext, id: string, dom: Partial<ListingInput> & { name: string }, phones: string[]): ListingInput {
  const firm = firmOf(page, id);
  return compact({
    directory: '2gis',
    name: firm?.name ?? dom.name,
    phones: uniquePhones([...(firm?.phones ?? []), ...phones]),
    website: (firm?.website ? websiteHref(firm.website, page.url) : undefined) ?? dom.website,
    address: firm?.address ?? dom.address,
    city: firm?.city ?? cityFromSlug(citySlugOf(page.url)),
    category: firm?.category,
    url: dom.url,
    siteId: id,
  });
}

function telPhones(root: Element): string[] {
  return Array.from(root.querySelectorAll('a[href^="tel:"]'), (a) => telNumber(a.getAttribute('href'))).filter(Boolean);
}

function readCard(link: Element, page: PageContext): FoundListing | null {
  const id = firmIdOfLink(link, page.url);
  if (!id) return null;
  // The firm open in the page's own panel is read from its h1.
  if (id === panelFirmId(page.url)) return null;
  const name = textOf(link);
  if (!name) return null;
  const root = cardAround(link, FIRM_LINK, (a) => firmIdOfLink(a, page.url));
  // One card may link its firm more than once (photo, name): the first named link reads it.
  const first = Array.from(root.querySelectorAll(FIRM_LINK)).find(
    (a) => firmIdOfLink(a, page.url) === id && textOf(a) !== '',
  );
  if (first && first !== link) return null;
  const url = parseUrl(link.getAttribute('href'), page.url)!;
  return {
    root,
    anchor: link,
    data: listing(page, id, { name, url: firmUrl(url, id) }, telPhones(root)),
  };
}

function readPanel(h1: Element, page: PageContext): FoundListing | null {
  const id = panelFirmId(page.url);
  if (!id) return null;
  const name = textOf(h1);
  if (!name) return null;
  // The panel: the nearest ancestor that also holds the firm's contacts or
  // tabs. An h1 of the list beside it ("кафе") reaches other firms' cards first.
  const evidence = `a[href^="tel:"], a[href*="/firm/${id}/"], a[href*="/firm/${id}?"]`;
  const stateName = firmOf(page, id)?.name;
  let root: Element | undefined;
  for (let i = 0, cur = h1.parentElement; cur && i < 8; i++, cur = cur.parentElement) {
    if (cur.localName === 'body') break;
    if (cur.querySelector(evidence)) {
      root = cur;
      break;
    }
    const others = Array.from(cur.querySelectorAll(FIRM_LINK)).some((a) => {
      const other = firmIdOfLink(a, page.url);
      return other !== undefined && other !== id;
    });
    if (others) break;
    root = cur;
  }
  if (!root) return null;
  if (!root.querySelector(evidence) && !(stateName && stateName.startsWith(name))) return null;
  let website: string | undefined;
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    if (hostLikeText(textOf(a)) && (website = websiteHref(a.getAttribute('href'), page.url))) break;
  }
  const geo = root.querySelector('a[href*="/geo/"]');
  return {
    root,
    anchor: h1,
    data: listing(
      page,
      id,
      { name, website, address: geo ? textOf(geo) : undefined, url: firmUrl(page.url, id) },
      telPhones(root),
    ),
  };
}

export const twoGisAdapter: SiteAdapter = {
  id: '2gis',
  name: '2GIS',
  matches: DOMAINS.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]),
  appliesTo: (url) => /^https?:$/.test(url.protocol) && isTwoGisHost(url.hostname),
  listingSelector: `${FIRM_LINK}, h1`,
  read: readHeadingOrItem('a', readPanel, readCard),
  phoneCountry(url) {
    const tld = url.hostname.split('.').pop();
    return ({ ru: 'RU', kz: 'KZ', kg: 'KG', uz: 'UZ', by: 'BY', ae: 'AE', cy: 'CY', az: 'AZ', am: 'AM', ge: 'GE', cl: 'CL', it: 'IT', cz: 'CZ' } as Record<string, string>)[tld ?? ''];
  },
  testUrls: [
    'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5',
    'https://2gis.ru/moscow/firm/70000001036132609',
    'https://2gis.ru/spb/search/%D0%BA%D0%B0%D1%84%D0%B5/firm/5348552838561218/30.3%2C59.9',
    'https://2gis.ru/novosibirsk/search/%D0%B0%D0%BF%D1%82%D0%B5%D0%BA%D0%B0/rubricId/207',
    'https://2gis.kz/almaty/search/%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD%D1%8F',
    'https://2gis.ae/dubai/search/cafe',
    'https://2gis.kg/bishkek/firm/70000001019395113',
    'https://2gis.uz/tashkent/search/pharmacy',
    'https://m.2gis.ru/moscow/search/cafe',
  ],
};
