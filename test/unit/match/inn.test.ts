import { describe, expect, it } from 'vitest';
import {
  cleanInn,
  cleanOgrn,
  extractInn,
  extractOgrn,
  isValidInn,
  isValidOgrn,
} from '../../../lib/match/inn';

describe('isValidInn', () => {
  it('accepts real INNs', () => {
    expect(isValidInn('7707083893')).toBe(true); // Сбербанк
    expect(isValidInn('500100732259')).toBe(true); // a 12-digit (individual) INN
  });
  it('rejects a changed digit', () => {
    expect(isValidInn('7707083894')).toBe(false); // check digit
    expect(isValidInn('7707083993')).toBe(false); // body digit
    expect(isValidInn('500100732258')).toBe(false); // 12th check digit
    expect(isValidInn('500100732269')).toBe(false); // 11th check digit
  });
  it('rejects wrong shapes', () => {
    for (const s of ['', '770708389', '77070838931', '7707O83893', ' 7707083893', '0000000000', '000000000000']) {
      expect(isValidInn(s)).toBe(false);
    }
  });
});

describe('isValidOgrn', () => {
  it('accepts real OGRN and OGRNIP', () => {
    expect(isValidOgrn('1027700132195')).toBe(true); // Сбербанк
    expect(isValidOgrn('304500116000157')).toBe(true); // an OGRNIP
  });
  it('rejects a changed digit', () => {
    expect(isValidOgrn('1027700132196')).toBe(false);
    expect(isValidOgrn('1027700132295')).toBe(false);
    expect(isValidOgrn('304500116000158')).toBe(false);
  });
  it('rejects wrong shapes and first digits', () => {
    for (const s of ['', '102770013219', '10277001321950', '2027700132195', 'x027700132195', '104500116000157']) {
      expect(isValidOgrn(s)).toBe(false);
    }
  });
});

describe('extractInn / extractOgrn', () => {
  it('reads labelled numbers', () => {
    expect(extractInn('ИНН 7707083893')).toBe('7707083893');
    expect(extractInn('ИНН: 7707083893 / КПП 773601001')).toBe('7707083893');
    expect(extractInn('ИНН/КПП 7707083893/773601001')).toBe('7707083893');
    expect(extractInn('Реквизиты: инн\u00a0500100732259, ОГРНИП 304500116000157')).toBe('500100732259');
    expect(extractOgrn('ОГРН 1027700132195')).toBe('1027700132195');
    expect(extractOgrn('ОГРН: 1027700132195, ИНН 7707083893')).toBe('1027700132195');
    expect(extractOgrn('ОГРНИП 304500116000157')).toBe('304500116000157');
  });
  it('skips invalid numbers and takes the next valid one', () => {
    expect(extractInn('ИНН 7707083894')).toBeUndefined();
    expect(extractInn('ИНН 7707083894; ИНН 7707083893')).toBe('7707083893');
    expect(extractOgrn('ОГРН 1027700132196')).toBeUndefined();
  });
  it('needs the label and whole numbers', () => {
    expect(extractInn('7707083893')).toBeUndefined();
    expect(extractInn('КПП 7707083893')).toBeUndefined();
    expect(extractInn('ИНН 77070838931')).toBeUndefined();
    expect(extractOgrn('ИНН 1027700132195')).toBeUndefined();
    expect(extractInn('')).toBeUndefined();
  });
});

describe('cleanInn / cleanOgrn (listing fields)', () => {
  it('accept bare, spaced or labelled values, valid only', () => {
    expect(cleanInn('7707083893')).toBe('7707083893');
    expect(cleanInn('7707 083 893')).toBe('7707083893');
    expect(cleanInn('ИНН 7707083893')).toBe('7707083893');
    expect(cleanInn('7707083894')).toBeUndefined();
    expect(cleanInn(undefined)).toBeUndefined();
    expect(cleanOgrn('1027700132195')).toBe('1027700132195');
    expect(cleanOgrn('ОГРН 1027700132195')).toBe('1027700132195');
    expect(cleanOgrn('1027700132196')).toBeUndefined();
  });
});
