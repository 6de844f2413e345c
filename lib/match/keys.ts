/**
 * The matching keys of a listing (as an adapter read it) and of a stored
 * company. The store looks companies up by these keys; `rankCandidates`
 * (match.ts) compares them.
 */
import type { Company } from '../model/company';
import type { ListingData } from '../model/listing';
import { addressKey, cityFromAddress, cityKey } from './address';
import { domainOf } from './domain';
import { cleanInn, cleanOgrn } from './inn';
import { nameKey } from './name';
import { extractPhones, parsePhone, phoneEntry, splitPhoneEntry, type CountryCode, type ParsedPhone } from './phone';

/** The identity keys a listing and a stored company both have, compared key by key. */
interface IdentityKeys {
  inn?: string;
  ogrn?: string;
  domain?: string;
  nameKey: string;
  addressKey?: string;
  cityKey?: string;
}

export interface ListingKeys extends IdentityKeys {
  /** E.164 numbers, no extension, unique, in the listing's order: the index keys. */
  phones: string[];
  /**
   * The same numbers in `Company.phones` form (`+74957083112;ext=12`), to store
   * and to tell apart two extensions of one switchboard.
   */
  phoneEntries?: string[];
  siteKey?: string;
}

export interface CompanyKeys extends IdentityKeys {
  phones: string[];
  phoneEntries: string[];
  siteKeys: string[];
}

const DEFAULT_COUNTRY: CountryCode = 'RU';

/** `directory:siteId`, the key of one listing on one directory. */
export function siteKeyOf(directory: string, siteId: string | undefined): string | undefined {
  const id = siteId?.trim();
  return id ? `${directory}:${id}` : undefined;
}

/**
 * Parse a listing's phone strings. One string may hold several numbers
 * ("+7 (495) 123-45-67, +7 (495) 765-43-21"); those are found as in free text.
 */
function parsePhones(raws: readonly string[], defaultCountry: CountryCode): ParsedPhone[] {
  const out: ParsedPhone[] = [];
  const seen = new Set<string>();
  const add = (p: ParsedPhone) => {
    const entry = phoneEntry(p);
    if (seen.has(entry)) return;
    seen.add(entry);
    out.push(p.ext ? { e164: p.e164, ext: p.ext } : { e164: p.e164 });
  };
  for (const raw of raws) {
    const one = parsePhone(raw, defaultCountry);
    if (one) add(one);
    else for (const found of extractPhones(raw, defaultCountry)) add(found);
  }
  return out;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Address and city keys; the city comes from the city field or else from the address. */
function placeKeys(address: string | undefined, city: string | undefined) {
  const ck = cityKey(city) ?? cityFromAddress(address);
  return { addressKey: addressKey(address, ck), cityKey: ck };
}

export function listingKeys(
  data: ListingData,
  defaultCountry: CountryCode = DEFAULT_COUNTRY,
): ListingKeys {
  const phones = parsePhones(data.phones ?? [], (data.country as CountryCode | undefined) ?? defaultCountry);
  const keys: ListingKeys = {
    phones: unique(phones.map((p) => p.e164)),
    phoneEntries: phones.map(phoneEntry),
    nameKey: nameKey(data.name),
  };
  const inn = cleanInn(data.inn);
  if (inn) keys.inn = inn;
  const ogrn = cleanOgrn(data.ogrn);
  if (ogrn) keys.ogrn = ogrn;
  const domain = data.website ? domainOf(data.website) : null;
  if (domain) keys.domain = domain;
  const place = placeKeys(data.address, data.city);
  if (place.addressKey) keys.addressKey = place.addressKey;
  if (place.cityKey) keys.cityKey = place.cityKey;
  const siteKey = siteKeyOf(data.directory, data.siteId);
  if (siteKey) keys.siteKey = siteKey;
  return keys;
}

export type CompanyKeySource = Pick<Company, 'name' | 'phones' | 'siteKeys'> &
  Partial<Pick<Company, 'nameKey' | 'inn' | 'ogrn' | 'domain' | 'address' | 'city'>>;

/**
 * The keys of a stored company. Its stored `nameKey` is used when present
 * (the store wrote it with `nameKey()`); phones are read from the stored
 * `+7…;ext=12` form.
 */
export function companyKeys(company: CompanyKeySource): CompanyKeys {
  const entries = (company.phones ?? []).map((p) => splitPhoneEntry(p));
  const keys: CompanyKeys = {
    phones: unique(entries.map((p) => p.e164)),
    phoneEntries: entries.map(phoneEntry),
    nameKey: company.nameKey || nameKey(company.name),
    siteKeys: [...(company.siteKeys ?? [])],
  };
  if (company.inn) keys.inn = company.inn;
  if (company.ogrn) keys.ogrn = company.ogrn;
  if (company.domain) keys.domain = domainOf(company.domain) ?? company.domain;
  const place = placeKeys(company.address, company.city);
  if (place.addressKey) keys.addressKey = place.addressKey;
  if (place.cityKey) keys.cityKey = place.cityKey;
  return keys;
}
