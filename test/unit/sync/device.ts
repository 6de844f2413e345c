import { openDatabase } from '../../../lib/store/db';
import type { Db } from '../../../lib/store/schema';
import { SYNC_STORES, appendLocal, nextClocks, readMeta } from '../../../lib/store/sync-log';
import { companyCreated, callLogged } from '../../../lib/sync/local';
import { createEngine, type EngineDeps, type SyncStatus } from '../../../lib/sync/engine';
import type { Call, Company } from '../../../lib/model';
import { withDerivedKeys } from '../../../lib/store/keys';
import { applyCalls } from '../../../lib/store/derive';
import { recordChange } from '../../../lib/store/totals';

let counter = 0;

/**
 * One extension's sync side, in Node: the real engine (lib/sync/engine.ts)
 * over its own fake-indexeddb database, with the fetch it is given.
 */
export async function device(name: string, options: Partial<Pick<EngineDeps, 'fetch' | 'schedule' | 'now' | 'random'>> = {}) {
  const db = await openDatabase(`device-${name}-${process.pid}-${++counter}`);
  const announced: string[][] = [];
  const published: SyncStatus[] = [];
  const engine = createEngine({
    db: async () => db,
    announce: async (ids) => void announced.push(ids),
    publish: async (status) => void published.push(status),
    managerName: async () => name,
    ...options,
  });
  return {
    db,
    engine,
    announced,
    published,
    cursor: async () => (await readMeta<number>(db.transaction('syncMeta'), 'cursor')) ?? 0,
    outbox: () => db.count('outbox'),
    /** Writes companies with calls locally the way logging does, queued for the server in the same transaction. */
    logLocally: (companies: number, callsEach: number) => logLocally(db, companies, callsEach),
  };
}

export type Device = Awaited<ReturnType<typeof device>>;

export async function logLocally(db: Db, companies: number, callsEach: number, at = '2026-03-02T10:00:00.000Z') {
  const tx = db.transaction(['companies', 'calls', 'totals', ...SYNC_STORES], 'readwrite');
  const clocks = await nextClocks(tx, companies * (1 + callsEach), Date.parse(at));
  let i = 0;
  const changes = [];
  for (let c = 0; c < companies; c++) {
    const id = crypto.randomUUID();
    const calls: Call[] = Array.from({ length: callsEach }, (_, k) => ({
      id: crypto.randomUUID(),
      companyId: id,
      at: new Date(Date.parse(at) + k * 60_000).toISOString(),
      outcome: k === callsEach - 1 ? 'refused' : 'no_answer',
      reason: k === callsEach - 1 ? 'дорого' : undefined,
      note: '',
      manager: 'Анна',
    }));
    const base: Company = withDerivedKeys({
      id,
      name: `Компания ${c}`,
      nameKey: `компания ${c}`,
      phones: [],
      phoneKeys: [],
      siteKeys: [`2gis:${id}`],
      sources: [],
      decisionMakers: [],
      note: '',
      createdAt: at,
      updatedAt: at,
      status: 'new',
      callCount: 0,
    } as Company);
    const company = withDerivedKeys(applyCalls(base, calls, at));
    await tx.objectStore('companies').put(company);
    for (const call of calls) await tx.objectStore('calls').put(call);
    await recordChange(tx.objectStore('totals'), undefined, { company, calls });
    changes.push(companyCreated(company, clocks[i++]!), ...calls.map((call) => callLogged(call, clocks[i++]!)));
  }
  await appendLocal(tx, changes);
  await tx.done;
  return changes;
}
