import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPORTS } from '../../../lib/reports';
import type { ReportTable } from '../../../lib/reports/types';
import { logCall } from '../../../lib/store/calls';
import { runReports } from '../../../lib/store/reports';
import { freshDb, listing } from '../store/helpers';

const cell = (tables: ReportTable[], id: string, key: string, col: string) =>
  tables.find((t) => t.id === id)?.rows.find((r) => r.key === key)?.cells[col];
const at = (day: string) => new Date(`${day}T10:00:00`).toISOString();
const ctx = { reasonAliases: { дорого: 'слишком дорого' } };

describe('reports over the totals store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T12:00:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('an empty base gives every report with zeros or no rows', async () => {
    const tables = await runReports(await freshDb(), REPORTS, {}, ctx);
    expect(tables.map((t) => t.id)).toEqual(REPORTS.map((r) => r.id));
    expect(cell(tables, 'statuses', 'new', 'count')).toBe(0);
    expect(cell(tables, 'funnel', 'called', 'count')).toBe(0);
    expect(tables.find((t) => t.id === 'industries')!.rows).toEqual([]);
  });

  it('reads while the settings still load, and computes with them once they come (a renamed reason included)', async () => {
    const db = await freshDb();
    await logCall(db, { listing: listing({ name: 'Кафе А', siteId: '1', phones: ['+7 495 000 00 01'] }) }, { outcome: 'refused', reason: 'дорого', manager: 'Анна', at: at('2026-01-10') }, 'RU');
    let settle!: (c: typeof ctx) => void;
    const loading = runReports(db, REPORTS, {}, new Promise<typeof ctx>((resolve) => (settle = resolve)));
    let done = false;
    void loading.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    settle(ctx);
    const tables = await loading;
    expect(cell(tables, 'refusal-reasons', 'слишком дорого', 'count')).toBe(1);
    expect(tables).toEqual(await runReports(db, REPORTS, {}, ctx));
  });

  it('counts a small base computed by hand, and a range that cuts through a company’s history', async () => {
    const db = await freshDb();
    const industryOf = () => 'Общепит';
    // A: no answer (Jan 10, Анна) → refused "дорого" (Feb 5, Борис).
    const a = await logCall(db, { listing: listing({ name: 'Кафе А', siteId: '1', phones: ['+7 495 000 00 01'] }) }, { outcome: 'no_answer', manager: 'Анна', at: at('2026-01-10') }, 'RU', industryOf);
    await logCall(db, { companyId: a.company.id }, { outcome: 'refused', reason: 'дорого', manager: 'Борис', at: at('2026-02-05') }, 'RU');
    // B: interested (Jan 20, Анна) → client (Mar 1, Анна).
    const b = await logCall(db, { listing: listing({ name: 'Кафе Б', siteId: '2', phones: ['+7 495 000 00 02'] }) }, { outcome: 'interested', manager: 'Анна', at: at('2026-01-20') }, 'RU', industryOf);
    await logCall(db, { companyId: b.company.id }, { outcome: 'client', manager: 'Анна', at: at('2026-03-01') }, 'RU');

    const all = await runReports(db, REPORTS, {}, ctx);
    expect(cell(all, 'statuses', 'refused', 'count')).toBe(1);
    expect(cell(all, 'statuses', 'client', 'share')).toBe(50);
    expect(cell(all, 'industries', 'Общепит', 'companies')).toBe(2);
    expect(cell(all, 'industries', 'Общепит', 'conversion')).toBe(50);
    expect(cell(all, 'refusal-reasons', 'слишком дорого', 'count')).toBe(1);
    expect(cell(all, 'managers', 'Анна', 'calls')).toBe(3);
    expect(cell(all, 'managers', 'Анна', 'reached')).toBe(1);
    expect(cell(all, 'managers', 'Борис', 'refused')).toBe(1);
    expect(cell(all, 'funnel', 'called', 'count')).toBe(2);
    expect(cell(all, 'funnel', 'reached', 'count')).toBe(2);
    expect(cell(all, 'funnel', 'interested', 'count')).toBe(1);
    expect(cell(all, 'funnel', 'client', 'count')).toBe(1);
    expect(cell(all, 'sources', '2gis', 'calls')).toBe(4);
    expect(all.find((t) => t.id === 'calls')!.total?.no_answer).toBe(1);

    // February only: A's refusal was set then; B's status (client, March) was not; one call.
    const feb = await runReports(db, REPORTS, { from: '2026-02-01', to: '2026-02-28' }, ctx);
    expect(cell(feb, 'statuses', 'refused', 'count')).toBe(1);
    expect(cell(feb, 'statuses', 'client', 'count')).toBe(0);
    expect(cell(feb, 'managers', 'Борис', 'calls')).toBe(1);
    expect(cell(feb, 'managers', 'Анна', 'calls')).toBeUndefined();
    expect(cell(feb, 'funnel', 'called', 'count')).toBe(0);

    // One manager: Анна's funnel counts only her own calls.
    const anna = await runReports(db, REPORTS, { manager: 'Анна' }, ctx);
    expect(cell(anna, 'funnel', 'called', 'count')).toBe(2);
    expect(cell(anna, 'funnel', 'reached', 'count')).toBe(1);
    expect(cell(anna, 'statuses', 'refused', 'count')).toBe(0);
  });
});
