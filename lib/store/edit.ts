/**
 * Every write to a company that is not a call: editing its fields, deleting
 * and restoring it, merging two, re-mapping industries. Each runs in one
 * transaction with its totals change (lib/store/totals.ts).
 */
import type { CountryCode } from 'libphonenumber-js';
import { addressKey } from '../match/address';
import { domainOf } from '../match/domain';
import { isValidInn, isValidOgrn } from '../match/inn';
import { displayName, nameKey } from '../match/name';
import { parsePhone, phoneEntry } from '../match/phone';
import { Company, type Call, type DecisionMaker } from '../model';
import { t } from '../ui/i18n';
import { abort, StoreError } from './calls';
import { applyCalls } from './derive';
import { withDerivedKeys } from './keys';
import type { Db, Reminder } from './schema';
import { recordChange } from './totals';
import { SYNC_STORES, recordLocal } from './sync-log';
import { callLogged, companiesMerged, companyCreated, companyDeleted, fieldEdits } from '../sync/local';

/** A company's fields as a form edits them (phones and website as typed). */
export interface CompanyFields {
  name: string;
  phones: string[];
  inn?: string;
  /** Absent: kept as it is. */
  ogrn?: string;
  website?: string;
  address?: string;
  city?: string;
  /** Empty: follow the rubric mapping again. */
  industry?: string;
  rubric?: string;
  note?: string;
  decisionMakers: Array<Omit<DecisionMaker, 'phone' | 'email'> & { phone?: string; email?: string }>;
}

export interface EditContext {
  defaultCountry: CountryCode;
  /** The industry the user's mapping gives a rubric. */
  industryOf: (rubric: string | undefined) => string | undefined;
  now: string;
}

/** The company with the form's fields, normalised as matching needs; a bad phone, INN or website is refused in words. */
export function applyFields(current: Company, edit: CompanyFields, ctx: EditContext): Company {
  // E.164, with the extension kept (`+74957083112;ext=12`).
  const normalise = (raw: string) => {
    const parsed = parsePhone(raw, ctx.defaultCountry);
    if (!parsed) throw new StoreError('invalid', t('err_notPhone', raw));
    return phoneEntry(parsed);
  };
  const phones = [...new Set(edit.phones.filter((p) => p.trim()).map(normalise))];
  const inn = edit.inn?.trim() || undefined;
  if (inn && !isValidInn(inn)) throw new StoreError('invalid', t('err_badInn', inn));
  const ogrn = edit.ogrn === undefined ? current.ogrn : edit.ogrn.trim() || undefined;
  if (ogrn && ogrn !== current.ogrn && !isValidOgrn(ogrn)) throw new StoreError('invalid', t('err_badOgrn', ogrn));
  const website = edit.website?.trim();
  const domain = website ? domainOf(website) : null;
  if (website && !domain) throw new StoreError('invalid', t('err_notWebsite', website));
  const decisionMakers = edit.decisionMakers
    .filter((d) => d.name.trim() || d.phone?.trim() || d.email?.trim())
    .map((d) => ({ ...d, phone: d.phone?.trim() ? normalise(d.phone) : undefined, email: d.email?.trim() || undefined }));
  const rubric = edit.rubric === undefined ? current.rubric : edit.rubric.trim() || undefined;
  // A typed industry is the user's and wins over the mapping; an untouched mapped one follows
  // the (maybe changed) rubric; clearing it hands the company back to the mapping.
  const typed = edit.industry?.trim();
  const byHand = !!typed && (typed !== current.industry || !!current.industryByHand);
  const industry = byHand ? typed : ctx.industryOf(rubric) ?? (typed && !rubric ? typed : undefined);
  const parsed = Company.safeParse(
    withDerivedKeys({
      ...current,
      name: displayName(edit.name),
      nameKey: nameKey(edit.name),
      phones,
      inn,
      ogrn,
      domain: domain ?? undefined,
      address: edit.address?.trim() || undefined,
      city: edit.city?.trim() || undefined,
      rubric,
      industry,
      industryByHand: byHand || undefined,
      note: edit.note ?? current.note,
      decisionMakers,
      updatedAt: ctx.now,
    }),
  );
  if (!parsed.success) throw new StoreError('invalid', t('err_badCompany'));
  return parsed.data;
}

