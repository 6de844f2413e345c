/**
 * The preview of an import: which rows create a company, which update one the
 * base already has (matched exactly as badges match: INN, phone, domain, or
 * name + address, through lib/match), which repeat an earlier row of the same
 * file, and which are rejected and why. Nothing is written here.
 */
import { companyKeys, type CompanyKeys } from '../match/keys';
import { rankCandidates, type MatchableCompany } from '../match/match';
import { companyIdOf } from './merge';
import type { ImportRecord, RejectReason, RowResult } from './rows';

/** A company as matching needs it: small enough to hold a whole base in memory. */
export type SlimCompany = MatchableCompany & { id: string };

export function slimOf(c: SlimCompany): SlimCompany {
  return {
    id: c.id,
    name: c.name,
    nameKey: c.nameKey,
    phones: c.phones,
    siteKeys: c.siteKeys,
    ...(c.inn ? { inn: c.inn } : {}),
    ...(c.ogrn ? { ogrn: c.ogrn } : {}),
    ...(c.domain ? { domain: c.domain } : {}),
    ...(c.address ? { address: c.address } : {}),
    ...(c.city ? { city: c.city } : {}),
    ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}),
  };
}

/** In-memory indexes over the same keys as the store's indexes. */
export class KeyIndex {
  private readonly maps = new Map<string, SlimCompany[]>();
  private readonly ids = new Set<string>();

  has(id: string): boolean {
    return this.ids.has(id);
  }

  private push(key: string, c: SlimCompany): void {
    const list = this.maps.get(key);
    if (list) list.push(c);
    else this.maps.set(key, [c]);
  }

  add(c: SlimCompany, keys: CompanyKeys = companyKeys(c)): void {
    this.ids.add(c.id);
    for (const p of keys.phones) this.push(`p${p}`, c);
    if (keys.inn) this.push(`i${keys.inn}`, c);
    if (keys.ogrn) this.push(`o${keys.ogrn}`, c);
    if (keys.domain) this.push(`d${keys.domain}`, c);
    if (keys.nameKey) this.push(`n${keys.nameKey}`, c);
    for (const k of keys.siteKeys) this.push(`s${k}`, c);
  }

  candidates(keys: CompanyKeys): SlimCompany[] {
    const out = new Set<SlimCompany>();
    const take = (k: string) => this.maps.get(k)?.forEach((c) => out.add(c));
    keys.phones.forEach((p) => take(`p${p}`));
    if (keys.inn) take(`i${keys.inn}`);
    if (keys.ogrn) take(`o${keys.ogrn}`);
    if (keys.domain) take(`d${keys.domain}`);
    if (keys.nameKey) take(`n${keys.nameKey}`);
    keys.siteKeys.forEach((k) => take(`s${k}`));
    return [...out];
  }
}

export interface PlanGroup {
  /** The company written: a new one (its id derived from the first row) or one the base has. */
  companyId: string;
  existing: boolean;
  records: ImportRecord[];
}

export interface ImportPlan {
  groups: PlanGroup[];
  counts: { created: number; updated: number; skipped: number; rejected: number; calls: number };
  rejected: Array<{ row: number; reason: RejectReason }>;
  /** Rows that are the same company as an earlier row of the file; their data and calls join that row's company. */
  skipped: Array<{ row: number; ofRow: number }>;
}

export function recordKeys(r: ImportRecord): CompanyKeys {
  return companyKeys({ name: r.name, phones: r.phones, siteKeys: [], inn: r.inn, domain: r.domain, address: r.address, city: r.city });
}

/** The same company, as an import decides it: an exact key, or the same name at the same address. */
function bestMatch(keys: CompanyKeys, candidates: SlimCompany[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = rankCandidates(keys, candidates)[0];
  if (!best) return undefined;
  return best.confidence === 'exact' || best.via.includes('name+address') ? best.companyId : undefined;
}

/**
 * Plans an import against `base` (an index over the stored companies). Rows
 * matching a company planned from an earlier row are skipped as duplicates,
 * their data and calls going to that company, so nothing in the file is lost.
 */
export function planImport(results: readonly RowResult[], base: KeyIndex): ImportPlan {
  const plan: ImportPlan = { groups: [], counts: { created: 0, updated: 0, skipped: 0, rejected: 0, calls: 0 }, rejected: [], skipped: [] };
  const fromFile = new KeyIndex();
  const groupOf = new Map<string, PlanGroup>();
  for (const result of results) {
    if (!result.ok) {
      plan.rejected.push({ row: result.row, reason: result.reason });
      plan.counts.rejected++;
      continue;
    }
    const r = result.record;
    const keys = recordKeys(r);
    // Earlier rows first: a row that repeats one is a duplicate, even if both match the base.
    const sameAsRow = bestMatch(keys, fromFile.candidates(keys));
    const inBase = sameAsRow ? undefined : bestMatch(keys, base.candidates(keys));
    const targetId = sameAsRow ?? inBase;
    const known = targetId ? groupOf.get(targetId) : undefined;
    if (r.call) plan.counts.calls++;
    if (known) {
      plan.skipped.push({ row: r.row, ofRow: known.records[0]!.row });
      plan.counts.skipped++;
      known.records.push(r);
      continue;
    }
    const ownId = companyIdOf(r);
    // A row imported before keeps its derived id, even where no key is strong enough to match it (a name in a city).
    const group: PlanGroup = inBase
      ? { companyId: inBase, existing: true, records: [r] }
      : { companyId: ownId, existing: base.has(ownId), records: [r] };
    // Another row with the very same identity (the same id) is the same company too.
    const twin = groupOf.get(group.companyId);
    if (twin) {
      plan.skipped.push({ row: r.row, ofRow: twin.records[0]!.row });
      plan.counts.skipped++;
      twin.records.push(r);
      continue;
    }
    groupOf.set(group.companyId, group);
    plan.groups.push(group);
    if (group.existing) plan.counts.updated++;
    else plan.counts.created++;
    fromFile.add({ id: group.companyId, name: r.name, phones: r.phones, siteKeys: [], inn: r.inn, domain: r.domain, address: r.address, city: r.city }, keys);
  }
  return plan;
}
