import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autoMapping, type ColumnMapping } from '../../../lib/io/columns';
import { commitImport, previewImport, readRows } from '../../../lib/io/import';
import { readTable, type Table } from '../../../lib/io/table';
import { logCall } from '../../../lib/store/calls';
import { lookupListings } from '../../../lib/store/companies';
import type { Db } from '../../../lib/store/schema';
import { freshDb, listing } from '../store/helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/import', name)));
const xlsxReader = async (data: ArrayBuffer) => (await readSheet(Buffer.from(data))) as unknown[][];
const NOW = new Date('2026-06-15T12:00:00.000Z');

async function importFile(db: Db, name: string, bytes: Uint8Array, mapping?: ColumnMapping) {
  const table = await readTable(name, bytes, xlsxReader);
  const plan = await previewImport(db, table, mapping ?? autoMapping(table.headers), 'RU');
  const result = await commitImport(db, plan, { fileName: name, now: NOW.toISOString() });
  return { table, plan, result };
}

const local = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(y, m - 1, d, h, mi).toISOString();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('a Windows-1251 file with `;` and Russian status labels (Russian Excel)', () => {
  it('decodes, guesses the delimiter, maps the Russian headers and turns labels into calls', async () => {
    const db = await freshDb();
    const { table, plan } = await importFile(db, 'база.csv', fixture('win1251-semicolon.csv'));
    expect(table.encoding).toBe('windows-1251');
    expect(table.delimiter).toBe(';');
    expect(autoMapping(table.headers)).toEqual(['name', 'phones', 'inn', 'website', 'address', 'city', 'industry', 'status', 'reason', 'note', 'last_call', 'manager']);
    expect(plan.counts).toMatchObject({ created: 5, updated: 0, skipped: 0, rejected: 0 });

    const companies = await db.getAll('companies');
    const byName = Object.fromEntries(companies.map((c) => [c.name, c]));
    expect(byName['ООО «Ромашка»']).toMatchObject({
      phones: ['+74951234567'],
      inn: '7707083893',
      domain: 'romashka.ru',
      city: 'Москва',
      industry: 'Общепит',
      industryByHand: true,
      status: 'refused',
      statusReason: 'дорого',
      note: 'звонить после обеда',
      lastCallAt: local(2024, 3, 1),
    });
    expect(byName['ООО «Ромашка»']!.sources).toEqual([{ directory: 'import', file: 'база.csv', firstSeen: NOW.toISOString(), lastSeen: NOW.toISOString() }]);
    expect(byName['Кофейня «Зёрна»']).toMatchObject({ phones: ['+78125551234', '+79210001122'], domain: 'zerna-spb.ru', status: 'client', lastCallAt: local(2024, 3, 2, 14, 30) });
    expect(byName['Пекарня Хлебъ']).toMatchObject({ status: 'callback', lastCallAt: local(2024, 3, 4, 10, 15) });
    // No date in the file: the call is dated with the import time.
    expect(byName['ИП Сидоров']).toMatchObject({ status: 'not_user', lastCallAt: NOW.toISOString(), callCount: 1 });
    // An empty status: a prospect, no call.
    expect(byName['Шиномонтаж 24']).toMatchObject({ status: 'new', callCount: 0 });
    const calls = await db.getAll('calls');
    expect(calls).toHaveLength(4);
    expect(calls.find((c) => c.outcome === 'refused')).toMatchObject({ manager: 'Анна', reason: 'дорого' });
  });

  it('importing the same file again adds no company and no second call', async () => {
    const db = await freshDb();
    await importFile(db, 'база.csv', fixture('win1251-semicolon.csv'));
    vi.setSystemTime(new Date(NOW.getTime() + 86_400_000));
    const again = await importFile(db, 'база.csv', fixture('win1251-semicolon.csv'));
    expect(again.plan.counts).toMatchObject({ created: 0, updated: 5, skipped: 0, rejected: 0 });
    expect(again.result).toMatchObject({ created: 0, callsAdded: 0, unchanged: 5 });
    expect(await db.count('companies')).toBe(5);
    expect(await db.count('calls')).toBe(4);
  });
});

