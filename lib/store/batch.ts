/**
 * Writing many companies at once (imports, restores, collecting a page): one
 * transaction per batch, so a batch is saved whole or not at all, and a
 * company is never half-written. Every bulk write goes through here, so the
 * totals and the sync outbox have one place to hook into: when this device is
 * in a team, the batch's changes (new companies, edited fields, new calls) are
 * queued for the server in the same transaction (./sync-log.ts).
 */
import { Call, Company } from '../model';
import type { Change } from '../sync/changes';
import { callLogged, companyCreated, fieldEdits } from '../sync/local';
import { abort, applyCalls } from './calls';
import { withDerivedKeys } from './keys';
import type { Db, Reminder } from './schema';
import { SYNC_STORES, recordLocal } from './sync-log';
import { applyDelta, deltaOf, type Delta } from './totals';

export interface CompanyWrite {
  id: string;
  /**
   * Builds the company from the stored one (undefined when new), and the calls
   * to add; calls already stored (same id) are left as they are. Runs inside
   * the transaction, so it must not wait on anything. `changed: false` with no
   * new call means only a source's last-seen time moved: the record is saved,
   * but counted unchanged, and no totals or sync change is made of it.
   */
  build(existing: Company | undefined): { company: Company; calls: Call[]; changed: boolean };
  /**
   * The writer knows the company is not stored (an import's plan found none):
   * then nothing is read first, and the company and its calls are added, which
   * fails if one is there after all. The batch is then written again the
   * careful way, so a company written meanwhile (another tab) is merged, not
   * overwritten. Half the requests of a new company are the reads.
   */
  fresh?: boolean;
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  callsAdded: number;
  /** The ids of the companies created or updated. */
  written: string[];
}

export interface BatchOptions {
  /**
   * Keep the totals store in step in this transaction. Imports and restores
   * leave it and rebuild the totals once at the end (lib/io/after-write.ts);
   * small writers (collecting a page, in the background) keep it exact.
   */
  totals?: boolean;
}

/** Adds `d` into `into`. */
function addDelta(into: Delta, d: Delta): void {
  for (const [key, counts] of d) {
    let target = into.get(key);
    if (!target) into.set(key, (target = new Map()));
    for (const [counter, n] of counts) target.set(counter, (target.get(counter) ?? 0) + n);
  }
}

const isConstraintError = (error: unknown) => error instanceof Error && error.name === 'ConstraintError';

export async function writeCompanyBatch(db: Db, writes: readonly CompanyWrite[], now: string, options: BatchOptions = {}): Promise<BatchResult> {
  if (writes.some((w) => w.fresh)) {
    try {
      return await writeOnce(db, writes, now, options, true);
    } catch (error) {
      // One of the "new" companies or calls is stored after all: nothing of this batch was saved.
      if (!isConstraintError(error)) throw error;
    }
  }
  return writeOnce(db, writes, now, options, false);
}

async function writeOnce(db: Db, writes: readonly CompanyWrite[], now: string, options: BatchOptions, trustFresh: boolean): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, callsAdded: 0, written: [] };
  if (writes.length === 0) return result;
  const tx = db.transaction(['companies', 'calls', 'totals', ...SYNC_STORES], 'readwrite');
  const companies = tx.objectStore('companies');
  const callStore = tx.objectStore('calls');
  const unread = (w: CompanyWrite) => trustFresh && !!w.fresh;
  try {
    // Every read is issued at once; the database answers them in one go.
    const stored = await Promise.all(writes.map((w) => (unread(w) ? undefined : companies.get(w.id))));
    const built = writes.map((w, i) => w.build(stored[i]));
    const known = await Promise.all(
      built.map((b, i) => Promise.all(b.calls.map((c) => (unread(writes[i]!) ? undefined : callStore.getKey(c.id))))),
    );
    // A stored company's own calls: needed to derive its status when calls are added, and for the totals.
    const storedCalls = await Promise.all(
      built.map((b, i) => {
        const existing = stored[i];
        if (!existing || existing.callCount === 0) return [] as Call[];
        const adds = known[i]!.some((k) => k === undefined);
        return adds || options.totals ? callStore.index('companyId').getAll(existing.id) : ([] as Call[]);
      }),
    );
    const pending: Array<Promise<unknown>> = [];
    const changes: Array<(hlc: string) => Change> = [];
    const delta: Delta = new Map();
    built.forEach((b, i) => {
      const existing = stored[i];
      const fresh = b.calls.filter((_, j) => known[i]![j] === undefined).map((c) => Call.parse(c));
      if (existing && !b.changed && fresh.length === 0) {
        // Only a source's last-seen time moved: saved, but not a change to count, total or sync.
        result.unchanged++;
        pending.push(companies.put(Company.parse(withDerivedKeys(b.company))));
        return;
      }
      fresh.forEach((c) => pending.push(callStore.add(c)));
      result.callsAdded += fresh.length;
      if (!existing) result.created++;
      else result.updated++;
      let company = b.company;
      const before = storedCalls[i]!;
      const all = fresh.length ? [...before.filter((c) => !fresh.some((f) => f.id === c.id)), ...fresh] : before;
      if (fresh.length) {
        // A stored company may have calls from elsewhere: its status is derived from all of them.
        // A new call changes the status: the company counts as updated now, unless the build dated it itself.
        company = { ...applyCalls(company, all, now), updatedAt: b.changed ? b.company.updatedAt : now };
      }
      const record = Company.parse(withDerivedKeys(company));
      pending.push(unread(writes[i]!) ? companies.add(record) : companies.put(record));
      result.written.push(record.id);
      if (options.totals) addDelta(delta, deltaOf(existing && { company: existing, calls: before }, { company: record, calls: all }));
      // Team sync: what a teammate needs to get the same company.
      if (!existing) changes.push((hlc) => companyCreated(record, hlc));
      else {
        const edit = fieldEdits(existing, record, '');
        if (edit) changes.push((hlc) => ({ ...edit, hlc }));
      }
      for (const call of fresh) changes.push((hlc) => callLogged(call, hlc));
    });
    if (options.totals && delta.size) pending.push(applyDelta(tx.objectStore('totals'), delta));
    if (changes.length) pending.push(recordLocal(tx, changes.length, (clocks) => changes.map((make, i) => make(clocks[i]!))));
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
