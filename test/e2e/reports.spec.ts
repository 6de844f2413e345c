/**
 * The reports page (#reports, issue 9) in real Chromium: a base of a few
 * hundred companies and their calls is logged through the real write path,
 * the page's clock is pinned, and every report's table is checked against
 * figures computed here, from the seed itself, by the rules the issue states
 * (not by the extension's own code). Then a date range and a manager.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { seededRandom } from '../../lib/model/random';
import { expect, test } from './fixtures';

const NOW = new Date('2026-03-15T12:00:00');
const COMPANIES = 240;
const MANAGERS = ['Анна', 'Борис', 'Вера'];
const REASONS = ['дорого', 'уже есть поставщик', 'выбрали конкурента', 'нет потребности сейчас', 'другое'];
const RUBRICS: Array<[string, string]> = [
  ['Кафе', 'Общепит'],
  ['Автомойка', 'Авто'],
  ['Пункт вулканизации', '#unmapped'],
  ['Стоматология', 'Медицина'],
];
const OUTCOMES = ['no_answer', 'callback', 'interested', 'client', 'refused', 'not_user', 'closed', 'wrong_number', 'do_not_call'] as const;
type Outcome = (typeof OUTCOMES)[number];
const WEAK = new Set<string>(['no_answer', 'wrong_number']);
const NOT_REACHED = new Set<string>(['new', 'no_answer', 'wrong_number']);
const PROSPECT = new Set<string>(['new', 'no_answer', 'callback', 'interested', 'wrong_number']);

interface SeedCall {
  at: string;
  day: string;
  outcome: Outcome;
  manager: string;
  reason?: string;
  callbackAt?: string;
}
interface SeedCompany {
  n: number;
  directory: '2gis' | 'zoon';
  rubric: string;
  industry: string;
  phone: boolean;
  website: boolean;
  calls: SeedCall[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const dayDate = (day: string) => new Date(`${day}T00:00:00`);
const mondayOf = (day: string) => {
  const d = dayDate(day);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return localDay(d);
};
const ageDays = (day: string) => Math.round((dayDate(localDay(NOW)).getTime() - dayDate(day).getTime()) / 86_400_000);
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

/** A few hundred companies, each with 1 to 4 calls between September 2025 and March 2026, from 10:00 local. */
function makeSeed(): SeedCompany[] {
  const rnd = seededRandom(2026);
  return Array.from({ length: COMPANIES }, (_, n) => {
    const [rubric, industry] = RUBRICS[n % RUBRICS.length]!;
    const count = 1 + (n % 4);
    const offsets = Array.from({ length: count }, () => Math.floor(rnd() * 190)).sort((a, b) => b - a);
    const calls = offsets.map((back, j): SeedCall => {
      // 10:00 local, a minute apart within a company: no two of its calls share an instant.
      const d = new Date(2026, 2, 10, 10, j, 0);
      d.setDate(d.getDate() - back);
      const outcome = OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]!;
      return {
        at: d.toISOString(),
        day: localDay(d),
        outcome,
        manager: MANAGERS[(n + j) % MANAGERS.length]!,
        ...(outcome === 'refused' ? { reason: REASONS[(n * 7 + j) % REASONS.length] } : {}),
        ...(outcome === 'callback' ? { callbackAt: new Date(d.getTime() + 86_400_000).toISOString() } : {}),
      };
    });
    return { n, directory: n % 3 === 0 ? 'zoon' : '2gis', rubric, industry, phone: n % 5 !== 0, website: n % 2 === 0, calls };
  });
}

/** The status rule of the issue: the latest decisive call's outcome; weak outcomes only while none is decisive. */
function derive(c: SeedCompany) {
  let deciding: SeedCall | undefined;
  let weak: SeedCall | undefined;
  let confirmed: SeedCall | undefined;
  for (const call of c.calls) {
    if (WEAK.has(call.outcome)) weak = call;
    else deciding = call;
    if (!WEAK.has(call.outcome)) confirmed = call;
  }
  const chosen = deciding ?? weak!;
  return { status: chosen.outcome as string, at: chosen, reason: chosen.outcome === 'refused' ? chosen.reason! : '', confirmedDay: (confirmed ?? c.calls[0]!).day, last: c.calls.at(-1)! };
}

type Table = Record<string, Record<string, string>>;
type Expected = Record<string, Record<string, number>>;

/** Every body row of a report table: data-key → data-col → the cell's text. */
async function readTable(page: Page, id: string): Promise<Table> {
  return page.getByTestId(`report-${id}`).evaluate((table) => {
    const out: Record<string, Record<string, string>> = {};
    for (const tr of table.querySelectorAll('tbody tr[data-key]')) {
      const cells: Record<string, string> = {};
      for (const td of tr.querySelectorAll('td[data-col]')) cells[td.getAttribute('data-col')!] = td.textContent!.trim();
      out[tr.getAttribute('data-key')!] = cells;
    }
    return out;
  });
}