describe('a UTF-8 file with a BOM, quoted newlines, Excel serial dates, duplicates and bad rows', () => {
  it('reports every rejected row with its number and reason, and skips the duplicate', async () => {
    const db = await freshDb();
    const { table, plan } = await importFile(db, 'list.csv', fixture('utf8-bom-comma.csv'));
    expect(table.encoding).toBe('utf-8');
    expect(table.headers[0]).toBe('name'); // the BOM is gone
    expect(plan.counts).toEqual({ created: 3, updated: 0, skipped: 1, rejected: 5, calls: 3 });
    expect(plan.skipped).toEqual([{ row: 4, ofRow: 2 }]);
    expect(plan.rejected).toEqual([
      { row: 6, reason: { code: 'noNameNoPhone' } },
      { row: 7, reason: { code: 'badPhone', value: 'not a phone' } },
      { row: 8, reason: { code: 'badInn', value: '1234567890' } },
      { row: 9, reason: { code: 'unknownStatus', value: 'maybe later' } },
      { row: 10, reason: { code: 'badDate', value: '31.02.2024' } },
    ]);
    const alpha = (await db.getAll('companies')).find((c) => c.inn === '5001007329')!;
    expect(alpha.name).toBe('Alpha, LLC');
    // The quoted line break is kept; the duplicate row's note joins the first row's company.
    expect(alpha.note).toBe('first line\nsecond line\nduplicate of row 2 by phone');
    // 45352 is 2024-03-01 in Excel's calendar; 45353.5 is the next day at noon.
    expect(alpha.lastCallAt).toBe(local(2024, 3, 1));
    const beta = (await db.getAll('companies')).find((c) => c.name === 'Beta Shop')!;
    expect(beta.lastCallAt).toBe(local(2024, 3, 2, 12));
    expect(beta.status).toBe('interested');
  });
});

describe('a Bitrix24 company export', () => {
  it('maps its headers, gathers its repeated phone columns and keeps the e-mail as a contact', async () => {
    const db = await freshDb();
    const { table, plan } = await importFile(db, 'bitrix.csv', fixture('bitrix24-companies.csv'));
    const mapping = autoMapping(table.headers);
    expect(mapping).toEqual([null, 'name', null, 'phones', 'phones', 'phones', 'website', 'email', 'address', 'industry', 'note', 'manager', null]);
    expect(plan.counts).toMatchObject({ created: 2, rejected: 0 });
    const vector = (await db.getAll('companies')).find((c) => c.domain === 'vector.example')!;
    expect(vector).toMatchObject({
      name: 'ООО "Вектор"',
      phones: ['+74957001020', '+74957001021', '+79161002030'],
      address: 'г. Москва, ул. Тверская, д. 7',
      industry: 'Производство',
      note: 'Постоянный клиент',
      decisionMakers: [{ name: '', role: '', email: 'info@vector.example' }],
      status: 'new',
    });
  });
});

describe('an XLSX file', () => {
  it('reads the first sheet, with real date cells and numbers as cells', async () => {
    const db = await freshDb();
    const data = [
      ['Компания', 'Телефон', 'ИНН', 'Статус', 'Последний звонок', 'Ответственный'],
      ['Альфа', 74951112233, 7707083893, 'Отказ', new Date(Date.UTC(2024, 2, 1, 9, 30)), 'Анна'],
      ['Бета', '+7 495 222-33-44', null, 'Клиент (согласие)', '01.03.2024', 'Борис'],
    ];
    const rows = data.map((r) => r.map((v) => (v === null ? null : v instanceof Date ? { value: v, type: Date, format: 'dd.mm.yyyy hh:mm' } : { value: v })));
    const bytes = new Uint8Array(await writeXlsxFile(rows as never).toBuffer());
    const { table, plan } = await importFile(db, 'base.xlsx', bytes);
    expect(table.headers).toEqual(data[0]);
    expect(plan.counts).toMatchObject({ created: 2, rejected: 0 });
    const alpha = (await db.getAll('companies')).find((c) => c.name === 'Альфа')!;
    expect(alpha).toMatchObject({ phones: ['+74951112233'], inn: '7707083893', status: 'refused' });
    expect(Date.parse(alpha.lastCallAt!)).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect((await db.getAll('companies')).find((c) => c.name === 'Бета')!.status).toBe('client');
  });
});

