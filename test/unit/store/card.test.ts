import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/messages/handlers';
import { createRouter } from '../../../lib/messages/router';
import { DEFAULT_SETTINGS } from '../../../lib/model';
import { findDuplicates } from '../../../lib/store/edit';
import { computeTotals, countersOf } from '../../../lib/store/totals';
import type { Db } from '../../../lib/store/schema';
import { freshDb, listing } from './helpers';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
const OPTIONS_PAGE = { id: SELF.id, url: `${SELF.origin}/options.html` };

/** The options page's card, talking to the background's router as it does in the extension. */
async function setup() {
  const db = await freshDb();
  const announced: string[][] = [];
  const alarms: Array<[string, string | undefined]> = [];
  const handlers = createHandlers({
    db: async () => db,
    settings: async () => ({ ...DEFAULT_SETTINGS, managerName: 'Анна' }),
    announce: async (ids) => void announced.push(ids),
    scheduleReminder: async (id, at) => void alarms.push([id, at]),
    now: () => NOW,
  });
  const route = createRouter(handlers, SELF);
  const send = async <T,>(type: string, payload: unknown): Promise<T> => {
    const reply = await route({ type, payload }, OPTIONS_PAGE);
    if (!reply.ok) throw new Error(`${type}: ${reply.error.message}`);
    return reply.data as T;
  };
  return { db, send, announced, alarms, route };
}

/** The totals as stored, each record's counters as an object (their order in a record does not count). */
const totalsByKey = async (db: Db) => new Map((await db.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]));

/** The totals as stored equal a recomputation from the raw records. */
async function totalsAgree(db: Db) {
  const companies = await db.getAll('companies');
  const calls = await db.getAll('calls');
  const expected = computeTotals(companies.map((company) => ({ company, calls: calls.filter((c) => c.companyId === company.id) })));
  const stored = await totalsByKey(db);
  expect(stored).toEqual(expected);
}

/** Joins a team, so local writes are recorded in the sync outbox. */
async function joinTeam(db: Db) {
  await db.put('syncMeta', {
    key: 'session',
    value: { serverUrl: 'http://localhost:1', teamId: 't', teamName: 'T', memberId: 'm', role: 'head', deviceId: 'dev', token: 'x', managerName: 'Анна' },
  });
}

interface Logged {
  call: { id: string; companyId: string };
  company: { id: string };
}

