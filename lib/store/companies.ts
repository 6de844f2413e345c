import type { CountryCode } from 'libphonenumber-js';
import { domainOf } from '../match/domain';
import { listingKeys, siteKeyOf, type ListingKeys } from '../match/keys';
import { rankCandidates, summarizeMatch } from '../match/match';
import { nameKey, displayName } from '../match/name';
import { normalizePhone } from '../match/phone';
import type { Call, Company, CompanyView, ListingData, LookupResult } from '../model';
import { LIMITS, SITE_KEY_LIMIT, boundedId, boundedUrl, cleanCategory, cutText } from '../model/limits';
import { isStale } from '../model/status';
import { withDerivedKeys } from './keys';
import type { Db } from './schema';

const MAX_CANDIDATES = 5;

/** A stored company, as a badge shows it. */
export function toView(company: Company, lastCall: Call | undefined, staleAfterDays: number, now = new Date()): CompanyView {
  return {
    id: company.id,
    name: company.name,
    phones: company.phones,
    domain: company.domain,
    address: company.address,
    city: company.city,
    industry: company.industry,
    status: company.status,
    statusReason: company.statusReason,
    callbackAt: company.callbackAt,
    lastCallAt: company.lastCallAt,
    callCount: company.callCount,
    confirmedAt: company.confirmedAt,
    stale: company.callCount > 0 && isStale(company, staleAfterDays, now),
    lastCall: lastCall && {
      at: lastCall.at,
      outcome: lastCall.outcome,
      reason: lastCall.reason,
      note: lastCall.note,
      manager: lastCall.manager,
    },
  };
}

type KeyIndex = 'phoneKeys' | 'inn' | 'ogrn' | 'domain' | 'siteKeys' | 'nameKey';

function indexKeys(keys: ListingKeys): Array<[KeyIndex, string]> {
  const out: Array<[KeyIndex, string]> = keys.phones.map((p) => ['phoneKeys', p]);
  if (keys.inn) out.push(['inn', keys.inn]);
  if (keys.ogrn) out.push(['ogrn', keys.ogrn]);
  if (keys.domain) out.push(['domain', keys.domain]);
  if (keys.siteKey) out.push(['siteKeys', keys.siteKey]);
  if (keys.nameKey) out.push(['nameKey', keys.nameKey]);
  return out;
}

/** Something that reads companies by an index key (a companies store, in any transaction). */
export interface CompanyIndexes {
  index(name: KeyIndex): { getAll(key: string): Promise<Company[]> };
}

/**
 * The stored companies sharing any key with a listing, by id. Each distinct
 * key is read once, however many listings of the batch share it.
 */
export function candidateReader(companies: CompanyIndexes): (keys: ListingKeys) => Promise<Map<string, Company>> {
  const pending = new Map<string, Promise<Company[]>>();
  const read = (index: KeyIndex, key: string): Promise<Company[]> => {
    const id = `${index}\u0000${key}`;
    let found = pending.get(id);
    if (!found) {
      found = companies.index(index).getAll(key);
      pending.set(id, found);
    }
    return found;
  };
  return async (keys) => {
    const byId = new Map<string, Company>();
    for (const hits of await Promise.all(indexKeys(keys).map(([i, k]) => read(i, k)))) {
      for (const company of hits) byId.set(company.id, company);
    }
    return byId;
  };
}

/**
 * Matches a batch of listings against the base in one read transaction. Each
 * distinct key is read once, however many listings share it.
 */
export async function lookupListings(
  db: Db,
  listings: readonly ListingData[],
  options: { defaultCountry: CountryCode; staleAfterDays: number; now?: Date },
): Promise<LookupResult[]> {
  const tx = db.transaction(['companies', 'calls'], 'readonly');
  const allKeys = listings.map((l) => listingKeys(l, options.defaultCountry));
  const hitsOf = candidateReader(tx.objectStore('companies'));

  const lastCalls = new Map<string, Promise<Call | undefined>>();
  const lastCallOf = (companyId: string): Promise<Call | undefined> => {
    let found = lastCalls.get(companyId);
    if (!found) {
      const range = IDBKeyRange.bound([companyId, ''], [companyId, '\uffff']);
      found = tx.objectStore('calls').index('companyAt').openCursor(range, 'prev').then((c) => c?.value);
      lastCalls.set(companyId, found);
    }
    return found;
  };

  const results = await Promise.all(
    allKeys.map(async (keys): Promise<LookupResult> => {
      const byId = await hitsOf(keys);
      if (byId.size === 0) return { match: 'none', candidates: [] };
      const ranked = rankCandidates(keys, [...byId.values()]).slice(0, MAX_CANDIDATES);
      const best = ranked[0];
      if (!best) return { match: 'none', candidates: [] };
      const company = byId.get(best.companyId)!;
      const lastCall = company.callCount > 0 ? await lastCallOf(company.id) : undefined;
      return {
        match: summarizeMatch(ranked),
        candidates: ranked.map((c) => ({ ...c, name: byId.get(c.companyId)!.name })),
        company: toView(company, lastCall, options.staleAfterDays, options.now),
      };
    }),
  );
  await tx.done;
  return results;
}

/**
 * A new company from what an adapter read off a listing: the same normalising
 * as matching uses, and every field brought within the company's limits
 * (lib/model/limits.ts), so that logging a call on any listing creates its
 * company whatever the page held.
 */