/** Rewrites one company inside one transaction with its totals; `change` gets the record and its calls. */
export async function writeCompany(db: Db, id: string, change: (current: Company, calls: Call[]) => Company): Promise<Company> {
  const tx = db.transaction(['companies', 'calls', 'totals', ...SYNC_STORES], 'readwrite');
  try {
    const current = await tx.objectStore('companies').get(id);
    if (!current) throw new StoreError('not_found', t('err_noCompany'));
    const calls = await tx.objectStore('calls').index('companyId').getAll(id);
    const next = withDerivedKeys(change(current, calls));
    await tx.objectStore('companies').put(next);
    await recordChange(tx.objectStore('totals'), { company: current, calls }, { company: next, calls });
    await recordLocal(tx, 1, (clocks) => {
      const edit = fieldEdits(current, next, clocks[0]!);
      return edit ? [edit] : [];
    });
    await tx.done;
    return next;
  } catch (error) {
    abort(tx);
    throw error;
  }
}

export const updateCompany = (db: Db, id: string, edit: CompanyFields, ctx: EditContext) =>
  writeCompany(db, id, (current) => applyFields(current, edit, ctx));

/** Everything a deleted company had, for its undo. */
export interface DeletedCompany {
  company: Company;
  calls: Call[];
  reminders: Reminder[];
}

export async function deleteCompany(db: Db, id: string): Promise<DeletedCompany> {
  const tx = db.transaction(['companies', 'calls', 'reminders', 'totals', ...SYNC_STORES], 'readwrite');
  try {
    const company = await tx.objectStore('companies').get(id);
    if (!company) throw new StoreError('not_found', t('err_noCompany'));
    const calls = await tx.objectStore('calls').index('companyId').getAll(id);
    const reminders = (await Promise.all(calls.map((c) => tx.objectStore('reminders').get(c.id)))).filter((r): r is Reminder => !!r);
    await tx.objectStore('companies').delete(id);
    await Promise.all(calls.map((c) => tx.objectStore('calls').delete(c.id)));
    await Promise.all(reminders.map((r) => tx.objectStore('reminders').delete(r.callId)));
    await recordChange(tx.objectStore('totals'), { company, calls }, undefined);
    await recordLocal(tx, 1, (clocks) => [companyDeleted(id, clocks[0]!)]);
    await tx.done;
    return { company, calls, reminders };
  } catch (error) {
    abort(tx);
    throw error;
  }
}

/** Puts a deleted company back exactly as it was (the undo of deleting it). */
export async function restoreCompany(db: Db, deleted: DeletedCompany): Promise<void> {
  const tx = db.transaction(['companies', 'calls', 'reminders', 'totals', ...SYNC_STORES], 'readwrite');
  try {
    if (await tx.objectStore('companies').get(deleted.company.id)) throw new StoreError('invalid', t('err_alreadyRestored'));
    // Only the company's own calls and reminders, none of them stored meanwhile.
    const own = (x: { companyId: string }) => x.companyId === deleted.company.id;
    if (!deleted.calls.every(own) || !deleted.reminders.every(own)) throw new StoreError('invalid', t('err_badCompany'));
    const known = await Promise.all(deleted.calls.map((c) => tx.objectStore('calls').getKey(c.id)));
    if (known.some((k) => k !== undefined)) throw new StoreError('invalid', t('err_alreadyRestored'));
    await tx.objectStore('companies').put(withDerivedKeys(deleted.company));
    await Promise.all(deleted.calls.map((c) => tx.objectStore('calls').put(c)));
    await Promise.all(deleted.reminders.map((r) => tx.objectStore('reminders').put(r)));
    await recordChange(tx.objectStore('totals'), undefined, { company: deleted.company, calls: deleted.calls });
    await recordLocal(tx, 1 + deleted.calls.length, (clocks) => [
      companyCreated(deleted.company, clocks[0]!),
      ...deleted.calls.map((c, i) => callLogged(c, clocks[i + 1]!)),
    ]);
    await tx.done;
  } catch (error) {
    abort(tx);
    throw error;
  }
}

/** Fields whose values may differ between two duplicates; the user picks one of each. */
export const MERGE_FIELDS = ['name', 'inn', 'ogrn', 'domain', 'address', 'city', 'industry', 'rubric', 'note'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
/** For each differing field, whose value to keep. */
export type MergePicks = Partial<Record<MergeField, 'keep' | 'other'>>;

const unionBy = <T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] => {
  const seen = new Map<string, T>();
  for (const x of [...a, ...b]) if (!seen.has(key(x))) seen.set(key(x), x);
  return [...seen.values()];
};

