/**
 * Writing many companies at once (imports, restores, collecting a page): one
 * transaction per batch, so a batch is saved whole or not at all, and a
 * company is never half-written. Every bulk write goes through here, so the
 * totals and the sync outbox have one place to hook into.
 */
import { Call, Company } from '../model';
import { abort, applyCalls } from './calls';
import { withDerivedKeys } from './keys';
import type { Db, Reminder } from './schema';

export interface CompanyWrite {
  id: string;
  /**
   * Builds the company from the stored one (undefined when new), and the calls
   * to add; calls already stored (same id) are left as they are. Runs inside
   * the transaction, so it must not wait on anything.
   */
  build(existing: Company | undefined): { company: Company; calls: Call[]; changed: boolean };
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  callsAdded: number;
}

export async function writeCompanyBatch(db: Db, writes: readonly CompanyWrite[], now: string): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, callsAdded: 0 };
  if (writes.length === 0) return result;
  const tx = db.transaction(['companies', 'calls'], 'readwrite');
  const companies = tx.objectStore('companies');
  const callStore = tx.objectStore('calls');
  try {
    // Every read is issued at once; the database answers them in one go.
    const stored = await Promise.all(writes.map((w) => companies.get(w.id)));
    const built = writes.map((w, i) => w.build(stored[i]));
    const known = await Promise.all(built.map((b) => Promise.all(b.calls.map((c) => callStore.getKey(c.id)))));
    const pending: Array<Promise<unknown>> = [];
    await Promise.all(
      built.map(async (b, i) => {
        const existing = stored[i];
        const fresh = b.calls.filter((_, j) => known[i]![j] === undefined).map((c) => Call.parse(c));
        fresh.forEach((c) => pending.push(callStore.add(c)));
        result.callsAdded += fresh.length;
        if (!existing) result.created++;
        else if (b.changed || fresh.length) result.updated++;
        else result.unchanged++;
        let company = b.company;
        if (fresh.length) {
          // A stored company may have calls from elsewhere: derive its status from all of them.
          const all = existing && existing.callCount > 0 ? [...(await callStore.index('companyId').getAll(company.id)).filter((c) => !fresh.some((f) => f.id === c.id)), ...fresh] : fresh;
          // A new call changes the status: the company counts as updated now, unless the build dated it itself.
          company = { ...applyCalls(company, all, now), updatedAt: b.changed ? b.company.updatedAt : now };
        }
        pending.push(companies.put(Company.parse(withDerivedKeys(company))));
      }),
    );
    await Promise.all(pending);
    await tx.done;
    return result;
  } catch (error) {
    abort(tx);
    throw error;
  }
}

/**
 * Replaces the whole base in one transaction: either the browser ends up with
 * the new base, or (closed mid-way, disk full) with the old one untouched.
 */
export async function replaceBase(db: Db, data: { companies: readonly Company[]; calls: readonly Call[]; reminders: readonly Reminder[] }): Promise<void> {
  const tx = db.transaction(['companies', 'calls', 'reminders'], 'readwrite');
  try {
    const companies = tx.objectStore('companies');
    const calls = tx.objectStore('calls');
    const reminders = tx.objectStore('reminders');
    await Promise.all([companies.clear(), calls.clear(), reminders.clear()]);
    const pending: Array<Promise<unknown>> = [];
    for (const c of data.companies) pending.push(companies.put(withDerivedKeys(c)));
    for (const c of data.calls) pending.push(calls.put(c));
    for (const r of data.reminders) pending.push(reminders.put(r));
    await Promise.all(pending);
    await tx.done;
  } catch (error) {
    abort(tx);
    throw error;
  }
}

/** Adds reminders that are not stored yet (restoring calls that had them). */
export async function addMissingReminders(db: Db, reminders: readonly Reminder[]): Promise<number> {
  if (reminders.length === 0) return 0;
  const tx = db.transaction(['reminders', 'calls'], 'readwrite');
  let added = 0;
  for (const r of reminders) {
    if ((await tx.objectStore('reminders').getKey(r.callId)) !== undefined) continue;
    if ((await tx.objectStore('calls').getKey(r.callId)) === undefined) continue;
    await tx.objectStore('reminders').put(r);
    added++;
  }
  await tx.done;
  return added;
}
