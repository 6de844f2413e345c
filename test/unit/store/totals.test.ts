import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logCall, undoCall } from '../../../lib/store/calls';
import { countersOf, readByDay, readByPeriod, readSum, rebuildTotals, totalsRecord, WEEKS } from '../../../lib/store/totals';
import { freshDb, listing } from './helpers';

const DAYS = ['2026-01-15', '2026-01-31', '2026-02-01', '2026-02-20', '2026-03-05'];

// Every test here runs on a pinned clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-04-01T12:00:00'));
});
afterEach(() => vi.useRealTimers());

describe('how a totals record stores its counters', () => {
  it('as names and values; a record stored as an object (schema v8) reads the same, and a call logged on it rewrites it as lists', async () => {
    const counts = { 'o\tАнна\tno_answer': 2, 'o\tБорис\tclient': 1 };
    expect(totalsRecord('call|all', counts)).toEqual({ key: 'call|all', names: ['o\tАнна\tno_answer', 'o\tБорис\tclient'], n: [2, 1] });
    expect(countersOf(totalsRecord('call|all', counts))).toEqual(new Map(Object.entries(counts)));
    expect(countersOf({ key: 'call|all', counts })).toEqual(new Map(Object.entries(counts)));
    expect(countersOf(undefined)).toEqual(new Map());

    const db = await freshDb();
    await db.put('totals', { key: 'call|all', counts });
    await logCall(db, { listing: listing() }, { outcome: 'no_answer', manager: 'Анна', at: new Date('2026-03-01T10:00:00').toISOString() }, 'RU');
    const stored = await db.get('totals', 'call|all');
    expect(stored?.counts).toBeUndefined();
    expect((await readSum(db, 'call')).get('o\tАнна\tno_answer')).toBe(3);
    expect((await readSum(db, 'call')).get('o\tБорис\tclient')).toBe(1);
  });
});

describe('reading totals over a date range', () => {
  it('sums whole months from month records and ragged ends from days, inclusive of both ends', async () => {
    const db = await freshDb();
    const { company } = await logCall(db, { listing: listing() }, { outcome: 'no_answer', manager: 'Анна', at: new Date(`${DAYS[0]}T10:00:00`).toISOString() }, 'RU');
    for (const day of DAYS.slice(1)) {
      await logCall(db, { companyId: company.id }, { outcome: 'no_answer', manager: 'Анна', at: new Date(`${day}T10:00:00`).toISOString() }, 'RU');
    }
    const calls = async (from?: string, to?: string) => (await readSum(db, 'call', { from, to })).get('o\tАнна\tno_answer') ?? 0;
    expect(await calls()).toBe(5);
    expect(await calls('2026-01-20', '2026-02-10')).toBe(2);
    expect(await calls('2026-02-01', '2026-02-28')).toBe(2);
    expect(await calls('2026-01-31', '2026-03-05')).toBe(4);
    expect(await calls('2026-01-16')).toBe(4);
    expect(await calls(undefined, '2026-01-31')).toBe(2);
    expect(await calls('2026-01-01', '2026-03-31')).toBe(5);
    expect(await calls('2026-03-06', '2026-03-31')).toBe(0);
    expect(await calls('2026-02-21', '2026-02-01')).toBe(0);
    expect([...(await readByDay(db, 'call', { from: '2026-01-31', to: '2026-02-01' })).keys()]).toEqual(['2026-01-31', '2026-02-01']);
    // Weeks (keyed by their Monday): whole weeks from week records, the weeks a range cuts from its days.
    const weeks = async (from?: string, to?: string) =>
      Object.fromEntries([...(await readByPeriod(db, 'call', WEEKS, { from, to }))].map(([week, counts]) => [week, counts.get('o\tАнна\tno_answer')]));
    expect(await weeks()).toEqual({ '2026-01-12': 1, '2026-01-26': 2, '2026-02-16': 1, '2026-03-02': 1 });
    expect(await weeks('2026-02-01', '2026-03-04')).toEqual({ '2026-01-26': 1, '2026-02-16': 1 });
    expect(await weeks('2026-01-31', '2026-01-31')).toEqual({ '2026-01-26': 1 });
    expect(await weeks('2026-01-26', '2026-02-22')).toEqual({ '2026-01-26': 2, '2026-02-16': 1 });
    expect(await weeks('2026-02-21', '2026-02-01')).toEqual({});
  });

  it('leaves no record behind once its counters return to zero', async () => {
    const db = await freshDb();
    const { call } = await logCall(db, { listing: listing() }, { outcome: 'client', manager: 'Анна' }, 'RU');
    expect((await db.getAll('totals')).some((r) => r.key.startsWith('call|'))).toBe(true);
    await undoCall(db, call.id);
    expect((await db.getAll('totals')).some((r) => r.key.startsWith('call|'))).toBe(false);
  });
});

describe('rebuilding the totals', () => {
  it('counts a call logged while the rebuild reads the base (it starts again rather than write totals without it)', async () => {
    const db = await freshDb();
    const first = await logCall(db, { listing: listing({ name: 'Кофейня Альфа', phones: ['+7 495 100-00-01'] }) }, { outcome: 'no_answer', manager: 'Анна' }, 'RU');
    await logCall(db, { listing: listing({ name: 'Кофейня Вега', phones: ['+7 495 100-00-02'] }) }, { outcome: 'no_answer', manager: 'Анна' }, 'RU');
    let during: Promise<unknown> | undefined;
    await rebuildTotals(db, () => {
      // A manager logs a call on the first company between the rebuild's read and its write.
      during ??= logCall(db, { companyId: first.company.id }, { outcome: 'client', manager: 'Борис' }, 'RU');
    });
    await during;
    const calls = await readSum(db, 'call');
    expect(calls.get('o\tАнна\tno_answer')).toBe(2);
    expect(calls.get('o\tБорис\tclient')).toBe(1);
    // And the same as a rebuild on the quiet base.
    const before = await db.getAll('totals');
    await rebuildTotals(db);
    expect(await db.getAll('totals')).toEqual(before);
  });
});