/** The merged company (pure): `keep`'s record with the picked fields, both sides' lists unioned. */
export function mergedCompany(keep: Company, other: Company, picks: MergePicks, calls: readonly Call[], now: string): Company {
  const merged: Company = { ...keep };
  for (const field of MERGE_FIELDS) {
    const from = picks[field] === 'other' ? other : keep;
    // A field only one side has is kept whatever was picked: nothing is lost.
    const value = from[field] ?? (from === keep ? other[field] : keep[field]);
    (merged as Record<string, unknown>)[field] = value;
  }
  if (merged.name === other.name) merged.nameKey = other.nameKey;
  if (picks.industry === 'other' ? other.industryByHand : keep.industryByHand) merged.industryByHand = true;
  merged.phones = [...new Set([...keep.phones, ...other.phones])].slice(0, 50);
  merged.siteKeys = [...new Set([...keep.siteKeys, ...other.siteKeys])].slice(0, 200);
  merged.sources = unionBy(keep.sources, other.sources, (s) => `${s.directory}|${s.siteId ?? s.url ?? s.file ?? ''}`).slice(0, 200);
  merged.decisionMakers = unionBy(keep.decisionMakers, other.decisionMakers, (d) => `${d.name}|${d.phone ?? ''}|${d.email ?? ''}`).slice(0, 100);
  merged.createdAt = keep.createdAt < other.createdAt ? keep.createdAt : other.createdAt;
  return withDerivedKeys(applyCalls(merged, calls, now));
}

/**
 * Merges `otherId` into `keepId`: every call of both stays (moved to the kept
 * company), phones, sources and decision makers are unioned, the status is
 * recomputed from all calls, and the other record is removed.
 */
export async function mergeCompanies(db: Db, keepId: string, otherId: string, picks: MergePicks, now = new Date().toISOString()): Promise<Company> {
  if (keepId === otherId) throw new StoreError('invalid', t('err_mergeSelf'));
  const tx = db.transaction(['companies', 'calls', 'reminders', 'totals', ...SYNC_STORES], 'readwrite');
  try {
    const companies = tx.objectStore('companies');
    const [keep, other] = await Promise.all([companies.get(keepId), companies.get(otherId)]);
    if (!keep || !other) throw new StoreError('not_found', t('err_noCompany'));
    const callsIndex = tx.objectStore('calls').index('companyId');
    const [keepCalls, otherCalls] = await Promise.all([callsIndex.getAll(keepId), callsIndex.getAll(otherId)]);
    const moved = otherCalls.map((c) => ({ ...c, companyId: keepId }));
    await Promise.all(moved.map((c) => tx.objectStore('calls').put(c)));
    for (const c of otherCalls) {
      const reminder = await tx.objectStore('reminders').get(c.id);
      if (reminder) await tx.objectStore('reminders').put({ ...reminder, companyId: keepId });
    }
    const calls = [...keepCalls, ...moved];
    const merged = Company.parse(mergedCompany(keep, other, picks, calls, now));
    await companies.put(merged);
    await companies.delete(otherId);
    const totals = tx.objectStore('totals');
    await recordChange(totals, { company: other, calls: otherCalls }, undefined);
    await recordChange(totals, { company: keep, calls: keepCalls }, { company: merged, calls });
    await recordLocal(tx, 2, (clocks) => {
      const edit = fieldEdits(keep, merged, clocks[1]!);
      return [companiesMerged(otherId, keepId, clocks[0]!), ...(edit ? [edit] : [])];
    });
    await tx.done;
    return merged;
  } catch (error) {
    abort(tx);
    throw error;
  }
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export async function markNotDuplicate(db: Db, a: string, b: string, now = new Date().toISOString()): Promise<void> {
  await db.put('notDuplicates', { pair: pairKey(a, b), at: now });
}

export type DuplicateReason = 'phone' | 'inn' | 'domain' | 'name+address';
export interface DuplicatePair {
  a: Company;
  b: Company;
  reasons: DuplicateReason[];
}

/**
 * Pairs of companies sharing a phone, an INN or a domain, or with the same
 * normalised name and address, except those marked "not a duplicate". Reads
 * index keys only (key cursors), then the few records the pairs need.
 */
export async function findDuplicates(db: Db, limit = 200): Promise<DuplicatePair[]> {
  const tx = db.transaction(['companies', 'notDuplicates'], 'readonly');
  const store = tx.objectStore('companies');
  const dismissed = new Set(await tx.objectStore('notDuplicates').getAllKeys());
  const pairs = new Map<string, { a: string; b: string; reasons: Set<DuplicateReason> }>();
  const groups = async (index: 'phoneKeys' | 'inn' | 'domain' | 'nameKey', reason: DuplicateReason) => {
    const found: string[][] = [];
    let cursor = await store.index(index).openKeyCursor();
    let key: unknown;
    let group: string[] = [];
    while (cursor) {
      if (cursor.key !== key) {
        if (group.length > 1) found.push(group);
        group = [];
        key = cursor.key;
      }
      if (key !== '' && group.length < 20) group.push(cursor.primaryKey);
      cursor = await cursor.continue();
    }
    if (group.length > 1) found.push(group);
    return found.map((ids) => ({ ids, reason }));
  };
  const all = [
    ...(await groups('phoneKeys', 'phone')),
    ...(await groups('inn', 'inn')),
    ...(await groups('domain', 'domain')),
    ...(await groups('nameKey', 'name+address')),
  ];
  const records = new Map<string, Company>();
  const load = async (id: string) => {
    let c = records.get(id);
    if (!c) {
      c = await store.get(id);
      if (c) records.set(id, c);
    }
    return c;
  };
  for (const { ids, reason } of all) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const pair = pairKey(ids[i]!, ids[j]!);
        if (dismissed.has(pair)) continue;
        if (reason === 'name+address') {
          const [a, b] = await Promise.all([load(ids[i]!), load(ids[j]!)]);
          const ka = a && addressKey(a.address, a.city);
          if (!ka || ka !== (b && addressKey(b.address, b.city))) continue;
        }
        let p = pairs.get(pair);
        if (!p) {
          if (pairs.size >= limit) continue;
          pairs.set(pair, (p = { a: ids[i]!, b: ids[j]!, reasons: new Set() }));
        }
        p.reasons.add(reason);
      }
    }
  }
  const out: DuplicatePair[] = [];
  for (const p of pairs.values()) {
    const [a, b] = await Promise.all([load(p.a), load(p.b)]);
    if (a && b) out.push({ a, b, reasons: [...p.reasons] });
  }
  await tx.done;
  return out;
}

