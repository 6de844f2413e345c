import { describe, expect, it } from 'vitest';
import { addressKey, cityFromAddress, cityKey } from '../../../lib/match/address';
import { companyKeys, listingKeys } from '../../../lib/match/keys';
import { ListingData } from '../../../lib/model/listing';
import { describeReal, readRealJson, type TwoGisComponent, type ZoonItem } from './fixtures';

/** Address key with the city taken from the address, as listingKeys does. */
const ak = (a: string) => addressKey(a, cityFromAddress(a));

describe('addressKey: two spellings, one key', () => {
  const same: Array<[string, string]> = [
    ['Москва, Никольская, 25', 'г. Москва, ул. Никольская, д. 25'],
    ['Москва, Никольская, 25', 'Россия, 109012, г. Москва, улица Никольская, дом 25'],
    ['Москва, Никольская, 25', 'г. Москва ул. Никольская д. 25'],
    ['Москва, Никольская, 25', 'Никольская ул., д. 25, Москва'],
    ['Москва, Смоленский бульвар, 3-5 ст А', 'г. Москва, Смоленский б-р, д. 3-5, стр. А'],
    ['Москва, Маршала Жукова проспект, 27', 'Москва, пр-т Маршала Жукова, д.27'],
    ['Москва, Маршала Жукова проспект, 27', 'Москва, просп. Маршала Жукова, 27'],
    ['Москва, Рубцовская Набережная, 2 к1', '115035, Россия, г. Москва, Рубцовская наб., д. 2, корп. 1'],
    ['Москва, Большая Дмитровка, 23 ст1', 'Москва, ул. Большая Дмитровка, д. 23, строение 1'],
    ['Москва, Дмитровское шоссе, 98', 'Москва, Дмитровское ш., 98'],
    ['Москва, ПОКРОВКА, 20/1', 'москва, покровка, 20/1'],
    ['Санкт-Петербург, Муринская дорога, 68 к2', 'Санкт-Петербург, Муринская дорога, 68, корп. 2, 1\u00a0этаж'],
    ['Санкт-Петербург, Пискарёвский проспект, 163 ст1', 'Санкт-Петербург, Пискаревский пр., д. 163, стр. 1, 1—3 этаж'],
    ['Ленинградская область, Мурино, Новая улица, 7к3', 'Мурино, Новая, 7 к3'],
    ['Ленинградская область, Всеволожский район, Мурино, улица Шоссе в Лаврики, 68к2', 'Мурино, шоссе в Лаврики, 68 к2'],
    ['Москва, 2-я Тверская-Ямская, 10', 'Москва, 2-ая Тверская-Ямская ул., д. 10'],
    ['1000 4th Ave, Seattle, WA 98104', '1000 4th Avenue, Seattle, WA 98104'],
  ];
  it.each(same)('%s ≡ %s', (a, b) => {
    expect(ak(a)).toBeDefined();
    expect(ak(a)).toBe(ak(b));
  });

  it('gives readable keys', () => {
    expect(ak('Москва, Никольская, 25')).toBe('никольская 25');
    expect(ak('Москва, Смоленский бульвар, 3-5 ст А')).toBe('бул смоленский 3 5 с а');
    expect(ak('Stasandrou 10, Nicosia 1060')).toBe('stasandrou 10');
  });
});

describe('addressKey: different addresses differ', () => {
  const different: Array<[string, string]> = [
    ['Москва, Никольская, 25', 'Москва, Никольская, 23'],
    ['Москва, Никольская, 25', 'Москва, Мясницкая, 25'],
    ['Мурино, Новая, 7 к3', 'Мурино, Новая, 7 к4'],
    ['Москва, Тверская, 18 к1', 'Москва, Тверская, 18'],
    ['Москва, Смоленский бульвар, 3', 'Москва, Смоленский переулок, 3'],
  ];
  it.each(different)('%s ≠ %s', (a, b) => {
    expect(ak(a)).not.toBe(ak(b));
  });

  it('is undefined for nothing', () => {
    expect(addressKey(undefined)).toBeUndefined();
    expect(addressKey('')).toBeUndefined();
    expect(addressKey('Россия')).toBeUndefined();
  });
});

