// Bundled by bench/run.mjs and run in real Chromium (real IndexedDB): the batch
// lookup of 500 listings against a base of 100,000 companies, against raw
// IndexedDB index gets of the same keys in the same run.
import { listingKeys } from '../../lib/match/keys';
import type { Company, ListingData } from '../../lib/model';
import { lookupListings } from '../../lib/store/companies';
import { openDatabase } from '../../lib/store/db';
import type { Db } from '../../lib/store/schema';

const phoneOf = (i: number) => `+7495${String(1_000_000 + i).slice(-7)}`;

function company(i: number): Company {
  const now = '2026-01-01T00:00:00.000Z';
  return {
    id: crypto.randomUUID(),
    name: `Компания ${i}`,
    nameKey: `компания ${i}`,
    phones: [phoneOf(i)],
    phoneKeys: [phoneOf(i)],
    domain: i % 3 === 0 ? `company${i}.ru` : undefined,
    city: 'Москва',
    siteKeys: [`2gis:${70000001000000000 + i}`],
    sources: [],
    decisionMakers: [],
    note: '',
    createdAt: now,
    updatedAt: now,
    status: i % 4 === 0 ? 'refused' : 'new',
    callCount: i % 4 === 0 ? 1 : 0,
  };
}

/** 500 listings: a third by phone, a fifth by 2GIS id, some by website, the rest not in the base. */
function listings(): ListingData[] {
  return Array.from({ length: 500 }, (_, k) => {
    const i = (k * 193) % 100_000;
    const kind = k % 10;
    return {
      directory: '2gis',
      name: kind < 7 ? `Компания ${i}` : `Новая фирма ${k}`,
      phones: kind < 3 ? [`8 (495) ${phoneOf(i).slice(5, 8)}-${phoneOf(i).slice(8, 10)}-${phoneOf(i).slice(10)}`] : [],
      siteId: kind === 3 || kind === 4 ? String(70000001000000000 + i) : kind >= 7 ? String(80000000000000000 + k) : undefined,
      website: kind === 5 && i % 3 === 0 ? `https://www.company${i}.ru/` : undefined,
      city: 'Москва',
    };
  });
}

let db: Db;

async function seed(n: number): Promise<number> {
  db = await openDatabase(`bench-${Date.now()}`);
  const t0 = performance.now();
  const chunk = 10_000;
  for (let start = 0; start < n; start += chunk) {
    const tx = db.transaction('companies', 'readwrite');
    for (let i = start; i < Math.min(n, start + chunk); i++) void tx.store.put(company(i));
    await tx.done;
  }
  return performance.now() - t0;
}

async function ours(batch: ListingData[]): Promise<number> {
  const t0 = performance.now();
  const results = await lookupListings(db, batch, { defaultCountry: 'RU', staleAfterDays: 180 });
  const ms = performance.now() - t0;
  if (results.filter((r) => r.match !== 'none').length < 200) throw new Error('lookup found too few matches');
  return ms;
}

/** The floor: the same index gets, already normalised, in one transaction, no matching logic. */
async function raw(batch: ListingData[]): Promise<number> {
  const keys = batch.map((l) => listingKeys(l, 'RU'));
  const t0 = performance.now();
  const tx = db.transaction('companies', 'readonly');
  const gets: Promise<unknown>[] = [];
  for (const k of keys) {
    for (const p of k.phones) gets.push(tx.store.index('phoneKeys').getAll(p));
    if (k.domain) gets.push(tx.store.index('domain').getAll(k.domain));
    if (k.siteKey) gets.push(tx.store.index('siteKeys').getAll(k.siteKey));
    if (k.nameKey) gets.push(tx.store.index('nameKey').getAll(k.nameKey));
  }
  await Promise.all(gets);
  await tx.done;
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(companies: number, rounds: number) {
  const seedMs = await seed(companies);
  const batch = listings();
  await ours(batch); // warm-up
  await raw(batch);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate so neither side always runs on a warmer cache.
    if (r % 2) {
      b.push(await raw(batch));
      a.push(await ours(batch));
    } else {
      a.push(await ours(batch));
      b.push(await raw(batch));
    }
  }
  return { companies, listings: batch.length, seedMs: Math.round(seedMs), lookupMs: median(a), rawGetsMs: median(b), ratio: median(a) / median(b) };
}

Object.assign(globalThis, { callmarkBench: { run } });
