import type { IDBPTransaction, StoreNames } from 'idb';
import type { ReplicaStore } from '../sync/apply';
import { companiesOf, type Change } from '../sync/changes';
import { formatHlc, hlcZero, parseHlc, receive, tick, type Hlc } from '../sync/hlc';
import type { GroupResult } from '../sync/merge';
import { callLogged, companyCreated } from '../sync/local';
import { withDerivedKeys } from './keys';
import { recordChange } from './totals';
import type { CallmarkDB, Db } from './schema';

/**
 * The local side of team sync in IndexedDB: the change log, the outbox and the
 * sync state. Local writes record their changes here in their own transaction,
 * so a change is either saved and queued for the server, or neither.
 *
 * The device token lives here too, in this extension's own IndexedDB: pages
 * cannot reach it, and neither can content scripts (they run in the page's
 * origin, whose IndexedDB is the site's, and chrome.storage is not used for it).
 */
export const SYNC_STORES = ['syncLog', 'outbox', 'syncMeta'] as const;

export interface TeamSession {
  serverUrl: string;
  teamId: string;
  teamName: string;
  memberId: string;
  role: 'head' | 'manager';
  deviceId: string;
  token: string;
  managerName: string;
}

type AnyTx = IDBPTransaction<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'readwrite' | 'readonly'>;
type WriteTx = IDBPTransaction<CallmarkDB, ArrayLike<StoreNames<CallmarkDB>>, 'readwrite'>;

export async function readMeta<T>(tx: AnyTx, key: string): Promise<T | undefined> {
  return (await tx.objectStore('syncMeta').get(key))?.value as T | undefined;
}
export const writeMeta = (tx: WriteTx, key: string, value: unknown) => tx.objectStore('syncMeta').put({ key, value });

export async function loadSession(db: Db): Promise<TeamSession | undefined> {
  return readMeta<TeamSession>(db.transaction('syncMeta'), 'session');
}

/** The clock for new local changes; never behind any change this device has seen. */
async function nextClocks(tx: WriteTx, count: number, now = Date.now()): Promise<string[]> {
  const session = await readMeta<TeamSession>(tx, 'session');
  let clock = (await readMeta<Hlc>(tx, 'clock')) ?? hlcZero(session?.deviceId ?? 'local');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    clock = tick(clock, now);
    out.push(formatHlc(clock));
  }
  await writeMeta(tx, 'clock', clock);
  return out;
}

/** After pulling: our clock moves past every clock we received. */
export async function observeClocks(tx: WriteTx, hlcs: string[], now = Date.now()): Promise<void> {
  const session = await readMeta<TeamSession>(tx, 'session');
  let clock = (await readMeta<Hlc>(tx, 'clock')) ?? hlcZero(session?.deviceId ?? 'local');
  for (const text of hlcs) {
    try {
      clock = receive(clock, parseHlc(text), now);
    } catch {
      // A teammate's clock a day ahead: their change still applies, our clock stays sane.
    }
  }
  await writeMeta(tx, 'clock', clock);
}

/**
 * Records local changes in the caller's transaction (which must include
 * SYNC_STORES), when this device is in a team; `make` gets one clock per change.
 * Joining a team later uploads the whole base, so nothing is recorded before.
 */
export async function recordLocal(tx: WriteTx, count: number, make: (clocks: string[]) => Change[]): Promise<void> {
  if (!(await readMeta<TeamSession>(tx, 'session'))) return;
  const changes = make(await nextClocks(tx, count));
  await appendLocal(tx, changes);
}

export async function appendLocal(tx: WriteTx, changes: Change[]): Promise<void> {
  let order = (await readMeta<number>(tx, 'outboxOrder')) ?? 0;
  // Issued together (a bulk write queues hundreds): the transaction keeps their order.
  const puts: Array<Promise<unknown>> = [];
  for (const change of changes) {
    puts.push(tx.objectStore('syncLog').put({ id: change.id, companyIds: companiesOf(change), change }));
    puts.push(tx.objectStore('outbox').put({ id: change.id, order: ++order, change }));
  }
  puts.push(writeMeta(tx, 'outboxOrder', order));
  await Promise.all(puts);
}

export { nextClocks };

/** The base and change log of one transaction, as the merge rules need them (lib/sync/apply.ts). */
export function idbReplica(tx: WriteTx, onWritten?: (before: GroupResult['company'][], after: GroupResult) => Promise<void>): ReplicaStore {
  return {
    async knownIds(ids) {
      const found = await Promise.all(ids.map((id) => tx.objectStore('syncLog').getKey(id)));
      return new Set(ids.filter((_, i) => found[i] !== undefined));
    },
    async addChanges(changes) {
      await Promise.all(changes.map((change) => tx.objectStore('syncLog').put({ id: change.id, companyIds: companiesOf(change), change })));
    },
    async changesAbout(companyIds) {
      const byId = new Map<string, Change>();
      for (const id of companyIds) for (const entry of await tx.objectStore('syncLog').index('companyIds').getAll(id)) byId.set(entry.id, entry.change);
      const adopted = await adoptUnrecorded(tx, companyIds, [...byId.values()]);
      for (const change of adopted) byId.set(change.id, change);
      return [...byId.values()];
    },
    async writeGroup(result) {
      const companies = tx.objectStore('companies');
      const calls = tx.objectStore('calls');
      const before = await Promise.all(result.members.map((id) => companies.get(id)));
      const totals = tx.objectStore('totals');
      for (const [i, id] of result.members.entries()) {
        const own = await calls.index('companyId').getAll(id);
        // Totals change in the same transaction as the records (lib/store/totals.ts).
        if (before[i]) await recordChange(totals, { company: before[i]!, calls: own }, undefined);
        await companies.delete(id);
        for (const call of own) await calls.delete(call.id);
      }
      if (result.company) {
        // Fields the sync does not carry (another feature's) stay as they were.
        const kept = before[result.members.indexOf(result.company.id)];
        const company = withDerivedKeys({ ...kept, ...result.company });
        await companies.put(company);
        for (const call of result.calls) await calls.put(call);
        await recordChange(totals, undefined, { company, calls: result.calls });
      }
      await onWritten?.(before, result);
    },
  };
}

/**
 * A base record that no change describes (written by a feature that bypassed
 * recordLocal, or before a crash) must not be wiped by the next remote change:
 * it is adopted as a local change first, queued for the server like any other.
 */
async function adoptUnrecorded(tx: WriteTx, companyIds: string[], known: Change[]): Promise<Change[]> {
  if (!(await readMeta<TeamSession>(tx, 'session'))) return [];
  const knownIds = new Set(known.map((c) => c.id));
  const created = new Set(known.filter((c) => c.kind === 'company').map((c) => c.companyId));
  const undone = new Set(known.flatMap((c) => (c.kind === 'delete' && c.callId ? [c.callId] : [])));
  const pending: Array<(hlc: string) => Change | undefined> = [];
  for (const id of companyIds) {
    const company = await tx.objectStore('companies').get(id);
    if (company && !created.has(id)) pending.push((hlc) => companyCreated(company, hlc));
    for (const call of await tx.objectStore('calls').index('companyId').getAll(id)) {
      if (!knownIds.has(call.id) && !undone.has(call.id)) pending.push((hlc) => callLogged(call, hlc));
    }
  }
  if (pending.length === 0) return [];
  const clocks = await nextClocks(tx, pending.length);
  const changes = pending.map((make, i) => make(clocks[i]!)).filter((c): c is Change => c !== undefined);
  await appendLocal(tx, changes);
  return changes;
}
