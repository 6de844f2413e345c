import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupParts, BackupError, readBackup } from '../../../lib/io/backup';
import { safeCell } from '../../../lib/io/csv-write';
import { bitrixHead, bitrixRow, csvBody, csvHead, BITRIX_HEADER } from '../../../lib/io/export';
import { indexBase } from '../../../lib/io/import';
import { mergeBackup, replaceWithBackup } from '../../../lib/io/restore';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { logCall } from '../../../lib/store/calls';
import { DB_VERSION, type Db } from '../../../lib/store/schema';
import { freshDb, listing } from '../store/helpers';

const NOW = new Date('2026-06-15T12:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

async function dump(db: Db) {
  return { companies: await db.getAll('companies'), calls: await db.getAll('calls'), reminders: await db.getAll('reminders') };
}
async function backupText(db: Db) {
  const d = await dump(db);
  return backupParts({ exportedAt: NOW.toISOString(), settings: DEFAULT_SETTINGS }, [d.companies], [d.calls], d.reminders).join('');
}
async function seed(db: Db, who: string) {
  await logCall(db, { listing: listing() }, { outcome: 'refused', reason: 'дорого', manager: who, at: '2026-05-01T10:00:00.000Z' }, 'RU');
  await logCall(db, { listing: listing({ name: 'Кофе Хауз', phones: ['+7 495 222-33-44'], siteId: '77', website: undefined }) }, { outcome: 'callback', callbackAt: '2026-07-01T10:00:00.000Z', manager: who, at: '2026-05-02T10:00:00.000Z' }, 'RU');
}

describe('backup and restore', () => {
  it('a backup restored (replace) into a fresh profile gives an identical base', async () => {
    const a = await freshDb();
    await seed(a, 'Анна');
    const text = await backupText(a);
    const b = await freshDb();
    await logCall(b, { listing: listing({ name: 'Другая', phones: ['+7 495 999-00-00'], siteId: '1', website: undefined }) }, { outcome: 'client' }, 'RU');
    await replaceWithBackup(b, readBackup(text));
    expect(await dump(b)).toEqual(await dump(a));
  });

  it('merging two bases: a union of companies and calls, without duplicates, status from the union', async () => {
    const a = await freshDb();
    await seed(a, 'Анна');
    const b = await freshDb();
    // Manager B met the same café (same phone, different id) later and it became a client; plus one of her own.
    await logCall(b, { listing: listing({ siteId: undefined, url: undefined }) }, { outcome: 'client', manager: 'Борис', at: '2026-05-10T10:00:00.000Z' }, 'RU');
    await logCall(b, { listing: listing({ name: 'Пекарня', phones: ['+7 495 555-66-77'], siteId: '9', website: undefined }) }, { outcome: 'interested', manager: 'Борис', at: '2026-05-11T10:00:00.000Z' }, 'RU');
    const backup = readBackup(await backupText(b));
    const first = await mergeBackup(a, backup, await indexBase(a), NOW.toISOString());
    expect(first.calls).toBe(2);
    expect(await a.count('companies')).toBe(3);
    expect(await a.count('calls')).toBe(4);
    const cafe = (await a.getAll('companies')).find((c) => c.phones.includes('+74957083112'))!;
    expect(cafe).toMatchObject({ status: 'client', callCount: 2 });
    // Merging the same backup again changes nothing.
    const before = await dump(a);
    await mergeBackup(a, backup, await indexBase(a), NOW.toISOString());
    expect(await dump(a)).toEqual(before);
  });

  it('restores a backup from an older schema version (v1: no siteKeys, no phoneKeys)', async () => {
    const a = await freshDb();
    await seed(a, 'Анна');
    const d = await dump(a);
    const old = {
      format: 'callmark-backup',
      schemaVersion: 1,
      exportedAt: NOW.toISOString(),
      companies: d.companies.map(({ phoneKeys: _p, siteKeys: _s, ...rest }) => rest),
      calls: d.calls,
    };
    const restored = readBackup(JSON.stringify(old));
    expect(restored.companies[0]!.phoneKeys.length).toBeGreaterThan(0);
    const b = await freshDb();
    await replaceWithBackup(b, restored);
    expect(await b.count('companies')).toBe(2);
    expect((await b.getAllFromIndex('companies', 'phoneKeys', '+74957083112')).length).toBe(1);
  });

  it('refuses damaged and foreign files whole, naming what is wrong', async () => {
    const a = await freshDb();
    await seed(a, 'Анна');
    const text = await backupText(a);
    const problem = (t: string) => {
      try {
        readBackup(t);
      } catch (e) {
        return (e as BackupError).problem;
      }
      return null;
    };
    expect(problem(text.slice(0, text.length / 2))).toEqual({ code: 'notJson' });
    expect(problem('{"companies":[]}')).toEqual({ code: 'foreign' });
    expect(problem(text.replace(`"schemaVersion":${DB_VERSION}`, '"schemaVersion":99'))).toEqual({ code: 'newer', version: 99 });
    const broken = JSON.parse(text);
    broken.calls[1].outcome = 'exploded';
    expect(problem(JSON.stringify(broken))).toEqual({ code: 'damaged', what: 'call', index: 2 });
  });
});

describe('export', () => {
  it('guards against formula injection but leaves phones and numbers as they are', () => {
    expect(safeCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(safeCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(safeCell('\t=1')).toBe(`'\t=1`);
    expect(safeCell('\r=1')).toBe(`'\r=1`);
    expect(safeCell('+cmd|" /C calc"!A0')).toBe(`'+cmd|" /C calc"!A0`);
    expect(safeCell('-2+3+cmd|x')).toBe(`'-2+3+cmd|x`);
    expect(safeCell('+7 495 123-45-67')).toBe('+7 495 123-45-67');
    expect(safeCell('+7 495 123-45-67; +7 812 555-12-34')).toBe('+7 495 123-45-67; +7 812 555-12-34');
    expect(safeCell('-15.5')).toBe('-15.5');
    expect(safeCell('Ромашка')).toBe('Ромашка');
  });

  it('writes CSV with a BOM and `;`, quoting what needs it, and Bitrix24 headers from its sample file', async () => {
    const a = await freshDb();
    await seed(a, 'Анна');
    const companies = await a.getAll('companies');
    const cafe = companies.find((c) => c.phones.includes('+74957083112'))!;
    const evil = { ...cafe, name: '=1+2', note: 'a;b\n"c"' };
    const text = csvHead(';') + csvBody([evil], new Map(), ';');
    expect(text.startsWith('\ufeffname;phones;inn;website;')).toBe(true);
    expect(text).toContain(`'=1+2;+7 495 708-31-12;`);
    expect(text).toContain('"a;b\n""c"""');
    expect(bitrixHead(0)).toBe('\ufeff' + BITRIX_HEADER.map((h) => `"${h}"`).join(';') + '\r\n');
    const row = bitrixRow({ ...cafe, phones: ['+74957083112', '+79161002030', '+74957083113'] }, 1, (s) => s, { status: 'Статус', lastCall: 'Последний звонок', reason: 'Причина' });
    expect(row.slice(2, 5)).toEqual(['+7 495 708-31-12', '+7 916 100-20-30', 'https://campus2020.ru']);
    expect(row[8]).toContain('Статус: refused');
    expect(row[8]).toContain('Причина: дорого');
    expect(row[9]).toBe('+7 495 708-31-13');
  });
});
