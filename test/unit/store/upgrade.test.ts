import { unwrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, type Call } from '../../../lib/model';
import { createHandlers, type KeptCall } from '../../../lib/messages/handlers';
import { createRouter } from '../../../lib/messages/router';
import { openDatabase, UpgradeError } from '../../../lib/store/db';
import { createPendingCalls } from '../../../lib/store/pending';
import { DB_VERSION, MIGRATIONS, type CallmarkDB, type Db } from '../../../lib/store/schema';
import { computeTotals, countersOf } from '../../../lib/store/totals';
import { applyCalls } from '../../../lib/store/derive';
import { withDerivedKeys } from '../../../lib/store/keys';
import { listing } from './helpers';

/**
 * Schema upgrades (issue 11): from every earlier version, with data in it as
 * that version wrote it, to the current one: nothing lost, everything later
 * versions derive filled in, the report totals equal to a recount. And an
 * upgrade that fails half-way leaves the base at its old version, every
 * record as it was and readable, and the user is told why in words.
 */

let n = 0;
const dbName = (label: string) => `upgrade-${label}-${process.pid}-${++n}`;
const AT = '2026-01-10T09:00:00.000Z';

/** A company as version `v` wrote it: later versions' derived fields left out. */
function companyAt(v: number, i: number) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const phone = `+7495222${String(i).padStart(4, '0')}`;
  const company: Record<string, unknown> = {
    id,
    name: `Кофейня «Зерно» ${i}`,
    nameKey: `кофейня зерно ${i}`,
    phones: [phone],
    siteKeys: v >= 2 ? [`2gis:70000001${String(100000000 + i)}`] : [],
    sources: [{ directory: '2gis', firstSeen: AT, lastSeen: AT }],
    decisionMakers: i % 4 === 0 ? [{ name: 'Ирина', role: 'директор', phone: '+74950000001' }] : [],
    note: i % 5 === 0 ? 'перезвонить осенью' : '',
    // Before version 5 the directory's category was stored as the industry.
    industry: v < 5 ? (i % 2 ? 'кофейня' : 'Общепит') : 'Общепит',
    createdAt: AT,
    updatedAt: AT,
    status: 'new',
    callCount: 0,
  };
  if (v >= 3) company.phoneKeys = [phone];
  if (v >= 5) company.rubric = 'кофейня';
  return company;
}

function callsOf(companyId: string, i: number): Call[] {
  const outcomes: Call['outcome'][] = ['no_answer', 'callback', 'refused', 'client', 'closed'];
  return Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    id: `00000000-0000-4000-9000-${String(i * 10 + k).padStart(12, '0')}`,
    companyId,
    at: new Date(Date.parse(AT) + (k + 1) * 86_400_000).toISOString(),
    outcome: outcomes[(i + k) % outcomes.length]!,
    reason: outcomes[(i + k) % outcomes.length] === 'refused' ? 'дорого' : undefined,
    note: '',
    manager: i % 2 ? 'Анна' : 'Борис',
    ...(outcomes[(i + k) % outcomes.length] === 'callback' ? { callbackAt: '2026-12-01T10:00:00.000Z' } : {}),
  }));
}

async function putRaw(db: IDBPDatabase<CallmarkDB>, store: string, values: unknown[]) {
  const tx = unwrap(db).transaction([store], 'readwrite');
  for (const value of values) tx.objectStore(store).put(value);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * A base that lived through versions 1 … `v`: at each version some companies
 * and calls were written in that version's shape (with that version's derived
 * fields), and what that version added (reminders, the sync log, pairs) got data.
 */
