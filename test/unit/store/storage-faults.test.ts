import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/model';
import { createHandlers, type KeptCall } from '../../../lib/messages/handlers';
import { createRouter } from '../../../lib/messages/router';
import { StorageUnavailableError } from '../../../lib/store/db';
import { fullDisk, quotaError, unavailableError } from '../../../lib/store/faults';
import { createPendingCalls, storageProblemOf } from '../../../lib/store/pending';
import type { Db } from '../../../lib/store/schema';
import { PENDING_CALLS_KEY, STORAGE_PROBLEM_KEY } from '../../../lib/store/storage';
import { computeTotals, countersOf } from '../../../lib/store/totals';
import { freshDb, listing } from './helpers';

/**
 * Storage full (QuotaExceededError) and IndexedDB unavailable (issue 11): the
 * base is left whole (no record half-written), the call the user logged is
 * kept aside in extension storage and said so in words, and it is written,
 * once, with its own time, when the base takes writes again.
 */
const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
const fromTab = { id: SELF.id, tab: { id: 7 } as Browser.tabs.Tab, url: 'https://2gis.ru/moscow' } as Browser.runtime.MessageSender;
const fromPopup = { id: SELF.id, url: `${SELF.origin}/popup.html` } as Browser.runtime.MessageSender;

/** Every store of the base, as JSON: "nothing changed" means this string did not change. */
async function dump(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const name of [...db.objectStoreNames].sort()) out[name] = await db.getAll(name as never);
  return JSON.stringify(out);
}

async function setup() {
  const db = await freshDb();
  let mode: 'ok' | 'full' | 'unavailable' = 'ok';
  const announce = vi.fn(async () => {});
  const onKept = vi.fn(async () => {});
  let clock = Date.parse('2026-11-22T12:00:00.000Z');
  const pending = createPendingCalls<KeptCall>();
  const problems: string[] = [];
  const handlers = createHandlers({
    db: async () => {
      if (mode === 'unavailable') throw new StorageUnavailableError(unavailableError());
      return mode === 'full' ? fullDisk(db) : db;
    },
    settings: async () => ({ ...DEFAULT_SETTINGS, managerName: 'Анна' }),
    announce,
    now: () => new Date(clock),
    pending,
    onKept,
  });
  const route = createRouter(handlers, SELF, (code) => void problems.push(code));
  return {
    db,
    route,
    pending,
    announce,
    onKept,
    problems,
    set: (m: typeof mode) => (mode = m),
    advance: (ms: number) => (clock += ms),
  };
}

const logCall = (n: number, over: Record<string, unknown> = {}) => ({
  type: 'logCall',
  payload: { callId: crypto.randomUUID(), listing: listing({ name: `Кафе ${n}`, siteId: `450412790853${n}`, phones: [], url: `https://2gis.ru/moscow/firm/450412790853${n}` }), call: { outcome: 'refused', reason: 'дорого' }, ...over },
});

