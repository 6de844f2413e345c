import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../lib/store/db';
import { DB_VERSION } from '../../../lib/store/schema';
import { computeTotals, countersOf, wordKey } from '../../../lib/store/totals';

/**
 * Fills a version-1 database the way version 1 wrote it, then opens it with the
 * current schema: not one record may be lost. Keep this test as versions grow;
 * add a fill for each new version's shape.
 */
describe('migrations', () => {
  it('opens a filled version-1 database with the current schema and loses nothing', async () => {
    const name = `migrate-${Date.now()}`;
    const v1 = await openDatabase(name, 1);
    expect(v1.objectStoreNames.contains('reminders')).toBe(false);
    const companies = Array.from({ length: 250 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Компания ${i}`,
      nameKey: `компания ${i}`,
      phones: [`+7495000${String(i).padStart(4, '0')}`],
      inn: undefined,
      siteKeys: [`2gis:${i}`],
      sources: [],
      decisionMakers: [],
      note: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      status: 'refused' as const,
      callCount: 1,
    }));
    const calls = companies.map((c) => ({
      id: crypto.randomUUID(),
      companyId: c.id,
      at: '2026-01-01T00:00:00.000Z',
      outcome: 'refused' as const,
      reason: 'дорого',
      note: '',
      manager: 'Анна',
    }));
    // Written with the raw API: these records have version 1's shape, not today's type.
    const tx = unwrap(v1).transaction(['companies', 'calls'], 'readwrite');
    companies.forEach((c) => tx.objectStore('companies').put(c));
    calls.forEach((c) => tx.objectStore('calls').put(c));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    const current = await openDatabase(name, DB_VERSION);
    expect(current.version).toBe(DB_VERSION);
    expect(await current.count('companies')).toBe(250);
    expect(await current.count('calls')).toBe(250);
    // Every record is there as it was, with the keys later versions derive (v3: phoneKeys).
    expect(await current.getAll('companies')).toEqual(
      expect.arrayContaining(companies.map((c) => expect.objectContaining({ ...c, phoneKeys: c.phones, statusReason: 'дорого', lastManager: 'Анна' }))),
    );
    expect((await current.getAllFromIndex('companies', 'phoneKeys', '+74950000042'))[0]?.name).toBe('Компания 42');
    // The indexes added later cover the old records too.
    expect((await current.getAllFromIndex('companies', 'siteKeys', '2gis:42'))[0]?.name).toBe('Компания 42');
    expect(await current.countFromIndex('calls', 'companyAt', IDBKeyRange.bound([companies[0]!.id, ''], [companies[0]!.id, '\uffff']))).toBe(1);
    expect(current.objectStoreNames.contains('reminders')).toBe(true);
    // v4: the totals already count the old records, and the table's indexes cover them.
    expect(Object.fromEntries(countersOf(await current.get('totals', 'status|all')))).toEqual({ 'refused\t#none\tmanual\tАнна\tдорого': 250 });
    expect(await current.countFromIndex('companies', 'byManager', 'Анна')).toBe(250);
    // v7: the week records too: the whole totals store is what the records add up to.
    const upgraded = await current.getAll('companies');
    const expected = computeTotals(upgraded.map((company) => ({ company, calls: calls.filter((c) => c.companyId === company.id) })));
    expect([...expected.keys()].some((k) => k.startsWith('call|w|'))).toBe(true);
    // v8: the search's word lists, every company in the list of its name's words.
    expect(Object.keys(expected.get(wordKey('компания')) ?? {})).toHaveLength(250);
    expect(Object.fromEntries((await current.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]))).toEqual(Object.fromEntries(expected));
    current.close();
  });

  it('opens a filled version-5 database with version 6: the search words and new sorts cover the old records', async () => {
    const name = `migrate5-${Date.now()}`;
    const v5 = await openDatabase(name, 5);
    const companies = Array.from({ length: 300 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `ООО Пекарня ${i}`,
      nameKey: `пекарня ${i}`,
      phones: [`+7495111${String(i).padStart(4, '0')}`],
      phoneKeys: [`+7495111${String(i).padStart(4, '0')}`],
      inn: i === 7 ? '7707083893' : undefined,
      domain: i === 8 ? 'bakery.ru' : undefined,
      siteKeys: [],
      sources: [{ directory: 'zoon', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z' }],
      decisionMakers: i % 2 ? [{ name: 'Иван', role: '' }] : [],
      note: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      status: i % 3 ? ('refused' as const) : ('new' as const),
      statusAt: i % 3 ? '2026-02-01T00:00:00.000Z' : undefined,
      callCount: i % 3 ? 1 : 0,
      // Version 5's derived keys: no status rank, phone or words yet.
      idx: { name: `пекарня ${i}`, city: '', industry: '', manager: '', lastCall: '', source: 'zoon', sources: ['zoon'], freshAt: '2026-01-01T00:00:00.000Z', dm: 0 },
    }));
    const tx = unwrap(v5).transaction(['companies'], 'readwrite');
    companies.forEach((c) => tx.objectStore('companies').put(c));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    v5.close();

    const v6 = await openDatabase(name, 6);
    expect(await v6.count('companies')).toBe(300);
    // The records are the same, with more derived keys.
    const stored = await v6.getAll('companies');
    expect(stored).toEqual(expect.arrayContaining(companies.map(({ idx: _idx, ...c }) => expect.objectContaining(c))));
    const ids = (keys: IDBValidKey[]) => new Set(keys as string[]);
    const byId = new Map<string, (typeof companies)[number]>(companies.map((c) => [c.id, c]));
    expect((await v6.getAllKeysFromIndex('companies', 'byWords', IDBKeyRange.bound('пекарня', 'пекарня\uffff'))).length).toBe(300);
    expect([...ids(await v6.getAllKeysFromIndex('companies', 'byWords', '1110042'))].map((id) => byId.get(id)!.name)).toEqual(['ООО Пекарня 42']);
    expect([...ids(await v6.getAllKeysFromIndex('companies', 'byWords', '7707083893'))].map((id) => byId.get(id)!.name)).toEqual(['ООО Пекарня 7']);
    expect([...ids(await v6.getAllKeysFromIndex('companies', 'byWords', 'bakery'))].map((id) => byId.get(id)!.name)).toEqual(['ООО Пекарня 8']);
    expect(await v6.countFromIndex('companies', 'byStatus')).toBe(300);
    expect(await v6.countFromIndex('companies', 'byStatus', IDBKeyRange.bound(['05', ''], ['05', '\uffff']))).toBe(200);
    expect(await v6.countFromIndex('companies', 'byPhone')).toBe(300);
    // Decision makers: named only (1) for the odd ones.
    expect(await v6.countFromIndex('companies', 'byDm', 1)).toBe(150);
    v6.close();
  });
});