async function baseAt(v: number, perVersion = 20) {
  const name = dbName(`v${v}`);
  const companies: Array<Record<string, unknown>> = [];
  const calls: Call[] = [];
  const extra: Record<string, unknown[]> = {};
  for (let at = 1; at <= v; at++) {
    const db = await openDatabase(name, at);
    const mine = Array.from({ length: perVersion }, (_, k) => companyAt(at, at * 100 + k));
    const own = mine.flatMap((c, k) => callsOf(c.id as string, at * 100 + k));
    // What that version's code derived when it wrote a company.
    const stored = mine.map((c) => {
      const cs = own.filter((x) => x.companyId === c.id);
      const derived = applyCalls(c as never, cs, AT) as unknown as Record<string, unknown>;
      const out: Record<string, unknown> = { ...c, status: derived.status, callCount: derived.callCount, lastCallAt: derived.lastCallAt, callbackAt: derived.callbackAt };
      if (at >= 5) Object.assign(out, { statusAt: derived.statusAt, statusReason: derived.statusReason, lastManager: derived.lastManager });
      // From version 6 on every write derived the table's index keys.
      return at >= 6 ? (withDerivedKeys(out as never) as unknown as Record<string, unknown>) : out;
    });
    await putRaw(db, 'companies', stored);
    await putRaw(db, 'calls', own);
    if (at >= 2) {
      const reminders = own.filter((c) => c.callbackAt).map((c) => ({ callId: c.id, companyId: c.companyId, dueAt: c.callbackAt }));
      await putRaw(db, 'reminders', reminders);
      (extra.reminders ??= []).push(...reminders);
    }
    if (at >= 4) {
      const log = own.slice(0, 3).map((c) => ({ id: c.id, companyIds: [c.companyId], change: { kind: 'call', id: c.id, hlc: `000001767000000-000000-dev${at}`, companyId: c.companyId, call: c } }));
      await putRaw(db, 'syncLog', log);
      await putRaw(db, 'outbox', log.map((l, k) => ({ id: l.id, order: at * 10 + k, change: l.change })));
      await putRaw(db, 'syncMeta', [{ key: `cursor-v${at}`, value: at * 7 }]);
      (extra.syncLog ??= []).push(...log);
    }
    if (at >= 5) {
      // From version 5 on every write kept the report totals in its own transaction.
      const all = await db.getAll('companies');
      const allCalls = await db.getAll('calls');
      const totals = computeTotals(all.map((company) => ({ company, calls: allCalls.filter((c) => c.companyId === company.id) })));
      // Week records came with version 7.
      await putRaw(db, 'totals', [...totals].filter(([key]) => at >= 7 || !key.includes('|w|')).map(([key, counts]) => ({ key, counts })));
      const pair = { pair: [stored[0]!.id, stored[1]!.id].sort().join('|'), at: AT };
      await putRaw(db, 'notDuplicates', [pair]);
      (extra.notDuplicates ??= []).push(pair);
    }
    db.close();
    companies.push(...stored);
    calls.push(...own);
  }
  return { name, companies, calls, extra };
}

async function dump(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const store of [...db.objectStoreNames].sort()) out[store] = await db.getAll(store as never);
  return JSON.stringify(out);
}

