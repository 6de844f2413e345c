/**
 * Every fixture page in test/fixtures/sites/<adapterId>/ is scanned by the
 * adapter its URL selects and compared with the expectation it carries in
 * `<script type="application/json" id="callmark-expected">`:
 *
 *   { "url": "https://…", "country": "RU"?, "listings": [{ "name": "…",
 *     "phones": ["…"], "website": "…", "address": "…", … }] }
 *
 * Every expected listing must be found (by name) with the fields it gives
 * (phones compared as E.164, website as domain, `"website": null` = none),
 * and nothing else may be found. Adding a directory needs no edit here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListingData } from '../../../lib/model/listing';
import { ADAPTERS, GENERIC_ADAPTER, adapterFor, createPageContext, newScanMemory, scanDocument, scanSubtree } from '../../../lib/sites';
import type { SiteAdapter } from '../../../lib/sites';
import { domain, e164s, parsePage, sameName } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sites');

interface Expected {
  url: string;
  country?: string;
  listings: Array<Record<string, unknown> & { name: string }>;
}

const files = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    fs
      .readdirSync(path.join(FIXTURES, d.name))
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({ dir: d.name, file: f, full: path.join(FIXTURES, d.name, f) })),
  );

function expectationOf(html: string): Expected {
  const m = /<script[^>]*id="callmark-expected"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('fixture has no <script id="callmark-expected">');
  return JSON.parse(m[1]!) as Expected;
}

function adapterForFixture(dir: string, url: URL): SiteAdapter | undefined {
  return adapterFor(url) ?? (dir === GENERIC_ADAPTER.id ? GENERIC_ADAPTER : undefined);
}

describe('site fixtures', () => {
  it('every adapter has at least one fixture', () => {
    const dirs = new Set(files.map((f) => f.dir));
    for (const a of [...ADAPTERS, GENERIC_ADAPTER]) expect(dirs.has(a.id), `test/fixtures/sites/${a.id}/`).toBe(true);
  });

  describe.each(files)('$dir/$file', ({ dir, full }) => {
    const html = fs.readFileSync(full, 'utf8');
    const expected = expectationOf(html);
    const url = new URL(expected.url);
    const adapter = adapterForFixture(dir, url);

    it('is small and selects its own adapter', () => {
      expect(html.length).toBeLessThan(16_000);
      expect(adapter?.id).toBe(dir);
    });

    it('yields exactly the expected listings', () => {
      const doc = parsePage(html, expected.url);
      const found = scanDocument(adapter!, doc, url);
      const country = expected.country ?? adapter!.phoneCountry?.(url) ?? 'RU';

      for (const f of found) {
        expect(() => ListingData.parse(f.data), f.data.name).not.toThrow();
        expect(f.data.directory).toBe(dir);
        // The badge goes after the name: inside the card (generic lists without
        // wrappers name a block by the heading just before it).
        const inside = f.root === f.anchor || f.root.contains(f.anchor);
        expect(inside || (dir === 'generic' && f.anchor.isConnected), `${f.data.name}: anchor inside root`).toBe(true);
      }
      expect(found.map((f) => f.data.name).sort()).toEqual(expected.listings.map((l) => l.name).sort());

      for (const want of expected.listings) {
        const matches = found.filter((f) => sameName(f.data.name, want.name));
        expect(matches.length, `listing "${want.name}"`).toBeGreaterThan(0);
        // Several listings may share a name (branches): compare with the one that fits best.
        const errors = matches.map((got) => {
          const diffs: string[] = [];
          for (const [key, value] of Object.entries(want)) {
            if (key === 'name') continue;
            const actual = (got.data as Record<string, unknown>)[key];
            if (key === 'phones') {
              const a = e164s(actual as string[], country);
              const b = e164s(value as string[], country);
              if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`phones ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
            } else if (key === 'website') {
              const a = domain(actual as string | undefined);
              const b = value === null ? null : domain(value as string);
              if (a !== b) diffs.push(`website ${a} ≠ ${b}`);
            } else if (value === null ? actual !== undefined : actual !== value) {
              diffs.push(`${key} ${JSON.stringify(actual)} ≠ ${JSON.stringify(value)}`);
            }
          }
          return diffs;
        });
        const best = errors.reduce((a, b) => (b.length < a.length ? b : a));
        expect(best, `listing "${want.name}"`).toEqual([]);
      }
    });

    it('finds the same listings incrementally, subtree by subtree', () => {
      const doc = parsePage(html, expected.url);
      const page = createPageContext(doc, url);
      const memory = newScanMemory();
      const names: string[] = [];
      const walk = (el: Element): void => {
        for (const l of scanSubtree(adapter!, el, page, memory)) names.push(l.data.name);
      };
      // Deepest subtrees first, as if the page had been rendered piece by piece.
      const all = Array.from(doc.body.querySelectorAll('*')).reverse();
      for (const el of all) walk(el);
      walk(doc.body);
      expect(names.sort()).toEqual(expected.listings.map((l) => l.name).sort());
    });
  });
});
