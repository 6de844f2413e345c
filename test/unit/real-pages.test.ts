/**
 * The adapters over real directory pages saved by other people
 * (../shared/fixtures/real, beside the checkout; see its README). Each page is
 * parsed once; every listing on it must be found with its right name, and
 * with its phones and website where the page shows them, and nothing else.
 *
 * Ground truth: the upstream expected/golden files where they apply; where
 * they hold data the list page does not show (zoon's detail-page phones and
 * sites), only what the page shows is checked; where they have no row for a
 * listing (nine of the ten Google cards), the values the page itself displays
 * are written out here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../lib/match/name';
import { ListingData } from '../../lib/model/listing';
import { GENERIC_ADAPTER, adapterFor, scanDocument } from '../../lib/sites';
import type { FoundListing } from '../../lib/sites';
import { logCall } from '../../lib/store/calls';
import { lookupListings } from '../../lib/store/companies';
import { domain, e164s, parsePage } from './sites/helpers';
import { freshDb } from './store/helpers';

const REAL = path.resolve(__dirname, '../../../shared/fixtures/real');
/** Parsing a 1 MB page in jsdom takes seconds, more on a busy machine. */
const LOAD_TIMEOUT = 120_000;
const present = fs.existsSync(REAL);
if (!present) {
  console.log(`real-pages: skipped, ${REAL} is absent (the shared real-page fixtures live beside the checkout)`);
}

function load(rel: string, url: string): FoundListing[] {
  const html = fs.readFileSync(path.join(REAL, rel), 'utf8');
  const u = new URL(url);
  const adapter = adapterFor(u);
  if (!adapter) throw new Error(`no adapter for ${url}`);
  return scanDocument(adapter, parsePage(html, url), u);
}

function json<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(REAL, rel), 'utf8')) as T;
}

const textOfAnchor = (f: FoundListing) => (f.anchor.textContent ?? '').replace(/\s+/g, ' ').trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function byName(found: FoundListing[], name: string): FoundListing {
  const hits = found.filter((f) => f.data.name === name);
  expect(hits, name).toHaveLength(1);
  return hits[0]!;
}

interface TwoGisComponent {
  componentUrl: { pageUrl: string };
  'text.title': string;
  'text.organizationAddress': string;
  'text.organizationPhone': string;
  'text.rubrics': string;
  'json.geoAlternativeUrls': string[];
}

