import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logCall, undoCall } from '../../../lib/store/calls';
import { readByDay, readSum } from '../../../lib/store/totals';
import { freshDb, listing } from './helpers';

const DAYS = ['2026-01-15', '2026-01-31', '2026-02-01', '2026-02-20', '2026-03-05'];

describe('reading totals over a date range', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T12:00:00'));
  });
  afterEach(() => vi.useRealTimers());

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
  });

  it('leaves no record behind once its counters return to zero', async () => {
    const db = await freshDb();
    const { call } = await logCall(db, { listing: listing() }, { outcome: 'client', manager: 'Анна' }, 'RU');
    expect((await db.getAll('totals')).some((r) => r.key.startsWith('call|'))).toBe(true);
    await undoCall(db, call.id);
    expect((await db.getAll('totals')).some((r) => r.key.startsWith('call|'))).toBe(false);
  });
});
