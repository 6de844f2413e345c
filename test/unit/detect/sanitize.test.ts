import { describe, expect, it } from 'vitest';
import { listingSignature, sanitizeListing } from '../../../lib/detect/sanitize';
import { LIMITS } from '../../../lib/model/limits';
import { ListingData } from '../../../lib/model/listing';

describe('sanitizeListing', () => {
  it('keeps a normal listing as it is, and the schema accepts it', () => {
    const input = { directory: '2gis', name: 'Кафе «Ромашка»', phones: ['+7 495 123-45-67'], website: 'https://romashka.ru', address: 'Ленина, 1', siteId: '70000001' };
    const out = sanitizeListing(input)!;
    expect(out).toEqual(input);
    expect(ListingData.safeParse(out).success).toBe(true);
  });

  it("keeps the directory's phone country, and drops one the schema would refuse", () => {
    const spa = { directory: 'yellowpages', name: 'Honolulu Day Spa', phones: ['(808) 955-6288'], country: 'US' };
    expect(sanitizeListing(spa)).toEqual(spa);
    expect(ListingData.safeParse(sanitizeListing(spa)).success).toBe(true);
    expect(sanitizeListing({ ...spa, country: 'usa' })).not.toHaveProperty('country');
  });

  it('brings a hostile page’s data within the schema’s bounds instead of failing the batch', () => {
    const long = 'x'.repeat(20_000);
    const out = sanitizeListing({
      directory: 'generic',
      name: `  ${long}  `,
      phones: Array.from({ length: 80 }, (_, i) => `+7 900 000 00 ${String(i).padStart(2, '0')}${long}`),
      website: long,
      address: long,
      city: long,
      category: long,
      inn: long,
      ogrn: long,
      url: long,
      siteId: long,
    })!;
    const parsed = ListingData.safeParse(out);
    expect(parsed.success).toBe(true);
    expect(out.phones).toHaveLength(LIMITS.phones);
    expect(out.name.length).toBeLessThanOrEqual(LIMITS.name);
    expect(out.name.endsWith('…')).toBe(true);
    // Ids and addresses of pages too long to be real are dropped, not cut into wrong ones.
    expect(out.url).toBeUndefined();
    expect(out.siteId).toBeUndefined();
  });

  it('drops a listing with no name, and empty optional fields', () => {
    expect(sanitizeListing({ directory: 'x', name: '   ' })).toBeNull();
    expect(sanitizeListing({ directory: 'x', name: 'A', website: '  ', phones: ['', ' '] })).toEqual({ directory: 'x', name: 'A', phones: [] });
  });

  it('the signature changes with what the base matches on', () => {
    const a = sanitizeListing({ directory: 'x', name: 'A', phones: ['1'] })!;
    const b = sanitizeListing({ directory: 'x', name: 'A', phones: ['2'] })!;
    expect(listingSignature(a)).not.toBe(listingSignature(b));
    expect(listingSignature(a)).toBe(listingSignature({ ...a }));
  });
});
