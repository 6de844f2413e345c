/**
 * Collecting a directory page into the base (issue 8, "Import from the
 * directory page"): each listing the base does not have yet becomes a company
 * with status new (a prospect), carrying what the page shows (name, phones,
 * website, address, city, the category as its rubric and the industry the
 * user's mapping gives it) and the directory and URL as its source. No call is
 * logged. A listing that is exactly a company of the base (INN, phone,
 * website, listing id) is not added again: that company's sources gain this
 * directory. A likely match (a name only) or several candidates are left
 * alone, for the user to decide on the badge, as DESIGN.md asks.
 *
 * Matching is the badges' own (lib/match), against the base and against the
 * companies this same batch creates, so a listing shown twice on a page is one
 * company. The writes go through the store's batch path: one transaction, with
 * the totals and the team's outbox in it (lib/store/batch.ts).
 */
import { companyKeys, listingKeys, type CompanyKeys, type ListingKeys } from '../match/keys';
import { rankCandidates, summarizeMatch } from '../match/match';
import type { CountryCode } from '../match/phone';
import type { Company, ListingData } from '../model';
import { writeCompanyBatch, type CompanyWrite } from '../store/batch';
import { candidateReader, companyFromListing, withSourceOf } from '../store/companies';
import type { Db } from '../store/schema';
import { KeyIndex, slimOf } from './plan';

export interface CollectContext {
  defaultCountry: CountryCode;
  /** The user's rubric → industry mapping. */
  industryOf: (rubric: string | undefined) => string | undefined;
  now: string;
}

/** Per listing, what became of it (they add up to the listings sent), plus the ids written. */
export interface CollectResult {
  /** Listings that became new companies (prospects). */
  created: number;
  /** Listings that are companies of the base, which gained this directory (or this listing) as a source. */
  sourced: number;
  /** Listings the base already knew as they are: nothing new. */
  known: number;
  /**
   * Listings that are the same company as another listing of the batch (a
   * chain's branches sharing one phone number, an advertiser shown twice):
   * one company, with each listing as a source.
   */
  repeats: number;
  /** Listings that only probably match (a name) or match several companies: not added, for the user to decide. */
  uncertain: number;
  /** Ids of the companies created or changed (for the tabs' badges). */
  written: string[];
}

const asCompanyKeys = (k: ListingKeys): CompanyKeys => ({ ...k, phoneEntries: k.phoneEntries ?? k.phones, siteKeys: k.siteKey ? [k.siteKey] : [] });

/** Collects run one after another: two at once (the popup's button and collect mode) must not both create one listing. */
let queue: Promise<unknown> = Promise.resolve();

export function collectListings(db: Db, listings: readonly ListingData[], ctx: CollectContext): Promise<CollectResult> {
  const run = queue.then(() => collectNow(db, listings, ctx));
  queue = run.catch(() => undefined);
  return run;
}

async function collectNow(db: Db, listings: readonly ListingData[], ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { created: 0, sourced: 0, known: 0, repeats: 0, uncertain: 0, written: [] };
  if (listings.length === 0) return result;
  const keys = listings.map((l) => listingKeys(l, ctx.defaultCountry));
  const tx = db.transaction('companies', 'readonly');
  const hitsOf = candidateReader(tx.objectStore('companies'));
  const hits = await Promise.all(keys.map(hitsOf));
  await tx.done;

  // Companies made from this batch's earlier listings, matched like the base.
  const made = new Map<string, Company>();
  const madeIndex = new KeyIndex();
  // Stored companies that are listings of this batch: the listings each is.
  const seenAs = new Map<string, { stored: Company; listings: ListingData[] }>();

  listings.forEach((listing, i) => {
    const k = keys[i]!;
    const fromBatch = madeIndex.candidates(asCompanyKeys(k)).map((s) => made.get(s.id)!);
    const ranked = rankCandidates(k, [...hits[i]!.values(), ...fromBatch]);
    const kind = summarizeMatch(ranked);
    if (kind === 'none') {
      const company = companyFromListing(listing, ctx.defaultCountry, ctx.now, ctx.industryOf);
      made.set(company.id, company);
      madeIndex.add(slimOf(company), companyKeys(company));
      return;
    }
    if (kind !== 'exact') {
      result.uncertain++;
      return;
    }
    const id = ranked[0]!.companyId;
    const twin = made.get(id);
    if (twin) {
      // The same company twice on the page (an advertiser's card and its listing): one company, both sources.
      const next = withSourceOf(twin, listing, ctx.now).company;
      made.set(id, next);
      madeIndex.add(slimOf(next), companyKeys(next));
      result.repeats++;
      return;
    }
    const entry = seenAs.get(id) ?? { stored: hits[i]!.get(id)!, listings: [] };
    entry.listings.push(listing);
    seenAs.set(id, entry);
  });

  const learnt = new Set<string>();
  const writes: CompanyWrite[] = [
    ...[...made.values()].map((company) => ({
      id: company.id,
      build: () => ({ company, calls: [], changed: true }),
    })),
    ...[...seenAs].map(([id, { stored, listings: seen }]) => ({
      id,
      build(existing: Company | undefined) {
        let company = existing ?? stored;
        let changed = false;
        for (const l of seen) {
          const next = withSourceOf(company, l, ctx.now);
          company = next.company;
          changed ||= next.learnt;
        }
        if (changed) learnt.add(id);
        else learnt.delete(id);
        return { company: changed ? { ...company, updatedAt: ctx.now } : company, calls: [], changed };
      },
    })),
  ];
  const written = await writeCompanyBatch(db, writes, ctx.now, { totals: true });
  result.created = made.size;
  for (const [id, { listings: seen }] of seenAs) {
    if (learnt.has(id)) result.sourced += seen.length;
    else result.known += seen.length;
  }
  result.written = written.written;
  return result;
}