describe.skipIf(!present)('real pages', () => {
  describe('2gis/moscow_cafe_search_2020.html', () => {
    let found: FoundListing[];
    let expected: TwoGisComponent[];
    beforeAll(() => {
      found = load('2gis/moscow_cafe_search_2020.html', 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5');
      expected = json<{ components: TwoGisComponent[] }>('2gis/moscow_cafe_search_2020.expected.json').components;
    }, LOAD_TIMEOUT);

    it('finds the 12 listings and nothing else', () => {
      expect(expected).toHaveLength(12);
      expect(found.map((f) => f.data.siteId).sort()).toEqual(
        expected.map((e) => /\/firm\/(\d+)/.exec(e.componentUrl.pageUrl)![1]).sort(),
      );
    });

    it('reads names, addresses and rubrics (from initialState, by firm id)', () => {
      for (const e of expected) {
        const id = /\/firm\/(\d+)/.exec(e.componentUrl.pageUrl)![1];
        const f = found.find((x) => x.data.siteId === id)!;
        expect(f.data.name).toBe(e['text.title']);
        expect(`${f.data.city}, ${f.data.address}`).toBe(e['text.organizationAddress']);
        expect(f.data.category).toBe(e['text.rubrics']);
        expect(f.data.url).toBe(`https://2gis.ru/moscow/firm/${id}`);
        expect(f.anchor.closest('a')?.getAttribute('href')).toContain(`/firm/${id}`);
        // List cards show no site (the ground truth has none either).
        expect(f.data.website).toBeUndefined();
      }
    });

    it('reads the only phones the list shows: two advertisers\u2019 tel: buttons', () => {
      // The upstream list-page truth leaves every phone empty; the page does
      // show these two numbers as call-to-action tel: links of the cards.
      const shown: Record<string, string[]> = {
        '70000001043837213': ['+79031845000'],
        '70000001044415052': ['+79689877555'],
      };
      for (const e of expected) expect(e['text.organizationPhone']).toBe('');
      for (const f of found) expect(e164s(f.data.phones, 'RU'), f.data.name).toEqual(shown[f.data.siteId!] ?? []);
    });
  });

  describe('2gis/firm_kampus_2020.html', () => {
    let found: FoundListing[];
    let e: TwoGisComponent;
    beforeAll(() => {
      found = load('2gis/firm_kampus_2020.html', 'https://2gis.ru/moscow/firm/70000001036132609');
      e = json<{ components: TwoGisComponent[] }>('2gis/firm_kampus_2020.expected.json').components[0]!;
    }, LOAD_TIMEOUT);

    it('finds the firm once, with phone, site and address', () => {
      expect(found).toHaveLength(1);
      const f = found[0]!;
      expect(f.data.name).toBe(e['text.title']);
      expect(f.anchor.localName).toBe('h1');
      expect(e164s(f.data.phones, 'RU')).toEqual(e164s([e['text.organizationPhone']], 'RU'));
      expect(domain(f.data.website)).toBe(e['json.geoAlternativeUrls'][0]);
      expect(`${f.data.city}, ${f.data.address}`).toBe(e['text.organizationAddress']);
      expect(f.data.siteId).toBe('70000001036132609');
    });
  });

  describe('zoon/spb_kindergartens_list_2024.html', () => {
    interface Row {
      item_name: string;
      item_url: string;
      item_phone_list: string[] | null;
    }
    let found: FoundListing[];
    let truth: Row[];
    beforeAll(() => {
      found = load('zoon/spb_kindergartens_list_2024.html', 'https://zoon.ru/spb/kindergarten/');
      truth = json<Row[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
    }, LOAD_TIMEOUT);

    const fold = (s: string) => foldText(s).replace(/№\s*/g, '№').replace(/\s+/g, ' ').trim();

    it('finds the 76 listings and nothing else', () => {
      expect(truth).toHaveLength(76);
      expect(found).toHaveLength(76);
      expect(found.map((f) => f.data.url).sort()).toEqual(truth.map((t) => t.item_url).sort());
    });

    it('names each as the list shows it (the detail page adds the kind: "Частный детский сад …")', () => {
      for (const f of found) {
        const t = truth.find((x) => x.item_url === f.data.url)!;
        expect(fold(t.item_name), f.data.name).toContain(fold(f.data.name));
        expect(f.data.city).toBe('Санкт-Петербург');
      }
    });

    it('reads the phone behind "Позвонить" (one per card, one of the detail page\u2019s)', () => {
      for (const f of found) {
        const t = truth.find((x) => x.item_url === f.data.url)!;
        // "+78124565045,216": a pause and an extension; the key is the number.
        const all = e164s((t.item_phone_list ?? []).map((p) => p.replace(/,\d+$/, '')), 'RU');
        const got = e164s(f.data.phones, 'RU');
        expect(got.length, f.data.name).toBe(all.length ? 1 : 0);
        for (const p of got) expect(all, f.data.name).toContain(p);
        for (const raw of f.data.phones ?? []) expect(raw).not.toMatch(/Позвонить/);
      }
    });
  });

  describe('google_maps/seattle_central_library_search_list.html', () => {
    // What the ten cards display (the golden set has a row for the first only).
    const shown: Array<[name: string, phone: string | null, site: string | null]> = [
      ['Seattle Public Library - Central Library', '(206) 386-4636', 'spl.org'],
      ['Friends of The Seattle Public Library', '(206) 733-9015', 'friendsofspl.org'],
      ['City University of Seattle Library', '(206) 239-4550', 'library.cityu.edu'],
      ['Central Library Parking', null, null],
      ['International District/Chinatown Branch - The Seattle Public Library', '(206) 386-1300', 'spl.org'],
      ['Queen Anne Branch - The Seattle Public Library', '(206) 386-4227', 'spl.org'],
      ['Capitol Hill Branch - The Seattle Public Library', '(206) 684-4715', 'spl.org'],
      ['Seattle Central College Library', '(206) 934-5421', 'libguides.seattlecentral.edu'],
      ["Howdy Y'all Coffee (Central Library)", null, 'howdyyallcoffee.com'],
      ['FriendShop in Seattle Central Library', '(206) 733-9015', 'friendsofspl.org'],
    ];
    let found: FoundListing[];
    let golden: string[][];
    beforeAll(() => {
      found = load(
        'google_maps/seattle_central_library_search_list.html',
        'https://www.google.com/maps/search/central+library/@47.6062,-122.3321,14z?hl=en',
      );
      golden = fs
        .readFileSync(path.join(REAL, 'google_maps/cocli_golden_set.usv'), 'utf8')
        .split(/\r?\n/)
        .filter(Boolean)
        .map((line) => line.split('\x1f'));
    }, LOAD_TIMEOUT);

    it('finds the 10 cards, 8 with a phone, and nothing else', () => {
      expect(found.map((f) => f.data.name).sort()).toEqual(shown.map((s) => s[0]).sort());
      expect(found.filter((f) => f.data.phones?.length).length).toBe(8);
      for (const [name, phone, site] of shown) {
        const f = byName(found, name);
        expect(e164s(f.data.phones, 'US'), name).toEqual(e164s(phone ? [phone] : [], 'US'));
        expect(domain(f.data.website), name).toBe(site);
        expect(f.data.siteId, name).toMatch(/^ChIJ/);
        expect(f.anchor.textContent?.trim()).toBe(name);
      }
    });

    it('matches the golden row for the Seattle Central Library', () => {
      const row = golden.find((r) => r[0] === 'Seattle Public Library - Central Library')!;
      expect(row).toBeDefined();
      const f = byName(found, row[0]!);
      expect(e164s(f.data.phones, 'US')).toEqual(e164s([row[2]!], 'US'));
      expect(domain(f.data.website)).toBe(row[3]);
      expect(f.data.siteId).toBe(row[4]);
    });
  });

  describe('google_maps/place_tipsy_sticks_nicosia_2023.html', () => {
    let found: FoundListing[];
    let e: Record<string, string>;
    beforeAll(() => {
      found = load(
        'google_maps/place_tipsy_sticks_nicosia_2023.html',
        'https://www.google.com/maps/place/Tipsy+Sticks/@35.1585396,33.3653799,15z/data=!4m6!3m5!1s0x14de1786bd2659b9:0xb7f6e65826fa9ddb!8m2!3d35.1673191!4d33.3635318!16s%2Fg%2F11s2qky8zp?authuser=0&hl=en',
      );
      e = json<Record<string, string>>('google_maps/place_tipsy_sticks_nicosia_2023.expected.json');
    }, LOAD_TIMEOUT);

    it('finds the place once, with phone, site, address and category', () => {
      expect(found).toHaveLength(1);
      const f = found[0]!;
      expect(f.data.name).toBe(e.Title);
      expect(f.anchor.localName).toBe('h1');
      expect(e164s(f.data.phones, 'CY')).toEqual(e164s([e.Phone!], 'CY'));
      expect(domain(f.data.website)).toBe(domain(e.WebSite));
      expect(f.data.address).toBe(e.Address);
      expect(f.data.category).toBe(e.Category);
      expect(f.data.city).toBe('Nicosia');
      expect(f.data.siteId).toBe('0x14de1786bd2659b9:0xb7f6e65826fa9ddb');
    });
  });

  describe('yellowpages/honolulu_day_spa_4cards_trimmed.html', () => {
    const shown: Array<[name: string, phone: string, site: string | null]> = [
      ['Honolulu Medspa', '(808) 528-0888', 'honolulumedspa.com'],
      ['Touch Mini Day Spa', '(808) 732-5456', 'touchminidayspa.localsearch.com'],
      ['Loess Spa', '(808) 841-3311', null],
      // Its "Website" button leads to another yellowpages listing: no site.
      ['Beautymed Therapy', '(808) 840-0556', null],
    ];
    let found: FoundListing[];
    beforeAll(() => {
      found = load(
        'yellowpages/honolulu_day_spa_4cards_trimmed.html',
        'https://www.yellowpages.com/search?search_terms=day+spa&geo_location_terms=Honolulu%2C+HI',
      );
    }, LOAD_TIMEOUT);

    it('finds the 4 cards with phones and sites, and nothing else', () => {
      expect(found.map((f) => f.data.name).sort()).toEqual(shown.map((s) => s[0]).sort());
      for (const [name, phone, site] of shown) {
        const f = byName(found, name);
        expect(e164s(f.data.phones, 'US'), name).toEqual(e164s([phone], 'US'));
        expect(domain(f.data.website), name).toBe(site);
        expect(f.data.city).toBe('Honolulu');
      }
    });
  });

  // The Yandex Maps list: 609 snippets of one chain's pick-up points, saved
  // while scrolling, so 171 of them repeat an organisation already above.
  // Each snippet on the page is a listing and gets its badge (the user sees
  // every one); a repeated organisation is the same listing again (same id,
  // same data), so both show the same status. 438 organisations in all.
  describe('yandex_maps/search_list_fragment_2023.html', () => {
    let found: FoundListing[];
    beforeAll(() => {
      found = load('yandex_maps/search_list_fragment_2023.html', 'https://yandex.ru/maps/213/moscow/search/Wildberries/');
    }, LOAD_TIMEOUT);

    it('finds all 609 snippets, one listing each, of 438 organisations', () => {
      expect(found).toHaveLength(609);
      expect(new Set(found.map((f) => f.root)).size).toBe(609);
      for (const f of found) expect(f.root.localName).toBe('li');
      expect(new Set(found.map((f) => f.data.siteId)).size).toBe(438);
    });

    it('names every branch, keyed by its organisation id, with its own address', () => {
      const addressOf = new Map<string, string>();
      for (const f of found) {
        expect(f.data.name).toBe('Wildberries');
        expect(textOfAnchor(f)).toBe('Wildberries');
        expect(f.data.category).toBe('Пункт выдачи');
        expect(f.data.phones ?? []).toEqual([]); // list snippets show no phone
        const id = f.data.siteId!;
        expect(f.root.querySelector('[data-id]')?.getAttribute('data-id')).toBe(id);
        expect(f.data.url).toBe(`https://yandex.ru/maps/org/wildberries/${id}/`);
        expect(f.data.address, id).toBeTruthy();
        // A repeated snippet reads the same; no two organisations share an address.
        if (addressOf.has(id)) expect(f.data.address).toBe(addressOf.get(id));
        addressOf.set(id, f.data.address!);
      }
      expect(new Set(addressOf.values()).size).toBe(438);
      // The list spans many cities: each address ends with its own.
      const kineshma = found.find((f) => f.data.address === 'ул. 50-летия Комсомола, 10А, Кинешма')!;
      expect(kineshma.data.city).toBe('Кинешма');
      expect(found.filter((f) => f.data.city === 'Москва').length).toBeGreaterThan(250);
      expect(new Set(found.map((f) => f.data.city)).size).toBeGreaterThan(40);
    });

    it('a call logged on one branch marks that branch only (and its repeats), not the chain', async () => {
      const db = await freshDb();
      const listings = found.map((f) => ListingData.parse(f.data));
      const branch = listings.find((l) => l.city === 'Москва')!;
      await logCall(db, { listing: branch }, { outcome: 'refused', reason: 'дорого' }, 'RU');
      const results = await lookupListings(db, listings, { defaultCountry: 'RU', staleAfterDays: 180 });
      results.forEach((r, i) => {
        const same = listings[i]!.siteId === branch.siteId;
        expect(r.match, `${listings[i]!.siteId} ${listings[i]!.address}`).toBe(same ? 'exact' : 'none');
      });
      expect(results.filter((r) => r.match === 'exact').length).toBe(listings.filter((l) => l.siteId === branch.siteId).length);
    }, LOAD_TIMEOUT);
  });

  describe('rusprofile/search_kirovsk_2020.html', () => {
    let found: FoundListing[];
    let inns: Array<{ INN: string }>;
    beforeAll(() => {
      found = load('rusprofile/search_kirovsk_2020.html', 'https://www.rusprofile.ru/search?query=%D0%BA%D0%B8%D1%80%D0%BE%D0%B2%D1%81%D0%BA&type=ul');
      inns = json<Array<{ INN: string }>>('rusprofile/search_kirovsk_2020.upstream_inn.json');
    }, LOAD_TIMEOUT);

    it('finds the 100 companies in page order, each with the upstream INN and an OGRN', () => {
      expect(inns).toHaveLength(100);
      expect(found.map((f) => f.data.inn)).toEqual(inns.map((i) => i.INN));
      for (const f of found) {
        expect(f.data.ogrn, f.data.name).toMatch(/^\d{13}$/);
        expect(f.data.name.length, f.data.inn).toBeGreaterThan(2);
        expect(textOfAnchor(f)).toBe(f.data.name);
        expect(f.anchor.getAttribute('href')).toMatch(/^(?:https:\/\/www\.rusprofile\.ru)?\/(?:id|ip)\/\d+/);
        expect(f.data.url).toBe(`https://www.rusprofile.ru/id/${f.data.siteId}`);
        expect(f.data.address, f.data.name).toBeTruthy();
        expect(f.data.phones ?? []).toEqual([]); // the list shows none
      }
      expect(new Set(found.map((f) => f.data.siteId)).size).toBe(100);
      expect(found[0]!.data).toMatchObject({ name: 'Администрация МО Кировский район Ленинградской области', ogrn: '1024701333040' });
    });
  });

  describe('rusprofile/company_internet_resheniya_2021.html', () => {
    let found: FoundListing[];
    let e: { Inn: string; Title: string };
    beforeAll(() => {
      found = load('rusprofile/company_internet_resheniya_2021.html', 'https://www.rusprofile.ru/id/2964458');
      e = json<{ Inn: string; Title: string }>('rusprofile/company_internet_resheniya_2021.expected.json');
    }, LOAD_TIMEOUT);

    it('finds the company once with INN, OGRN, name and its two real phones (not the masked ones)', () => {
      expect(found).toHaveLength(1);
      const f = found[0]!;
      expect(f.data.name).toBe(e.Title);
      expect(f.anchor.localName).toBe('h1');
      expect(f.data.inn).toBe(e.Inn);
      expect(f.data.ogrn).toBe('1027739244741');
      expect(e164s(f.data.phones, 'RU')).toEqual(e164s(['8 (800) 500-90-66', '+7 (495) 127-78-98'], 'RU'));
      for (const p of f.data.phones ?? []) expect(p).not.toMatch(/░/);
      expect(f.data.city).toBe('Москва');
      expect(f.data.category).toBe('Торговля розничная по почте или по информационно-коммуникационной сети Интернет (47.91)');
      expect(f.data.siteId).toBe('2964458');
    });
  });

  describe('2gis/moscow_carwash_search_2025.html', () => {
    let found: FoundListing[];
    beforeAll(() => {
      found = load('2gis/moscow_carwash_search_2025.html', 'https://2gis.ru/moscow/search/%D0%B0%D0%B2%D1%82%D0%BE%D0%BC%D0%BE%D0%B9%D0%BA%D0%B8');
    }, LOAD_TIMEOUT);

    it('finds the 12 firms, named, with the advertisers\u2019 tel: numbers', () => {
      const phones: Record<string, string[]> = {
        '70000001087023441': ['+79099995551'],
        '70000001060700675': ['+78007006034'],
        '70000001103967029': ['+79120639055'],
        '70000001080829981': ['+79774999199'],
      };
      expect(found).toHaveLength(12);
      expect(new Set(found.map((f) => f.data.siteId)).size).toBe(12);
      expect(found[0]!.data.name).toBe('Портал, роботизированная автомойка без щеток');
      for (const f of found) {
        expect(f.data.siteId, f.data.name).toMatch(/^\d{15,17}$/);
        expect(f.data.url).toMatch(new RegExp(`^https://2gis\\.ru/[a-z_-]+/firm/${f.data.siteId}$`));
        expect(f.anchor.closest('a')?.getAttribute('href'), f.data.name).toContain(`/firm/${f.data.siteId}`);
        expect(e164s(f.data.phones, 'RU'), f.data.name).toEqual(phones[f.data.siteId!] ?? []);
      }
      // One advertiser's card (CarWashPro) shows no address.
      expect(found.filter((f) => !f.data.address).map((f) => f.data.name)).toEqual(['CarWashPro, автомойка']);
    });
  });

  describe('google_maps/place_seattle_central_library_2026.html', () => {
    let found: FoundListing[];
    beforeAll(() => {
      found = load(
        'google_maps/place_seattle_central_library_2026.html',
        'https://www.google.com/maps/place/Seattle+Central+Library/@47.6067,-122.3325,17z/data=!3m1!4b1!4m6!3m5!1s0x5490415b59cb97e7:0xb3a044a779f5fdd2!8m2!3d47.6067!4d-122.3325?hl=en',
      );
    }, LOAD_TIMEOUT);

    it('finds the place once, with its one phone, site and address', () => {
      expect(found).toHaveLength(1);
      const f = found[0]!;
      expect(f.data.name).toBe('Seattle Public Library - Central Library');
      expect(f.anchor.localName).toBe('h1');
      // The button's label and its tel: are one number, listed once.
      expect(f.data.phones).toHaveLength(1);
      expect(e164s(f.data.phones, 'US')).toEqual(['+12063864636']);
      expect(domain(f.data.website)).toBe('spl.org');
      expect(f.data.address).toBe('1000 4th Ave, Seattle, WA 98104');
      expect(f.data.city).toBe('Seattle');
      expect(f.data.siteId).toBe('0x5490415b59cb97e7:0xb3a044a779f5fdd2');
    });
  });

  // Yandex web search: the organisation blocks. The upstream parser's data
  // beside each page has title, site, permalink and a snippet of address and
  // phones (its `<br/>`-separated lines).
  describe('yandex_search', () => {
    interface Org {
      permalink: string;
      title: string;
      view_url: string;
      rubrics: string;
      snippet: string;
    }
    const snippetLines = (o: Org) => o.snippet.split('<br/>').map((l) => l.trim());
    const upstreamPhones = (o: Org) => e164s(snippetLines(o).filter((l) => /^(?:\+7|8) \(\d{3}\)/.test(l)), 'RU');
    /** The page abbreviates and reorders ("Фарватерная ул., 4, Выборг"); each part's main word is in the upstream line. */
    const sameAddress = (shown: string | undefined, upstream: string) => {
      expect(shown, upstream).toBeTruthy();
      for (const part of shown!.split(',')) {
        const word = part.split(/\s+/).sort((a, b) => b.length - a.length)[0]!.replace(/\.$/, '');
        expect(upstream.toLowerCase(), shown).toContain(word.toLowerCase());
      }
    };
    const WIZARD = '[data-fast-name="companies"]';

    describe('hotels_with_pool_spb_desktop.html (the desktop carousel)', () => {
      let found: FoundListing[];
      let orgs: Org[];
      beforeAll(() => {
        found = load('yandex_search/hotels_with_pool_spb_desktop.html', 'https://yandex.ru/search/?text=%D0%BE%D1%82%D0%B5%D0%BB%D0%B8+%D1%81+%D0%B1%D0%B0%D1%81%D1%81%D0%B5%D0%B9%D0%BD%D0%BE%D0%BC+%D1%81%D0%BF%D0%B1&lr=2');
        orgs = json<Org[]>('yandex_search/hotels_with_pool_spb_data.json');
      }, LOAD_TIMEOUT);

      it('finds the 10 organisations of the list, in page order, and nothing else (no ads, web results, map)', () => {
        expect(orgs).toHaveLength(10);
        expect(found.map((f) => f.data.siteId)).toEqual(orgs.map((o) => o.permalink));
        for (const f of found) expect(f.root.closest(WIZARD), f.data.name).not.toBeNull();
      });

      it('reads name, site, phones, address and category of each', () => {
        for (const o of orgs) {
          const f = found.find((x) => x.data.siteId === o.permalink)!;
          expect(f.data.name).toBe(o.title);
          // The badge goes after the card's title line ("Аврора клуб 4*": the star class is not the name).
          expect(textOfAnchor(f)).toMatch(new RegExp(`^${escapeRe(o.title)}(?: [1-5]\\*)?$`));
          expect(domain(f.data.website), o.title).toBe(domain(o.view_url));
          // The card's state holds the first numbers of the organisation (upstream has them all).
          const phones = e164s(f.data.phones, 'RU');
          expect(phones.length, o.title).toBeGreaterThan(0);
          for (const p of phones) expect(upstreamPhones(o), o.title).toContain(p);
          expect(phones, o.title).toContain(upstreamPhones(o).find((p) => phones.includes(p)));
          sameAddress(f.data.address, snippetLines(o)[0]!);
          expect(f.data.category).toBe(o.rubrics);
          expect(f.data.url).toBe(`https://yandex.ru/maps/?ol=biz&oid=${o.permalink}`);
        }
      });
    });

    describe('hotels_with_pool_spb_short_touch.html (the touch list)', () => {
      let found: FoundListing[];
      let orgs: Org[];
      beforeAll(() => {
        found = load('yandex_search/hotels_with_pool_spb_short_touch.html', 'https://yandex.ru/search/touch/?text=%D0%BE%D1%82%D0%B5%D0%BB%D0%B8+%D1%81+%D0%B1%D0%B0%D1%81%D1%81%D0%B5%D0%B9%D0%BD%D0%BE%D0%BC+%D1%81%D0%BF%D0%B1&lr=2');
        orgs = json<Org[]>('yandex_search/hotels_with_pool_spb_short_data.json');
      }, LOAD_TIMEOUT);

      it('finds the 7 organisations, in page order, named by their links', () => {
        expect(orgs).toHaveLength(7);
        expect(found.map((f) => f.data.siteId)).toEqual(orgs.map((o) => o.permalink));
        for (const o of orgs) {
          const f = found.find((x) => x.data.siteId === o.permalink)!;
          expect(f.data.name).toBe(o.title);
          expect(f.anchor.localName).toBe('a');
          expect(f.root.closest(WIZARD)).not.toBeNull();
          sameAddress(f.data.address, snippetLines(o)[0]!);
          // The touch list shows no phone and no site (neither its markup nor its state has them).
          expect(f.data.phones ?? []).toEqual([]);
          expect(f.data.website).toBeUndefined();
        }
      });
    });

    describe('radisson_sonya_desktop.html (the single-organisation card)', () => {
      let found: FoundListing[];
      let org: Org;
      beforeAll(() => {
        found = load('yandex_search/radisson_sonya_desktop.html', 'https://yandex.ru/search/?text=radisson+sonya+%D1%81%D0%B0%D0%BD%D0%BA%D1%82-%D0%BF%D0%B5%D1%82%D0%B5%D1%80%D0%B1%D1%83%D1%80%D0%B3&lr=2');
        org = json<Org[]>('yandex_search/radisson_sonya_data.json')[0]!;
      }, LOAD_TIMEOUT);

      it('finds the organisation once (not its "similar hotels", nor the web results linking to Maps)', () => {
        expect(found).toHaveLength(1);
        const f = found[0]!;
        expect(f.data.siteId).toBe(org.permalink);
        expect(f.data.name).toBe(org.title);
        expect(textOfAnchor(f)).toBe(`${org.title} 4*`);
      });

      it('reads all seven phones behind "Показать", the site, the address and the category', () => {
        const f = found[0]!;
        expect(e164s(f.data.phones, 'RU')).toEqual(upstreamPhones(org));
        expect(upstreamPhones(org)).toHaveLength(7);
        expect(domain(f.data.website)).toBe(domain(org.view_url));
        sameAddress(f.data.address, snippetLines(org)[0]!);
        expect(f.data.city).toBe('Санкт-Петербург');
        expect(f.data.category).toBe(org.rubrics);
        expect(f.data.url).toBe('https://yandex.ru/maps/org/radisson_sonya_hotel_st_petersburg/1049713486/');
      });
    });
  });

  // Generic detection (for sites without an adapter) run over the same real
  // pages: it must find the cards that show a phone, named right, and no junk
  // (ratings, review counts, street numbers, prices are not phones).
  describe('generic detection over real list pages', () => {
    const cases: Array<[file: string, url: string, country: string, expected: Record<string, string>]> = [
      [
        'yellowpages/honolulu_day_spa_4cards_trimmed.html',
        'https://www.yellowpages.com/search?search_terms=day+spa',
        'US',
        {
          'Honolulu Medspa': '(808) 528-0888',
          'Touch Mini Day Spa': '(808) 732-5456',
          'Loess Spa': '(808) 841-3311',
          'Beautymed Therapy': '(808) 840-0556',
        },
      ],
      [
        'google_maps/seattle_central_library_search_list.html',
        'https://www.google.com/maps/search/central+library',
        'US',
        {
          'Seattle Public Library - Central Library': '(206) 386-4636',
          'Friends of The Seattle Public Library': '(206) 733-9015',
          'City University of Seattle Library': '(206) 239-4550',
          'International District/Chinatown Branch - The Seattle Public Library': '(206) 386-1300',
          'Queen Anne Branch - The Seattle Public Library': '(206) 386-4227',
          'Capitol Hill Branch - The Seattle Public Library': '(206) 684-4715',
          'Seattle Central College Library': '(206) 934-5421',
          'FriendShop in Seattle Central Library': '(206) 733-9015',
        },
      ],
    ];
    it.each(cases)('%s', (file, url, country, expected) => {
      const html = fs.readFileSync(path.join(REAL, file), 'utf8');
      const found = scanDocument(GENERIC_ADAPTER, parsePage(html, url), url, { defaultCountry: country });
      expect(found.map((f) => f.data.name).sort()).toEqual(Object.keys(expected).sort());
      for (const f of found) expect(e164s(f.data.phones, country), f.data.name).toEqual(e164s([expected[f.data.name]!], country));
    }, LOAD_TIMEOUT);
  });
});