/** The expected numbers as the cells write them (English: no grouping, a decimal point). */
const asText = (e: Expected): Table => Object.fromEntries(Object.entries(e).map(([k, cells]) => [k, Object.fromEntries(Object.entries(cells).map(([c, n]) => [c, String(n)]))]));

function expectedReports(seed: SeedCompany[], q: { from?: string; to?: string; manager?: string } = {}) {
  const inRange = (day: string) => (!q.from || day >= q.from) && (!q.to || day <= q.to);
  const mine = (m: string) => q.manager === undefined || m === q.manager;
  const statuses: Expected = Object.fromEntries(['new', ...OUTCOMES].map((s) => [s, { count: 0 }]));
  const industries: Expected = {};
  const reasons: Expected = {};
  const managers: Expected = {};
  const sources: Expected = {};
  const reachedBy = new Map<string, number>();
  const funnel = { called: 0, reached: 0, interested: 0, client: 0 };
  const complete = { phone: 0, website: 0, decision_maker: 0, industry: 0, inn: 0 };
  let completeTotal = 0;
  const growth: Record<string, number> = {};
  const weeks: Expected = {};
  const months: Record<string, number> = {};
  const fresh = { fresh: 0, stale: 0, '0-30': 0, '31-90': 0, '91-180': 0, '181-365': 0, '366+': 0 };
  const src = (c: SeedCompany) => c.directory;
  const row = (t: Expected, k: string, cols: string[]) => (t[k] ??= Object.fromEntries(cols.map((c) => [c, 0])));
  const SOURCE_COLS = ['companies', 'calls', 'clients', 'conversion'];
  const sourceReached: Record<string, number> = {};
  const industryReached: Record<string, number> = {};

  for (const c of seed) {
    const d = derive(c);
    // Status reports: the companies whose status was set in the range, by the deciding call's manager.
    if (inRange(d.at.day) && mine(d.at.manager)) {
      statuses[d.status]!.count! += 1;
      const ind = row(industries, c.industry, ['companies', 'prospects', 'interested', 'clients', 'refused', 'not_user', 'closed', 'do_not_call', 'conversion']);
      ind.companies! += 1;
      if (PROSPECT.has(d.status)) ind.prospects! += 1;
      const col = d.status === 'client' ? 'clients' : d.status;
      if (col in ind && col !== 'companies' && col !== 'prospects') ind[col]! += 1;
      if (!NOT_REACHED.has(d.status)) industryReached[c.industry] = (industryReached[c.industry] ?? 0) + 1;
      if (d.status === 'refused') row(reasons, d.reason, ['count', 'share']).count! += 1;
      const s = row(sources, src(c), SOURCE_COLS);
      s.companies! += 1;
      if (d.status === 'client') s.clients! += 1;
      if (!NOT_REACHED.has(d.status)) sourceReached[src(c)] = (sourceReached[src(c)] ?? 0) + 1;
      completeTotal++;
      if (c.phone) complete.phone++;
      if (c.website) complete.website++;
      if (c.industry !== '#unmapped') complete.industry++;
    }
    // Call reports: the calls in the range.
    const stage = (o: string) => (o === 'client' ? 3 : o === 'interested' ? 2 : WEAK.has(o) ? 0 : 1);
    const theirs = c.calls.filter((call) => mine(call.manager));
    if (theirs.length && inRange(theirs[0]!.day)) {
      const top = Math.max(...theirs.map((call) => stage(call.outcome)));
      funnel.called++;
      if (top >= 1) funnel.reached++;
      if (top >= 2) funnel.interested++;
      if (top >= 3) funnel.client++;
    }
    for (const m of MANAGERS) {
      const firstReach = c.calls.find((call) => call.manager === m && !WEAK.has(call.outcome));
      if (firstReach && inRange(firstReach.day) && mine(m)) reachedBy.set(m, (reachedBy.get(m) ?? 0) + 1);
    }
    for (const call of c.calls) {
      if (!inRange(call.day) || !mine(call.manager)) continue;
      const m = row(managers, call.manager, ['calls', 'reached', 'interested', 'clients', 'refused']);
      m.calls! += 1;
      if (call.outcome === 'interested') m.interested! += 1;
      if (call.outcome === 'client') m.clients! += 1;
      if (call.outcome === 'refused') m.refused! += 1;
      row(sources, src(c), SOURCE_COLS).calls! += 1;
      const w = row(weeks, mondayOf(call.day), ['calls', ...OUTCOMES.map((o) => (o === 'client' ? 'clients' : o))]);
      w.calls! += 1;
      w[call.outcome === 'client' ? 'clients' : call.outcome]! += 1;
      if (call.outcome === 'refused') months[`${call.day.slice(0, 7)}|${call.reason}`] = (months[`${call.day.slice(0, 7)}|${call.reason}`] ?? 0) + 1;
    }
    // Growth: companies added (the first call's day here) in the range, by source.
    if (inRange(c.calls[0]!.day)) growth[`${mondayOf(c.calls[0]!.day)}|${src(c)}`] = (growth[`${mondayOf(c.calls[0]!.day)}|${src(c)}`] ?? 0) + 1;
    // How current: over the whole base today, by the latest call's manager.
    if (mine(d.last.manager)) {
      const age = ageDays(d.confirmedDay);
      if (age > 180) fresh.stale++;
      else fresh.fresh++;
      const bucket = age <= 30 ? '0-30' : age <= 90 ? '31-90' : age <= 180 ? '91-180' : age <= 365 ? '181-365' : '366+';
      fresh[bucket]++;
    }
  }
  for (const [m, n] of reachedBy) row(managers, m, ['calls', 'reached', 'interested', 'clients', 'refused']).reached = n;
  const statusTotal = Object.values(statuses).reduce((a, r) => a + r.count!, 0);
  for (const r of Object.values(statuses)) r.share = share(r.count!, statusTotal);
  const reasonTotal = Object.values(reasons).reduce((a, r) => a + r.count!, 0);
  for (const r of Object.values(reasons)) r.share = share(r.count!, reasonTotal);
  for (const [k, r] of Object.entries(industries)) r.conversion = share(r.clients!, industryReached[k] ?? 0);
  for (const [k, r] of Object.entries(sources)) r.conversion = share(r.clients!, sourceReached[k] ?? 0);
  const freshTotal = fresh.fresh + fresh.stale;
  return {
    statuses,
    industries,
    'refusal-reasons': reasons,
    managers,
    sources,
    funnel: Object.fromEntries(Object.entries(funnel).map(([k, n]) => [k, { count: n }])),
    completeness: Object.fromEntries(Object.entries(complete).map(([k, n]) => [k, { count: n, share: share(n, completeTotal) }])),
    freshness: Object.fromEntries(Object.entries(fresh).map(([k, n]) => [k, { count: n, share: share(n, freshTotal) }])),
    weeks,
    months,
    growth,
  };
}

