/** Test helpers for the site adapters: parsing pages with jsdom and comparing listings. */
import { JSDOM, VirtualConsole } from 'jsdom';
import { domainOf } from '../../../lib/match/domain';
import { normalizePhone, type CountryCode } from '../../../lib/match/phone';

/** A jsdom document for a page; CSS the parser cannot read and scripts are ignored. */
export function parsePage(html: string, url: string): Document {
  const virtualConsole = new VirtualConsole(); // swallow "Could not parse CSS stylesheet"
  return new JSDOM(html, { url, virtualConsole }).window.document;
}

/** E.164 of every phone (unparseable ones kept as `?raw`, so they show in diffs). */
export function e164s(phones: readonly string[] | undefined, country: string): string[] {
  return [...new Set((phones ?? []).map((p) => normalizePhone(p, country as CountryCode) ?? `?${p}`))].sort();
}

export function domain(website: string | undefined): string | null {
  return website ? domainOf(website) : null;
}

/** Names compared with spaces collapsed. */
export function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/\s+/g, ' ').trim();
  return n(a) === n(b);
}

/** Chrome match pattern → RegExp (scheme `*` = http/https). */
export function matchPatternRegExp(pattern: string): RegExp {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`bad match pattern: ${pattern}`);
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `(?:[^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = path.split('*').map(esc).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}${pathRe}$`);
}
