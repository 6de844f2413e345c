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
 * - seedCompany() / seedBase() (./seed-base.ts): company `i` the same in
 *   every run, so a test computes what it expects from the same function.
 */
import type { CountryCode } from 'libphonenumber-js';
import { nameKey } from '../match/name';
import { statusFields, type Call, type Company, type ListingData } from '../model';
import { OUTCOMES, type Outcome } from '../model/outcome';
import { seededRandom } from '../model/random';
import { logCall, type CallInput } from './calls';
import { writeCompany } from './edit';
import { withDerivedKeys } from './keys';
import type { Db } from './schema';
import { writeStates } from './seed-base';
import { totalsRecord } from './totals';
export { seedBase, seedCompany, type SeedOptions } from './seed-base';

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
  for (const [key, counts] of totals) void tx.store.put(totalsRecord(key, counts));
  await tx.done;
  return { companies: opts.companies, calls: written, ms: Date.now() - started };
}
