/**
 * A listing's website → the company's own host, the matching key
 * `Company.domain`: no scheme, no `www.`, no port/path/query, lower case, IDN
 * in Unicode (`кафе.рф`, not `xn--80aswg.xn--p1ai`).
 *
 * Directories wrap outgoing links in their own redirects; those are decoded
 * first. Directory hosts themselves, social networks, messengers, app stores
 * and link-in-bio services are not a company's own domain (many companies
 * would share them), so they give null.
 */
import { toUnicode } from 'punycode/';

/** Registrable domains (and their subdomains) that are never a company's own. */
const NOT_OWN_DOMAINS = [
  // directories and maps
  '2gis.ru', '2gis.com', '2gis.kz', '2gis.ae', '2gis.kg', '2gis.uz', '2gis.am', '2gis.az', '2gis.by', '2gis.ua', '2gis.cl', '2gis.it', '2gis.cz',
  'zoon.ru', 'zoon.by', 'zoon.kz',
  'yell.ru', 'rusprofile.ru', 'list-org.com', 'orgpage.ru', 'flamp.ru', 'yellowpages.com', 'yelp.com',
  'tripadvisor.com', 'tripadvisor.ru', 'foursquare.com', 'spr.ru', 'spravker.ru', 'cataloxy.ru', 'checko.ru',
  'sbis.ru', 'zachestnyibiznes.ru', 'restoclub.ru', 'leclick.ru', 'avito.ru', 'hh.ru', 'prodoctorov.ru',
  // social networks and messengers
  'vk.com', 'vk.ru', 'vk.link', 'vk.me', 'vk.cc', 'vkontakte.ru', 'ok.ru', 'odnoklassniki.ru', 'my.mail.ru',
  'instagram.com', 'instagr.am', 'facebook.com', 'fb.com', 'fb.me', 'm.me', 'twitter.com', 'x.com', 't.co',
  'tiktok.com', 'youtube.com', 'youtu.be', 'linkedin.com', 'pinterest.com', 'dzen.ru', 'zen.yandex.ru',
  't.me', 'telegram.me', 'telegram.org', 'wa.me', 'whatsapp.com', 'viber.com', 'viber.click',
  // app stores, link-in-bio pages, shorteners
  'apps.apple.com', 'play.google.com', 'rustore.ru', 'appgallery.huawei.com',
  'taplink.cc', 'taplink.ws', 'taplink.ru', 'linktr.ee', 'hipolink.me', 'mssg.me', 'bit.ly', 'clck.ru', 'goo.gl', 'g.page', 'g.co',
];

/** Second-level labels that mean the same company under any TLD (google.com.cy, yandex.kz…). */
const NOT_OWN_LABELS = new Set(['google', 'yandex', 'ya', 'yelp', '2gis', 'zoon', 'tripadvisor', 'facebook', 'instagram']);

/** Query parameters redirect wrappers carry their target in. */
const TARGET_PARAMS = ['url', 'q', 'u', 'to', 'target', 'redirect', 'redirect_url', 'redirectUrl', 'link', 'href', 'dest', 'destination', 'away'];

const MAX_UNWRAP = 5;

function isNotOwnHost(host: string): boolean {
  for (const d of NOT_OWN_DOMAINS) if (host === d || host.endsWith('.' + d)) return true;
  const labels = host.split('.');
  // "google.com", "google.com.cy", "maps.google.ru", "yandex.ru", "ya.ru"
  for (let i = 0; i < labels.length - 1; i++) {
    if (!NOT_OWN_LABELS.has(labels[i]!)) continue;
    const rest = labels.slice(i + 1);
    // The label must be followed only by a TLD, or by com/co/org/net + a country TLD.
    if (rest.length === 1 && /^[a-zа-я]{2,6}$/.test(rest[0]!)) return true;
    if (rest.length === 2 && /^(?:com|co|org|net)$/.test(rest[0]!) && /^[a-z]{2}$/.test(rest[1]!)) return true;
  }
  return false;
}

/** Base64 / base64url text → UTF-8 string, or null. */
function decodeBase64(segment: string): string | null {
  let s = segment.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(s) || s.length < 8) return null;
  s = s.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  s += '='.repeat((4 - (s.length % 4)) % 4);
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** URLs found in a text, in order (`http://…`, stopping at quotes/whitespace). */
function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>\\]+/gi)].map((m) => m[0]);
}

