import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../lib/store/db';
import { DB_VERSION } from '../../../lib/store/schema';

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
    expect((await current.get('totals', 'status|all'))?.counts).toEqual({ 'refused\t#none\tmanual\tАнна\tдорого': 250 });
    expect(await current.countFromIndex('companies', 'byManager', 'Анна')).toBe(250);
    current.close();
  });
});
