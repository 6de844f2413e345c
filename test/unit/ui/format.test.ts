import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shortDate } from '../../../lib/ui/format';

describe('shortDate (a call-back badge)', () => {
  it('writes day and month as Intl does, in every language we ship and in others', () => {
    const intl = (locale: string, d: Date) => new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit' }).format(d);
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), fc.constantFrom('ru', 'ru-RU', 'en', 'en-US', 'en-GB', 'de', 'kk'), (d, locale) => {
        expect(shortDate(d.toISOString(), locale)).toBe(intl(locale, d));
      }),
      { numRuns: 500 },
    );
  });

  it('is empty for a missing or malformed date', () => {
    expect(shortDate(undefined, 'ru')).toBe('');
    expect(shortDate('не дата', 'en')).toBe('');
  });
});