export function companyFromListing(
  listing: ListingData,
  defaultCountry: CountryCode,
  now: string,
  industryOf?: (rubric: string | undefined) => string | undefined,
): Company {
  const keys = listingKeys(listing, defaultCountry);
  const phones = (keys.phoneEntries ?? keys.phones).filter((p) => p.length <= LIMITS.phoneEntry).slice(0, LIMITS.phones);
  const siteKey = keys.siteKey && keys.siteKey.length <= SITE_KEY_LIMIT ? keys.siteKey : undefined;
  return withDerivedKeys({
    id: crypto.randomUUID(),
    name: cutText(displayName(listing.name), LIMITS.name) ?? listing.name.slice(0, LIMITS.name),
    nameKey: keys.nameKey.slice(0, LIMITS.name),
    phones,
    inn: keys.inn,
    ogrn: keys.ogrn,
    domain: boundedId(keys.domain, LIMITS.domain),
    address: cutText(listing.address, LIMITS.address),
    city: cutText(listing.city, LIMITS.city),
    rubric: cleanCategory(listing.category),
    industry: industryOf ? industryOf(cleanCategory(listing.category)) : undefined,
    siteKeys: siteKey ? [siteKey] : [],
    sources: [sourceOf(listing, now)],
    decisionMakers: [],
    note: '',
    createdAt: now,
    updatedAt: now,
    status: 'new',
    callCount: 0,
  });
}

/** Where a company was seen: the listing's directory, its page and id, bounded. */
function sourceOf(listing: ListingData, now: string): Company['sources'][number] {
  return {
    directory: boundedId(listing.directory, LIMITS.directory) ?? 'unknown',
    url: boundedUrl(listing.url, LIMITS.url),
    siteId: boundedId(listing.siteId, LIMITS.siteId),
    firstSeen: now,
    lastSeen: now,
  };
}

/** The newest `max` entries: a company seen as more listings than it can hold forgets the oldest. */
const newest = <T>(list: T[], max: number): T[] => (list.length > max ? list.slice(list.length - max) : list);

/**
 * Remembers that a company was seen as this listing (its directory id and URL),
 * so the listing matches exactly next time. Other differing data (a new phone)
 * is left for the user to accept: the badge shows it, nothing is merged silently.
 */
export function withSource(company: Company, listing: ListingData, now: string): Company {
  return withSourceOf(company, listing, now).company;
}

/** withSource, and whether the company learnt anything (a new source or listing id, a new URL), not just a later last-seen time. */
export function withSourceOf(company: Company, listing: ListingData, now: string): { company: Company; learnt: boolean } {
  const key = siteKeyOf(listing.directory, listing.siteId);
  const siteKey = key && key.length <= SITE_KEY_LIMIT ? key : undefined;
  const siteKeys = siteKey && !company.siteKeys.includes(siteKey) ? [...company.siteKeys, siteKey] : company.siteKeys;
  const source = sourceOf(listing, now);
  const same = (s: Company['sources'][number]) =>
    s.directory === source.directory && (source.siteId ? s.siteId === source.siteId : s.url === source.url);
  const existing = company.sources.find(same);
  const sources = existing
    ? company.sources.map((s) => (s === existing ? { ...s, lastSeen: now, url: source.url ?? s.url } : s))
    : [...company.sources, source];
  const learnt = siteKeys !== company.siteKeys || !existing || (!!source.url && source.url !== existing.url);
  return { company: { ...company, siteKeys: newest(siteKeys, LIMITS.sources), sources: newest(sources, LIMITS.sources) }, learnt };
}

/** Search by name, phone (any format), INN/OGRN or website. */
export async function searchCompanies(db: Db, query: string, defaultCountry: CountryCode, limit = 50): Promise<Company[]> {
  const q = query.trim();
  if (!q) return [];
  const digits = q.replace(/\D/g, '');
  const tx = db.transaction('companies', 'readonly');
  const store = tx.objectStore('companies');
  const found = new Map<string, Company>();
  const add = (list: Company[]) => list.forEach((c) => found.size < limit && found.set(c.id, c));

  if (/^\d{10}(\d{2})?$/.test(digits) && digits === q.replace(/\s/g, '')) add(await store.index('inn').getAll(digits));
  if (/^\d{13}(\d{2})?$/.test(digits)) add(await store.index('ogrn').getAll(digits));
  const phone = normalizePhone(q, defaultCountry);
  if (phone) add(await store.index('phoneKeys').getAll(phone));
  const domain = /[.]/.test(q) && !/\s/.test(q) ? domainOf(q) : null;
  if (domain) add(await store.index('domain').getAll(domain));

  const key = nameKey(q);
  if (key && found.size < limit) {
    // Prefix scan on the name index first (cheap), then a substring scan.
    const range = IDBKeyRange.bound(key, `${key}\uffff`);
    add(await store.index('nameKey').getAll(range, limit));
    if (found.size < limit) {
      let cursor = await store.openCursor();
      while (cursor && found.size < limit) {
        if (cursor.value.nameKey.includes(key)) found.set(cursor.value.id, cursor.value);
        cursor = await cursor.continue();
      }
    }
  }
  await tx.done;
  return [...found.values()];
}
