import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../lib/match/name';
import { Company, STATUSES, type Status } from '../../../lib/model';
import { BaseQueries, filterValues, loadCompanies, orderedIds, SORT_KEYS, sortValue, type BaseFilter, type BaseSort, type QueryContext } from '../../../lib/store/base-query';
import { withDerivedKeys } from '../../../lib/store/keys';
import type { Db } from '../../../lib/store/schema';
import { rebuildTotals } from '../../../lib/store/totals';
import { freshDb } from './helpers';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const ctx: QueryContext = { defaultCountry: 'RU', staleAfterDays: 180, now: NOW };
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** A deterministic pseudo-random sequence, so the base is the same in every run. */
function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const INDUSTRIES = ['Общепит', 'Авто', 'Медицина', ''];
const CITIES = ['Москва', 'Казань', 'Тула', ''];
const MANAGERS = ['Анна', 'Борис', ''];
const SOURCES = ['2gis', 'zoon', 'import'];

function makeCompany(over: Partial<Company> & { name: string }): Company {
  return Company.parse(
    withDerivedKeys({
      id: crypto.randomUUID(),
      nameKey: nameKey(over.name),
      phones: [],
      siteKeys: [],
      sources: [],
      decisionMakers: [],
      note: '',
      createdAt: daysAgo(400),
      updatedAt: daysAgo(1),
      status: 'new' as Status,
      callCount: 0,
      ...over,
    }),
  );
}

