import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeListing } from '../../../lib/detect/sanitize';
import { CompanyEdit } from '../../../lib/messages/protocol';
import { Call, Company, LIMITS, ListingData } from '../../../lib/model';
import { boundedUrl, cleanCategory, cleanPhones, cutText } from '../../../lib/model/limits';
import { companyFromListing, withSource } from '../../../lib/store/companies';

const NOW = '2026-03-02T10:00:00.000Z';

describe('cutText', () => {
  it('collapses whitespace and keeps text within the limit as it is', () => {
    expect(cutText('  Кафе \n\t «Ромашка»\u00a0 ', 100)).toBe('Кафе «Ромашка»');
    expect(cutText('   ', 10)).toBeUndefined();
    expect(cutText(42, 10)).toBeUndefined();
  });

  it('cuts at a word boundary, drops trailing punctuation and adds "…"', () => {
    const text = 'Автомойка самообслуживания, шиномонтаж, детейлинг и полировка кузова';
    const cut = cutText(text, 40)!;
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toBe('Автомойка самообслуживания, шиномонтаж…');
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('cuts mid-word only when there is no boundary near the end, and never splits a surrogate pair', () => {
    expect(cutText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    const emoji = `${'a'.repeat(8)}😀😀😀`;
    const cut = cutText(emoji, 10)!;
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });

  it('never exceeds the limit, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const cut = cutText(text, max);
        return cut === undefined || (cut.length <= max && cut === cut.trim() && !/\s{2}/.test(cut));
      }),
    );
  });
});

