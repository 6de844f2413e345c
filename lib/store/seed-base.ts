/**
 * A made-up base the tests can compute from: company `i` (`seedCompany`) is
 * the same in every run, so the base table's end-to-end test works out what
 * it expects from the very function that seeded it. Written in bulk
 * (`seedBase`): thousands of records a transaction, totals summed in memory
 * and added once at the end. Test builds only (`callmarkTest.seed.base`).
 * Kept apart from ./seed.ts so a Node test can import it without the store's
 * write paths.
 */
import { nameKey } from '../match/name';
import { OUTCOMES, type Call, type Company, type Outcome } from '../model';
import { DEFAULT_REFUSAL_REASONS } from '../model/defaults';
import { applyCalls } from './derive';
import { withDerivedKeys } from './keys';
import type { Db } from './schema';
import { applyDelta, computeTotals } from './totals';

/**
 * Writes companies with their calls in one transaction (no per-record totals:
 * their counters are added to `totals` in memory); returns how many calls.
 */
export async function writeStates(db: Db, states: ReadonlyArray<{ company: Company; calls: Call[] }>, totals: Map<string, Record<string, number>>): Promise<number> {
  const tx = db.transaction(['companies', 'calls'], 'readwrite', { durability: 'relaxed' });
  const cs = tx.objectStore('companies');
  const ks = tx.objectStore('calls');
  for (const s of states) {
    void cs.put(s.company);
    for (const c of s.calls) void ks.put(c);
  }
  await tx.done;
  for (const [key, counts] of computeTotals(states)) {
    const into = totals.get(key) ?? {};
    for (const c in counts) into[c] = (into[c] ?? 0) + counts[c]!;
    totals.set(key, into);
  }
  return states.reduce((a, s) => a + s.calls.length, 0);
}

export interface SeedOptions {
  /** How many companies; company `i` for `i` in `from`…`from + companies - 1`. */
  companies: number;
  from?: number;
  /** Calls per company on average (0…2×). */
  callsPerCompany?: number;
  /** The base's "today" (ISO); every date lies within the year before it. */
  now: string;
  /** Companies written per transaction. */
  chunk?: number;
}

const WORDS_A = ['Кофейня', 'Автосервис', 'Клиника', 'Пекарня', 'Салон', 'Склад', 'Студия', 'Аптека', 'Магазин', 'Школа', 'Cafe', 'Garage'];
const WORDS_B = ['Альфа', 'Вега', 'Зенит', 'Орион', 'Сфера', 'Лидер', 'Уют', 'Север', 'Восток', 'Нева', 'Pioneer', 'Nova', 'Ромашка', 'Зёрна'];
export const SEED_CITIES = ['Москва', 'Санкт-Петербург', 'Казань', 'Тула', 'Пермь', ''];
export const SEED_INDUSTRIES = ['Общепит', 'Авто', 'Медицина', 'Красота и здоровье', 'Розничная торговля', ''];
export const SEED_MANAGERS = ['Анна', 'Борис', 'Вера'];
export const SEED_SOURCES = ['2gis', 'zoon', 'yandex', 'import'];

/** A small deterministic hash → [0, 1). */
function rnd(i: number, salt: number): number {
  let x = (i + 1) * 0x9e3779b1 + salt * 0x85ebca6b;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 2 ** 32;
}
const pick = <T>(xs: readonly T[], i: number, salt: number): T => xs[Math.floor(rnd(i, salt) * xs.length)]!;

