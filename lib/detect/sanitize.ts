import { LIMITS, boundedId, boundedUrl, cleanCategory, cleanPhones, cutText } from '../model/limits';
import type { ListingData, ListingInput } from '../model/listing';

/**
 * Brings what an adapter read within the bounds of the ListingData schema
 * (the limits of lib/model/limits.ts) without shipping zod to the content
 * script: one over-long string on a hostile or odd page must not make the
 * background refuse the whole lookup batch, nor a call fail to create its
 * company. Text is cut at a word boundary with "…"; a rubric list keeps its
 * first rubrics; phones are deduplicated and capped; ids and URLs too long
 * to be real are dropped, not cut. test/unit/detect/sanitize.test.ts checks
 * every output against the schema itself.
 */
export function sanitizeListing(input: ListingInput): ListingData | null {
  const name = cutText(input.name, LIMITS.name);
  const directory = boundedId(input.directory, LIMITS.directory);
  if (!name || !directory) return null;
  const out: ListingData = { directory, name, phones: cleanPhones(input.phones) };
  const optional = {
    // A website's host is what counts; a long tracking query is not.
    website: boundedUrl(input.website, LIMITS.website),
    address: cutText(input.address, LIMITS.address),
    city: cutText(input.city, LIMITS.city),
    category: cleanCategory(input.category),
    inn: boundedId(input.inn, LIMITS.inn),
    ogrn: boundedId(input.ogrn, LIMITS.ogrn),
    url: boundedUrl(input.url, LIMITS.url),
    siteId: boundedId(input.siteId, LIMITS.siteId),
  };
  for (const field of Object.keys(optional) as Array<keyof typeof optional>) {
    const value = optional[field];
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