describe('cleanCategory', () => {
  it('keeps the first rubrics of a list, whatever the separator', () => {
    expect(cleanCategory('Автомойки, Детейлинг, Тюнинг, Шиномонтаж, Автосервис')).toBe('Автомойки, Детейлинг, Тюнинг');
    expect(cleanCategory('Кафе • Бар • Караоке • Кальянная')).toBe('Кафе, Бар, Караоке');
    expect(cleanCategory('Hotel · Spa · Spa · Restaurant · Bar')).toBe('Hotel, Spa, Restaurant');
    expect(cleanCategory('Кафе-бар')).toBe('Кафе-бар');
  });

  it('fits the category limit even when one rubric is endless', () => {
    const cut = cleanCategory(`${'очень длинная рубрика '.repeat(40)}, Кафе`)!;
    expect(cut.length).toBeLessThanOrEqual(LIMITS.category);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('cleanPhones', () => {
  it('drops empty and repeated numbers (same digits) and caps the list', () => {
    expect(cleanPhones([' +7 495 123-45-67 ', '+7 (495) 123 45 67', '', '+7 495 765-43-21'])).toEqual(['+7 495 123-45-67', '+7 495 765-43-21']);
    const many = Array.from({ length: 200 }, (_, i) => `+7 900 000-${String(i).padStart(4, '0')}`);
    expect(cleanPhones(many)).toHaveLength(LIMITS.phones);
    expect(cleanPhones('not a list')).toEqual([]);
  });
});

describe('boundedUrl', () => {
  it('keeps a URL, drops an over-long query, and drops what cannot fit', () => {
    expect(boundedUrl('https://2gis.ru/moscow/firm/1')).toBe('https://2gis.ru/moscow/firm/1');
    expect(boundedUrl(`https://a.ru/p?${'q'.repeat(5000)}`)).toBe('https://a.ru/p');
    expect(boundedUrl(`https://a.ru/${'p'.repeat(5000)}`)).toBeUndefined();
  });
});

describe('one set of limits for every schema', () => {
  const at = (n: number) => 'я'.repeat(n);
  const company = (over: Record<string, unknown>) => ({
    id: crypto.randomUUID(), name: 'A', nameKey: 'a', createdAt: NOW, updatedAt: NOW, ...over,
  });
  const edit = (over: Record<string, unknown>) => ({ id: crypto.randomUUID(), name: 'A', phones: [], decisionMakers: [], ...over });

  it.each([
    ['name', LIMITS.name],
    ['address', LIMITS.address],
    ['city', LIMITS.city],
  ] as const)('%s: the listing, the company and the edit take exactly %i characters', (field, max) => {
    const listing = { directory: '2gis', name: 'A', [field]: at(max) };
    expect(ListingData.safeParse(listing).success).toBe(true);
    expect(ListingData.safeParse({ ...listing, [field]: at(max + 1) }).success).toBe(false);
    expect(Company.safeParse(company({ [field]: at(max) })).success).toBe(true);
    expect(Company.safeParse(company({ [field]: at(max + 1) })).success).toBe(false);
    expect(CompanyEdit.safeParse(edit({ [field]: at(max) })).success).toBe(true);
    expect(CompanyEdit.safeParse(edit({ [field]: at(max + 1) })).success).toBe(false);
  });

  it('a listing category is at most what a company industry holds', () => {
    expect(ListingData.safeParse({ directory: '2gis', name: 'A', category: at(LIMITS.category + 1) }).success).toBe(false);
    expect(Company.safeParse(company({ industry: at(LIMITS.category) })).success).toBe(true);
    expect(Company.safeParse(company({ industry: at(LIMITS.category + 1) })).success).toBe(false);
    expect(CompanyEdit.safeParse(edit({ industry: at(LIMITS.category + 1) })).success).toBe(false);
  });

  it('calls take the reason and note limits', () => {
    const call = { id: crypto.randomUUID(), companyId: crypto.randomUUID(), at: NOW, outcome: 'refused' };
    expect(Call.safeParse({ ...call, reason: at(LIMITS.reason), note: at(LIMITS.note) }).success).toBe(true);
    expect(Call.safeParse({ ...call, reason: at(LIMITS.reason + 1) }).success).toBe(false);
    expect(Call.safeParse({ ...call, note: at(LIMITS.note + 1) }).success).toBe(false);
  });
});

describe('page data always goes in', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 600 });
  const anything = fc.oneof(text, fc.string({ minLength: 900, maxLength: 6000 }), fc.constant(undefined));
  const rawListing = fc.record({
    directory: fc.constantFrom('2gis', 'yandex', 'google', 'generic'),
    name: fc.oneof(text, fc.string({ minLength: 400, maxLength: 3000 })),
    phones: fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.constant('+7 495 123-45-67, +7 495 765-43-21, 8 800 700-60-34')), { maxLength: 120 }),
    website: anything,
    address: anything,
    city: anything,
    category: anything,
    inn: anything,
    ogrn: anything,
    url: anything,
    siteId: anything,
  });

  it('any listing an adapter reads becomes a valid listing and a valid company', () => {
    fc.assert(
      fc.property(rawListing, (raw) => {
        const clean = sanitizeListing(raw);
        if (!clean) return raw.name.trim() === '' || !/\S/.test(raw.name.replace(/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, ' '));
        expect(ListingData.parse(clean)).toEqual(clean);
        const created = companyFromListing(clean, 'RU', NOW);
        expect(Company.safeParse(created).error?.issues ?? []).toEqual([]);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('the call that triggered the issue: a 2GIS rubric list longer than an industry', () => {
    const rubrics = Array.from({ length: 40 }, (_, i) => `Рубрика номер ${i}`).join(', ');
    const clean = sanitizeListing({ directory: '2gis', name: 'Автомойка', category: rubrics })!;
    expect(clean.category).toBe('Рубрика номер 0, Рубрика номер 1, Рубрика номер 2');
    expect(Company.parse(companyFromListing(clean, 'RU', NOW)).rubric).toBe(clean.category);
  });

  it('a company seen as more listings than it remembers keeps the newest and stays valid', () => {
    let company = companyFromListing({ directory: '2gis', name: 'Сеть', phones: [], siteId: 'first' }, 'RU', NOW);
    for (let i = 0; i < LIMITS.sources + 20; i++) company = withSource(company, { directory: '2gis', name: 'Сеть', phones: [], siteId: `b${i}` }, NOW);
    expect(Company.safeParse(company).success).toBe(true);
    expect(company.siteKeys).toHaveLength(LIMITS.sources);
    expect(company.siteKeys.at(-1)).toBe(`2gis:b${LIMITS.sources + 19}`);
  });
});
