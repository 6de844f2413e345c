import { describe, expect, it } from 'vitest';
import {
  extractPhones,
  formatPhone,
  normalizePhone,
  parsePhone,
  phoneEntry,
  splitPhoneEntry,
} from '../../../lib/match/phone';
import {
  describeReal,
  readCocliGolden,
  readReal,
  readRealJson,
  type TwoGisComponent,
  type ZoonItem,
} from './fixtures';

describe('parsePhone: Russian formats', () => {
  // 2GIS's "Кампус" (+7 (495) 708‒31‒12, figure dashes), zoon's kindergartens.
  const cases: Array<[string, string]> = [
    ['+7 (495) 708‒31‒12', '+74957083112'], // U+2012 figure dash, as 2GIS prints it
    ['+7 (495) 708–31–12', '+74957083112'], // en dash
    ['+7 (495) 708—31—12', '+74957083112'], // em dash
    ['+7 (495) 708-31-12', '+74957083112'],
    ['8 (495) 708-31-12', '+74957083112'],
    ['8 495 708 31 12', '+74957083112'],
    ['84957083112', '+74957083112'],
    ['7 495 708 31 12', '+74957083112'],
    ['74957083112', '+74957083112'],
    ['+74957083112', '+74957083112'],
    ['4957083112', '+74957083112'],
    ['+7\u00a0(495)\u00a0708-31-12', '+74957083112'], // no-break spaces
    ['+7\u202f495\u202f708\u202f31\u202f12', '+74957083112'], // narrow no-break spaces
    ['8.495.708.31.12', '+74957083112'],
    ['(495) 708-31-12', '+74957083112'],
    ['  +7 (495) 708-31-12  ', '+74957083112'],
    ['9813368246', '+79813368246'], // zoon: Мой малыш, 10-digit mobile
    ['8 (981) 336-82-46', '+79813368246'],
    ['+7 (812) 643-42-42', '+78126434242'], // zoon: Супер Дети
    ['8 800 775-60-47', '+78007756047'], // zoon: Sun School, toll free
    ['tel:+79119521139', '+79119521139'],
    ['tel:+7%20495%20708%2031%2012', '+74957083112'],
    ['TEL:+7-495-708-31-12', '+74957083112'],
    ['tel://84957083112', '+74957083112'],
  ];
  it.each(cases)('%s → %s', (raw, e164) => {
    expect(parsePhone(raw)).toEqual({ e164 });
    expect(normalizePhone(raw)).toBe(e164);
  });

  it('reads international prefixes 00 and 810', () => {
    expect(normalizePhone('00357 22 783333')).toBe('+35722783333');
    expect(normalizePhone('8 10 357 22 783333')).toBe('+35722783333');
  });
});

describe('parsePhone: extensions', () => {
  const cases: Array<[string, string, string]> = [
    ['+7 (495) 708-31-12 доб. 123', '+74957083112', '123'],
    ['8 495 708 31 12, доб. 123', '+74957083112', '123'],
    ['8 (495) 708-31-12 (доб. 45)', '+74957083112', '45'],
    ['+7 495 708-31-12 добавочный 7', '+74957083112', '7'],
    ['+7 495 708-31-12 вн. 204', '+74957083112', '204'],
    ['+7 495 708-31-12 ext. 12', '+74957083112', '12'],
    ['+7 495 708-31-12 ext 12', '+74957083112', '12'],
    ['+7 495 708-31-12 x12', '+74957083112', '12'],
    ['+7 495 708-31-12 #12', '+74957083112', '12'],
    ['(206) 386-4636 x 5', '+12063864636', '5'],
    ['tel:+74957083112;ext=55', '+74957083112', '55'],
    // zoon's own phone list writes the extension after a comma (a dialling pause)
    ['+78124565045,216', '+78124565045', '216'],
  ];
  it.each(cases)('%s', (raw, e164, ext) => {
    const defaultCountry = raw.startsWith('(206)') ? 'US' : 'RU';
    expect(parsePhone(raw, defaultCountry)).toEqual({ e164, ext });
    expect(normalizePhone(raw, defaultCountry)).toBe(e164);
  });
});