/**
 * Applies the rubric mapping to every company whose industry was not set by
 * hand; returns how many changed. One transaction per slice keeps each short.
 */
export async function remapIndustries(db: Db, industryOf: (rubric: string | undefined) => string | undefined, now = new Date().toISOString()): Promise<number> {
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const tx = db.transaction(['companies', 'calls', 'totals', ...SYNC_STORES], 'readwrite');
    const store = tx.objectStore('companies');
    const slice = await store.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), 500);
    if (slice.length === 0) {
      await tx.done;
      break;
    }
    for (const company of slice) {
      if (company.industryByHand) continue;
      const industry = industryOf(company.rubric);
      if ((industry ?? '') === (company.industry ?? '')) continue;
      const calls = await tx.objectStore('calls').index('companyId').getAll(company.id);
      const next = withDerivedKeys({ ...company, industry, updatedAt: now });
      await store.put(next);
      await recordChange(tx.objectStore('totals'), { company, calls }, { company: next, calls });
      await recordLocal(tx, 1, (clocks) => {
        const edit = fieldEdits(company, next, clocks[0]!);
        return edit ? [edit] : [];
      });
      changed++;
    }
    after = slice[slice.length - 1]!.id;
    await tx.done;
  }
  return changed;
}

/** Rubrics of companies the mapping leaves without an industry, with how many companies each. */
export async function unmappedRubrics(db: Db): Promise<Array<{ rubric: string; count: number }>> {
  const counts = new Map<string, number>();
  // Their keys from the index, then the records by id, all requests in flight at once in
  // one transaction: a cursor waits a round trip per company (seconds on a big base).
  const tx = db.transaction('companies');
  const ids = await tx.store.index('byIndustry').getAllKeys(IDBKeyRange.only(''));
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  for (const c of rows) {
    const r = c?.rubric?.trim();
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts].map(([rubric, count]) => ({ rubric, count })).sort((a, b) => b.count - a.count || a.rubric.localeCompare(b.rubric));
}