/**
 * 2GIS outgoing links:
 * - `link.2gis.ru/1.2/<hex>/online/…/<hash>?http://campus2020.ru` — the target
 *   is the whole query string (not a key=value pair);
 * - `link.2gis.ru/3.2/<base64>` — decodes to lines: the target URL first, then
 *   a statistics endpoint (`http://s0.bss.2gis.com/…`), then a JSON event whose
 *   payload may repeat the target inside a 1.2 link.
 * Returns the candidate targets, best first.
 */
function twoGisTargets(url: URL): string[] {
  const out: string[] = [];
  if (url.search.length > 1) out.push(safeDecode(url.search.slice(1)));
  const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
  // Longest segment first: that is where a payload lives.
  for (const seg of [...segments].sort((a, b) => b.length - a.length)) {
    const text = decodeBase64(seg);
    if (!text) continue;
    const firstLine = text.split(/\r?\n/, 1)[0]!.trim();
    if (/^https?:\/\//i.test(firstLine)) out.push(firstLine);
    out.push(...urlsIn(text));
  }
  return out;
}

/** The target of a redirect wrapper, or undefined when `url` is not one. */
function unwrapTargets(url: URL, host: string): string[] | undefined {
  if (/^link\.2gis\./.test(host) || (host.endsWith('.2gis.ru') && url.pathname.startsWith('/link'))) {
    return twoGisTargets(url);
  }
  if (!isNotOwnHost(host)) return undefined;
  const targets: string[] = [];
  for (const name of TARGET_PARAMS) {
    for (const value of url.searchParams.getAll(name)) {
      if (/^(?:https?:)?\/\//i.test(value) || /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:[/?#]|$)/u.test(value))
        targets.push(value);
    }
  }
  return targets;
}

const LABEL = /^(?!-)[\p{L}\p{N}_-]{1,63}(?<!-)$/u;
const TLD = /^(?:[\p{L}]{2,63}|xn--[a-z0-9-]{1,59})$/u;

function cleanHost(hostname: string): string | null {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!host || host.length > 253) return null;
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return null; // IP addresses
  try {
    host = toUnicode(host);
  } catch {
    return null;
  }
  host = host.normalize('NFC').toLowerCase();
  host = host.replace(/^www\d?\./, '');
  const labels = host.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l))) return null;
  if (!TLD.test(labels[labels.length - 1]!)) return null;
  return host;
}

function parseUrl(input: string): URL | null {
  let s = input.trim().replace(/[\u00A0\u200B\uFEFF]/g, '');
  if (!s || s.length > 4096 || /\s/.test(s)) return null;
  if (s.startsWith('//')) s = 'http:' + s;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  if (scheme && !/^https?$/i.test(scheme[1]!)) {
    // "example.ru:8080/path" has a "scheme" that is a host; real schemes
    // (mailto:, tel:, javascript:) are not websites.
    if (!/^[^/]*\.[^/]*:\d+/.test(s)) return null;
    s = 'http://' + s;
  } else if (!scheme) {
    s = 'http://' + s;
  }
  try {
    const url = new URL(s);
    if (url.username || url.password) return null;
    return url;
  } catch {
    return null;
  }
}

function domainOfDepth(input: string, depth: number): string | null {
  if (typeof input !== 'string' || depth > MAX_UNWRAP) return null;
  const url = parseUrl(input);
  if (!url) return null;
  const host = cleanHost(url.hostname);
  if (!host) return null;
  const targets = unwrapTargets(url, host);
  if (targets) {
    for (const t of targets) {
      const d = domainOfDepth(t, depth + 1);
      if (d) return d;
    }
    return null;
  }
  return host;
}

/**
 * The company's own host for a website string (URL, bare host, or a
 * directory's redirect link), or null for directory/social hosts and garbage.
 */
export function domainOf(input: string): string | null {
  return domainOfDepth(input, 0);
}

/** Whether a host is a directory, social network or similar (never a company's own). */
export function isDirectoryHost(host: string): boolean {
  const h = cleanHost(host);
  return h !== null && isNotOwnHost(h);
}