describe('matching against the base, as the badges do', () => {
  it('updates the company a badge shows, by phone, and the badge then shows the imported status', async () => {
    const db = await freshDb();
    const seen = listing({ name: 'Ромашка', phones: ['+7 495 123-45-67'], website: undefined });
    const logged = await logCall(db, { listing: seen }, { outcome: 'no_answer', at: '2024-02-01T10:00:00.000Z' }, 'RU');
    const { plan } = await importFile(db, 'база.csv', fixture('win1251-semicolon.csv'));
    expect(plan.counts).toMatchObject({ created: 4, updated: 1 });
    expect(plan.groups.find((g) => g.existing)!.companyId).toBe(logged.company.id);
    const [result] = await lookupListings(db, [seen], { defaultCountry: 'RU', staleAfterDays: 180 });
    expect(result!.company).toMatchObject({ id: logged.company.id, status: 'refused', callCount: 2 });
    const stored = await db.get('companies', logged.company.id);
    // The base's own name stays; the file adds what the company lacked, and itself as a source.
    expect(stored).toMatchObject({ name: 'Ромашка', inn: '7707083893', domain: 'romashka.ru' });
    expect(stored!.sources.map((s) => s.directory)).toEqual(['2gis', 'import']);
  });

  it('reads tab-separated files and a mapping adjusted by hand', async () => {
    const db = await freshDb();
    const table: Table = await readTable('x.tsv', fixture('tabs.tsv'), xlsxReader);
    expect(table.delimiter).toBe('\t');
    const rows = readRows(table, ['name', 'phones', null], 'RU');
    expect(rows[0]).toMatchObject({ ok: true, record: { name: 'Альфа', phones: ['+74957654321', '+74957654322'] } });
    expect(rows[0]!.ok && rows[0]!.record.call).toBeUndefined();
    const { plan } = await importFile(db, 'x.tsv', fixture('tabs.tsv'));
    expect(plan.groups[0]!.records[0]!.call?.outcome).toBe('closed');
  });
});

it('stops between batches when cancelled; running it again completes it without duplicates', async () => {
  const db = await freshDb();
  const lines = ['name,phones,status'];
  for (let i = 0; i < 650; i++) lines.push(`Firm ${i},+7 495 ${String(1000000 + i).slice(0, 3)}-${String(1000000 + i).slice(3, 5)}-${String(1000000 + i).slice(5, 7)},refused`);
  const bytes = new TextEncoder().encode(lines.join('\n'));
  const table = await readTable('big.csv', bytes, xlsxReader);
  const plan = await previewImport(db, table, autoMapping(table.headers), 'RU');
  let batches = 0;
  const first = await commitImport(db, plan, { fileName: 'big.csv', now: NOW.toISOString() }, { onProgress: () => void batches++, shouldStop: () => batches >= 1 });
  expect(first).toMatchObject({ stopped: true, done: 500 });
  expect(await db.count('companies')).toBe(500);
  expect(await db.count('calls')).toBe(500);
  const again = await importFile(db, 'big.csv', bytes);
  expect(again.result).toMatchObject({ stopped: false, created: 150, unchanged: 500 });
  expect(await db.count('companies')).toBe(650);
  expect(await db.count('calls')).toBe(650);
});
