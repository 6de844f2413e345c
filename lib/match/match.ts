/**
 * Deciding which stored companies a listing is (DESIGN.md, "Matching a
 * listing to the base"). Pure: the store fetches candidate companies by its
 * indexes (phones, inn, domain, siteKeys, nameKey) and this ranks them.
 */
import type { Company } from '../model/company';
import { companyKeys, type CompanyKeySource, type CompanyKeys, type ListingKeys } from './keys';
import { splitPhoneEntry } from './phone';

export type Confidence = 'exact' | 'likely';

export type MatchVia = 'inn' | 'ogrn' | 'phone' | 'domain' | 'site' | 'name+address' | 'name+city' | 'name';
export type MatchDifference = 'phone' | 'address' | 'website' | 'name';

export interface Candidate {
  companyId: string;
  confidence: Confidence;
  via: MatchVia[];
  differences: MatchDifference[];
}

/** What matching reads of a stored company (an import matches against slim copies of the base). */
export type MatchableCompany = CompanyKeySource & Pick<Company, 'id'> & { updatedAt?: string };

const EXACT_VIA: ReadonlySet<MatchVia> = new Set(['inn', 'ogrn', 'phone', 'domain', 'site']);

/**
 * Whether the listing and the company share a phone. The same number with two
 * different extensions is two desks of one switchboard (a business centre),
 * not a shared phone; a number with an extension on one side only matches.
 */
function sharesPhone(keys: ListingKeys, ck: CompanyKeys): boolean {
  const listing = (keys.phoneEntries ?? keys.phones).map(splitPhoneEntry);
  const company = ck.phoneEntries.map(splitPhoneEntry);
  return listing.some((l) =>
    company.some((c) => c.e164 === l.e164 && (!c.ext || !l.ext || c.ext === l.ext)),
  );
}

/**
 * Whether the company was logged from another listing of the listing's own
 * directory (the same directory, another id): another branch of a chain
 * there, not this one.
 */
function isOtherListingOfDirectory(keys: ListingKeys, ck: CompanyKeys): boolean {
  if (!keys.siteKey || ck.siteKeys.includes(keys.siteKey)) return false;
  const directory = keys.siteKey.slice(0, keys.siteKey.indexOf(':') + 1);
  return ck.siteKeys.some((k) => k.startsWith(directory));
}

function nameVia(keys: ListingKeys, ck: CompanyKeys): MatchVia | null {
  if (!keys.nameKey || keys.nameKey !== ck.nameKey) return null;
  const addressComparable = !!keys.addressKey && !!ck.addressKey;
  const cityComparable = !!keys.cityKey && !!ck.cityKey;
  if (addressComparable && keys.addressKey === ck.addressKey) return 'name+address';
  // A chain's branches share a name: one with its own id on the same directory and another address is another branch.
  if (isOtherListingOfDirectory(keys, ck)) return null;
  if (cityComparable) return keys.cityKey === ck.cityKey ? 'name+city' : null;
  // No city on one side: a name-only match (a differing address shows as a difference).
  return 'name';
}

function differencesOf(keys: ListingKeys, ck: CompanyKeys): MatchDifference[] {
  const diff: MatchDifference[] = [];
  const known = new Set(ck.phones);
  if (keys.phones.some((p) => !known.has(p))) diff.push('phone');
  if (keys.addressKey && keys.addressKey !== ck.addressKey) diff.push('address');
  if (keys.domain && keys.domain !== ck.domain) diff.push('website');
  if (keys.nameKey && keys.nameKey !== ck.nameKey) diff.push('name');
  return diff;
}

/** Match one company, or null when it is not this listing. */
export function matchCompany(keys: ListingKeys, company: MatchableCompany): Candidate | null {
  const ck = companyKeys(company);
  // Different registration numbers are different legal entities, whatever else they share.
  if (keys.inn && ck.inn && keys.inn !== ck.inn) return null;
  if (keys.ogrn && ck.ogrn && keys.ogrn !== ck.ogrn) return null;

  const via: MatchVia[] = [];
  if (keys.inn && keys.inn === ck.inn) via.push('inn');
  if (keys.ogrn && keys.ogrn === ck.ogrn) via.push('ogrn');
  if (sharesPhone(keys, ck)) via.push('phone');
  if (keys.domain && keys.domain === ck.domain) via.push('domain');
  if (keys.siteKey && ck.siteKeys.includes(keys.siteKey)) via.push('site');
  const byName = nameVia(keys, ck);
  if (byName) via.push(byName);
  if (via.length === 0) return null;

  const confidence: Confidence = via.some((v) => EXACT_VIA.has(v)) ? 'exact' : 'likely';
  return { companyId: company.id, confidence, via, differences: differencesOf(keys, ck) };
}

/**
 * The companies that match a listing, best first: exact before likely, then
 * more matching keys first, then the most recently updated company.
 */
export function rankCandidates(keys: ListingKeys, companies: readonly MatchableCompany[]): Candidate[] {
  const updated = new Map<string, string>();
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const company of companies) {
    if (seen.has(company.id)) continue;
    seen.add(company.id);
    const c = matchCompany(keys, company);
    if (!c) continue;
    updated.set(company.id, company.updatedAt ?? '');
    out.push(c);
  }
  const rank = (c: Confidence) => (c === 'exact' ? 0 : 1);
  return out.sort((a, b) => {
    const byConfidence = rank(a.confidence) - rank(b.confidence);
    if (byConfidence) return byConfidence;
    const byVia = b.via.length - a.via.length;
    if (byVia) return byVia;
    const ua = Date.parse(updated.get(a.companyId) ?? '') || 0;
    const ub = Date.parse(updated.get(b.companyId) ?? '') || 0;
    if (ua !== ub) return ub - ua;
    return a.companyId < b.companyId ? -1 : a.companyId > b.companyId ? 1 : 0;
  });
}

/** One exact or likely company, several at the best level, or none. */
export function summarizeMatch(candidates: Candidate[]): 'exact' | 'likely' | 'several' | 'none' {
  if (candidates.length === 0) return 'none';
  const best: Confidence = candidates.some((c) => c.confidence === 'exact') ? 'exact' : 'likely';
  const atBest = new Set(candidates.filter((c) => c.confidence === best).map((c) => c.companyId));
  return atBest.size > 1 ? 'several' : best;
}
