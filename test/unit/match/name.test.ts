import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayName, foldFully, foldText, nameKey } from '../../../lib/match/name';
import { describeReal, readRealJson, type TwoGisComponent, type ZoonItem } from './fixtures';

describe('nameKey: legal forms', () => {
  const cases: Array<[string, string]> = [
    ['ООО «Ромашка»', 'ромашка'],
    ['ОАО "Ромашка"', 'ромашка'],
    ['ЗАО Ромашка', 'ромашка'],
    ['ПАО «Сбербанк России»', 'сбербанк россии'],
    ['АО «Тинькофф Банк»', 'тинькофф банк'],
    ['ИП Иванов Иван Иванович', 'иванов иван иванович'],
    ['НКО «Фонд помощи»', 'фонд помощи'],
    ['ЧУП «Ромашка»', 'ромашка'],
    ['ГК «ПИК»', 'пик'],
    ['АНО ДО «Детский сад Мечта»', 'до детский сад мечта'],
    ['МУП «Водоканал»', 'водоканал'],
    ['Ромашка ООО', 'ромашка'],
    ['Рога и копыта, ООО', 'рога и копыта'],
    ['Общество с ограниченной ответственностью «Ромашка»', 'ромашка'],
    ['ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"', 'ромашка'],
    ['Индивидуальный предприниматель Петров П. П.', 'петров п п'],
    ['Публичное акционерное общество «Сбербанк России»', 'сбербанк россии'],
    ['Акционерное общество "Почта России"', 'почта россии'],
    ['Автономная некоммерческая организация «Центр»', 'центр'],
    ['Acme LLC', 'acme'],
    ['Acme, L.L.C.', 'acme'],
    ['Acme Inc.', 'acme'],
    ['Acme, Inc', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Co.', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Paulig GmbH', 'paulig'],
    ['ООО Acme Ltd', 'acme'],
    ['OOO Romashka', 'romashka'],
  ];
  it.each(cases)('%s → %s', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });

  it('drops English forms only at the end', () => {
    expect(nameKey('Co Working Space')).toBe('co working space');
    expect(nameKey('Limited Edition Bar')).toBe('limited edition bar');
  });

  it('does not drop words that merely contain a form', () => {
    expect(nameKey('Аорта')).toBe('аорта');
    expect(nameKey('Ипподром')).toBe('ипподром');
    expect(nameKey('Incognito')).toBe('incognito');
  });

  it('keeps a name that is only a legal form', () => {
    expect(nameKey('ООО')).toBe('ооо');
    expect(nameKey('Ltd')).toBe('ltd');
  });
});

describe('nameKey: directory descriptors (2GIS "Name, kind")', () => {
  const cases: Array<[string, string]> = [
    ['Кампус, кафе-бар', 'кампус'],
    ['МСК, сеть лаундж-баров', 'мск'],
    ['Paulig Café & Store, кофейня', 'paulig cafe store'],
    ['Гретель, кафе-ресторан', 'гретель'],
    ['4 сезона, автокомплекс', '4 сезона'],
    ['Френдс, сеть кафе по мотивам сериалов', 'френдс'],
    ['ТоДаСё, сеть кафе', 'тодасе'],
    ['Cafe 2.3.А', 'cafe 2 3 а'],
    ['ООО, Ромашка', 'ромашка'],
  ];
  it.each(cases)('%s → %s', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });

  it('keeps commas inside quotes', () => {
    expect(nameKey('ООО «Рога, копыта и хвосты», кафе')).toBe('рога копыта и хвосты');
    expect(nameKey('ООО "Рога, копыта"')).toBe('рога копыта');
  });
});

describe('nameKey: folding', () => {
  it('folds every kind of quote', () => {
    const key = 'ромашка';
    for (const q of ['«Ромашка»', '“Ромашка”', '„Ромашка“', '"Ромашка"', "'Ромашка'", '`Ромашка`', '‘Ромашка’']) {
      expect(nameKey(`ООО ${q}`)).toBe(key);
    }
  });
  it('folds case and ё', () => {
    expect(nameKey('ЁЛКИ-ПАЛКИ')).toBe('елки палки');
    expect(nameKey('Ёлки-Палки')).toBe(nameKey('елки палки'));
    expect(nameKey('Детский сад Василёк')).toBe('детский сад василек');
  });
  it('keeps й', () => {
    expect(nameKey('Мой малыш')).toBe('мой малыш');
  });
  it('folds Latin diacritics', () => {
    expect(nameKey('Café')).toBe(nameKey('Cafe'));
  });
  it('drops punctuation and collapses whitespace', () => {
    expect(nameKey('  Жили-Были   Мы!!! ')).toBe('жили были мы');
    expect(nameKey('Детский сад №\u00a010')).toBe('детский сад 10');
    expect(nameKey("McDonald's")).toBe('mcdonalds');
  });
  it('is deterministic and idempotent', () => {
    const names = [
      'Кампус, кафе-бар',
      'Рога и копыта, ООО',
      'ООО «Рога, копыта и хвосты», кафе',
      'Общество с ограниченной ответственностью «Ромашка»',
      'акционерное ООО общество Ромашка',
      'Acme Co Inc',
      'ООО',
      'ООО, ИП',
      'Paulig Café & Store, кофейня',
      'Детский сад №\u00a010\u00a0комбинированного вида',
      '',
    ];
    for (const n of names) {
      const k = nameKey(n);
      expect(nameKey(n)).toBe(k);
      expect(nameKey(k)).toBe(k);
    }
    expect(nameKey('акционерное ООО общество Ромашка')).toBe('ромашка');
  });
});

describe('displayName', () => {
  it('trims and collapses whitespace but keeps the descriptor', () => {
    expect(displayName('  Кампус,   кафе-бар ')).toBe('Кампус, кафе-бар');
    expect(displayName('Детский сад №\u00a010\u00a0комбинированного вида')).toBe(
      'Детский сад № 10 комбинированного вида',
    );
    expect(displayName('ООО «Ромашка»\n')).toBe('ООО «Ромашка»');
  });
});

describeReal('names from real directory data', () => {
  it('2GIS search: every title loses its descriptor', () => {
    const data = readRealJson<{ components: TwoGisComponent[] }>('2gis/moscow_cafe_search_2020.expected.json');
    const keys = data.components.map((c) => nameKey(c['text.title']));
    expect(keys).toContain('кампус');
    expect(keys).toContain('paulig cafe store');
    expect(keys).toContain('ясмин');
    for (const k of keys) {
      expect(k).not.toContain(',');
      expect(k).toBe(k.toLowerCase());
      expect(nameKey(k)).toBe(k);
    }
  });

  it('zoon: keys are idempotent and fold ё and №', () => {
    const items = readRealJson<ZoonItem[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
    for (const i of items) {
      const k = nameKey(i.item_name);
      expect(k.length).toBeGreaterThan(0);
      expect(nameKey(k)).toBe(k);
      expect(k).not.toMatch(/[ё№\u00a0]/);
    }
    const artemka = items.filter((i) => /Арт[её]мка/.test(i.item_name)).map((i) => nameKey(i.item_name));
    expect(new Set(artemka)).toEqual(new Set(['детский сад артемка']));
  });
});

describe('foldText: the fast path for plain text', () => {
  it('gives what the full normalisation gives, on any mix of plain and other characters', () => {
    const alphabet = [...'АБВЁЙЯабвёйя AZaz09#№«»–—"\'.,-()', 'é', 'ѓ', '\u00a0', '…', 'ﬁ', 'и\u0306', 'Ǆ'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(foldText(s)).toBe(foldFully(s));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });
});