async function seedBase(worker: Worker, seed: SeedCompany[]): Promise<void> {
  const items = seed.map((c) => ({
    listing: {
      directory: c.directory,
      name: `${c.rubric} №${c.n + 1}`,
      phones: c.phone ? [`+7 495 ${String(1_000_000 + c.n).slice(-7).replace(/(\d{3})(\d{2})(\d{2})/, '$1-$2-$3')}`] : [],
      ...(c.website ? { website: `firm${c.n + 1}.ru` } : {}),
      category: c.rubric,
      siteId: `${c.directory === 'zoon' ? 'z' : ''}${7_000_000 + c.n}`,
      url: c.directory === 'zoon' ? `https://zoon.ru/msk/firm/${c.n + 1}/` : `https://2gis.ru/moscow/firm/${7_000_000 + c.n}`,
    },
    calls: c.calls.map(({ at, outcome, manager, reason, callbackAt }) => ({ at, outcome, manager, ...(reason ? { reason } : {}), ...(callbackAt ? { callbackAt } : {}) })),
    createdAt: c.calls[0]!.at,
  }));
  const ids = await worker.evaluate(
    async (list) => (globalThis as unknown as { callmarkTest: { seed: { calls(items: unknown): Promise<string[]> } } }).callmarkTest.seed.calls(list),
    items,
  );
  expect(ids).toHaveLength(seed.length);
}

/** The options page at #reports, its clock pinned to NOW (ages are counted to its today). */
async function openReports(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html#reports`);
  return page;
}

