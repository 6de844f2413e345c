import { describe, expect, it } from 'vitest';
import { callsOf, logCall, undoCall } from '../../../lib/store/calls';
import { lookupListings } from '../../../lib/store/companies';
import { freshDb, listing } from './helpers';
import { countersOf } from '../../../lib/store/totals';

const opts = { defaultCountry: 'RU' as const, staleAfterDays: 180 };

describe('logCall', () => {
  it('creates the company from the listing and derives its status in one go', async () => {
    const db = await freshDb();
    const { call, company } = await logCall(db, { listing: listing() }, { outcome: 'refused', reason: 'дорого', manager: 'Анна' }, 'RU', (r) =>
      r === 'Кафе-бар' ? 'Общепит' : undefined,
    );
    expect(company).toMatchObject({
      name: 'Кампус, кафе-бар',
      phones: ['+74957083112'],
      domain: 'campus2020.ru',
      city: 'Москва',
      rubric: 'Кафе-бар',
      industry: 'Общепит',
      siteKeys: ['2gis:4504127908538124'],
      status: 'refused',
      statusReason: 'дорого',
      callCount: 1,
      confirmedAt: call.at,
    });
    expect(await db.get('companies', company.id)).toEqual(company);
    expect(await db.get('calls', call.id)).toEqual(call);
  });

  it('adds to an existing company and keeps the earlier decisive status over a no-answer', async () => {
    const db = await freshDb();
    const first = await logCall(db, { listing: listing() }, { outcome: 'interested', at: '2026-01-01T10:00:00.000Z' }, 'RU');
    const second = await logCall(db, { companyId: first.company.id }, { outcome: 'no_answer', at: '2026-01-02T10:00:00.000Z' }, 'RU');
    expect(second.company.status).toBe('interested');
    expect(second.company.callCount).toBe(2);
    expect(second.company.lastCallAt).toBe('2026-01-02T10:00:00.000Z');
    expect(await db.count('companies')).toBe(1);
  });

  it('two calls on the same new listing sent at once (two tabs) make one company with both calls', async () => {
    const db = await freshDb();
    const [a, b] = await Promise.all([
      logCall(db, { listing: listing() }, { outcome: 'no_answer', at: '2026-01-01T10:00:00.000Z' }, 'RU'),
      logCall(db, { listing: listing() }, { outcome: 'closed', at: '2026-01-01T10:00:01.000Z' }, 'RU'),
    ]);
    expect(b.company.id).toBe(a.company.id);
    expect(await db.count('companies')).toBe(1);
    expect(b.company).toMatchObject({ status: 'closed', callCount: 2 });
    const status = countersOf(await db.get('totals', 'status|all'));
    expect([...status.values()]).toEqual([1]);
  });

  it('saves nothing when the call is invalid (the transaction is all or nothing)', async () => {
    const db = await freshDb();
    await expect(logCall(db, { listing: listing() }, { outcome: 'callback', callbackAt: 'tomorrow' }, 'RU')).rejects.toThrow();
    expect(await db.count('companies')).toBe(0);
    expect(await db.count('calls')).toBe(0);
  });

  it('refuses an unknown company id and saves nothing', async () => {
    const db = await freshDb();
    await expect(logCall(db, { companyId: crypto.randomUUID() }, { outcome: 'client' }, 'RU')).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.count('calls')).toBe(0);
  });

  it('stores a reminder for a call-back', async () => {
    const db = await freshDb();
    const { call } = await logCall(db, { listing: listing() }, { outcome: 'callback', callbackAt: '2030-03-12T10:00:00.000Z' }, 'RU');
    expect(await db.get('reminders', call.id)).toMatchObject({ dueAt: '2030-03-12T10:00:00.000Z' });
  });
});