describe('cityKey / cityFromAddress', () => {
  it('reads a city named like an object property as a city (the fuzz test found "constructor")', () => {
    expect(cityKey('Constructor')).toBe('constructor');
    expect(cityKey('toString')).toBe('tostring');
    expect(addressKey('Ленина, 1', cityKey('constructor'))).toBe(addressKey('Ленина, 1', 'constructor'));
  });
  it('folds prefixes, case, ё and aliases', () => {
    expect(cityKey('г. Москва')).toBe('москва');
    expect(cityKey('город Москва')).toBe('москва');
    expect(cityKey('МОСКВА')).toBe('москва');
    expect(cityKey('Санкт-Петербург')).toBe('санкт петербург');
    expect(cityKey('СПб')).toBe('санкт петербург');
    expect(cityKey('д. Новое Девяткино')).toBe('новое девяткино');
    expect(cityKey('пос. Парголово')).toBe('парголово');
    expect(cityKey('Королёв')).toBe('королев');
    expect(cityKey('Nicosia 1060')).toBe('nicosia');
    expect(cityKey('')).toBeUndefined();
  });
  it('finds the city in an address', () => {
    expect(cityFromAddress('Москва, Никольская, 25')).toBe('москва');
    expect(cityFromAddress('г. Москва, ул. Никольская, д. 25')).toBe('москва');
    expect(cityFromAddress('г. Москва ул. Никольская д. 25')).toBe('москва');
    expect(cityFromAddress('Ленинградская область, Всеволожский район, Мурино, Новая улица, 7к3')).toBe('мурино');
    expect(cityFromAddress('115035, Россия, г. Москва, Рубцовская наб., д. 2')).toBe('москва');
    expect(cityFromAddress('1000 4th Ave, Seattle, WA 98104')).toBe('seattle');
    expect(cityFromAddress('Stasandrou 10, Nicosia 1060')).toBe('nicosia');
    expect(cityFromAddress('Никольская, 25')).toBeUndefined();
  });
});

describe('listingKeys', () => {
  const kampus = ListingData.parse({
    directory: '2gis',
    name: 'Кампус, кафе-бар',
    phones: ['+7 (495) 708‒31‒12', 'tel:+74957083112', '8 (495) 708-31-12 доб. 5', 'Показать телефон'],
    website:
      'http://link.2gis.ru/1.2/600FAE59/online/20201101/project32/70000001036132609/null/tugfgi98158H3?http://campus2020.ru',
    address: 'Москва, Смоленский бульвар, 3-5 ст А',
    siteId: '70000001036132609',
    inn: 'ИНН 7707083893',
    ogrn: '1027700132195',
  });

  it('builds every key', () => {
    expect(listingKeys(kampus)).toEqual({
      phones: ['+74957083112'],
      phoneEntries: ['+74957083112', '+74957083112;ext=5'],
      inn: '7707083893',
      ogrn: '1027700132195',
      domain: 'campus2020.ru',
      nameKey: 'кампус',
      addressKey: 'бул смоленский 3 5 с а',
      cityKey: 'москва',
      siteKey: '2gis:70000001036132609',
    });
  });

  it('prefers the city field and leaves out what is missing or invalid', () => {
    const keys = listingKeys(
      ListingData.parse({
        directory: 'google',
        name: 'Tipsy Sticks',
        phones: ['22783333'],
        city: 'Nicosia',
        inn: '7707083894',
        website: 'https://www.instagram.com/tipsy',
      }),
      'CY',
    );
    expect(keys).toEqual({ phones: ['+35722783333'], phoneEntries: ['+35722783333'], nameKey: 'tipsy sticks', cityKey: 'nicosia' });
  });

  it('splits a phone field that holds several numbers', () => {
    const keys = listingKeys(
      ListingData.parse({ directory: 'generic', name: 'X', phones: ['+7 (812) 645-03-57, +7 (812) 645-03-56'] }),
    );
    expect(keys.phones).toEqual(['+78126450357', '+78126450356']);
  });
});

