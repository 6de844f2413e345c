/**
 * Collecting a directory page into the base (issue 8): the real pages of
 * ../shared/fixtures/real read by their adapters, as the overlay reads them,
 * then collected through the background's handlers (the protocol's own path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sanitizeListing } from '../../../lib/detect/sanitize';
import { collectListings } from '../../../lib/io/collect';
import { createCollectModes } from '../../../lib/io/collect-mode';
import { createHandlers } from '../../../lib/messages/handlers';
import type { ListingData } from '../../../lib/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { adapterFor, scanDocument } from '../../../lib/sites';
import { logCall } from '../../../lib/store/calls';
import { lookupListings } from '../../../lib/store/companies';
import type { Db } from '../../../lib/store/schema';
import { SYNC_STORES, writeMeta } from '../../../lib/store/sync-log';
import { parsePage } from '../sites/helpers';
import { freshDb, listing } from '../store/helpers';

const REAL = path.resolve(import.meta.dirname, '../../../../shared/fixtures/real');
const present = fs.existsSync(REAL);
if (!present) console.log(`collect: real-page tests skipped, ${REAL} is absent`);

const NOW = new Date('2026-06-15T12:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const settings: Settings = { ...DEFAULT_SETTINGS, managerName: 'Анна' };
const ctx = { defaultCountry: 'RU' as const, industryOf: () => undefined, now: NOW.toISOString() };

/** The listings of a real page, as the detector hands them over (sanitised). */
function pageListings(rel: string, url: string): ListingData[] {
  const u = new URL(url);
  const found = scanDocument(adapterFor(u)!, parsePage(fs.readFileSync(path.join(REAL, rel), 'utf8'), url), u);
  return found.map((f) => sanitizeListing(f.data)).filter((l): l is ListingData => !!l);
}

function handlersFor(db: Db, announce = vi.fn(async () => {})) {
  const collectModes = createCollectModes();
  return { handlers: createHandlers({ db: async () => db, settings: async () => settings, announce, collectModes }), announce, collectModes };
}

const fromPopup = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const fromPage = (tabId: number, url: string) => ({ id: 'ext', url, tab: { id: tabId } as never });

