/**
 * Bulk writes (imports, restores, collecting a page) go through
 * writeCompanyBatch; when the device is in a team they queue their changes for
 * the server in the same transaction, so a teammate's import reaches the team.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupParts, readBackup } from '../../../lib/io/backup';
import { autoMapping } from '../../../lib/io/columns';
import { commitImport, indexBase, previewImport } from '../../../lib/io/import';
import { mergeBackup } from '../../../lib/io/restore';
import { readTable } from '../../../lib/io/table';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { writeCompanyBatch } from '../../../lib/store/batch';
import { logCall } from '../../../lib/store/calls';
import { companyFromListing } from '../../../lib/store/companies';
import type { Db } from '../../../lib/store/schema';
import { SYNC_STORES, writeMeta, type TeamSession } from '../../../lib/store/sync-log';
import { computeTotals, countersOf } from '../../../lib/store/totals';
import { Change } from '../../../lib/sync/changes';
import { materialize } from '../../../lib/sync/merge';
import { freshDb, listing } from './helpers';

const NOW = new Date('2026-06-15T12:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const SESSION: TeamSession = {
  serverUrl: 'http://127.0.0.1:9',
  teamId: '00000000-0000-4000-8000-000000000001',
  teamName: 'Отдел продаж',
  memberId: '00000000-0000-4000-8000-000000000002',
  role: 'manager',
  deviceId: 'device-a',
  token: 'x'.repeat(32),
  managerName: 'Анна',
};

async function joinTeam(db: Db): Promise<void> {
  const tx = db.transaction([...SYNC_STORES], 'readwrite');
  await writeMeta(tx, 'session', SESSION);
  await tx.done;
}

const outbox = async (db: Db) => (await db.getAllFromIndex('outbox', 'order')).map((e) => e.change);

async function importFixture(db: Db, name: string) {
  const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/import', name)));
  const table = await readTable(name, bytes, async () => []);
  const plan = await previewImport(db, table, autoMapping(table.headers), 'RU');
  return commitImport(db, plan, { fileName: name, now: NOW.toISOString() });
}

describe('bulk writes queue team-sync changes', () => {
  it('an import in a team: the outbox holds every new company and every call, and they rebuild the same base elsewhere', async () => {
    const db = await freshDb();
    await joinTeam(db);
    const result = await importFixture(db, 'win1251-semicolon.csv');
    expect(result).toMatchObject({ created: 5, callsAdded: 4 });

    const changes = await outbox(db);
    expect(changes.filter((c) => c.kind === 'company')).toHaveLength(5);
    expect(changes.filter((c) => c.kind === 'call')).toHaveLength(4);
    // Valid for the server (the same schemas), each with its own clock, in clock order.
    for (const c of changes) expect(Change.safeParse(c).success).toBe(true);
    const clocks = changes.map((c) => c.hlc);
    expect(new Set(clocks).size).toBe(clocks.length);
    expect([...clocks].sort()).toEqual(clocks);
    // The change log knows them too (so a pull never mistakes them for foreign records).
    expect(await db.count('syncLog')).toBe(9);

    // A teammate applying those changes has the same companies, with the same statuses.
    const replica = materialize(changes);
    const mine = await db.getAll('companies');
    const byId = (list: Array<{ id: string; name: string; status: string; callCount: number }>) =>
      Object.fromEntries(list.map((c) => [c.id, { name: c.name, status: c.status, callCount: c.callCount }]));
    expect(byId(replica.companies)).toEqual(byId(mine));
  });

  it('importing the same file again queues nothing more; a file that adds a phone queues one edit', async () => {
    const db = await freshDb();
    await joinTeam(db);
    await importFixture(db, 'win1251-semicolon.csv');
    const before = (await outbox(db)).length;
    await importFixture(db, 'win1251-semicolon.csv');
    expect((await outbox(db)).length).toBe(before);

    const [company] = await db.getAll('companies');
    const r = await writeCompanyBatch(db, [{ id: company!.id, build: (c) => ({ company: { ...c!, phones: [...c!.phones, '+74950000001'] }, calls: [], changed: true }) }], NOW.toISOString());
    expect(r).toMatchObject({ updated: 1, written: [company!.id] });
    const last = (await outbox(db)).at(-1)!;
    expect(last).toMatchObject({ kind: 'edit', companyId: company!.id, fields: { phones: [...company!.phones, '+74950000001'] } });
  });

  it('a restore merged in a team queues its companies and calls', async () => {
    const other = await freshDb();
    await logCall(other, { listing: listing() }, { outcome: 'refused', reason: 'дорого', manager: 'Борис', at: '2026-05-01T10:00:00.000Z' }, 'RU');
    const text = backupParts({ exportedAt: NOW.toISOString(), settings: DEFAULT_SETTINGS }, [await other.getAll('companies')], [await other.getAll('calls')], []).join('');
    const db = await freshDb();
    await joinTeam(db);
    await mergeBackup(db, readBackup(text), await indexBase(db), NOW.toISOString());
    const changes = await outbox(db);
    expect(changes.map((c) => c.kind).sort()).toEqual(['call', 'company']);
  });

  it('a plan that thought its companies new, written after they were stored (another tab, a second run), merges instead of doubling', async () => {
    const db = await freshDb();
    await joinTeam(db);
    const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/import', 'win1251-semicolon.csv')));
    const table = await readTable('база.csv', bytes, async () => []);
    const plan = await previewImport(db, table, autoMapping(table.headers), 'RU');
    expect(plan.groups.every((g) => !g.existing)).toBe(true);
    const first = await commitImport(db, plan, { fileName: 'база.csv', now: NOW.toISOString() });
    const queued = (await outbox(db)).length;
    // The same plan again: every "new" company is there now.
    const second = await commitImport(db, plan, { fileName: 'база.csv', now: NOW.toISOString() });
    expect(first).toMatchObject({ created: 5, callsAdded: 4 });
    expect(second).toMatchObject({ created: 0, callsAdded: 0, unchanged: 5 });
    expect(await db.count('companies')).toBe(5);
    expect(await db.count('calls')).toBe(4);
    expect((await outbox(db)).length).toBe(queued);
  });

  it('outside a team nothing is queued', async () => {
    const db = await freshDb();
    await importFixture(db, 'win1251-semicolon.csv');
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('syncLog')).toBe(0);
  });

  it('with `totals`, the totals store is kept exact in the same transaction', async () => {
    const db = await freshDb();
    await logCall(db, { listing: listing() }, { outcome: 'client', manager: 'Анна', at: '2026-05-01T10:00:00.000Z' }, 'RU');
    const [known] = await db.getAll('companies');
    const fresh = companyFromListing(listing({ name: 'Пекарня', phones: ['+7 495 555-66-77'], siteId: '9', website: undefined, directory: 'zoon' }), 'RU', NOW.toISOString());
    await writeCompanyBatch(
      db,
      [
        { id: fresh.id, build: () => ({ company: fresh, calls: [], changed: true }) },
        { id: known!.id, build: (c) => ({ company: { ...c!, city: 'Химки' }, calls: [], changed: true }) },
      ],
      NOW.toISOString(),
      { totals: true },
    );
    const companies = await db.getAll('companies');
    const calls = await db.getAll('calls');
    const expected = computeTotals(companies.map((company) => ({ company, calls: calls.filter((c) => c.companyId === company.id) })));
    const stored = new Map((await db.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]));
    expect(stored).toEqual(expected);
  });
});
