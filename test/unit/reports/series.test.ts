/**
 * The reports of periods and ages (calls per day or week, refusals month by
 * month, growth per week, how current the base is, how complete), and the
 * stale list, on a small base computed by hand; an empty base; ranges that
 * cut through companies' histories; one manager.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPORTS } from '../../../lib/reports';
import type { ReportContext, ReportQuery, ReportTable } from '../../../lib/reports/types';
import { logCall } from '../../../lib/store/calls';
import { runReports, staleCompanies } from '../../../lib/store/reports';
import type { Db } from '../../../lib/store/schema';
import { freshDb, listing } from '../store/helpers';

const at = (day: string) => new Date(`${day}T10:00:00`).toISOString();
const ctx: ReportContext = { reasonAliases: { дороговато: 'дорого' }, retiredReasons: [], today: '2026-04-01', staleAfterDays: 30 };
const table = (tables: ReportTable[], id: string) => tables.find((t) => t.id === id)!;
const row = (tables: ReportTable[], id: string, key: string) => table(tables, id).rows.find((r) => r.key === key)?.cells;
const run = (db: Db, q: ReportQuery = {}, c: ReportContext = ctx) => runReports(db, REPORTS, q, c);

/** A call at 10:00 local on `day`, the clock at that moment (so a new company is created then). */
async function call(db: Db, target: { companyId?: string; listing?: ReturnType<typeof listing> }, day: string, outcome: string, manager: string, reason?: string) {
  vi.setSystemTime(new Date(`${day}T10:00:00`));
  const industryOf = (rubric: string | undefined) => (rubric?.startsWith('Кафе') ? 'Общепит' : undefined);
  return logCall(db, target, { outcome: outcome as never, manager, at: at(day), ...(reason ? { reason } : {}) }, 'RU', industryOf);
}

/**
 * A: 2gis, «Кафе-бар» → Общепит, phone: 2025-12-29 no answer (Анна), 2026-02-05 refused «дорого» (Борис).
 * B: 2gis, Общепит, phone and website: 2026-01-20 interested (Анна), 2026-03-02 client (Анна).
 * C: zoon, «Шиномонтаж» (no industry): 2026-02-10 refused «дороговато» (Анна), renamed «дорого».
 * D: 2gis, no rubric: 2025-06-01 wrong number (Анна); never confirmed.
 */
async function seedBase(): Promise<{ db: Db; ids: Record<'a' | 'b' | 'c' | 'd', string> }> {
  const db = await freshDb();
  const base = { website: undefined, address: undefined };
  const a = await call(db, { listing: listing({ ...base, name: 'Кафе А', siteId: '1', phones: ['+7 495 000 00 01'], category: 'Кафе-бар' }) }, '2025-12-29', 'no_answer', 'Анна');
  await call(db, { companyId: a.company.id }, '2026-02-05', 'refused', 'Борис', 'дорого');
  const b = await call(db, { listing: listing({ ...base, name: 'Кафе Б', siteId: '2', phones: ['+7 495 000 00 02'], website: 'kafe-b.ru', category: 'Кафе' }) }, '2026-01-20', 'interested', 'Анна');
  await call(db, { companyId: b.company.id }, '2026-03-02', 'client', 'Анна');
  const c = await call(
    db,
    { listing: listing({ ...base, directory: 'zoon', name: 'Шины В', siteId: 'c3', phones: [], category: 'Шиномонтаж', url: 'https://zoon.ru/msk/autoservice/shiny_v/' }) },
    '2026-02-10',
    'refused',
    'Анна',
    'дороговато',
  );
  const d = await call(db, { listing: listing({ ...base, name: 'Г', siteId: '4', phones: [], category: undefined }) }, '2025-06-01', 'wrong_number', 'Анна');
  return { db, ids: { a: a.company.id, b: b.company.id, c: c.company.id, d: d.company.id } };
}

