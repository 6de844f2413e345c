import type { ListingData, ListingInput } from '../model/listing';

/**
 * Brings what an adapter read within the bounds of the ListingData schema
 * (lib/model/listing.ts) without shipping zod to the content script: one
 * over-long string on a hostile or odd page must not make the background
 * refuse the whole lookup batch. test/unit/detect/sanitize.test.ts checks
 * every output against the schema itself.
 */
const clip = (value: unknown, max: number): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > max ? text.slice(0, max).trim() : text;
};

export function sanitizeListing(input: ListingInput): ListingData | null {
  const name = clip(input.name, 500);
  const directory = clip(input.directory, 64);
  if (!name || !directory) return null;
  const phones: string[] = [];
  for (const raw of input.phones ?? []) {
    const phone = clip(raw, 100);
    if (phone && !phones.includes(phone)) phones.push(phone);
    if (phones.length === 30) break;
  }
  const out: ListingData = { directory, name, phones };
  const optional = [
    ['website', 4096],
    ['address', 1000],
    ['city', 200],
    ['category', 300],
    ['inn', 20],
    ['ogrn', 20],
    ['url', 4096],
    ['siteId', 256],
  ] as const;
  for (const [field, max] of optional) {
    const value = clip(input[field], max);
    if (value !== undefined) out[field] = value;
  }
  // The directory's phone country (yellowpages.com: US), as the schema takes it.
  if (typeof input.country === 'string' && /^[A-Z]{2}$/.test(input.country)) out.country = input.country;
  return out;
}

/** A string that changes when anything the base would match on changes. */
export function listingSignature(data: ListingData): string {
  return [
    data.name,
    data.phones.join(','),
    data.website ?? '',
    data.address ?? '',
    data.city ?? '',
    data.inn ?? '',
    data.ogrn ?? '',
    data.siteId ?? '',
    data.url ?? '',
    data.category ?? '',
    data.country ?? '',
  ].join('\u0001');
}
