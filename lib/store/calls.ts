import type { CountryCode } from 'libphonenumber-js';
import { Call, Company, type ListingData, type Outcome } from '../model';
import { LIMITS, boundedUrl, cutText } from '../model/limits';
import { applyCalls } from './derive';
export { applyCalls };
import { companyFromListing, withSource } from './companies';
import { withDerivedKeys } from './keys';
import { siteKeyOf } from '../match/keys';
import { t } from '../ui/i18n';
import type { Db, Reminder } from './schema';
import { recordChange } from './totals';
import { SYNC_STORES, recordLocal } from './sync-log';
import { callLogged, callUndone, companyCreated } from '../sync/local';

export interface CallInput {
  /** The id the caller made for this call; logging an id the base already has changes nothing. */
  id?: string;
  outcome: Outcome;
  reason?: string;
  note?: string;
  callbackAt?: string;
  phone?: string;
  manager?: string;
  pageUrl?: string;
  /** For imports and tests; a live call is "now". */
  at?: string;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Logs a call in one transaction: the call is added, and the company (created
 * from the listing when it is new) gets its status and confirmation time
 * recomputed from all its calls. Either all of it is saved or none. A call
 * whose id is already stored is not stored again (an idempotent retry).
 */
export async function logCall(
  db: Db,
  target: { companyId?: string; listing?: ListingData },
  input: CallInput,
  defaultCountry: CountryCode,
  /** The industry of a listing's rubric (the user's mapping); absent: rubric only. */
  industryOf?: (rubric: string | undefined) => string | undefined,
): Promise<{ call: Call; company: Company }> {
  const now = new Date().toISOString();
  const tx = db.transaction(['companies', 'calls', 'reminders', 'totals', ...SYNC_STORES], 'readwrite');
  const companies = tx.objectStore('companies');
  try {
    if (input.id) {
      // A retry of a call already stored (its answer was lost): answer as the first time did.
      const known = await tx.objectStore('calls').get(input.id);
      if (known) {
        const owner = await companies.get(known.companyId);
        if (!owner) throw new StoreError('not_found', t('err_noCompany'));
        await tx.done;
        return { call: known, company: owner };
      }
    }
    let company: Company | undefined;
    let before: Company | undefined;
    if (target.companyId) {
      company = before = await companies.get(target.companyId);
      if (!company) throw new StoreError('not_found', t('err_noCompany'));
      if (target.listing) company = withSource(company, target.listing, now);
    } else if (target.listing) {
      // A listing new to its page, logged in two tabs at once (or kept aside twice): the later call
      // finds the company the earlier one made from the same listing, as its badge would have.
      const key = siteKeyOf(target.listing.directory, target.listing.siteId);
      const same = key ? await companies.index('siteKeys').getAll(key) : [];
      if (same.length === 1) {
        before = same[0]!;
        company = withSource(before, target.listing, now);
      } else {
        company = companyFromListing(target.listing, defaultCountry, now, industryOf);
      }
    } else {
      throw new StoreError('invalid', t('err_callTarget'));
    }
    const call = Call.parse({
      id: input.id ?? crypto.randomUUID(),
      companyId: company.id,
      at: input.at ?? now,
      outcome: input.outcome,
      reason: cutText(input.reason, LIMITS.reason),
      // A note keeps its line breaks; only its length is bounded.
      note: (input.note ?? '').slice(0, LIMITS.note),
      callbackAt: input.outcome === 'callback' ? input.callbackAt : undefined,
      manager: cutText(input.manager, LIMITS.manager) ?? '',
      pageUrl: boundedUrl(input.pageUrl, LIMITS.url),
      phone: input.phone,
    });
    await tx.objectStore('calls').add(call);
    const calls = await tx.objectStore('calls').index('companyId').getAll(company.id);
    const updated = Company.parse(withDerivedKeys(applyCalls(company, calls, now)));
    await companies.put(updated);
    await recordChange(tx.objectStore('totals'), before && { company: before, calls: calls.filter((c) => c.id !== call.id) }, { company: updated, calls });
    // Team sync: the new company (if it is new) and the call, queued in this same transaction.
    const isNew = !before;
    await recordLocal(tx, isNew ? 2 : 1, (clocks) =>
      isNew ? [companyCreated(company, clocks[0]!), callLogged(call, clocks[1]!)] : [callLogged(call, clocks[0]!)],
    );
    if (call.callbackAt) {
      const reminder: Reminder = { callId: call.id, companyId: company.id, dueAt: call.callbackAt };
      await tx.objectStore('reminders').put(reminder);
    }
    await tx.done;
    return { call, company: updated };
  } catch (error) {
    abort(tx);
    throw error;
  }
}

/** Rolls a transaction back; its `done` promise rejecting then is expected, not an error. */
export function abort(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => {});
  try {
    tx.abort();
  } catch {
    // already finished
  }
}

