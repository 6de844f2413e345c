import { describe, expect, it } from 'vitest';
import { OUTCOMES, deriveStatus, isStale, type Call, type Outcome } from '../../../lib/model';

const COMPANY = '8b0f8a4e-4f7b-4a53-9d59-3c2b6f0c0a11';
let n = 0;
function call(outcome: Outcome, at: string, extra: Partial<Call> = {}): Call {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    companyId: COMPANY,
    at,
    outcome,
    note: '',
    manager: 'Анна',
    ...extra,
  };
}

const T1 = '2026-03-01T09:00:00.000Z';
const T2 = '2026-03-02T09:00:00.000Z';
const T3 = '2026-03-03T09:00:00.000Z';

describe('deriveStatus', () => {
  it('is new with no calls', () => {
    expect(deriveStatus([])).toEqual({ status: 'new', callCount: 0 });
  });

  it.each(OUTCOMES)('a single %s call decides the status', (outcome) => {
    const s = deriveStatus([call(outcome, T1, { reason: 'дорого', callbackAt: T3 })]);
    expect(s.status).toBe(outcome);
    expect(s.callCount).toBe(1);
    expect(s.lastCallAt).toBe(T1);
    expect(s.reason).toBe(outcome === 'refused' ? 'дорого' : undefined);
    expect(s.callbackAt).toBe(outcome === 'callback' ? T3 : undefined);
  });

  const decisive = OUTCOMES.filter((o) => o !== 'no_answer' && o !== 'wrong_number');

  it.each(decisive)('a later "no answer" does not erase an earlier %s', (outcome) => {
    const s = deriveStatus([call(outcome, T1, { reason: 'дорого' }), call('no_answer', T2)]);
    expect(s.status).toBe(outcome);
    expect(s.lastOutcome).toBe('no_answer');
    expect(s.lastCallAt).toBe(T2);
    expect(s.callCount).toBe(2);
  });

  it.each(decisive)('a later "wrong number" does not erase an earlier %s', (outcome) => {
    expect(deriveStatus([call(outcome, T1), call('wrong_number', T2)]).status).toBe(outcome);
  });

  it('a later "client" replaces an earlier "refused"', () => {
    const s = deriveStatus([call('refused', T1, { reason: 'дорого' }), call('client', T2)]);
    expect(s.status).toBe('client');
    expect(s.reason).toBeUndefined();
  });

  it('a later refusal replaces an earlier interest, and keeps its own reason', () => {
    const s = deriveStatus([call('interested', T1), call('refused', T2, { reason: 'выбрали конкурента' })]);
    expect(s).toMatchObject({ status: 'refused', reason: 'выбрали конкурента' });
  });

  it('a new call-back replaces the previous one and carries its own date', () => {
    const s = deriveStatus([call('callback', T1, { callbackAt: T2 }), call('callback', T2, { callbackAt: T3 })]);
    expect(s).toMatchObject({ status: 'callback', callbackAt: T3 });
  });

  it('a call-back after a refusal reopens the company', () => {
    expect(deriveStatus([call('refused', T1, { reason: 'дорого' }), call('callback', T2, { callbackAt: T3 })]).status).toBe('callback');
  });

  it('order of the array does not matter, time does', () => {
    const calls = [call('no_answer', T3), call('client', T1), call('refused', T2, { reason: 'дорого' })];
    expect(deriveStatus(calls).status).toBe('refused');
    expect(deriveStatus([...calls].reverse()).status).toBe('refused');
  });

  it('weak outcomes decide only while nothing decisive exists: the latest weak one wins', () => {
    expect(deriveStatus([call('no_answer', T1), call('wrong_number', T2)]).status).toBe('wrong_number');
    expect(deriveStatus([call('wrong_number', T1), call('no_answer', T2)]).status).toBe('no_answer');
  });

  it('"closed" stays until a later decisive call says otherwise', () => {
    expect(deriveStatus([call('closed', T1), call('no_answer', T2), call('wrong_number', T3)]).status).toBe('closed');
    expect(deriveStatus([call('closed', T1), call('interested', T2)]).status).toBe('interested');
  });

  it('confirmation time is the latest call where someone answered', () => {
    expect(deriveStatus([call('interested', T1), call('no_answer', T2)]).confirmedAt).toBe(T1);
    expect(deriveStatus([call('no_answer', T1)]).confirmedAt).toBeUndefined();
    expect(deriveStatus([call('refused', T1, { reason: 'x' }), call('callback', T3, { callbackAt: T3 })]).confirmedAt).toBe(T3);
  });
});

describe('isStale', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  it('is stale once the last confirmation is older than the threshold', () => {
    expect(isStale({ createdAt: T1, confirmedAt: '2026-05-01T00:00:00Z' }, 180, now)).toBe(true);
    expect(isStale({ createdAt: T1, confirmedAt: '2026-06-01T00:00:00Z' }, 180, now)).toBe(false);
  });
  it('falls back to the creation time when never confirmed', () => {
    expect(isStale({ createdAt: '2026-11-01T00:00:00Z' }, 30, now)).toBe(false);
    expect(isStale({ createdAt: '2026-01-01T00:00:00Z' }, 30, now)).toBe(true);
  });
});