describe("a company's card", () => {
  it('edits every field through the store, keeping totals and the team outbox right', async () => {
    const { db, send } = await setup();
    await joinTeam(db);
    const { company } = await send<Logged>('logCall', { listing: listing(), call: { outcome: 'refused', reason: 'дорого' } });
    const { company: saved } = await send<{ company: { industry?: string; ogrn?: string; rubric?: string; phones: string[]; decisionMakers: unknown[] } }>('saveCompany', {
      company: {
        id: company.id,
        name: 'Кампус',
        phones: ['8 495 708-31-12', '+7 916 000-00-01'],
        inn: '7707083893',
        ogrn: '1027700132195',
        website: 'campus.ru',
        address: 'Тверская, 1',
        city: 'Москва',
        rubric: 'Кофейня',
        industry: 'Медицина',
        note: 'звонить после обеда',
        decisionMakers: [{ name: 'Иван Петров', role: 'директор', phone: '8 916 123 45 67', email: 'ivan@campus.ru' }],
      },
    });
    expect(saved).toMatchObject({ industry: 'Медицина', ogrn: '1027700132195', rubric: 'Кофейня', phones: ['+74957083112', '+79160000001'] });
    expect(saved.decisionMakers).toEqual([{ name: 'Иван Петров', role: 'директор', phone: '+79161234567', email: 'ivan@campus.ru' }]);
    await totalsAgree(db);
    const outbox = (await db.getAll('outbox')).sort((x, y) => x.order - y.order).map((o) => o.change);
    expect(outbox.map((c) => c.kind)).toEqual(['company', 'call', 'edit']);
    expect(outbox[2]).toMatchObject({ kind: 'edit', companyId: company.id, fields: { industry: 'Медицина', ogrn: '1027700132195' } });
    // A bad OGRN is refused in words, and changes nothing.
    await expect(send('saveCompany', { company: { id: company.id, name: 'Кампус', phones: [], ogrn: '1234567890123', decisionMakers: [] } })).rejects.toThrow('"1234567890123" is not a valid OGRN.');
  });

  it('deletes a company with its calls and reminders, and the undo puts back exactly that', async () => {
    const { db, send, alarms, announced } = await setup();
    await joinTeam(db);
    const first = await send<Logged>('logCall', { listing: listing(), call: { outcome: 'no_answer' } });
    await send<Logged>('logCall', { companyId: first.company.id, call: { outcome: 'callback', callbackAt: '2026-06-20T10:00:00.000Z' } });
    await send<Logged>('logCall', { listing: listing({ name: 'Другая', siteId: '2', phones: ['+74950000002'] }), call: { outcome: 'client' } });
    const before = { companies: await db.getAll('companies'), calls: await db.getAll('calls'), reminders: await db.getAll('reminders'), totals: await totalsByKey(db) };

    const { deleted } = await send<{ deleted: { company: { id: string }; calls: unknown[]; reminders: Array<{ callId: string }> } }>('deleteCompany', { id: first.company.id });
    expect(deleted.calls).toHaveLength(2);
    expect(deleted.reminders).toHaveLength(1);
    expect(await db.count('companies')).toBe(1);
    expect(await db.count('calls')).toBe(1);
    expect(await db.count('reminders')).toBe(0);
    expect(alarms.at(-1)).toEqual([deleted.reminders[0]!.callId, undefined]);
    expect(announced.at(-1)).toEqual([first.company.id]);
    await totalsAgree(db);

    await send('restoreCompany', { deleted });
    expect(await db.getAll('companies')).toEqual(before.companies);
    expect(await db.getAll('calls')).toEqual(before.calls);
    expect(await db.getAll('reminders')).toEqual(before.reminders);
    expect(await totalsByKey(db)).toEqual(before.totals);
    expect(alarms.at(-1)).toEqual([deleted.reminders[0]!.callId, '2026-06-20T10:00:00.000Z']);
    // A second undo is refused: the company is back already.
    await expect(send('restoreCompany', { deleted })).rejects.toThrow('already back');
    // The team hears of the delete and of the company and calls coming back.
    expect((await db.getAll('outbox')).sort((x, y) => x.order - y.order).map((o) => o.change.kind).slice(-4)).toEqual(['delete', 'company', 'call', 'call']);
  });

  it('removes a single call with undo, the status following', async () => {
    const { db, send } = await setup();
    const first = await send<Logged>('logCall', { listing: listing(), call: { outcome: 'interested' } });
    const second = await send<Logged>('logCall', { companyId: first.company.id, call: { outcome: 'refused', reason: 'дорого' } });
    const removedCall = await db.get('calls', second.call.id);
    await send('undoCall', { callId: second.call.id });
    expect((await db.get('companies', first.company.id))?.status).toBe('interested');
    await totalsAgree(db);
    const { company } = await send<{ company: { status: string; statusReason?: string; callCount: number } }>('restoreCall', { call: removedCall });
    expect(company).toMatchObject({ status: 'refused', statusReason: 'дорого', callCount: 2 });
    await totalsAgree(db);
    await expect(send('restoreCall', { call: removedCall })).rejects.toThrow('already back');
  });

  it('merges a duplicate keeping every call and the picked fields, and a pair marked "not a duplicate" is not suggested again', async () => {
    const { db, send } = await setup();
    const a = await send<Logged>('logCall', { listing: listing({ name: 'Кофейня Зёрна', siteId: '1', phones: ['+74951112233'], address: 'Невский, 1', website: 'zerna.ru' }), call: { outcome: 'no_answer' } });
    const b = await send<Logged>('logCall', {
      listing: listing({ directory: 'zoon', name: 'Зерна', siteId: '9', phones: ['+74951112233', '+79210001122'], address: 'Невский пр., 10', url: 'https://zoon.ru/spb/x', website: undefined }),
      call: { outcome: 'client' },
    });
    const c = await send<Logged>('logCall', { listing: listing({ name: 'Ромашка', siteId: '3', phones: ['+74959990000'], website: 'romashka.ru' }), call: { outcome: 'refused', reason: 'дорого' } });
    const d = await send<Logged>('logCall', { listing: listing({ name: 'Ромашка', siteId: '4', phones: ['+74959990001'], website: 'other.ru' }), call: { outcome: 'no_answer' } });
    // Same phone (a–b); same name and address (c–d: the same address as the default listing).
    const pairs = await findDuplicates(db);
    const reasons = new Map(pairs.map((p) => [[p.a.id, p.b.id].sort().join('|'), p.reasons]));
    expect(reasons.get([a.company.id, b.company.id].sort().join('|'))).toEqual(['phone']);
    expect(reasons.get([c.company.id, d.company.id].sort().join('|'))).toEqual(['name+address']);

    await send('notDuplicate', { a: d.company.id, b: c.company.id });
    expect((await findDuplicates(db)).map((p) => [p.a.id, p.b.id].sort().join('|'))).toEqual([[a.company.id, b.company.id].sort().join('|')]);

    const { company } = await send<{ company: { id: string; name: string; address?: string; phones: string[]; sources: Array<{ directory: string }>; status: string; callCount: number } }>('mergeCompanies', {
      keepId: a.company.id,
      otherId: b.company.id,
      picks: { name: 'other', address: 'keep' },
    });
    expect(company).toMatchObject({ id: a.company.id, name: 'Зерна', address: 'Невский, 1', status: 'client', callCount: 2 });
    expect(company.phones.sort()).toEqual(['+74951112233', '+79210001122']);
    expect(company.sources.map((s) => s.directory).sort()).toEqual(['2gis', 'zoon']);
    expect((await db.getAllFromIndex('calls', 'companyId', a.company.id)).map((x) => x.id).sort()).toEqual([a.call.id, b.call.id].sort());
    expect(await db.get('companies', b.company.id)).toBeUndefined();
    await totalsAgree(db);
    expect(await findDuplicates(db)).toEqual([]);
  });
});
