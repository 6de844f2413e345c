import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { adapterFor, scanDocument } from '../../lib/sites';
import { normalizePhone } from '../../lib/match/phone';

/** `npm start` opens this page: it must show its twelve companies to the 2GIS adapter, contacts included. */
describe('the bundled demo page', () => {
  it('is read by the 2GIS adapter: 12 listings with names, phones and websites', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const html = readFileSync(path.join(root, 'demo/2gis-search.html'), 'utf8');
    const url = 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5';
    const { window } = new JSDOM(html, { url });
    const adapter = adapterFor(new URL(url))!;
    expect(adapter.id).toBe('2gis');
    const found = scanDocument(adapter, window.document, new URL(url));
    expect(found).toHaveLength(12);
    expect(found[0]!.data).toMatchObject({ name: 'Кофейня Зерно, кофейня', city: 'Москва', siteId: '70000001000000001' });
    expect(found.every((f) => f.data.phones?.length === 1 && normalizePhone(f.data.phones[0]!)?.startsWith('+7495'))).toBe(true);
    expect(found.filter((f) => f.data.website).length).toBe(10);
    // The seed logs calls for listings that are on the page.
    const seed = JSON.parse(readFileSync(path.join(root, 'demo/seed.json'), 'utf8')) as Array<{ listing: { siteId: string } }>;
    const ids = new Set(found.map((f) => f.data.siteId));
    expect(seed.every((s) => ids.has(s.listing.siteId))).toBe(true);
  });
});
