/**
 * Seeding a base for end-to-end tests and the benchmark (test builds only:
 * the background exposes these as `callmarkTest.seed`).
 *
 * - seedCalls(): every call through logCall(), the path a real call takes
 *   (its totals in the same transaction), with the call's own time.
 * - seedBulk(): a large base fast (100,000 companies, 1,000,000 calls):
 *   companies and their calls written in bulk transactions, statuses derived
 *   as logCall derives them, and the totals computed in memory by the same
 *   contribution the stores use, written once at the end.
 * - seedCompany() / seedBase(): company `i` the same in every run, so a test
 *   computes what it expects from the same function (the base table's e2e).
 */
import type { CountryCode } from 'libphonenumber-js';
import { nameKey } from '../match/name';
import { statusFields, type Call, type Company, type ListingData } from '../model';
import { OUTCOMES, type Outcome } from '../model/outcome';
import { DEFAULT_REFUSAL_REASONS } from '../model/defaults';
import { applyCalls } from './derive';
import { seededRandom } from '../model/random';
import { logCall, type CallInput } from './calls';
import { writeCompany } from './edit';
import { withDerivedKeys } from './keys';
import type { Db } from './schema';
import { computeTotals } from './totals';

export interface SeedCompany {
  listing: ListingData;
  calls: CallInput[];
  /** When the company joined the base (default: when it was logged, i.e. now). */
  createdAt?: string;
}

/** Logs each company's calls in order (the first creates the company from its listing); returns the company ids. */
export async function seedCalls(
  db: Db,
  items: readonly SeedCompany[],
  defaultCountry: CountryCode,
  industryOf: (rubric: string | undefined) => string | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const item of items) {
    let id: string | undefined;
    for (const call of item.calls) {
      const saved = await logCall(db, id ? { companyId: id } : { listing: item.listing }, call, defaultCountry, industryOf);
      id = saved.company.id;
    }
    if (id && item.createdAt) {
      const createdAt = item.createdAt;
      await writeCompany(db, id, (c) => ({ ...c, createdAt, sources: c.sources.map((src) => ({ ...src, firstSeen: createdAt })) }));
    }
    if (id) ids.push(id);
  }
  return ids;
}

export interface BulkOptions {
  companies: number;
  calls: number;
  /** First and last day of the calls, `YYYY-MM-DD`. */
  from: string;
  to: string;
  seed?: number;
  /** Companies per transaction. */
  slice?: number;
}

const MANAGERS = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дина', 'Егор', 'Жанна', 'Зоя'];
const REASONS = ['дорого', 'уже есть поставщик', 'выбрали конкурента', 'нет потребности сейчас', 'нет выхода на ЛПР', 'другое'];
const DIRECTORIES = ['2gis', 'yandex', 'zoon', 'google', 'yell'];
const RUBRICS: Array<[string, string | undefined]> = [
  ['Кафе', 'Общепит'],
  ['Ресторан', 'Общепит'],
  ['Автомойка', 'Авто'],
  ['Шиномонтаж', 'Авто'],
  ['Стоматология', 'Медицина'],
  ['Салон красоты', 'Красота и здоровье'],
  ['Магазин одежды', 'Розничная торговля'],
  ['Грузоперевозки', 'Транспорт и логистика'],
  ['Пункт вулканизации', undefined],
  ['Бюро переводов', 'Услуги для бизнеса'],
];
/** Outcomes in proportions a cold-calling base has: mostly no answer and refusals. */
const OUTCOME_WEIGHTS: Array<[Outcome, number]> = [
  ['no_answer', 30],
  ['callback', 10],
  ['interested', 8],
  ['client', 4],
  ['refused', 25],
  ['not_user', 8],
  ['closed', 3],
  ['wrong_number', 7],
  ['do_not_call', 5],
];

/**
 * Writes companies with their calls in one transaction (no per-record totals:
 * their counters are added to `totals` in memory); returns how many calls.
 */
