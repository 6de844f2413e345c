import type { CDPSession, Page, Worker } from '@playwright/test';
import { applyCalls } from '../../lib/store/derive';
import { computeTotals, countersOf, type TotalsRecord } from '../../lib/store/totals';
import type { Call, Company } from '../../lib/model';
import { expect, routePage, test } from './fixtures';
import { badgeOf, firms, LIST_URL, listPage, menu, seedCall, type Firm } from './overlay-helpers';

/**
 * Crashes, concurrency and storage (issue 11), end to end in Chromium with
 * the test build:
 * - the service worker stopped through CDP 20 times while calls are logged
 *   from a directory page: none lost, none twice, the next message starts it
 *   again, the badges show the truth;
 * - two tabs logging 500 calls each at once on overlapping companies: all
 *   1,000 stored, every status and every report total right;
 * - a full disk (IndexedDB throwing QuotaExceededError) and IndexedDB
 *   unavailable: said in words in the menu, the popup and the options page,
 *   the call kept aside and written when there is room again.
 */

/** Menu number keys of the outcomes that need no second step, and the outcome each logs. */
const KEYS: Array<[string, string]> = [
  ['1', 'no_answer'],
  ['3', 'interested'],
  ['4', 'client'],
  ['6', 'not_user'],
  ['7', 'closed'],
  ['8', 'wrong_number'],
  ['9', 'do_not_call'],
];

interface Dump {
  companies: Company[];
  calls: Call[];
  totals: TotalsRecord[];
}

/** The whole base, read in the service worker. */
const dumpBase = (worker: Worker): Promise<Dump> =>
  worker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { database(): Promise<{ getAll(s: string): Promise<unknown[]> }> } }).callmarkTest;
    const db = await hooks.database();
    return { companies: await db.getAll('companies'), calls: await db.getAll('calls'), totals: await db.getAll('totals') } as never;
  });

/** Logs one call from the badge menu with the keyboard, as a manager going down a list does. */
async function logWithKeys(page: Page, firm: Firm, key: string): Promise<void> {
  await badgeOf(page, firm.name).locator('button').focus();
  await page.keyboard.press('Enter');
  // The menu takes the focus once it is drawn; the number goes to it.
  await expect(menu(page).locator('[data-first]')).toBeFocused();
  await page.keyboard.press(key);
  await expect(menu(page)).toHaveCount(0, { timeout: 30_000 });
}

/** Which run of the worker answers: a new value after every restart. */
const workerRun = (worker: Worker) => worker.evaluate(() => ((globalThis as unknown as { __run?: string }).__run ??= crypto.randomUUID()));

test('the service worker stopped 20 times while calls are logged from the page: none lost, none twice, badges true', async ({ context, serviceWorker }) => {
  test.setTimeout(300_000);
  const list = firms(40);
  await routePage(context, 'https://2gis.ru/**', listPage(list));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(page.locator('callmark-badge')).toHaveCount(list.length);
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');

  const runs = new Set([await workerRun(serviceWorker)]);
  const expected = new Map<string, string>();
  let stops = 0;
  for (const [i, firm] of list.entries()) {
    const [key, outcome] = KEYS[i % KEYS.length]!;
    expected.set(firm.name, outcome);
    await badgeOf(page, firm.name).locator('button').focus();
    await page.keyboard.press('Enter');
    await expect(menu(page).locator('[data-first]')).toBeFocused();
    await page.keyboard.press(key);
    if (i % 2 === 0) {
      // The call's message is on its way or being written: the browser stops the worker now.
      if (i % 6) await page.waitForTimeout((i * 7) % 40);
      await cdp.send('ServiceWorker.stopAllWorkers');
      stops++;
    }
    await expect(menu(page)).toHaveCount(0, { timeout: 30_000 });
    await expect(badgeOf(page, firm.name)).toHaveAttribute('data-status', outcome, { timeout: 30_000 });
    runs.add(await workerRun(serviceWorker));
  }
  expect(stops).toBe(20);
  // Each stop was followed by a new run of the worker, started by the next message.
  expect(runs.size).toBeGreaterThanOrEqual(stops + 1);

  // In the base: every call once, each company with exactly its one call.
  const base = await dumpBase(serviceWorker);
  expect(base.calls).toHaveLength(list.length);
  expect(new Set(base.calls.map((c) => c.id)).size).toBe(list.length);
  expect(base.companies).toHaveLength(list.length);
  expect(Object.fromEntries(base.companies.map((c) => [c.name, `${c.status}/${c.callCount}`]))).toEqual(
    Object.fromEntries([...expected].map(([name, outcome]) => [name, `${outcome}/1`])),
  );
  // The badges show the truth, also after a reload.
  await page.reload();
  await expect
    .poll(() => page.locator('callmark-badge').evaluateAll((hosts) => hosts.map((h) => `${h.getAttribute('data-name')}:${h.getAttribute('data-status')}`)))
    .toEqual(list.map((f) => `${f.name}:${expected.get(f.name)}`));
});