/** `00000000-0000-4000-8000-<12 hex>`: a valid v4-shaped UUID from a number. */
export const seedId = (kind: 0 | 1, n: number) => `${kind ? 'c' : 'a'}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The phone of company `i`: +7 495 then seven digits from `i`. */
export const seedPhone = (i: number) => `+7495${String(i % 10_000_000).padStart(7, '0')}`;

/** Company `i` and its calls, derived exactly as the store derives a company's keys and status. */
export function seedCompany(i: number, options: Pick<SeedOptions, 'now' | 'callsPerCompany'>): { company: Company; calls: Call[] } {
  const now = Date.parse(options.now);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const id = seedId(0, i);
  const createdAt = now - Math.floor(rnd(i, 1) * 360) * day - day;
  const perCompany = options.callsPerCompany ?? 3;
  const count = Math.floor(rnd(i, 2) * (perCompany * 2 + 1));
  const calls: Call[] = [];
  for (let k = 0; k < count; k++) {
    const at = createdAt + Math.floor(rnd(i * 31 + k, 3) * (now - createdAt));
    const outcome: Outcome = pick(OUTCOMES, i * 31 + k, 4);
    calls.push({
      id: seedId(1, i * 64 + k),
      companyId: id,
      at: iso(at),
      outcome,
      reason: outcome === 'refused' ? pick(DEFAULT_REFUSAL_REASONS, i * 31 + k, 5) : undefined,
      note: rnd(i * 31 + k, 6) < 0.2 ? `заметка ${i}-${k}` : '',
      callbackAt: outcome === 'callback' ? iso(at + Math.floor(rnd(i * 31 + k, 7) * 20) * day) : undefined,
      manager: pick(SEED_MANAGERS, i * 31 + k, 8),
      pageUrl: `https://2gis.ru/moscow/firm/${70000000000 + i}`,
    });
  }
  const source = pick(SEED_SOURCES, i, 9);
  const name = `${pick(WORDS_A, i, 10)} ${pick(WORDS_B, i, 11)} ${i}`;
  const city = pick(SEED_CITIES, i, 12) || undefined;
  const industry = pick(SEED_INDUSTRIES, i, 13) || undefined;
  const base: Company = {
    id,
    name,
    nameKey: nameKey(name),
    phones: [seedPhone(i)],
    phoneKeys: [seedPhone(i)],
    inn: undefined,
    domain: rnd(i, 14) < 0.3 ? `firm${i}.ru` : undefined,
    address: `ул. Ленина, ${(i % 200) + 1}`,
    city,
    industry,
    rubric: industry ? undefined : 'кофейня',
    industryByHand: industry ? true : undefined,
    siteKeys: source === 'import' ? [] : [`${source}:${70000000000 + i}`],
    sources: [
      {
        directory: source,
        url: source === 'import' ? undefined : `https://${source === '2gis' ? '2gis.ru/moscow/firm' : source === 'zoon' ? 'zoon.ru/msk/p' : 'yandex.ru/maps/org'}/${70000000000 + i}`,
        siteId: source === 'import' ? undefined : String(70000000000 + i),
        file: source === 'import' ? 'base-2026.xlsx' : undefined,
        firstSeen: iso(createdAt),
        lastSeen: iso(createdAt),
      },
    ],
    decisionMakers: rnd(i, 15) < 0.25 ? [{ name: `ЛПР ${i}`, role: 'директор', phone: rnd(i, 16) < 0.5 ? `+7916${String(i % 10_000_000).padStart(7, '0')}` : undefined }] : [],
    note: '',
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
    status: 'new',
    callCount: 0,
  };
  const company = withDerivedKeys(applyCalls(base, calls, iso(createdAt)));
  return { company, calls };
}

/** Writes companies `from`…`from + companies - 1` with their calls and totals; returns how many of each. */
export async function seedBase(db: Db, options: SeedOptions): Promise<{ companies: number; calls: number; ms: number }> {
  const started = performance.now();
  const from = options.from ?? 0;
  const chunk = options.chunk ?? 2000;
  const sums = new Map<string, Record<string, number>>();
  let callCount = 0;
  for (let start = from; start < from + options.companies; start += chunk) {
    const end = Math.min(from + options.companies, start + chunk);
    const made = [];
    for (let i = start; i < end; i++) made.push(seedCompany(i, options));
    callCount += await writeStates(db, made, sums);
  }
  // Added to what is stored (an earlier seed), the way every write changes the totals.
  const tx = db.transaction('totals', 'readwrite');
  await applyDelta(tx.store, new Map([...sums].map(([key, counts]) => [key, new Map(Object.entries(counts))])));
  await tx.done;
  return { companies: options.companies, calls: callCount, ms: Math.round(performance.now() - started) };
}