describe('parsePhone: things that are not phones', () => {
  const notPhones: Array<[string, string]> = [
    ['date', '12.03.2024'],
    ['ISO date', '2024-03-12'],
    ['date and time', '12.03.2024 14:30'],
    ['price', '1 500 ₽'],
    ['price in roubles', '12 500 руб.'],
    ['big price', '8 900 000 ₽'],
    ['IP address', '192.168.1.1'],
    ['IP address, long', '192.168.100.200'],
    ['order number', '№ 123456'],
    ['order number, 10 digits', '№ 9161234567'],
    ['postal code', '190000'],
    ['postal code with city', '190000, Санкт-Петербург'],
    ['INN', '7707083893'],
    ['INN with label', 'ИНН 7707083893'],
    ['OGRN', '1027700132195'],
    ['empty', ''],
    ['spaces', '   '],
    ['letters', 'Позвонить'],
    ['letters and digits', 'abc 495 708 31 12'],
    ['too short', '708-31-12'],
    ['too long', '+7 495 708 31 12 34'],
    ['unassigned Russian range', '+7 300 123-45-67'],
    ['Kazakh number written as a local one', '7001234567'],
    ['plus in the middle', '8 495 +708 31 12'],
    ['two numbers in one string', '+7 495 708-31-12, +7 495 708-31-13'],
    ['bad percent-encoding', 'tel:%E0%A4%A'],
  ];
  it.each(notPhones)('%s: %s', (_what, raw) => {
    expect(parsePhone(raw)).toBeNull();
    expect(normalizePhone(raw)).toBeNull();
  });

  it('with an unknown default country reads only international numbers', () => {
    expect(normalizePhone('+7 495 708-31-12', 'XX' as 'RU')).toBe('+74957083112');
    expect(normalizePhone('8 495 708-31-12', 'XX' as 'RU')).toBeNull();
  });

  it('does not take a non-string', () => {
    expect(parsePhone(undefined as unknown as string)).toBeNull();
  });
});

describe('parsePhone: other countries', () => {
  it('reads Cyprus numbers with CY default or a + prefix (Google Maps "Tipsy Sticks")', () => {
    expect(normalizePhone('22783333', 'CY')).toBe('+35722783333');
    expect(normalizePhone('+357 22 783333')).toBe('+35722783333');
    // with the Russian default an 8-digit number is nothing
    expect(normalizePhone('22783333')).toBeNull();
  });
  it('reads US numbers with US default or a + prefix (Google Maps golden set)', () => {
    expect(normalizePhone('(206) 386-4636', 'US')).toBe('+12063864636');
    expect(normalizePhone('(213) 473-0800', 'US')).toBe('+12134730800');
    expect(normalizePhone('+1 206-386-4636')).toBe('+12063864636');
    expect(normalizePhone('+1 206-386-4636', 'US')).toBe('+12063864636');
    // the Russian default does not guess a US number
    expect(normalizePhone('(206) 386-4636')).toBeNull();
  });
  it('accepts a Canadian number in national form with the US default (one numbering plan)', () => {
    expect(normalizePhone('(416) 364-0000', 'US')).toBe('+14163640000');
  });
  it('accepts a Kazakh number written with +7 or 8', () => {
    expect(normalizePhone('+7 701 234 5678')).toBe('+77012345678');
    expect(normalizePhone('8 701 234 5678')).toBe('+77012345678');
  });
});

