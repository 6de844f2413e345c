import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTCOMES, type Call } from '../../../lib/model';
import { logCall, restoreCall, undoCall } from '../../../lib/store/calls';
import { deleteCompany, mergeCompanies, restoreCompany, updateCompany, type DeletedCompany } from '../../../lib/store/edit';
import type { Db } from '../../../lib/store/schema';
import { type CompanyState, computeTotals, countersOf, rebuildTotals } from '../../../lib/store/totals';
import { withDerivedKeys } from '../../../lib/store/keys';
import { applyCalls } from '../../../lib/store/derive';
import { freshDb, listing } from './helpers';

/** The totals as stored, as a plain map. */
async function stored(db: Db): Promise<Map<string, Record<string, number>>> {
  return new Map((await db.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]));
}

/** The totals recomputed from the raw records alone. */
async function recomputed(db: Db): Promise<Map<string, Record<string, number>>> {
  const companies = await db.getAll('companies');
  const states: CompanyState[] = [];
  for (const company of companies) states.push({ company, calls: await db.getAllFromIndex('calls', 'companyId', company.id) });
  return computeTotals(states);
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('log' as const), pick: fc.nat(), fresh: fc.boolean(), outcome: fc.constantFrom(...OUTCOMES), reason: fc.constantFrom('дорого', 'другое', ''), manager: fc.constantFrom('Анна', 'Борис', ''), day: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('removeCall' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('merge' as const), pick: fc.nat(), other: fc.nat(), takeOther: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('undoDelete' as const) }),
  // A rename moves the company between the search's word lists (totals `word|…`).
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), industry: fc.constantFrom('', 'Общепит', 'Авто'), name: fc.constantFrom(undefined, 'Кафе Сад', 'Бар «Луна»') }),
  fc.record({ kind: fc.constant('import' as const), count: fc.integer({ min: 1, max: 4 }), day: fc.integer({ min: 0, max: 120 }) }),
);

describe('totals store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T12:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('always equals a recomputation from the raw records, whatever sequence of writes ran', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const db = await freshDb();
        const deleted: DeletedCompany[] = [];
        const removed: Call[] = [];
        const ids = async () => (await db.getAllKeys('companies')).sort();
        const callIds = async () => (await db.getAllKeys('calls')).sort();
        const ctx = { defaultCountry: 'RU' as const, industryOf: (r?: string) => (r ? 'Общепит' : undefined), now: new Date().toISOString() };
        for (const o of ops) {
          const at = new Date(Date.parse('2026-01-01T09:00:00.000Z') + ('day' in o ? o.day : 0) * 86_400_000).toISOString();
          if (o.kind === 'log') {
            const list = await ids();
            const companyId = o.fresh || list.length === 0 ? undefined : list[o.pick % list.length];
            const l = listing({ name: `Кафе ${o.pick}`, siteId: String(o.pick), phones: [`+7 495 000 ${String(o.pick % 100).padStart(2, '0')} 00`] });
            await logCall(db, companyId ? { companyId } : { listing: l }, { outcome: o.outcome, reason: o.reason, manager: o.manager, at, callbackAt: '2030-01-01T10:00:00.000Z' }, 'RU', ctx.industryOf);
          } else if (o.kind === 'undo' || o.kind === 'removeCall') {
            const list = await callIds();
            if (!list.length) continue;
            const id = list[o.pick % list.length]!;
            const call = (await db.get('calls', id))!;
            await undoCall(db, id);
            if (o.kind === 'removeCall') removed.push(call);
          } else if (o.kind === 'merge') {
            const list = await ids();
            if (list.length < 2) continue;
            const a = list[o.pick % list.length]!;
            const b = list[o.other % list.length]!;
            if (a === b) continue;
            await mergeCompanies(db, a, b, { name: o.takeOther ? 'other' : 'keep', industry: o.takeOther ? 'other' : 'keep' });
          } else if (o.kind === 'delete') {
            const list = await ids();
            if (list.length) deleted.push(await deleteCompany(db, list[o.pick % list.length]!));
          } else if (o.kind === 'undoDelete') {
            const d = deleted.pop();
            if (d && !(await db.get('companies', d.company.id))) await restoreCompany(db, d);
          } else if (o.kind === 'edit') {
            const list = await ids();
            if (!list.length) continue;
            const c = (await db.get('companies', list[o.pick % list.length]!))!;
            await updateCompany(db, c.id, { ...c, name: o.name ?? c.name, phones: c.phones, website: c.domain, industry: o.industry }, ctx);
          } else {
            // An import writes records in bulk without totals, then rebuilds them.
            const tx = db.transaction(['companies', 'calls'], 'readwrite');
            for (let i = 0; i < o.count; i++) {
              const id = crypto.randomUUID();
              const calls: Call[] = [{ id: crypto.randomUUID(), companyId: id, at, outcome: i % 2 ? 'client' : 'refused', reason: 'дорого', note: '', manager: 'Импорт' }];
              const base = { id, name: `Импорт ${i}`, nameKey: `импорт ${i}`, phones: [], phoneKeys: [], siteKeys: [], decisionMakers: [], note: '', createdAt: at, updatedAt: at, status: 'new' as const, callCount: 0, sources: [{ directory: 'import', file: 'base.csv', firstSeen: at, lastSeen: at }] };
              void tx.objectStore('companies').put(withDerivedKeys(applyCalls(base, calls, at)));
              calls.forEach((c) => void tx.objectStore('calls').put(c));
            }
            await tx.done;
            await rebuildTotals(db);
          }
          // A removed call may come back (its company may be gone meanwhile: then it cannot).
          const back = removed.pop();
          if (back && (await db.get('companies', back.companyId)) && !(await db.get('calls', back.id))) await restoreCall(db, back);
        }
        expect(await stored(db)).toEqual(await recomputed(db));
        db.close();
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
