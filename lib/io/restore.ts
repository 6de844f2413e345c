/**
 * Restoring a backup into the base: by replacing it (one transaction), or by
 * merging (a union: calls by id, companies by id or by an exact key, the
 * status derived again from the union of calls), in batches.
 */
import { companyKeys } from '../match/keys';
import { rankCandidates } from '../match/match';
import type { Call, Company, SourceRef, DecisionMaker } from '../model';
import { addMissingReminders, replaceBase, writeCompanyBatch, type CompanyWrite } from '../store/batch';
import type { Db } from '../store/schema';
import type { Backup } from './backup';
import type { KeyIndex } from './plan';

export const RESTORE_BATCH = 500;

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

function unionBy<T>(a: readonly T[], b: readonly T[], key: (x: T) => string, max: number): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)) && (seen.add(key(x)), true))].slice(0, max);
}

const sourceKey = (s: SourceRef) => `${s.directory}\u0000${s.siteId ?? s.file ?? s.url ?? ''}`;
const personKey = (d: DecisionMaker) => `${d.name.toLowerCase()}\u0000${d.email ?? ''}\u0000${d.phone ?? ''}`;

/**
 * Two versions of one company: the newer one's fields win where both have a
 * value (last writer wins), lists are a union, and the older one's values
 * fill what the newer lacks. Status fields stay the stored company's: they are
 * derived from calls, which the batch derives again.
 */
export function mergeCompany(stored: Company, incoming: Company): { company: Company; changed: boolean } {
  const newer = Date.parse(incoming.updatedAt) > Date.parse(stored.updatedAt) ? incoming : stored;
  const older = newer === incoming ? stored : incoming;
  const pick = <K extends keyof Company>(k: K): Company[K] => (newer[k] !== undefined && newer[k] !== '' ? newer[k] : older[k]);
  const sources = unionBy(newer.sources, older.sources, sourceKey, 200).map((s) => {
    const other = [...stored.sources, ...incoming.sources].find((o) => sourceKey(o) === sourceKey(s))!;
    return { ...s, firstSeen: earlier(s.firstSeen, other.firstSeen), lastSeen: later(s.lastSeen, other.lastSeen) };
  });
  const note = newer.note.includes(older.note) ? newer.note : older.note.includes(newer.note) ? older.note : `${newer.note}\n${older.note}`.slice(0, 10_000);
  const company: Company = {
    ...stored,
    name: newer.name,
    nameKey: newer.nameKey,
    phones: unionBy(newer.phones, older.phones, (p) => p, 50),
    phoneKeys: [],
    inn: pick('inn'),
    ogrn: pick('ogrn'),
    domain: pick('domain'),
    address: pick('address'),
    city: pick('city'),
    industry: pick('industry'),
    industryByHand: pick('industryByHand'),
    rubric: pick('rubric'),
    siteKeys: unionBy(newer.siteKeys, older.siteKeys, (k) => k, 200),
    sources,
    decisionMakers: unionBy(newer.decisionMakers, older.decisionMakers, personKey, 100),
    note,
    createdAt: earlier(stored.createdAt, incoming.createdAt),
    updatedAt: later(stored.updatedAt, incoming.updatedAt),
  };
  for (const k of Object.keys(company) as Array<keyof Company>) if (company[k] === undefined) delete company[k];
  const comparable = (c: Company) => JSON.stringify({ ...c, phoneKeys: [] });
  return { company, changed: comparable(company) !== comparable({ ...stored }) };
}

export interface RestoreProgress {
  done: number;
  total: number;
  companies: number;
  calls: number;
}

/** Where each backup company goes: the stored company with its id, or one it matches exactly, or a new one. */
export function restoreTargets(backup: Backup, base: KeyIndex): Map<string, string> {
  const target = new Map<string, string>();
  for (const c of backup.companies) {
    if (base.has(c.id)) {
      target.set(c.id, c.id);
      continue;
    }
    const keys = companyKeys(c);
    const best = rankCandidates(keys, base.candidates(keys))[0];
    target.set(c.id, best && best.confidence === 'exact' ? best.companyId : c.id);
  }
  return target;
}

export async function mergeBackup(
  db: Db,
  backup: Backup,
  base: KeyIndex,
  now: string,
  hooks: { onProgress?: (p: RestoreProgress) => void | Promise<void>; shouldStop?: () => boolean } = {},
): Promise<RestoreProgress & { stopped: boolean }> {
  const target = restoreTargets(backup, base);
  const groups = new Map<string, { incoming: Company[]; calls: Call[] }>();
  for (const c of backup.companies) {
    const id = target.get(c.id)!;
    const g = groups.get(id) ?? { incoming: [], calls: [] };
    g.incoming.push(c);
    groups.set(id, g);
  }
  for (const call of backup.calls) groups.get(target.get(call.companyId)!)!.calls.push({ ...call, companyId: target.get(call.companyId)! });
  const entries = [...groups.entries()];
  const progress: RestoreProgress = { done: 0, total: entries.length, companies: 0, calls: 0 };
  for (let i = 0; i < entries.length; i += RESTORE_BATCH) {
    if (hooks.shouldStop?.()) return { ...progress, stopped: true };
    const writes: CompanyWrite[] = entries.slice(i, i + RESTORE_BATCH).map(([id, g]) => ({
      id,
      fresh: !base.has(id),
      build(existing) {
        let company = existing ?? { ...g.incoming[0]!, id };
        let changed = !existing;
        for (const incoming of existing ? g.incoming : g.incoming.slice(1)) {
          const merged = mergeCompany(company, { ...incoming, id });
          company = merged.company;
          changed ||= merged.changed;
        }
        return { company, calls: g.calls, changed };
      },
    }));
    const r = await writeCompanyBatch(db, writes, now);
    progress.done += writes.length;
    progress.companies += r.created + r.updated;
    progress.calls += r.callsAdded;
    await hooks.onProgress?.({ ...progress });
  }
  await addMissingReminders(db, backup.reminders);
  return { ...progress, stopped: false };
}

export async function replaceWithBackup(db: Db, backup: Backup): Promise<RestoreProgress> {
  await replaceBase(db, backup);
  const n = backup.companies.length;
  return { done: n, total: n, companies: n, calls: backup.calls.length };
}
