/**
 * `read` must stay cheap on a page of 1,000 listings: the scan's cost grows
 * linearly with the number of cards (no whole-document work per card). jsdom
 * spends ~0.1–0.3 ms on any querySelector call however small the subtree
 * (a browser a few µs), so absolute times here say little; the check is that
 * ten times the cards cost about ten times the time, not a hundred.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERIC_ADAPTER, adapterFor, scanDocument } from '../../../lib/sites';
import { parsePage } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sites');
/** The fixture's page with its list repeated to `n` cards (ids made unique). */
function bigPage(rel: string, cardSelector: string, n: number): { doc: Document; url: string } {
  const html = fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
  const url = (JSON.parse(/id="callmark-expected">([\s\S]*?)<\/script>/.exec(html)![1]!) as { url: string }).url;
  const doc = parsePage(html, url);
  const card = doc.querySelector(cardSelector)!;
  const parent = card.parentElement!;
  const template = card.outerHTML;
  let out = '';
  for (let i = 0; i < n; i++) out += template.replace(/(\d{6,})/g, (m) => String(BigInt(m) + BigInt(i + 1)));
  parent.innerHTML = out;
  return { doc, url };
}

const cases: Array<[string, string]> = [
  ['2gis/search_list.html', 'body ._list9x > div'],
  ['google/search_feed.html', '[role=feed] > div'],
  ['zoon/catalog_list.html', 'li.minicard-item'],
  ['yandex/maps_search_list.html', 'li.search-snippet-view'],
  ['yellowpages/search_results.html', 'div.result'],
  ['rusprofile/search_results.html', '.company-item'],
  ['listorg/search_list.html', '.org_list > p'],
  ['yell/rubric_list.html', '.companies__item'],
  ['yelp/search_results.html', 'main li'],
  ['generic/contacts_with_traps.html', 'section ul > li'],
];

function timeScan(rel: string, cardSelector: string, n: number): { ms: number; found: number } {
  const { doc, url } = bigPage(rel, cardSelector, n);
  const u = new URL(url);
  const adapter = adapterFor(u) ?? GENERIC_ADAPTER;
  const t0 = performance.now();
  const found = scanDocument(adapter, doc, u).length;
  return { ms: performance.now() - t0, found };
}

describe('1,000 listings on a page', () => {
  it.each(cases)('%s', (rel, cardSelector) => {
    const small = timeScan(rel, cardSelector, 100);
    const big = timeScan(rel, cardSelector, 1000);
    expect(big.found).toBeGreaterThanOrEqual(1000);
    const ratio = big.ms / Math.max(small.ms, 1);
    console.log(`${rel}: 100 cards ${Math.round(small.ms)} ms, 1000 cards ${Math.round(big.ms)} ms (×${ratio.toFixed(1)})`);
    // Linear is ×10; quadratic would be ×100.
    expect(ratio).toBeLessThan(30);
  }, 120_000);
});