test('two tabs log 500 calls each at once on overlapping companies: all 1,000 stored, every status and report total right', async ({ context, serviceWorker }) => {
  test.setTimeout(900_000);
  const PER_TAB = Number(process.env.CALLMARK_TWO_TABS_CALLS ?? 500);
  const all = firms(75);
  const lists = [all.slice(0, 50), all.slice(25, 75)]; // firms 26–50 are on both tabs
  await context.route('https://2gis.ru/**', (route) => {
    const second = route.request().url().includes('page=2');
    return route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: listPage(lists[second ? 1 : 0]!) })
      : route.abort();
  });
  const pages = await Promise.all([context.newPage(), context.newPage()]);
  await pages[0]!.goto(LIST_URL);
  await pages[1]!.goto(`${LIST_URL}?page=2`);
  for (const [t, page] of pages.entries()) await expect(page.locator('callmark-badge')).toHaveCount(lists[t]!.length);

  const sent = new Map<string, string[]>();
  await Promise.all(
    pages.map(async (page, t) => {
      const list = lists[t]!;
      for (let j = 0; j < PER_TAB; j++) {
        const firm = list[(j * 7 + t * 3) % list.length]!;
        const [key, outcome] = KEYS[(j + t) % KEYS.length]!;
        await logWithKeys(page, firm, key);
        sent.set(firm.name, [...(sent.get(firm.name) ?? []), outcome]);
      }
    }),
  );

  await expect.poll(async () => (await dumpBase(serviceWorker)).calls.length, { timeout: 60_000 }).toBe(2 * PER_TAB);
  const base = await dumpBase(serviceWorker);
  expect(new Set(base.calls.map((c) => c.id)).size).toBe(2 * PER_TAB);
  // One company per firm, also for the firms both tabs logged at the same moments.
  expect(base.companies.map((c) => c.name).sort()).toEqual([...sent.keys()].sort());
  const callsOf = (id: string) => base.calls.filter((c) => c.companyId === id);
  for (const company of base.companies) {
    const own = callsOf(company.id);
    // Every call the tabs sent for it, and nothing else.
    expect(own.map((c) => c.outcome).sort(), company.name).toEqual([...sent.get(company.name)!].sort());
    // Its status is the one its calls give it, recomputed here.
    const derived = applyCalls(company, own, company.updatedAt);
    expect([company.status, company.callCount, company.statusAt], company.name).toEqual([derived.status, own.length, derived.statusAt]);
  }
  // The report totals (lib/reports reads them) equal a recount from the records.
  const recount = computeTotals(base.companies.map((company) => ({ company, calls: callsOf(company.id) })));
  expect(Object.fromEntries(base.totals.map((r) => [r.key, Object.fromEntries(countersOf(r))]))).toEqual(Object.fromEntries(recount));
  // Both tabs' badges show each company's status.
  const statusOf = new Map(base.companies.map((c) => [c.name, c.status]));
  for (const [t, page] of pages.entries()) {
    await expect
      .poll(() => page.locator('callmark-badge').evaluateAll((hosts) => hosts.map((h) => `${h.getAttribute('data-name')}:${h.getAttribute('data-status')}`)))
      .toEqual(lists[t]!.map((f) => `${f.name}:${statusOf.get(f.name)}`));
  }
});