describe.skipIf(!present)('collecting a real page', () => {
  it('zoon, 76 kindergartens: add all makes one prospect per listing, with the page\'s data and source; again adds nothing', async () => {
    const listings = pageListings('zoon/spb_kindergartens_list_2024.html', 'https://zoon.ru/spb/kindergarten/');
    expect(listings).toHaveLength(76);
    const db = await freshDb();
    const { handlers, announce } = handlersFor(db);
    const first = await handlers.collect({ listings }, fromPopup);
    // Seven phone numbers are shared by chains' branches (five Эрудит kindergartens on one number):
    // those listings are one company each, with every branch as a source, as their badges match them.
    expect(first).toEqual({ created: 66, sourced: 0, known: 0, repeats: 10, uncertain: 0 });
    expect(await db.count('companies')).toBe(66);
    expect(await db.count('calls')).toBe(0);
    expect(announce).toHaveBeenCalledTimes(1);

    const companies = await db.getAll('companies');
    for (const c of companies) {
      expect(c).toMatchObject({ status: 'new', callCount: 0 });
      for (const source of c.sources) {
        expect(source).toMatchObject({ directory: 'zoon', firstSeen: NOW.toISOString() });
        expect(source.url).toMatch(/^https:\/\/zoon\.ru\//);
      }
    }
    expect(companies.reduce((n, c) => n + c.sources.length, 0)).toBe(76);
    // What the page shows is what the company carries.
    const sample = listings.find((l) => l.phones.length && l.address)!;
    const stored = companies.find((c) => c.name === sample.name && c.siteKeys.includes(`zoon:${sample.siteId}`))!;
    expect(stored.phones.length).toBeGreaterThan(0);
    expect(stored.address).toBe(sample.address);
    // Every badge now finds its own company.
    const looked = await lookupListings(db, listings, { defaultCountry: 'RU', staleAfterDays: 180, now: NOW });
    expect(looked.every((r) => r.match === 'exact')).toBe(true);
    expect(new Set(looked.map((r) => r.company!.id)).size).toBe(66);
    // One company per listing: each listing's id is in exactly one company.
    const holders = listings.map((l) => companies.filter((c) => c.siteKeys.includes(`zoon:${l.siteId}`)).length);
    expect(holders.every((n) => n === 1)).toBe(true);
    const erudit = companies.filter((c) => c.phones.includes('+78124484777'));
    expect(erudit).toHaveLength(1);
    expect(erudit[0]!.sources).toHaveLength(5);

    const again = await handlers.collect({ listings }, fromPopup);
    expect(again).toEqual({ created: 0, sourced: 0, known: 76, repeats: 0, uncertain: 0 });
    expect(await db.count('companies')).toBe(66);
  });

  it('2GIS 2020, 12 cafés: the category becomes the rubric, mapped to an industry', async () => {
    const listings = pageListings('2gis/moscow_cafe_search_2020.html', 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5');
    const db = await freshDb();
    const { handlers } = handlersFor(db);
    expect(await handlers.collect({ listings }, fromPopup)).toMatchObject({ created: 12 });
    const companies = await db.getAll('companies');
    const withRubric = companies.filter((c) => c.rubric);
    expect(withRubric.length).toBeGreaterThan(6);
    // Cafés are catering by the shipped keywords (lib/model/industry.ts), the main rubric first:
    // "Кафе, Доставка готовых блюд" is a café that delivers, not a delivery firm.
    const cafes = companies.filter((c) => c.rubric?.startsWith('Кафе'));
    expect(cafes.length).toBeGreaterThan(1);
    expect(cafes.every((c) => c.industry === 'Общепит')).toBe(true);
    expect(companies.every((c) => c.sources[0]!.directory === '2gis' && c.siteKeys[0]!.startsWith('2gis:'))).toBe(true);
  });
});

describe('collecting: duplicates and uncertain matches', () => {
  it('a listing that is a company of the base is not added twice: its sources gain this directory', async () => {
    const db = await freshDb();
    const { company } = await logCall(db, { listing: listing() }, { outcome: 'refused', reason: 'дорого' }, 'RU');
    // The same café on zoon: same phone, another directory.
    const onZoon = listing({ directory: 'zoon', siteId: 'kampus-bar', url: 'https://zoon.ru/msk/restaurants/kampus/', name: 'Кампус' });
    const r = await collectListings(db, [onZoon, listing({ name: 'Новая кофейня', phones: ['+7 495 111-22-33'], website: undefined, siteId: '42', url: 'https://2gis.ru/moscow/firm/42' })], ctx);
    expect(r).toMatchObject({ created: 1, sourced: 1, known: 0, uncertain: 0 });
    const stored = (await db.get('companies', company.id))!;
    expect(stored.sources.map((s) => s.directory)).toEqual(['2gis', 'zoon']);
    expect(stored.siteKeys).toContain('zoon:kampus-bar');
    // Its status and calls are as they were.
    expect(stored).toMatchObject({ status: 'refused', callCount: 1 });
    expect(await db.count('companies')).toBe(2);
    // Seen again: nothing new to learn.
    expect(await collectListings(db, [onZoon], ctx)).toMatchObject({ created: 0, sourced: 0, known: 1 });
  });

  it('a name-only match is left for the user; the same listing twice on a page is one company', async () => {
    const db = await freshDb();
    await logCall(db, { listing: listing({ directory: 'manual', siteId: undefined, url: undefined, phones: [], website: undefined }) }, { outcome: 'no_answer' }, 'RU');
    const sameName = listing({ directory: 'zoon', siteId: 'x1', phones: [], website: undefined, address: 'Тверская, 5' });
    const twice = listing({ name: 'Пекарня', phones: ['+7 495 555-66-77'], website: undefined, siteId: '9', url: 'https://2gis.ru/moscow/firm/9' });
    const r = await collectListings(db, [sameName, twice, { ...twice }], ctx);
    expect(r).toMatchObject({ created: 1, uncertain: 1, repeats: 1 });
    expect(await db.count('companies')).toBe(2);
  });

  it('two collects at once (the button and collect mode) create each listing once', async () => {
    const db = await freshDb();
    const l = listing();
    const [a, b] = await Promise.all([collectListings(db, [l], ctx), collectListings(db, [l], ctx)]);
    expect(a.created + b.created).toBe(1);
    expect(await db.count('companies')).toBe(1);
  });

  it('in a team, collected companies are queued for the server', async () => {
    const db = await freshDb();
    const tx = db.transaction([...SYNC_STORES], 'readwrite');
    await writeMeta(tx, 'session', { serverUrl: 'http://127.0.0.1:9', teamId: 't', teamName: 'T', memberId: 'm', role: 'manager', deviceId: 'd', token: 'x', managerName: 'Анна' });
    await tx.done;
    await collectListings(db, [listing(), listing({ name: 'Пекарня', phones: ['+7 495 555-66-77'], siteId: '9', website: undefined })], ctx);
    expect((await db.getAll('outbox')).map((e) => e.change.kind)).toEqual(['company', 'company']);
  });
});

describe('collect mode', () => {
  const ZOON = 'https://zoon.ru/spb/kindergarten/';
  const more = (i: number) => listing({ directory: 'zoon', name: `Детский сад №${i}`, phones: [`+7 812 555-00-${String(i).padStart(2, '0')}`], website: undefined, siteId: `ds-${i}`, url: `https://zoon.ru/spb/ds-${i}/` });

  it('switched on from the popup for a tab: that tab\'s pages keep adding, with a running count on the icon; off ends it', async () => {
    const db = await freshDb();
    const { handlers } = handlersFor(db);
    expect(await handlers.collectMode({ tabId: 7 }, fromPopup)).toEqual({ on: false, added: 0 });
    expect(await handlers.collectMode({ tabId: 7, on: true, host: 'zoon.ru' }, fromPopup)).toEqual({ on: true, added: 0 });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('0');

    // The tab's page asks, then sends what it finds as the user scrolls.
    expect(await handlers.collectMode({}, fromPage(7, ZOON))).toEqual({ on: true, added: 0 });
    const r1 = await handlers.collect({ listings: [more(1), more(2)] }, fromPage(7, ZOON));
    expect(r1).toMatchObject({ created: 2, mode: { on: true, added: 2 } });
    // Page 2 of the list, a new page load on the same site.
    const r2 = await handlers.collect({ listings: [more(2), more(3)] }, fromPage(7, 'https://zoon.ru/spb/kindergarten/page-2/'));
    expect(r2).toMatchObject({ created: 1, known: 1, mode: { on: true, added: 3 } });
    expect(await handlers.collectMode({ tabId: 7 }, fromPopup)).toEqual({ on: true, added: 3 });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('3');
    // Another tab is not collecting: its collect is a one-off, and counts nothing.
    expect(await handlers.collect({ listings: [more(4)] }, fromPage(8, ZOON))).toMatchObject({ created: 1, mode: { on: false, added: 0 } });

    expect(await handlers.collectMode({ tabId: 7, on: false }, fromPopup)).toEqual({ on: false, added: 0 });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
    expect(await handlers.collect({ listings: [more(5)] }, fromPage(7, ZOON))).toMatchObject({ mode: { on: false } });
  });

  it('ends when the tab goes to another site or closes; a page cannot switch it on', async () => {
    const db = await freshDb();
    const { handlers, collectModes } = handlersFor(db);
    // A page asking to switch it on only learns that it is off.
    expect(await handlers.collectMode({ on: true, tabId: 3 }, fromPage(3, ZOON))).toEqual({ on: false, added: 0 });
    expect(await handlers.collectMode({ tabId: 3 }, fromPopup)).toEqual({ on: false, added: 0 });

    await handlers.collectMode({ tabId: 3, on: true, host: 'zoon.ru' }, fromPopup);
    expect(await handlers.collectMode({}, fromPage(3, 'https://2gis.ru/moscow/search/кафе'))).toEqual({ on: false, added: 0 });
    expect(await handlers.collectMode({ tabId: 3 }, fromPopup)).toEqual({ on: false, added: 0 });

    await handlers.collectMode({ tabId: 3, on: true, host: 'zoon.ru' }, fromPopup);
    await collectModes.closed(3);
    expect(await handlers.collectMode({ tabId: 3 }, fromPopup)).toEqual({ on: false, added: 0 });
  });
});