/** 120 companies with every combination of the filtered fields, plus a few named for the search cases. */
function makeBase(): Company[] {
  const rnd = lcg(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Company[] = [];
  for (let i = 0; i < 120; i++) {
    const status = pick(STATUSES);
    const called = status !== 'new';
    const source = pick(SOURCES);
    const lastCallAt = called ? daysAgo(Math.floor(rnd() * 300)) : undefined;
    out.push(
      makeCompany({
        name: `${pick(['Кофейня', 'Автосервис', 'Клиника', 'Пекарня'])} ${pick(['Альфа', 'Бета', 'Гамма', 'Дельта', 'Эпсилон'])} ${i}`,
        phones: [`+7495${String(1000000 + i * 7919).slice(-7)}`],
        city: pick(CITIES) || undefined,
        industry: pick(INDUSTRIES) || undefined,
        status,
        callCount: called ? 1 : 0,
        statusAt: lastCallAt,
        lastCallAt,
        lastManager: called ? pick(MANAGERS) || undefined : undefined,
        confirmedAt: called && rnd() < 0.7 ? lastCallAt : undefined,
        createdAt: daysAgo(100 + Math.floor(rnd() * 300)),
        callbackAt: status === 'callback' ? new Date(NOW.getTime() + (rnd() - 0.5) * 6 * 86_400_000).toISOString() : undefined,
        sources: [{ directory: source, file: source === 'import' ? pick(['a.csv', 'b.xlsx']) : undefined, firstSeen: daysAgo(100), lastSeen: daysAgo(50) }],
        decisionMakers: rnd() < 0.3 ? [{ name: 'Иван', role: 'директор', phone: rnd() < 0.5 ? '+79161234567' : undefined }] : [],
      }),
    );
  }
  out.push(
    makeCompany({ name: 'ООО «Ромашка»', phones: ['+74951234567;ext=12'], inn: '7707083893', domain: 'romashka.ru', city: 'Москва', industry: 'Общепит' }),
    makeCompany({ name: 'Кофейня Зёрна, кафе', phones: ['+78125551234', '+79210001122'], domain: 'zerna-spb.ru', city: 'Санкт-Петербург' }),
  );
  return out;
}

/** Companies written in bulk, then the totals (and the search's word lists) rebuilt, as after an import. */
async function storeAll(db: Db, base: readonly Company[]): Promise<void> {
  const tx = db.transaction('companies', 'readwrite');
  for (const c of base) void tx.store.put(c);
  await tx.done;
  await rebuildTotals(db);
}

async function seeded(): Promise<{ db: Db; base: Company[] }> {
  const db = await freshDb();
  const base = makeBase();
  await storeAll(db, base);
  return { db, base };
}

/** The reference: the same query answered by reading every record (what the table must never do). */
function reference(base: Company[], f: BaseFilter, sort: BaseSort): string[] {
  const staleBefore = new Date(NOW.getTime() - 180 * 86_400_000).toISOString();
  const dayEnd = new Date(NOW);
  dayEnd.setHours(24, 0, 0, 0);
  const kept = base.filter(
    (c) =>
      (!f.statuses?.length || f.statuses.includes(c.status)) &&
      (!f.industries?.length || f.industries.includes(c.industry ?? '')) &&
      (!f.sources?.length || c.idx!.sources.some((s) => f.sources!.includes(s))) &&
      (!f.managers?.length || f.managers.includes(c.lastManager ?? '')) &&
      (!f.stale || (c.confirmedAt ?? c.createdAt) < staleBefore) &&
      (!f.hasDecisionMaker || c.decisionMakers.length > 0) &&
      (!f.callbackDue || (c.status === 'callback' && !!c.callbackAt && c.callbackAt < dayEnd.toISOString())),
  );
  const cmp = (a: Company, b: Company) => {
    const [x, y] = [sortValue(a, sort.key), sortValue(b, sort.key)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const filled = kept.filter((c) => sort.key === 'status' || sortValue(c, sort.key) !== '').sort(cmp);
  const empty = kept.filter((c) => sort.key !== 'status' && sortValue(c, sort.key) === '');
  if (sort.dir === 'desc') filled.reverse();
  return [...filled, ...empty].map((c) => c.id);
}

/** Ids compared by their sort values (ties may come in any order). */
const values = (base: Company[], ids: string[], key: BaseSort['key']) => ids.map((id) => sortValue(base.find((c) => c.id === id)!, key));

describe('base table queries', () => {
  it('sorts on every column, both ways, empty values last', async () => {
    const { db, base } = await seeded();
    const q = new BaseQueries(async () => db);
    for (const key of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const ids = await q.ids({}, { key, dir }, ctx);
        expect(ids).toHaveLength(base.length);
        expect(new Set(ids).size).toBe(base.length);
        expect(values(base, ids, key), `${key} ${dir}`).toEqual(values(base, reference(base, {}, { key, dir }), key));
      }
    }
  });

  it('reads an order in slices (runs of equal keys longer than a slice included) exactly as in one request', async () => {
    const { db, base } = await seeded();
    for (const key of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const whole = await orderedIds(db, { key, dir }, 1_000_000);
        expect(whole).toHaveLength(base.length);
        // 7 a slice: a city or a manager has some 30 companies, a status about 12.
        expect(await orderedIds(db, { key, dir }, 7), `${key} ${dir}`).toEqual(whole);
      }
    }
  });

  it('filters combine, each matching the reference', async () => {
    const { db, base } = await seeded();
    const q = new BaseQueries(async () => db);
    const cases: BaseFilter[] = [
      { statuses: ['refused'] },
      { statuses: ['refused', 'client'] },
      { industries: ['Общепит'] },
      { industries: [''] },
      { sources: ['2gis'] },
      { sources: ['import:a.csv'] },
      { managers: ['Анна'] },
      { stale: true },
      { hasDecisionMaker: true },
      { callbackDue: true },
      { statuses: ['refused', 'no_answer', 'interested'], industries: ['Авто', 'Общепит'], managers: ['Борис'] },
      { stale: true, hasDecisionMaker: true, sources: ['zoon', '2gis'] },
      { statuses: ['new'], managers: ['Анна'] },
    ];
    for (const f of cases) {
      const sort: BaseSort = { key: 'name', dir: 'asc' };
      const ids = await q.ids(f, sort, ctx);
      const want = reference(base, f, sort);
      expect(new Set(ids), JSON.stringify(f)).toEqual(new Set(want));
      expect(values(base, ids, 'name')).toEqual(values(base, want, 'name'));
    }
    // Every filter in the list selects something and not everything, so the cases mean something.
    expect((await q.ids({ callbackDue: true }, { key: 'name', dir: 'asc' }, ctx)).length).toBeGreaterThan(0);
    expect((await q.ids({ stale: true }, { key: 'name', dir: 'asc' }, ctx)).length).toBeLessThan(base.length);
    expect(await q.ids({ statuses: ['new'], managers: ['Анна'] }, { key: 'name', dir: 'asc' }, ctx)).toEqual([]);
  });

  it('orders a few matches from their records exactly as the whole order does, on every column both ways', async () => {
    const { db, base } = await seeded();
    const few = new BaseQueries(async () => db);
    const whole = new BaseQueries(async () => db);
    const filters: BaseFilter[] = [{ statuses: ['refused', 'client', 'new'] }, { industries: ['Общепит', ''] }, { text: 'кофейня' }, { stale: true }];
    for (const key of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const sort: BaseSort = { key, dir };
        await whole.ids({}, sort, ctx); // the whole order read and kept: filters go through it
        for (const f of filters) {
          const a = await few.ids(f, sort, ctx);
          expect(a.length, JSON.stringify(f)).toBeGreaterThan(1);
          expect(a, `${key} ${dir} ${JSON.stringify(f)}`).toEqual(await whole.ids(f, sort, ctx));
          if (!f.text) expect(values(base, a, key)).toEqual(values(base, reference(base, f, sort), key)); // the reference knows no search
        }
      }
    }
  });

  it('searches by name words, a phone in any format, INN and website, as badges normalise them', async () => {
    const { db, base } = await seeded();
    const q = new BaseQueries(async () => db);
    const romashka = base.find((c) => c.name.includes('Ромашка'))!.id;
    const zerna = base.find((c) => c.name.includes('Зёрна'))!.id;
    const find = (text: string, f: BaseFilter = {}) => q.ids({ ...f, text }, { key: 'name', dir: 'asc' }, ctx);
    for (const text of ['ромаш', 'Ромашка', 'ООО Ромашка', '"РОМАШКА"', '8 (495) 123-45-67', '+7 495 1234567', '84951234567', '123-45-67', '495 123-45', '7707083893', 'romashka.ru', 'https://www.romashka.ru/about', 'romashka']) {
      expect(await find(text), text).toEqual([romashka]);
    }
    for (const text of ['зерна', 'Зёрна', 'кофейня зерна', 'зерна кофейня', 'кафе зер', '+7 921 000-11-22', '555-12-34', 'zerna-spb.ru']) {
      expect(await find(text), text).toContain(zerna);
    }
    expect(await find('ромашка зерна')).toEqual([]);
    expect(await find('нет-такой')).toEqual([]);
    // A word is a prefix of a company's words; combined with a filter.
    const cafes = await find('кофейня');
    expect(cafes.length).toBe(base.filter((c) => /^Кофейня/.test(c.name)).length);
    const cafesInKazan = await find('кофейня', { industries: ['Общепит'] });
    expect(new Set(cafesInKazan)).toEqual(new Set(base.filter((c) => /^Кофейня/.test(c.name) && c.industry === 'Общепит').map((c) => c.id)));
  });

  it('finds companies written in bulk by their name words while the word lists are being rebuilt', async () => {
    const db = await freshDb();
    const base = makeBase();
    // As an import writes: the records now, the totals (and the word lists) rebuilt afterwards.
    const tx = db.transaction('companies', 'readwrite');
    for (const c of base) void tx.store.put(c);
    await tx.done;
    const q = new BaseQueries(async () => db);
    const cafes = base.filter((c) => /^Кофейня/.test(c.name)).map((c) => c.id);
    const find = (stale: boolean) => q.ids({ text: 'кофейня' }, { key: 'name', dir: 'asc' }, { ...ctx, wordListsStale: stale });
    expect(new Set(await find(true))).toEqual(new Set(cafes));
    expect(await find(false)).toEqual([]); // the lists are not there yet: what the flag is for
    await rebuildTotals(db);
    expect(new Set(await find(false))).toEqual(new Set(cafes));
  });

  it('the first rows are the order\'s first ids, on every column both ways, also across into the empty values', async () => {
    const { db, base } = await seeded();
    const q = new BaseQueries(async () => db);
    for (const key of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const ids = await q.ids({}, { key, dir }, ctx);
        for (const n of [10, base.length - 3]) expect((await q.head({ key, dir }, n)).rows.map((c) => c.id), `${key} ${dir} ${n}`).toEqual(ids.slice(0, n));
      }
    }
  });

  it('reads the first rows and the count without the whole order, and pages through ids', async () => {
    const { db, base } = await seeded();
    const q = new BaseQueries(async () => db);
    const sort: BaseSort = { key: 'lastCall', dir: 'desc' };
    const head = await q.head(sort, 10);
    expect(await head.count).toBe(base.length);
    const ids = await q.ids({}, sort, ctx);
    expect(head.rows.map((c) => sortValue(c, 'lastCall'))).toEqual(values(base, ids.slice(0, 10), 'lastCall'));
    // A page deep in the order: only those records are read.
    const page = await loadCompanies(db, ids.slice(50, 70));
    expect(page.map((c) => c.id)).toEqual(ids.slice(50, 70));
    // After a change the order is read again.
    await db.delete('companies', ids[0]!);
    expect(await q.ids({}, sort, ctx)).toHaveLength(base.length);
    q.invalidate();
    expect(await q.ids({}, sort, ctx)).toHaveLength(base.length - 1);
    expect(await loadCompanies(db, [ids[0]!, ids[1]!])).toHaveLength(1);
  });

  it('lists the values a filter can take, with counts', async () => {
    const { db, base } = await seeded();
    const managers = await filterValues(db, 'byManager');
    expect(Object.fromEntries(managers.map((m) => [m.value, m.count]))).toEqual(
      base.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.lastManager ?? '']: (acc[c.lastManager ?? ''] ?? 0) + 1 }), {}),
    );
    const sources = (await filterValues(db, 'bySources')).map((s) => s.value);
    expect(sources).toEqual(expect.arrayContaining(['2gis', 'zoon', 'import:a.csv', 'import:b.xlsx', 'manual']));
  });
});

