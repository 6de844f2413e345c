import { describe, expect, it } from 'vitest';
import { parseInitialState } from '../../../lib/sites/2gis';
import { idsOfPlaceUrl } from '../../../lib/sites/google';
import { clean, cityFromAddress, cityFromRussianAddress, decodeBase64, isPhoneShaped, telNumber, uniquePhones } from '../../../lib/sites/util';
import { adapterFor, scanDocument } from '../../../lib/sites';
import { parsePage } from './helpers';

describe('sites/util', () => {
  it('tells phone lines from ratings, dates, prices and cut numbers', () => {
    for (const s of ['(206) 386-4636', '+7 (495) 708‒31‒12', '22 783333', '8 800 555-35-35', '+1 971-555-0199'])
      expect(isPhoneShaped(s), s).toBe(true);
    for (const s of ['4.7', '(1,856)', '12.03.2024', '192.168.100.254', '1 500 000 ₽', '8 (901) 246-19...', '8 (901) 246-19…', 'Позвонить', '1000 4th Ave'])
      expect(isPhoneShaped(s), s).toBe(false);
  });

  it('collapses the same number written twice and drops cut prefixes', () => {
    expect(uniquePhones(['+7 (495) 708-31-12', '+74957083112', '8 495 708-31-12'])).toEqual(['+7 (495) 708-31-12']);
    expect(uniquePhones(['8 (901) 246-19', '8 (901) 246-19-90'])).toEqual(['8 (901) 246-19-90']);
  });

  it('reads tel: hrefs', () => {
    expect(telNumber('tel:+7%20495%20708-31-12')).toBe('+7 495 708-31-12');
    expect(telNumber('tel:+78124565045,216')).toBe('+78124565045 доб. 216');
    expect(telNumber('https://example.com')).toBe('');
  });

  it('finds the city of Western addresses', () => {
    expect(cityFromAddress('Stasandrou 10, Nicosia 1060')).toBe('Nicosia');
    expect(cityFromAddress('1000 4th Ave, Seattle, WA 98104')).toBe('Seattle');
    expect(cityFromAddress('Hauptstraße 12, 10827 Berlin')).toBe('Berlin');
    expect(cityFromAddress('1000 4th Ave')).toBeUndefined();
  });

  it('decodes base64 and base64url to UTF-8', () => {
    expect(decodeBase64('KzcgKDQ5NSkgNTAwLTU1LTUw')).toBe('+7 (495) 500-55-50');
    expect(decodeBase64(btoa(unescape(encodeURIComponent('Москва'))).replace(/=+$/, ''))).toBe('Москва');
    expect(decodeBase64('not base64!')).toBeUndefined();
  });
});

describe('cityFromRussianAddress', () => {
  it.each([
    ['ул. Ермака, 43, Иваново', 'Иваново'],
    ['Литейный просп., 5/19, Санкт-Петербург', 'Санкт-Петербург'],
    ['Фарватерная ул., 4, Выборг', 'Выборг'],
    ['Россия, Ленинградская область, Выборг, Фарватерная улица, 4', 'Выборг'],
    ['Россия, Санкт-Петербург, Литейный проспект, 5/19', 'Санкт-Петербург'],
    ['123112, город Москва, Пресненская набережная, дом 10', undefined],
    ['Тверская, 22', undefined],
    ['Большая Никитская улица, 13/6с1', undefined],
    ['Лесной пр., 1, д. Овраги', undefined],
    ['Россия, Ленинградская область, Приозерский район, посёлок Беличье', undefined],
    ['Широкая ул., 13, корп. 4, Москва', 'Москва'],
    ['ул. Мусоргского, 1Б, Москва, эт. 2', 'Москва'],
    ['Молодогвардейская ул., 45, Москва, этаж 1', 'Москва'],
  ])('%s → %s', (address, city) => {
    expect(cityFromRussianAddress(address)).toBe(city);
  });
});

describe('2gis initialState', () => {
  it('parses JSON.parse(\'…\') literals with escapes and plain object literals', () => {
    expect(parseInitialState(`var initialState = JSON.parse('{"a":"\\u041a\\\\"q\\\\"","b":[1]}');`)).toEqual({ a: 'К"q"', b: [1] });
    expect(parseInitialState(`window.initialState = {"a":{"b":"}"}}; var x = 1;`)).toEqual({ a: { b: '}' } });
    expect(parseInitialState(`var initialState = JSON.parse('{broken');`)).toBeUndefined();
    expect(parseInitialState('var other = 1;')).toBeUndefined();
  });
});

describe('google place ids', () => {
  it('prefers the place id, then the feature id, then the cid', () => {
    expect(idsOfPlaceUrl('/maps/place/X/data=!4m7!3m6!1s0x1:0x2!8m2!19sChIJ55fLWVtBkFQR0v31eadEoLM?hl=en').siteId).toBe('ChIJ55fLWVtBkFQR0v31eadEoLM');
    expect(idsOfPlaceUrl('/maps/place/X/@1,2,17z/data=!4m6!3m5!1s0x14de1786bd2659b9:0xb7f6e65826fa9ddb!8m2').siteId).toBe('0x14de1786bd2659b9:0xb7f6e65826fa9ddb');
    expect(idsOfPlaceUrl('https://maps.google.com/?cid=13183146372011375323').siteId).toBe('cid:13183146372011375323');
  });
});

describe('zoon city', () => {
  it('comes from the old city subdomain as well as the path', () => {
    const html = `<ul><li class="minicard-item"><div data-uitest="org-item-block"><h2><a data-uitest="org-link" href="/medical/klinika/">Клиника</a></h2></div></li></ul>`;
    for (const url of ['https://spb.zoon.ru/medical/', 'https://zoon.ru/spb/medical/']) {
      const [l] = scanDocument(adapterFor(new URL(url))!, parsePage(html, url), url);
      expect(l?.data.city, url).toBe('Санкт-Петербург');
    }
  });
});

describe('clean', () => {
  it('drops zero-width characters but keeps the joiners that hold emoji sequences together', () => {
    expect(clean('Ка\u200Bфе\u200D Зе\uFEFFро\u200C')).toBe('Кафе Зеро');
    expect(clean('☕ Кофе 🏳️‍🌈 и 👨‍👩‍👧 семья')).toBe('☕ Кофе 🏳️‍🌈 и 👨‍👩‍👧 семья');
  });
});