async function writeStates(db: Db, states: ReadonlyArray<{ company: Company; calls: Call[] }>, totals: Map<string, Record<string, number>>): Promise<number> {
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

/** Writes a large base in bulk into an empty one (its totals are replaced); returns how many companies and calls were written. */
export async function seedBulk(db: Db, opts: BulkOptions): Promise<{ companies: number; calls: number; ms: number }> {
  const started = Date.now();
  const rnd = seededRandom(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const weightTotal = OUTCOME_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const outcome = (): Outcome => {
    let r = rnd() * weightTotal;
    for (const [o, w] of OUTCOME_WEIGHTS) if ((r -= w) < 0) return o;
    return OUTCOMES[0];
  };
  const t0 = Date.parse(`${opts.from}T09:00:00`);
  const span = Date.parse(`${opts.to}T18:00:00`) - t0;
  const slice = opts.slice ?? 2000;
  const totals = new Map<string, Record<string, number>>();
  let callsLeft = opts.calls;
  let written = 0;
  for (let start = 0; start < opts.companies; start += slice) {
    const count = Math.min(slice, opts.companies - start);
    const states: Array<{ company: Company; calls: Call[] }> = [];
    for (let i = 0; i < count; i++) {
      const n = start + i;
      const companiesLeft = opts.companies - n;
      // Spread the calls evenly on average, with some spread per company.
      const mean = callsLeft / companiesLeft;
      const k = n === opts.companies - 1 ? callsLeft : Math.max(0, Math.min(callsLeft, Math.round(mean * (0.5 + rnd()))));
      callsLeft -= k;
      const createdMs = t0 + rnd() * span * 0.8;
      const [rubric, industry] = pick(RUBRICS);
      const directory = pick(DIRECTORIES);
      const id = crypto.randomUUID();
      const name = `${rubric} №${n + 1}`;
      const createdAt = new Date(createdMs).toISOString();
      const calls: Call[] = [];
      let at = createdMs;
      for (let j = 0; j < k; j++) {
        at = Math.min(t0 + span, at + rnd() * (span / Math.max(k, 1)) * 0.5 + 60_000);
        const o = outcome();
        calls.push({
          id: crypto.randomUUID(),
          companyId: id,
          at: new Date(at).toISOString(),
          outcome: o,
          ...(o === 'refused' ? { reason: pick(REASONS) } : {}),
          ...(o === 'callback' ? { callbackAt: new Date(at + 86_400_000).toISOString() } : {}),
          note: '',
          manager: pick(MANAGERS),
        });
      }
      const url = `https://example.${directory}/firm/${n + 1}`;
      const company = withDerivedKeys({
        id,
        name,
        nameKey: nameKey(name),
        phones: rnd() < 0.8 ? [`+7495${String(1_000_000 + n).slice(-7)}`] : [],
        phoneKeys: [],
        ...(rnd() < 0.4 ? { domain: `firm${n + 1}.ru` } : {}),
        city: 'Москва',
        rubric,
        ...(industry ? { industry } : {}),
        siteKeys: [`${directory}:${n + 1}`],
        sources: [{ directory, url, siteId: String(n + 1), firstSeen: createdAt, lastSeen: calls.at(-1)?.at ?? createdAt }],
        decisionMakers: rnd() < 0.15 ? [{ name: 'Иван', role: 'директор', phone: `+7916${String(1_000_000 + n).slice(-7)}` }] : [],
        note: '',
        createdAt,
        updatedAt: calls.at(-1)?.at ?? createdAt,
        ...statusFields(calls),
      } as Company);
      states.push({ company, calls });
    }
    written += await writeStates(db, states, totals);
  }
  const tx = db.transaction('totals', 'readwrite');
  await tx.store.clear();
  for (const [key, counts] of totals) void tx.store.put({ key, counts });
  await tx.done;
  return { companies: opts.companies, calls: written, ms: Date.now() - started };
}

// ---- a base the tests can compute from --------------------------------------

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
  const tx = db.transaction('totals', 'readwrite');
  await Promise.all(
    [...sums].map(async ([key, counts]) => {
      const record = (await tx.store.get(key)) ?? { key, counts: {} };
      for (const [counter, n] of Object.entries(counts)) record.counts[counter] = (record.counts[counter] ?? 0) + n;
      await tx.store.put(record);
    }),
  );
  await tx.done;
  return { companies: options.companies, calls: callCount, ms: Math.round(performance.now() - started) };
}