describe('schema upgrades', () => {
  it.each(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1))('from version %i, with data, to the current one: nothing lost, everything derived, totals recounted', async (from) => {
    const { name, companies, calls, extra } = await baseAt(from);
    const db = await openDatabase(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('companies')).toBe(companies.length);
    expect(await db.count('calls')).toBe(calls.length);
    expect((await db.getAll('calls')).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...calls].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.count('reminders')).toBe(extra.reminders?.length ?? 0);
    expect(await db.count('syncLog')).toBe(extra.syncLog?.length ?? 0);
    expect(await db.count('notDuplicates')).toBe(extra.notDuplicates?.length ?? 0);

    const stored = new Map((await db.getAll('companies')).map((c) => [c.id, c]));
    for (const original of companies) {
      const company = stored.get(original.id as string)!;
      const own = calls.filter((c) => c.companyId === company.id);
      // The company's own data as it was written; its status derived again from its calls.
      expect(company).toMatchObject({ name: original.name, phones: original.phones, siteKeys: original.siteKeys, note: original.note, createdAt: AT });
      const expected = applyCalls(company, own, AT);
      expect([company.status, company.callCount, company.statusAt, company.lastManager]).toEqual([expected.status, expected.callCount, expected.statusAt, expected.lastManager]);
      expect(company.phoneKeys).toEqual(original.phones);
      // Every index field the current version reads.
      expect(company.idx).toMatchObject({ name: original.nameKey, manager: expected.lastManager ?? '', phone: (original.phones as string[])[0] });
      expect(company.idx?.words).toContain('зерно');
      // An old category became the rubric, mapped to an industry; a typed default industry stayed the user's.
      if (original.industry === 'кофейня') expect([company.rubric, company.industry]).toEqual(['кофейня', 'Общепит']);
    }
    // The indexes cover the old records.
    expect(await db.countFromIndex('companies', 'byStatus')).toBe(companies.length);
    expect(await db.countFromIndex('companies', 'byWords', 'зерно')).toBe(companies.length);
    expect((await db.getAllFromIndex('companies', 'phoneKeys', (companies[3]!.phones as string[])[0]))[0]?.id).toBe(companies[3]!.id);
    // The report totals are a recount of the records.
    const states = [...stored.values()].map((company) => ({ company, calls: calls.filter((c) => c.companyId === company.id) }));
    const totals = Object.fromEntries((await db.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]));
    expect(totals).toEqual(Object.fromEntries(computeTotals(states)));
    // Stored as the current version stores them: names and values, no object of counters (v9).
    expect((await db.getAll('totals')).filter((r) => r.counts !== undefined || r.names?.length !== r.n?.length)).toEqual([]);
    db.close();
  });

  describe('a failed upgrade', () => {
    const failAfter = (count: number, error: () => unknown) =>
      [
        ...MIGRATIONS.slice(0, -1),
        // The newest step, then records rewritten one by one until one fails.
        async (db: Parameters<(typeof MIGRATIONS)[number]>[0], tx: Parameters<(typeof MIGRATIONS)[number]>[1]) => {
          await MIGRATIONS.at(-1)!(db, tx);
          let cursor = await tx.objectStore('companies').openCursor();
          let done = 0;
          while (cursor) {
            if (++done > count) throw error();
            await cursor.update({ ...cursor.value, name: 'HALF-UPGRADED' });
            cursor = await cursor.continue();
          }
        },
      ] as typeof MIGRATIONS;

    it.each([
      ['the disk filling up half-way', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'QuotaExceededError'],
      ['a record the new code cannot read', () => new TypeError("Cannot read properties of undefined (reading 'split')"), 'TypeError'],
    ])('by %s leaves the old version, every record as it was, readable', async (_label, error, errorName) => {
      const { name } = await baseAt(DB_VERSION - 1, 30);
      const old = await openDatabase(name, DB_VERSION - 1);
      const before = await dump(old);
      old.close();

      const failure = await openDatabase(name, DB_VERSION, failAfter(25, error)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(UpgradeError);
      expect(failure).toMatchObject({ from: DB_VERSION - 1, to: DB_VERSION, cause: { name: errorName } });

      // The old base opens as it was: same version, every store byte for byte.
      const again = await openDatabase(name, DB_VERSION - 1);
      expect(again.version).toBe(DB_VERSION - 1);
      expect(await dump(again)).toBe(before);
      expect(await dump(again)).not.toContain('HALF-UPGRADED');
      again.close();

      // And the real upgrade still runs on it afterwards.
      const fixed = await openDatabase(name);
      expect(fixed.version).toBe(DB_VERSION);
      expect(await fixed.count('companies')).toBe(30 * (DB_VERSION - 1));
      fixed.close();
    });

    it('a step that throws at once (an index on a store that is not there) aborts the upgrade too', async () => {
      const { name } = await baseAt(2, 5);
      const broken = [...MIGRATIONS.slice(0, 2), (_db: never, tx: { objectStore(n: string): unknown }) => void tx.objectStore('nope')] as unknown as typeof MIGRATIONS;
      const failure = await openDatabase(name, 3, broken).catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: 'UpgradeError', from: 2, to: 3 });
      const again = await openDatabase(name, 2);
      expect(await again.count('companies')).toBe(10);
      again.close();
    });

    it('is told in words: requests answer upgrade_failed, and a call logged meanwhile is kept aside', async () => {
      const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
      const sender = { id: SELF.id, tab: { id: 3 } as Browser.tabs.Tab, url: 'https://2gis.ru/' } as Browser.runtime.MessageSender;
      const problems: string[] = [];
      const route = createRouter(
        createHandlers({
          db: async () => Promise.reject(new UpgradeError(5, 6, new DOMException('The quota has been exceeded.', 'QuotaExceededError'))),
          settings: async () => DEFAULT_SETTINGS,
          announce: async () => {},
          pending: createPendingCalls<KeptCall>(),
        }),
        SELF,
        (code) => void problems.push(code),
      );
      expect(await route({ type: 'lookup', payload: { listings: [listing()] } }, sender)).toEqual({
        ok: false,
        error: { code: 'upgrade_failed', message: expect.stringMatching(/^Callmark could not upgrade your base to this version, so it was left exactly as it was: your data is safe/) },
      });
      expect(problems).toEqual(['upgrade_failed']);
      const logged = await route({ type: 'logCall', payload: { listing: listing(), call: { outcome: 'closed' } } }, sender);
      expect(logged).toMatchObject({ ok: false, error: { code: 'upgrade_failed', message: expect.stringMatching(/this call is not in it yet: it is kept aside/) } });
    });
  });
});