describe('formatPhone', () => {
  it('formats for display', () => {
    expect(formatPhone('+74957083112')).toBe('+7 495 708-31-12');
    expect(formatPhone('+79813368246')).toBe('+7 981 336-82-46');
    expect(formatPhone('+78007756047')).toBe('+7 800 775-60-47');
    expect(formatPhone('+35722783333')).toBe('+357 22 783333');
    expect(formatPhone('+12063864636')).toBe('+1 206 386-4636');
  });
  it('shows a stored extension', () => {
    expect(formatPhone('+74957083112;ext=12')).toBe('+7 495 708-31-12 доб. 12');
  });
  it('returns what it cannot parse unchanged', () => {
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
  it('round-trips through parsePhone', () => {
    for (const e164 of ['+74957083112', '+35722783333', '+12063864636', '+78124565045']) {
      expect(normalizePhone(formatPhone(e164))).toBe(e164);
    }
  });
});

describe('phone entries', () => {
  it('write and read the stored ;ext= form', () => {
    expect(phoneEntry({ e164: '+74957083112', ext: '12' })).toBe('+74957083112;ext=12');
    expect(phoneEntry({ e164: '+74957083112' })).toBe('+74957083112');
    expect(splitPhoneEntry('+74957083112;ext=12')).toEqual({ e164: '+74957083112', ext: '12' });
    expect(splitPhoneEntry('+74957083112')).toEqual({ e164: '+74957083112' });
  });
});

describe('extractPhones', () => {
  it('finds phones in a contacts block, with positions and extensions', () => {
    const text = 'Тел.: +7 (495) 708-31-12, 8 916 123-45-67 доб. 12\nФакс: 8(812)643-42-42';
    const found = extractPhones(text);
    expect(found.map((p) => [p.e164, p.ext])).toEqual([
      ['+74957083112', undefined],
      ['+79161234567', '12'],
      ['+78126434242', undefined],
    ]);
    for (const p of found) expect(text.slice(p.index, p.index + p.raw.length)).toBe(p.raw);
    expect(found[0]!.raw).toBe('+7 (495) 708-31-12');
    expect(found[1]!.raw).toBe('8 916 123-45-67 доб. 12');
  });

  it('splits numbers that are separated only by spaces', () => {
    const found = extractPhones('Звоните 8 800 775-60-47 8 916 765 43 21');
    expect(found.map((p) => p.e164)).toEqual(['+78007756047', '+79167654321']);
  });

  it('finds phones after a label with no space ("тел.:+7…")', () => {
    expect(extractPhones('тел.:+74957083112').map((p) => p.e164)).toEqual(['+74957083112']);
    expect(extractPhones('Телефон:8(495)708-31-12').map((p) => p.e164)).toEqual(['+74957083112']);
  });

  it('does not read a row of small numbers as a phone', () => {
    expect(extractPhones('Места: 34 35 36 37 38')).toEqual([]);
    expect(extractPhones('1 2 3 4 5 6 7 8 9 10 11')).toEqual([]);
  });

  it('does not read a number glued to a time or a decimal', () => {
    expect(extractPhones('в 14:4957083112')).toEqual([]);
    expect(extractPhones('v1.4957083112')).toEqual([]);
  });

  it('finds nothing in requisites, dates, prices, IPs, order numbers, postal codes', () => {
    const text = [
      'ООО «Кампус», ИНН 7707083893, ОГРН 1027700132195, КПП 773601001',
      'ИНН: 500100732259 / ОГРНИП 304500116000157',
      'р/с 40702810938000000001, БИК 044525225',
      'Дата: 12.03.2024, обновлено 2024-03-12 14:30',
      'Цена 1 500 ₽, скидка до 8 900 000 руб., $ 4957083112',
      'Сервер 192.168.1.1 и 10.100.100.100',
      'Заказ № 9161234567, артикул 4957083112',
      'Индекс 190000, Санкт-Петербург',
      'https://example.ru/item/4957083112 и id=9161234567',
    ].join('\n');
    expect(extractPhones(text)).toEqual([]);
  });

  it('keeps a phone that stands beside requisites', () => {
    const text = 'ИНН 7707083893, тел. 8 (495) 708-31-12';
    expect(extractPhones(text).map((p) => p.e164)).toEqual(['+74957083112']);
  });

  it('reads other countries with their default', () => {
    expect(extractPhones('Call (206) 386-4636 today', 'US').map((p) => p.e164)).toEqual(['+12063864636']);
    expect(extractPhones('Tel: 22 783333', 'CY').map((p) => p.e164)).toEqual(['+35722783333']);
  });

  it('returns nothing for empty or non-string input', () => {
    expect(extractPhones('')).toEqual([]);
    expect(extractPhones(null as unknown as string)).toEqual([]);
  });
});

describeReal('phones from real directory data', () => {
  it('2GIS firm page: "Кампус" phone as the parser expects it', () => {
    const data = readRealJson<{ components: TwoGisComponent[] }>('2gis/firm_kampus_2020.expected.json');
    const phone = data.components[0]!['text.organizationPhone'];
    expect(phone).toContain('‒'); // the figure dashes are really there
    expect(normalizePhone(phone)).toBe('+74957083112');
    expect(formatPhone(normalizePhone(phone)!)).toBe('+7 495 708-31-12');
  });

  it('2GIS firm page: tel: links in the HTML parse to the same number', () => {
    const html = readReal('2gis/firm_kampus_2020.html');
    const tels = [...html.matchAll(/href="(tel:[^"]+)"/g)].map((m) => m[1]!);
    expect(tels.length).toBeGreaterThan(0);
    for (const t of tels) expect(normalizePhone(t)).toBe('+74957083112');
  });

  it('zoon: every scraped phone is valid and normalises to itself', () => {
    const items = readRealJson<ZoonItem[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
    const phones = items.flatMap((i) => i.item_phone_list ?? []);
    expect(phones.length).toBeGreaterThan(90);
    for (const p of phones) {
      const parsed = parsePhone(p);
      expect(parsed, p).not.toBeNull();
      expect(p.startsWith(parsed!.e164)).toBe(true);
    }
    expect(parsePhone('+78124565045,216')).toEqual({ e164: '+78124565045', ext: '216' });
  });

  it('zoon: tel: links of the list page equal the detail scrape', () => {
    const html = readReal('zoon/spb_kindergartens_list_2024.html');
    const fromHtml = new Set(
      [...html.matchAll(/href="(tel:[^"]+)"/g)].map((m) => normalizePhone(m[1]!)),
    );
    expect(fromHtml.has(null)).toBe(false);
    const items = readRealJson<ZoonItem[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
    const first = new Set(items.map((i) => i.item_phone_list?.[0]).filter(Boolean));
    const common = [...fromHtml].filter((p) => first.has(p!));
    expect(common.length).toBeGreaterThan(30);
  });

  it('Google Maps: Cyprus phone with CY default', () => {
    const exp = readRealJson<{ Phone: string }>('google_maps/place_tipsy_sticks_nicosia_2023.expected.json');
    expect(exp.Phone).toBe('22783333');
    expect(normalizePhone(exp.Phone, 'CY')).toBe('+35722783333');
    expect(normalizePhone(exp.Phone)).toBeNull();
  });

  it('Google Maps golden set: US phones with US default', () => {
    const rows = readCocliGolden();
    expect(rows.length).toBe(3);
    expect(rows.map((r) => normalizePhone(r.phone, 'US'))).toEqual([
      '+12134730800',
      '+12125357710',
      '+12063864636',
    ]);
  });

  /** Visible text of a saved page: scripts and styles out, tags to line breaks. */
  const pageText = (rel: string) =>
    readReal(rel)
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, '\n')
      .replace(/&nbsp;/g, '\u00a0');

  it('Google Maps Seattle list: exactly the 8 card phones are found in the page text', () => {
    const found = extractPhones(pageText('google_maps/seattle_central_library_search_list.html'), 'US');
    expect(found).toHaveLength(8);
    expect(found[0]).toMatchObject({ raw: '(206) 386-4636', e164: '+12063864636' });
    for (const p of found) expect(p.e164).toMatch(/^\+1206\d{7}$/);
  });

  it('Yellow Pages Honolulu cards: the four phones and nothing else', () => {
    const found = extractPhones(pageText('yellowpages/honolulu_day_spa_4cards_trimmed.html'), 'US');
    expect(found.map((p) => p.e164)).toEqual(['+18085280888', '+18087325456', '+18088413311', '+18088400556']);
  });

  it('Google Maps place page: the Cyprus phone and nothing else', () => {
    const found = extractPhones(pageText('google_maps/place_tipsy_sticks_nicosia_2023.html'), 'CY');
    expect(found.map((p) => p.e164)).toEqual(['+35722783333']);
  });

  it('2GIS pages: no false positives in the visible text (ids, coordinates, dates, prices)', () => {
    expect(extractPhones(pageText('2gis/firm_kampus_2020.html'))).toEqual([]);
    expect(extractPhones(pageText('2gis/moscow_cafe_search_2020.html'))).toEqual([]);
  });
});

describe('extractPhones: cost', () => {
  it('stays fast on a long run of space-separated numbers', () => {
    const text = Array.from({ length: 5000 }, (_, i) => String(i % 100)).join(' ');
    const t0 = performance.now();
    expect(extractPhones(text)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