/** Removes a call (the undo of logging it) and recomputes the company's status. */
export async function undoCall(db: Db, callId: string): Promise<Company> {
  const now = new Date().toISOString();
  const tx = db.transaction(['companies', 'calls', 'reminders', 'totals', ...SYNC_STORES], 'readwrite');
  const call = await tx.objectStore('calls').get(callId);
  if (!call) {
    abort(tx);
    throw new StoreError('not_found', t('err_noCall'));
  }
  await tx.objectStore('calls').delete(callId);
  await tx.objectStore('reminders').delete(callId);
  await recordLocal(tx, 1, (clocks) => [callUndone(call, clocks[0]!)]);
  const company = await tx.objectStore('companies').get(call.companyId);
  if (!company) {
    abort(tx);
    throw new StoreError('not_found', t('err_noCompany'));
  }
  const calls = await tx.objectStore('calls').index('companyId').getAll(call.companyId);
  const updated = withDerivedKeys(applyCalls(company, calls, now));
  await tx.objectStore('companies').put(updated);
  await recordChange(tx.objectStore('totals'), { company, calls: [...calls, call] }, { company: updated, calls });
  await tx.done;
  return updated;
}

/** Puts back a removed call (the undo of removing it from a company's card). */
export async function restoreCall(db: Db, call: Call): Promise<Company> {
  const now = new Date().toISOString();
  const tx = db.transaction(['companies', 'calls', 'reminders', 'totals', ...SYNC_STORES], 'readwrite');
  try {
    const company = await tx.objectStore('companies').get(call.companyId);
    if (!company) throw new StoreError('not_found', t('err_noCompany'));
    // A call still stored (under this or another company) is not put back over itself.
    if (await tx.objectStore('calls').getKey(call.id)) throw new StoreError('invalid', t('err_callAlreadyBack'));
    const before = await tx.objectStore('calls').index('companyId').getAll(call.companyId);
    await tx.objectStore('calls').put(call);
    const calls = [...before.filter((c) => c.id !== call.id), call];
    const updated = withDerivedKeys(applyCalls(company, calls, now));
    await tx.objectStore('companies').put(updated);
    await recordChange(tx.objectStore('totals'), { company, calls: before }, { company: updated, calls });
    await recordLocal(tx, 1, (clocks) => [callLogged(call, clocks[0]!)]);
    if (call.callbackAt && Date.parse(call.callbackAt) > Date.now()) {
      await tx.objectStore('reminders').put({ callId: call.id, companyId: call.companyId, dueAt: call.callbackAt });
    }
    await tx.done;
    return updated;
  } catch (error) {
    abort(tx);
    throw error;
  }
}

/** A company's calls, newest first. */
export async function callsOf(db: Db, companyId: string): Promise<Call[]> {
  const range = IDBKeyRange.bound([companyId, ''], [companyId, '\uffff']);
  const calls = await db.getAllFromIndex('calls', 'companyAt', range);
  return calls.reverse();
}