describe('the first rows of a search with many matches', () => {
  it('come from the start of the sort order with the count, before the whole order is read, and equal its first rows', async () => {
    const db = await freshDb();
    const rnd = lcg(7);
    // One company in four is a café: 600 matches, more than are ordered from their own records.
    const base = Array.from({ length: 2400 }, (_, i) =>
      makeCompany({
        name: `${i % 4 === 0 ? 'Кафе' : 'Магазин'} ${['Луна', 'Сад', 'Уют'][i % 3]} ${Math.floor(rnd() * 100000)}`,
        city: i % 5 === 0 ? undefined : CITIES[i % 3],
        status: STATUSES[i % STATUSES.length],
      }),
    );
    await storeAll(db, base);
    const search: BaseFilter = { text: 'кафе' };
    for (const key of ['name', 'city', 'status'] as const) {
      const sort: BaseSort = { key, dir: 'asc' };
      const answer = await new BaseQueries(async () => db).match(search, sort, ctx, 30);
      const whole = await new BaseQueries(async () => db).ids(search, sort, ctx);
      expect(whole).toHaveLength(600);
      expect(answer, key).toMatchObject({ count: 600 });
      const head = 'head' in answer ? answer.head : [];
      expect(head).toHaveLength(30);
      expect(values(base, head, key), key).toEqual(values(base, whole.slice(0, 30), key));
      expect(head.every((id) => base.find((c) => c.id === id)!.name.startsWith('Кафе'))).toBe(true);
    }
    // Descending orders are read whole; so is any order already read.
    expect(await new BaseQueries(async () => db).match(search, { key: 'name', dir: 'desc' }, ctx, 30)).toHaveProperty('ids');
    const q = new BaseQueries(async () => db);
    await q.order({ key: 'name', dir: 'asc' });
    expect((await q.match(search, { key: 'name', dir: 'asc' }, ctx, 30)) as { ids: string[] }).toHaveProperty('ids.length', 600);
    // Searches asked while an order is being read (it waits for them between its slices) answer,
    // and so does the order, whole and the same as read alone.
    const reading = new BaseQueries(async () => db);
    const order = reading.order({ key: 'city', dir: 'asc' });
    const [first, all, again] = await Promise.all([
      reading.match(search, { key: 'city', dir: 'asc' }, ctx, 30),
      reading.ids(search, { key: 'city', dir: 'asc' }, ctx),
      reading.match({ text: 'луна кафе' }, { key: 'city', dir: 'asc' }, ctx, 30),
    ]);
    expect(first).toMatchObject({ count: 600 });
    expect(all).toEqual(await new BaseQueries(async () => db).ids(search, { key: 'city', dir: 'asc' }, ctx));
    expect('ids' in again ? again.ids.length : again.count).toBe(200);
    expect(await order).toEqual(await orderedIds(db, { key: 'city', dir: 'asc' }));
  });
});