describe('companyKeys', () => {
  it('reads stored phones with extensions and derives missing keys', () => {
    const keys = companyKeys({
      name: 'ООО «Кампус»',
      nameKey: '',
      phones: ['+74957083112;ext=5', '+74957083112', '+79161234567'],
      siteKeys: ['2gis:70000001036132609'],
      domain: 'campus2020.ru',
      address: 'г. Москва, Смоленский б-р, д. 3-5, стр. А',
    });
    expect(keys).toEqual({
      phones: ['+74957083112', '+79161234567'],
      phoneEntries: ['+74957083112;ext=5', '+74957083112', '+79161234567'],
      nameKey: 'кампус',
      siteKeys: ['2gis:70000001036132609'],
      domain: 'campus2020.ru',
      addressKey: 'бул смоленский 3 5 с а',
      cityKey: 'москва',
    });
  });
});

describeReal('keys of real listings', () => {
  it('2GIS: the "Кампус" firm page', () => {
    const c = readRealJson<{ components: Array<TwoGisComponent & { 'json.geoAlternativeUrls': string[] }> }>(
      '2gis/firm_kampus_2020.expected.json',
    ).components[0]!;
    const keys = listingKeys(
      ListingData.parse({
        directory: '2gis',
        name: c['text.title'],
        phones: [c['text.organizationPhone']],
        website: c['json.geoAlternativeUrls'][0],
        address: c['text.organizationAddress'],
        siteId: c.componentUrl.pageUrl.split('/').pop(),
      }),
    );
    expect(keys).toMatchObject({
      phones: ['+74957083112'],
      domain: 'campus2020.ru',
      nameKey: 'кампус',
      cityKey: 'москва',
      addressKey: 'бул смоленский 3 5 с а',
      siteKey: '2gis:70000001036132609',
    });
  });

  it('2GIS search: every address has a city and an address key', () => {
    const cs = readRealJson<{ components: TwoGisComponent[] }>('2gis/moscow_cafe_search_2020.expected.json').components;
    for (const c of cs) {
      const k = listingKeys(ListingData.parse({ directory: '2gis', name: c['text.title'], address: c['text.organizationAddress'] }));
      expect(k.cityKey).toBe('москва');
      expect(k.addressKey).toMatch(/\d/);
    }
    const yasmin = cs.find((c) => c['text.title'].startsWith('Ясмин'))!;
    expect(ak(yasmin['text.organizationAddress'])).toBe(ak('г. Москва, пр-т Маршала Жукова, д. 27'));
  });

  it('zoon: every listing gets phones, a city and an address key', () => {
    const items = readRealJson<ZoonItem[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
    for (const i of items) {
      const k = listingKeys(
        ListingData.parse({
          directory: 'zoon',
          name: i.item_name,
          phones: i.item_phone_list ?? [],
          address: i.item_address,
          website: i.item_site ?? undefined,
          url: i.item_url,
        }),
      );
      expect(k.phones.length).toBe(new Set((i.item_phone_list ?? []).map((p) => p.split(',')[0])).size);
      expect(k.cityKey, i.item_address).toBeTruthy();
      expect(k.addressKey, i.item_address).toMatch(/\d/);
    }
    // The same "Медвежий стан" branch spelled by zoon and by a 2GIS-style card.
    const bear = items.find((i) => i.item_address.includes('Скандинавский проезд'))!;
    expect(ak(bear.item_address)).toBe(ak('Мурино, Скандинавский пр-д, 4 к2'));
  });
});