type Hooks = { callmarkTest: { setStorageFault(kind: 'quota' | 'unavailable' | null): void; pendingCalls(): Promise<unknown[]> } };
const storageFault = (worker: Worker, kind: 'quota' | 'unavailable' | null) =>
  worker.evaluate((k) => (globalThis as unknown as Hooks).callmarkTest.setStorageFault(k), kind);

test('a full disk: the menu, the popup and the options page say so in words, the call is kept aside and written when there is room', async ({
  context,
  serviceWorker,
  openExtensionPage,
}) => {
  const [a, b] = firms(2);
  await seedCall(serviceWorker, a!, { outcome: 'interested' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'interested');
  const before = await dumpBase(serviceWorker);

  await storageFault(serviceWorker, 'quota');
  for (const firm of [a!, b!]) {
    const m = page.locator('callmark-layer .menu');
    await badgeOf(page, firm.name).locator('button').click();
    await m.locator('[data-outcome="closed"]').click();
    await expect(m.getByRole('alert')).toHaveText(
      'Not saved: The browser has no room left for the base, so this call is not in it yet: Callmark keeps it aside and saves it by itself as soon as there is room. Free some disk space.',
    );
    await page.keyboard.press('Escape');
  }
  // The badges still show what the base holds, and nothing of it was half-written.
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'interested');
  await expect(badgeOf(page, b!.name)).toHaveAttribute('data-status', 'new');
  expect(await serviceWorker.evaluate(() => (globalThis as unknown as Hooks).callmarkTest.pendingCalls().then((p) => p.length))).toBe(2);
  expect(await dumpBase(serviceWorker)).toEqual(before);

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('storage-problem')).toContainText("The browser has no room left for Callmark's base: new calls cannot be written into it. Free some disk space.");
  await expect(popup.getByTestId('storage-pending')).toHaveText('Calls kept aside, to be saved when the base takes them: 2');
  const options = await openExtensionPage('options.html');
  await expect(options.getByTestId('storage-problem')).toBeVisible();
  await expect(options.getByTestId('storage-pending')).toHaveText('Calls kept aside, to be saved when the base takes them: 2');
  // Still full: trying again keeps them waiting.
  await popup.getByTestId('storage-retry').click();
  await expect(popup.getByTestId('storage-pending')).toHaveText('Calls kept aside, to be saved when the base takes them: 2');

  // Room again: one click writes them; every page hears it.
  await storageFault(serviceWorker, null);
  await popup.getByTestId('storage-retry').click();
  await expect(popup.getByTestId('storage-problem')).toHaveCount(0);
  await expect(options.getByTestId('storage-problem')).toHaveCount(0);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'closed');
  await expect(badgeOf(page, b!.name)).toHaveAttribute('data-status', 'closed');
  const after = await dumpBase(serviceWorker);
  expect(after.calls).toHaveLength(before.calls.length + 2);
  expect(after.companies).toHaveLength(2);
});

test('IndexedDB unavailable: the popup and the menu say so in words, and the call waits for the base', async ({ context, serviceWorker, openExtensionPage }) => {
  const [a] = firms(1);
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'new');
  await storageFault(serviceWorker, 'unavailable');
  const m = page.locator('callmark-layer .menu');
  await badgeOf(page, a!.name).locator('button').click();
  await m.locator('[data-outcome="client"]').click();
  await expect(m.getByRole('alert')).toHaveText(
    'Not saved: Callmark cannot open its base right now, so this call is not in it yet: it is kept aside and saved by itself once the base opens again.',
  );
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('storage-problem')).toContainText('Callmark cannot open its base in this browser (a private window, or a damaged profile)');
  await expect(popup.getByTestId('storage-pending')).toHaveText('Calls kept aside, to be saved when the base takes them: 1');

  await storageFault(serviceWorker, null);
  await popup.getByTestId('storage-retry').click();
  await expect(popup.getByTestId('storage-problem')).toHaveCount(0);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'client');
});