test('every report’s table matches the figures computed from a seeded base; charts are images with words', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(180_000);
  const seed = makeSeed();
  await seedBase(serviceWorker, seed);
  const page = await openReports(context, extensionId);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // All tables are in the page at once, with no click.
  const ids = ['statuses', 'industries', 'refusal-reasons', 'refusal-months', 'calls', 'managers', 'sources', 'funnel', 'freshness', 'completeness', 'growth'];
  for (const id of ids) await expect(page.getByTestId(`report-${id}`)).toBeAttached();
  const e = expectedReports(seed);

  expect(await readTable(page, 'statuses')).toEqual(asText(e.statuses));
  expect(await readTable(page, 'industries')).toEqual(asText(e.industries));
  expect(Object.keys(e.industries)).toContain('#unmapped'); // unmapped rubrics: a row of their own
  expect(await readTable(page, 'refusal-reasons')).toEqual(asText(e['refusal-reasons']));
  expect(await readTable(page, 'managers')).toEqual(asText(e.managers));
  expect(await readTable(page, 'sources')).toEqual(asText(e.sources));
  expect(await readTable(page, 'funnel')).toEqual(asText(e.funnel));
  expect(await readTable(page, 'completeness')).toEqual(asText(e.completeness));
  expect(await readTable(page, 'freshness')).toEqual(asText(e.freshness));

  // Calls per week (the seed spans more than 62 days): the weeks with calls as computed, the others zero.
  await expect(page.getByTestId('report-calls')).toHaveAttribute('data-by', 'week');
  const calls = await readTable(page, 'calls');
  for (const [week, cells] of Object.entries(asText(e.weeks))) expect(calls[week], week).toEqual(cells);
  const totalCalls = seed.reduce((a, c) => a + c.calls.length, 0);
  expect(Object.values(calls).reduce((a, r) => a + Number(r.calls), 0)).toBe(totalCalls);
  await expect(page.getByTestId('report-calls').locator('tfoot td[data-col="calls"]')).toHaveText(String(totalCalls));

  const months = await readTable(page, 'refusal-months');
  expect(Object.fromEntries(Object.entries(months).map(([k, r]) => [k, Number(r.count)]))).toEqual(e.months);

  const growth = await readTable(page, 'growth');
  const growthSeen: Record<string, number> = {};
  for (const [week, cells] of Object.entries(growth)) for (const [col, n] of Object.entries(cells)) if (col.startsWith('source:') && n !== '0') growthSeen[`${week}|${col.slice(7)}`] = Number(n);
  expect(growthSeen).toEqual(e.growth);

  // The stale list: oldest first, each linking to where the company was seen.
  const stale = page.getByTestId('stale-company');
  expect(await stale.count()).toBe(Math.min(50, e.freshness.stale!.count!));
  await expect(stale.first().getByTestId('stale-seen')).toHaveAttribute('href', /^https:\/\/(2gis\.ru|zoon\.ru)\//);

  // Charts: Chart.js draws each one on a canvas that is an image with a description.
  for (const id of ids) {
    const canvas = page.getByTestId(`chart-${id}`);
    await expect(canvas).toHaveAttribute('role', 'img');
    await expect(canvas).toHaveAttribute('aria-label', /chart|Histogram/i);
  }
  await expect.poll(() => page.getByTestId('chart-statuses').evaluate((c: HTMLCanvasElement) => c.width > 0 && !!c.getContext('2d'))).toBe(true);
  await expect.poll(() => page.evaluate(() => Object.keys((window as unknown as { callmarkReportTimings?: { charts: object } }).callmarkReportTimings?.charts ?? {}).length)).toBe(ids.length);

  // CSV of one report: a download with the table's rows.
  const download = page.waitForEvent('download');
  await page.getByTestId('report-csv-statuses').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^callmark-statuses-.*\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.startsWith('\ufeffStatus,Count,"Share, %"')).toBe(true);
  expect(csv).toContain(`refused,${e.statuses.refused!.count},${e.statuses.refused!.share}`);
  expect(errors).toEqual([]);
});

test('a date range cuts through companies’ histories, and one manager’s figures', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(180_000);
  const seed = makeSeed();
  await seedBase(serviceWorker, seed);
  const page = await openReports(context, extensionId);
  await expect(page.getByTestId('report-statuses')).toBeAttached();

  const q = { from: '2025-12-01', to: '2026-01-31' };
  await page.getByTestId('report-from').fill(q.from);
  await page.getByTestId('report-to').fill(q.to);
  await page.getByTestId('report-to').blur();
  const e = expectedReports(seed, q);
  await expect.poll(() => readTable(page, 'statuses')).toEqual(asText(e.statuses));
  expect(await readTable(page, 'industries')).toEqual(asText(e.industries));
  expect(await readTable(page, 'managers')).toEqual(asText(e.managers));
  expect(await readTable(page, 'funnel')).toEqual(asText(e.funnel));
  expect(await readTable(page, 'sources')).toEqual(asText(e.sources));
  const months = await readTable(page, 'refusal-months');
  expect(Object.fromEntries(Object.entries(months).map(([k, r]) => [k, Number(r.count)]))).toEqual(e.months);
  // 62 days: calls per day.
  await expect(page.getByTestId('report-calls')).toHaveAttribute('data-by', 'day');

  await page.getByTestId('report-manager').selectOption('Борис');
  const boris = expectedReports(seed, { ...q, manager: 'Борис' });
  await expect.poll(() => readTable(page, 'managers')).toEqual(asText(boris.managers));
  expect(await readTable(page, 'statuses')).toEqual(asText(boris.statuses));
  expect(await readTable(page, 'funnel')).toEqual(asText(boris.funnel));
  expect(await readTable(page, 'freshness')).toEqual(asText(boris.freshness));
});
