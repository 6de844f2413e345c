/** Test helpers for the site adapters: parsing pages with jsdom and comparing listings. */
import fs from 'node:fs';
import path from 'node:path';
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

/** A page to run an adapter over: where it is, and the address it is served under (which selects the adapter). */
export interface PageToScan {
  label: string;
  file: string;
  url: string;
  /** The adapter folder of an own fixture (generic pages are chosen by folder, not by address). */
  dir?: string;
}

const OWN_FIXTURES = path.resolve(__dirname, '../../fixtures/sites');
export const REAL_PAGES_DIR = path.resolve(__dirname, '../../../../shared/fixtures/real');

/** Every own fixture page in test/fixtures/sites/<adapter>/, with the address its expectation gives. */
export function ownFixturePages(): PageToScan[] {
  return fs
    .readdirSync(OWN_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      fs
        .readdirSync(path.join(OWN_FIXTURES, d.name))
        .filter((f) => f.endsWith('.html'))
        .map((f) => {
          const file = path.join(OWN_FIXTURES, d.name, f);
          const m = /<script[^>]*id="callmark-expected"[^>]*>([\s\S]*?)<\/script>/.exec(fs.readFileSync(file, 'utf8'));
          const url = m ? (JSON.parse(m[1]!) as { url: string }).url : '';
          return { label: `${d.name}/${f}`, file, url, dir: d.name };
        }),
    );
}

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/**
 * Every real page in ../shared/fixtures/real (empty when the folder is absent),
 * with its address: the one test/unit/real-pages.test.ts loads it under (so a
 * page added there is picked up here too), else the page's own canonical or
 * og:url address, else none (the page is then reported as not covered).
 */
export function realPages(): PageToScan[] {
  if (!fs.existsSync(REAL_PAGES_DIR)) return [];
  const listed = new Map<string, string>();
  const source = fs.readFileSync(path.resolve(__dirname, '../real-pages.test.ts'), 'utf8');
  // `load('2gis/x.html', 'https://…')`, or a table row `file: '…html', url: 'https://…'`.
  for (const m of source.matchAll(/['"]([\w/.-]+\.html)['"]\s*,\s*(?:url:\s*)?['"](https?:\/\/[^'"]+)['"]/g)) listed.set(m[1]!, m[2]!);
  const files: string[] = [];
  for (const dir of fs.readdirSync(REAL_PAGES_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(REAL_PAGES_DIR, dir.name))) if (f.endsWith('.html')) files.push(`${dir.name}/${f}`);
  }
  return files.sort().map((rel) => {
    const file = path.join(REAL_PAGES_DIR, rel);
    let url = listed.get(rel);
    if (!url) {
      const head = fs.readFileSync(file, 'utf8').slice(0, 200_000);
      const own =
        /<link[^>]*rel="?canonical"?[^>]*href="([^"]+)"/i.exec(head)?.[1] ??
        /<link[^>]*href="([^"]+)"[^>]*rel="?canonical"?/i.exec(head)?.[1] ??
        /<meta[^>]*property="?og:url"?[^>]*content="([^"]+)"/i.exec(head)?.[1];
      url = own ? decodeEntities(own) : '';
    }
    return { label: rel, file, url };
  });
}