describe('undoCall', () => {
  it('removes the call and restores the previous status', async () => {
    const db = await freshDb();
    const first = await logCall(db, { listing: listing() }, { outcome: 'refused', reason: 'дорого', at: '2026-01-01T10:00:00.000Z' }, 'RU');
    const second = await logCall(db, { companyId: first.company.id }, { outcome: 'callback', callbackAt: '2030-01-01T10:00:00.000Z' }, 'RU');
    const company = await undoCall(db, second.call.id);
    expect(company).toMatchObject({ status: 'refused', statusReason: 'дорого', callCount: 1, callbackAt: undefined });
    expect(await db.get('calls', second.call.id)).toBeUndefined();
    expect(await db.get('reminders', second.call.id)).toBeUndefined();
    expect((await callsOf(db, first.company.id)).map((c) => c.id)).toEqual([first.call.id]);
  });

  it('back to new when the only call is undone', async () => {
    const db = await freshDb();
    const { call } = await logCall(db, { listing: listing() }, { outcome: 'client' }, 'RU');
    expect((await undoCall(db, call.id)).status).toBe('new');
  });
});

describe('lookupListings', () => {
  it('finds a logged company by phone, site id, domain and name, and says how sure it is', async () => {
    const db = await freshDb();
    await logCall(db, { listing: listing() }, { outcome: 'refused', reason: 'дорого', note: 'звонить в марте' }, 'RU');
    const results = await lookupListings(
      db,
      [
        listing({ siteId: undefined, website: undefined, phones: ['8 495 708-31-12'] }), // phone
        listing({ phones: [], website: undefined }), // site id
        listing({ siteId: undefined, phones: [], website: 'https://www.campus2020.ru/menu' }), // domain
        listing({ siteId: undefined, phones: [], website: undefined, name: 'Кампус' }), // name + city
        listing({ siteId: '1', phones: ['+7 495 000-00-00'], website: undefined, name: 'Другое кафе' }),
      ],
      opts,
    );
    expect(results.map((r) => r.match)).toEqual(['exact', 'exact', 'exact', 'likely', 'none']);
    expect(results[0]!.company).toMatchObject({
      status: 'refused',
      statusReason: 'дорого',
      callCount: 1,
      stale: false,
      lastCall: { outcome: 'refused', reason: 'дорого', note: 'звонить в марте' },
    });
  });

  it('marks several candidates as such', async () => {
    const db = await freshDb();
    await logCall(db, { listing: listing({ siteId: 'a', phones: ['+7 495 111-11-11'], website: undefined }) }, { outcome: 'client' }, 'RU');
    await logCall(db, { listing: listing({ siteId: 'b', phones: ['+7 495 222-22-22'], website: undefined }) }, { outcome: 'refused', reason: 'дорого' }, 'RU');
    const [result] = await lookupListings(db, [listing({ siteId: 'c', phones: ['+7 495 111-11-11', '+7 495 222-22-22'], website: undefined })], opts);
    expect(result!.match).toBe('several');
    expect(result!.candidates).toHaveLength(2);
  });

  it('finds a company whose stored phone has an extension by the number alone', async () => {
    const db = await freshDb();
    const { company } = await logCall(db, { listing: listing({ siteId: undefined, website: undefined, phones: ['+7 495 708-31-12 доб. 12'] }) }, { outcome: 'client' }, 'RU');
    expect(company.phones).toEqual(['+74957083112;ext=12']);
    const [result] = await lookupListings(db, [listing({ siteId: undefined, website: undefined, name: 'Другое имя', phones: ['8 (495) 708-31-12'] })], opts);
    expect(result).toMatchObject({ match: 'exact', company: { id: company.id } });
  });

  it("reads national-form phones in the directory's own country", async () => {
    const db = await freshDb();
    const spa = listing({ directory: 'yellowpages', name: 'Honolulu Day Spa', siteId: undefined, website: undefined, city: 'Honolulu', phones: ['(808) 955-6288'], country: 'US' });
    const { company } = await logCall(db, { listing: spa }, { outcome: 'interested' }, 'RU');
    expect(company.phones).toEqual(['+18089556288']);
    const [result] = await lookupListings(db, [{ ...spa, name: 'Spa' }], opts);
    expect(result!.match).toBe('exact');
  });
});