describe('a full disk', () => {
  it('leaves the base byte-for-byte as it was, keeps the call aside and says so in words', async () => {
    const t = await setup();
    expect((await t.route(logCall(1), fromTab)).ok).toBe(true);
    const before = await dump(t.db);

    t.set('full');
    const message = logCall(2);
    const reply = await t.route(message, fromTab);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'storage_full', message: expect.stringMatching(/^The browser has no room left for the base, so this call is not in it yet: Callmark keeps it aside/) },
    });
    expect(await dump(t.db)).toBe(before); // not the company, not the call, not the totals, not the outbox
    const kept = await t.pending.list();
    expect(kept.map((k) => k.callId)).toEqual([message.payload.callId]);
    expect(kept[0]).toMatchObject({ at: '2026-11-22T12:00:00.000Z', manager: 'Анна' });
    expect(t.onKept).toHaveBeenCalledTimes(1);
    // The notice the popup and the options page show.
    expect((await browser.storage.local.get(STORAGE_PROBLEM_KEY))[STORAGE_PROBLEM_KEY]).toMatchObject({ code: 'storage_full', pending: 1 });

    // The page repeats the request (its answer was an error): still one call waiting.
    await t.route(message, fromTab);
    expect(await t.pending.list()).toHaveLength(1);
  });

  it('writes the kept calls once, in order, with their own times, when there is room again', async () => {
    const t = await setup();
    t.set('full');
    const first = logCall(1);
    const second = logCall(1, { call: { outcome: 'client' } }); // the same listing, later: its status wins
    await t.route(first, fromTab);
    t.advance(60_000);
    await t.route(second, fromTab);
    expect(await t.pending.list()).toHaveLength(2);
    // Still full: a retry writes nothing and keeps both.
    expect(await t.route({ type: 'storageRetry', payload: {} }, fromPopup)).toEqual({ ok: true, data: { problem: 'storage_full', pending: 2 } });
    expect(await t.db.count('calls')).toBe(0);

    t.set('ok');
    t.advance(3_600_000);
    expect(await t.route({ type: 'storageRetry', payload: {} }, fromPopup)).toEqual({ ok: true, data: { pending: 0 } });
    const calls = (await t.db.getAll('calls')).sort((a, b) => a.at.localeCompare(b.at));
    expect(calls.map((c) => [c.id, c.at, c.outcome])).toEqual([
      [first.payload.callId, '2026-11-22T12:00:00.000Z', 'refused'],
      [second.payload.callId, '2026-11-22T12:01:00.000Z', 'client'],
    ]);
    const companies = await t.db.getAll('companies');
    expect(companies.map((c) => [c.name, c.status, c.callCount])).toEqual([['Кафе 1', 'client', 2]]);
    expect(t.announce).toHaveBeenCalled();
    // The totals are those of a recount from the records.
    const totals = Object.fromEntries((await t.db.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]));
    expect(totals).toEqual(Object.fromEntries(computeTotals([{ company: companies[0]!, calls }])));
    expect((await browser.storage.local.get([PENDING_CALLS_KEY, STORAGE_PROBLEM_KEY]))).toEqual({});

    // A repeat of a kept call after it was written stores nothing twice.
    expect((await t.route(second, fromTab)).ok).toBe(true);
    expect(await t.db.count('calls')).toBe(2);
  });

  it('writes the kept calls first when the next call is logged with room again', async () => {
    const t = await setup();
    t.set('full');
    await t.route(logCall(1), fromTab);
    t.set('ok');
    expect((await t.route(logCall(2), fromTab)).ok).toBe(true);
    expect(await t.db.count('calls')).toBe(2);
    expect(await t.pending.list()).toEqual([]);
  });

  it('says nothing was saved when even extension storage has no room', async () => {
    const t = await setup();
    t.set('full');
    const area = { get: browser.storage.local.get, set: async () => Promise.reject(quotaError()), remove: browser.storage.local.remove };
    const handlers = createHandlers({ db: async () => fullDisk(t.db), settings: async () => DEFAULT_SETTINGS, announce: async () => {}, pending: createPendingCalls<KeptCall>(area as never) });
    const reply = await createRouter(handlers, SELF)(logCall(1), fromTab);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage_full', message: 'The browser has no room left for the base: nothing was saved. Free some disk space and try again.' } });
  });
});

describe('IndexedDB unavailable', () => {
  it('keeps the call aside, answers every other request in words, and notes the problem for the popup and the options page', async () => {
    const t = await setup();
    t.set('unavailable');
    const reply = await t.route(logCall(1), fromTab);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage_unavailable', message: expect.stringMatching(/^Callmark cannot open its base right now, so this call is not in it yet: it is kept aside/) } });
    const lookup = await t.route({ type: 'lookup', payload: { listings: [listing()] } }, fromTab);
    expect(lookup).toEqual({ ok: false, error: { code: 'storage_unavailable', message: 'Callmark cannot open its base in this browser (a private window, or a damaged profile): nothing was saved.' } });
    expect(t.problems).toEqual(['storage_unavailable']);
    expect(await t.route({ type: 'storageRetry', payload: {} }, fromPopup)).toEqual({ ok: true, data: { problem: 'storage_unavailable', pending: 1 } });

    t.set('ok');
    expect(await t.route({ type: 'storageRetry', payload: {} }, fromPopup)).toEqual({ ok: true, data: { pending: 0 } });
    expect(await t.db.count('calls')).toBe(1);
  });

  it('tells storage problems from other errors', () => {
    expect(storageProblemOf(quotaError())).toBe('storage_full');
    expect(storageProblemOf(new StorageUnavailableError(unavailableError()))).toBe('storage_unavailable');
    expect(storageProblemOf(unavailableError())).toBe('storage_unavailable');
    expect(storageProblemOf(new DOMException('The database connection is closing.', 'InvalidStateError'))).toBe('storage_unavailable');
    expect(storageProblemOf(new DOMException('The transaction has finished.', 'InvalidStateError'))).toBeUndefined();
    expect(storageProblemOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(storageProblemOf('quota')).toBeUndefined();
  });
});