describe('reports of periods and ages', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T12:00:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('an empty base: no periods, nothing fresh or stale, nothing complete', async () => {
    const tables = await run(await freshDb());
    expect(table(tables, 'calls').rows).toEqual([]);
    expect(table(tables, 'calls').total?.calls).toBe(0);
    expect(table(tables, 'refusal-months').rows).toEqual([]);
    expect(table(tables, 'growth').rows).toEqual([]);
    expect(row(tables, 'freshness', 'fresh')).toEqual({ count: 0, share: 0 });
    expect(row(tables, 'freshness', 'stale')).toEqual({ count: 0, share: 0 });
    expect(row(tables, 'completeness', 'phone')).toEqual({ count: 0, share: 0 });
    expect(await staleCompanies(await freshDb(), { today: '2026-04-01', staleAfterDays: 30 })).toEqual([]);
  });

  it('calls per week over all time (a span over 62 days), every week a row, with the outcome mix and a total', async () => {
    const { db } = await seedBase();
    const tables = await run(db);
    vi.setSystemTime(new Date('2026-04-01T12:00:00'));
    const calls = table(tables, 'calls');
    expect(calls.by).toBe('week');
    // From the week of 2025-06-01 (Monday 2025-05-26) to the week of 2026-03-02: 41 weeks.
    expect(calls.rows).toHaveLength(41);
    expect(calls.rows[0]!.key).toBe('2025-05-26');
    expect(row(tables, 'calls', '2025-05-26')).toMatchObject({ calls: 1, wrong_number: 1 });
    expect(row(tables, 'calls', '2025-06-02')).toMatchObject({ calls: 0 });
    expect(row(tables, 'calls', '2025-12-29')).toMatchObject({ calls: 1, no_answer: 1 });
    expect(row(tables, 'calls', '2026-01-19')).toMatchObject({ calls: 1, interested: 1 });
    expect(row(tables, 'calls', '2026-02-02')).toMatchObject({ calls: 1, refused: 1 });
    expect(row(tables, 'calls', '2026-02-09')).toMatchObject({ calls: 1, refused: 1 });
    expect(row(tables, 'calls', '2026-03-02')).toMatchObject({ calls: 1, clients: 1 });
    expect(calls.total).toMatchObject({ calls: 6, refused: 2, clients: 1, interested: 1, no_answer: 1, wrong_number: 1, callback: 0 });
  });

  it('calls per day within a February range; per week when asked; one manager', async () => {
    const { db } = await seedBase();
    const feb = await run(db, { from: '2026-02-01', to: '2026-02-28' });
    const calls = table(feb, 'calls');
    expect(calls.by).toBe('day');
    expect(calls.rows.map((r) => r.key)).toEqual(['2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08', '2026-02-09', '2026-02-10']);
    expect(row(feb, 'calls', '2026-02-05')).toMatchObject({ calls: 1, refused: 1 });
    expect(row(feb, 'calls', '2026-02-07')).toMatchObject({ calls: 0 });
    const weeks = await run(db, { from: '2026-02-01', to: '2026-02-28', callsBy: 'week' });
    expect(table(weeks, 'calls').rows.map((r) => [r.key, r.cells.calls])).toEqual([
      ['2026-02-02', 1],
      ['2026-02-09', 1],
    ]);
    const boris = await run(db, { manager: 'Борис' });
    expect(table(boris, 'calls').total?.calls).toBe(1);
    expect(table(boris, 'calls').rows.map((r) => r.key)).toEqual(['2026-02-02']);
  });

  it('refusals month by month, by reason (renames followed), for ranges that cut a month and one manager', async () => {
    const { db } = await seedBase();
    const all = await run(db);
    expect(table(all, 'refusal-months').rows).toEqual([{ key: '2026-02|дорого', cells: { count: 2 }, attrs: { month: '2026-02', reason: 'дорого' } }]);
    // From Feb 6: A's refusal (Feb 5) is cut off, C's (Feb 10) stays.
    expect(row(await run(db, { from: '2026-02-06', to: '2026-03-31' }), 'refusal-months', '2026-02|дорого')).toEqual({ count: 1 });
    // Inside one month, both ends ragged: nothing between Feb 6 and Feb 9.
    expect(table(await run(db, { from: '2026-02-06', to: '2026-02-09' }), 'refusal-months').rows).toEqual([]);
    expect(row(await run(db, { manager: 'Борис' }), 'refusal-months', '2026-02|дорого')).toEqual({ count: 1 });
    // Retired reasons are still counted, and marked.
    const retired = await run(db, {}, { ...ctx, retiredReasons: ['дорого'] });
    expect(table(retired, 'refusal-months').rows[0]!.attrs).toHaveProperty('retired');
    expect(table(retired, 'refusal-reasons').rows).toEqual([{ key: 'дорого', cells: { count: 2, share: 100 }, attrs: { retired: '' } }]);
  });

  it('growth per week by source, for a range that leaves out the older companies', async () => {
    const { db } = await seedBase();
    const growth = table(await run(db, { from: '2026-01-01', to: '2026-03-31' }), 'growth');
    expect(growth.columns).toEqual(['companies', 'source:2gis', 'source:zoon']);
    expect(growth.rows).toEqual([
      { key: '2026-01-19', cells: { companies: 1, 'source:2gis': 1, 'source:zoon': 0 } },
      { key: '2026-01-26', cells: { companies: 0, 'source:2gis': 0, 'source:zoon': 0 } },
      { key: '2026-02-02', cells: { companies: 0, 'source:2gis': 0, 'source:zoon': 0 } },
      { key: '2026-02-09', cells: { companies: 1, 'source:2gis': 0, 'source:zoon': 1 } },
    ]);
    expect(growth.total).toEqual({ companies: 2, 'source:2gis': 1, 'source:zoon': 1 });
    expect(table(await run(db), 'growth').total?.companies).toBe(4);
  });

  it('how current: fresh within 30 days, stale beyond, an age histogram; one manager (the latest call’s)', async () => {
    const { db } = await seedBase();
    const tables = await run(db);
    // Ages on 2026-04-01: B 30 days (fresh), C 50, A 55, D 304 (never confirmed: since created).
    expect(row(tables, 'freshness', 'fresh')).toEqual({ count: 1, share: 25 });
    expect(row(tables, 'freshness', 'stale')).toEqual({ count: 3, share: 75 });
    expect(table(tables, 'freshness').rows.filter((r) => r.attrs?.bucket === 'age').map((r) => [r.key, r.cells.count])).toEqual([
      ['0-30', 1],
      ['31-90', 2],
      ['91-180', 0],
      ['181-365', 1],
      ['366+', 0],
    ]);
    // The date range does not apply: an age is counted to today.
    expect(row(await run(db, { from: '2026-03-01', to: '2026-03-31' }), 'freshness', 'stale')).toEqual({ count: 3, share: 75 });
    const boris = await run(db, { manager: 'Борис' });
    expect(row(boris, 'freshness', 'stale')).toEqual({ count: 1, share: 100 });
    expect(row(boris, 'freshness', 'fresh')).toEqual({ count: 0, share: 0 });
    // A longer threshold: only D is stale.
    expect(row(await run(db, {}, { ...ctx, staleAfterDays: 180 }), 'freshness', 'stale')).toEqual({ count: 1, share: 25 });
  });

  it('the stale list: oldest first, from the index, for one manager too, with where each was seen', async () => {
    const { db, ids } = await seedBase();
    const all = await staleCompanies(db, { today: '2026-04-01', staleAfterDays: 30 });
    expect(all.map((c) => c.id)).toEqual([ids.d, ids.a, ids.c]);
    expect(all[2]!.sources[0]!.url).toBe('https://zoon.ru/msk/autoservice/shiny_v/');
    expect((await staleCompanies(db, { today: '2026-04-01', staleAfterDays: 30, manager: 'Анна' })).map((c) => c.id)).toEqual([ids.d, ids.c]);
    expect((await staleCompanies(db, { today: '2026-04-01', staleAfterDays: 30, limit: 1 })).map((c) => c.id)).toEqual([ids.d]);
    expect(await staleCompanies(db, { today: '2026-04-01', staleAfterDays: 400 })).toEqual([]);
  });

  it('how complete, and industries with the unmapped rubric as a row of its own', async () => {
    const { db } = await seedBase();
    const tables = await run(db);
    expect(row(tables, 'completeness', 'phone')).toEqual({ count: 2, share: 50 });
    expect(row(tables, 'completeness', 'website')).toEqual({ count: 1, share: 25 });
    expect(row(tables, 'completeness', 'industry')).toEqual({ count: 2, share: 50 });
    expect(row(tables, 'completeness', 'inn')).toEqual({ count: 0, share: 0 });
    expect(row(tables, 'completeness', 'decision_maker')).toEqual({ count: 0, share: 0 });
    expect(row(tables, 'industries', 'Общепит')).toMatchObject({ companies: 2, clients: 1, refused: 1, conversion: 50 });
    expect(row(tables, 'industries', '#unmapped')).toMatchObject({ companies: 1, refused: 1, conversion: 0 });
    expect(row(tables, 'industries', '#none')).toMatchObject({ companies: 1, prospects: 1 });
    // Statuses set in February only: A's and C's refusals.
    expect(row(await run(db, { from: '2026-02-01', to: '2026-02-28' }), 'completeness', 'phone')).toEqual({ count: 1, share: 50 });
  });
});
