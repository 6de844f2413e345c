/**
 * The base section (#base) in real Chromium: a seeded base of a few hundred
 * companies, searched and filtered (base-count and the rendered rows against
 * figures computed from the same seed), sorted, exported as the current
 * view; a card edited, a company deleted and brought back, a call removed and
 * brought back; a duplicate merged, both companies' calls on the result.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatPhone } from '../../lib/match/phone';
import type { Company } from '../../lib/model';
import { searchWords } from '../../lib/store/keys';
import { seedCompany, seedPhone, type SeedOptions } from '../../lib/store/seed-base';
import { expect, test } from './fixtures';

/** The base's "today": the options page's clock is pinned to it, and the seed's dates lie in the year before. */
const NOW = '2026-06-15T12:00:00.000Z';
const SEED = { companies: 300, callsPerCompany: 3, now: NOW } satisfies SeedOptions;
const seeded = Array.from({ length: SEED.companies }, (_, i) => seedCompany(i, SEED));
const companies: Company[] = seeded.map((s) => s.company);

async function seed(worker: Worker, options: SeedOptions = SEED): Promise<void> {
  await worker.evaluate(async (o) => {
    const hooks = (globalThis as unknown as { callmarkTest: { seed: { base: (o: unknown) => Promise<unknown> } } }).callmarkTest;
    await hooks.seed.base(o);
  }, options);
}

async function openBase(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(NOW));
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`chrome-extension://${extensionId}/options.html#base`);
  await expect(page.getByTestId('base-count')).toBeVisible();
  return page;
}

const count = (page: Page) => page.getByTestId('base-count');
const rows = (page: Page) => page.getByTestId('section-base').getByTestId('base-row');
const names = (page: Page) => rows(page).locator('[data-testid="base-open"]').allInnerTexts();

test.describe('the base table', () => {
  test('searches, filters, sorts and exports the view, with the counts the seed gives', async ({ context, serviceWorker, extensionId }) => {
    await seed(serviceWorker);
    const page = await openBase(context, extensionId);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await expect(count(page)).toHaveText('300');
    // Virtualised: only the rows on screen are in the DOM.
    const rendered = await rows(page).count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);

    // A phone in another format than stored, and its last digits.
    const c123 = companies[123]!;
    for (const text of [`8 (495) ${seedPhone(123).slice(5, 8)}-${seedPhone(123).slice(8, 10)}-${seedPhone(123).slice(10)}`, formatPhone(seedPhone(123)), seedPhone(123).slice(-7)]) {
      await page.getByTestId('base-search').fill(text);
      await expect(count(page), text).toHaveText('1');
      await expect(rows(page)).toHaveCount(1);
      expect(await names(page)).toEqual([c123.name]);
    }
    // A name word, as badges normalise it (case, ё): every company with a word starting so.
    const byWord = (w: string) => companies.filter((c) => searchWords(c).some((x) => x.startsWith(w))).length;
    await page.getByTestId('base-search').fill('ЗЕРНА');
    await expect(count(page)).toHaveText(String(byWord('зерна')));
    expect(byWord('зерна')).toBeGreaterThan(3);
    await page.getByTestId('base-search').fill('кофейня орион');
    const both = companies.filter((c) => c.nameKey.startsWith('кофейня орион')).length;
    await expect(count(page)).toHaveText(String(both));
    await page.getByTestId('base-search').fill('');
    await expect(count(page)).toHaveText('300');

    // Filters combine.
    const refused = companies.filter((c) => c.status === 'refused');
    await page.getByTestId('base-filter-status').selectOption('refused');
    await expect(count(page)).toHaveText(String(refused.length));
    const statuses = await rows(page).locator('[data-testid="base-status"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['refused']));
    const refusedAnna = refused.filter((c) => c.lastManager === 'Анна');
    await page.getByTestId('base-filter-manager').selectOption('Анна');
    await expect(count(page)).toHaveText(String(refusedAnna.length));
    const refusedAnnaAuto = refusedAnna.filter((c) => c.industry === 'Авто');
    await page.getByTestId('base-filter-industry').selectOption('Авто');
    await expect(count(page)).toHaveText(String(refusedAnnaAuto.length));
    expect((await names(page)).sort()).toEqual(refusedAnnaAuto.map((c) => c.name).sort());
    await page.getByTestId('base-filter-status').selectOption({ index: 0 });
    await page.getByTestId('base-filter-manager').selectOption({ index: 0 });
    await page.getByTestId('base-filter-industry').selectOption({ index: 0 });
    await expect(count(page)).toHaveText('300');

    const staleBefore = new Date(Date.parse(NOW) - 180 * 86_400_000).toISOString();
    const stale = companies.filter((c) => (c.confirmedAt ?? c.createdAt) < staleBefore);
    await page.getByTestId('base-filter-stale').check();
    await expect(count(page)).toHaveText(String(stale.length));
    const staleWithDm = stale.filter((c) => c.decisionMakers.length > 0);
    await page.getByTestId('base-filter-dm').check();
    await expect(count(page)).toHaveText(String(staleWithDm.length));
    await page.getByTestId('base-filter-stale').uncheck();
    await page.getByTestId('base-filter-dm').uncheck();
    const dayEnd = new Date(NOW);
    dayEnd.setHours(24, 0, 0, 0);
    const due = companies.filter((c) => c.status === 'callback' && c.callbackAt! < dayEnd.toISOString());
    await page.getByTestId('base-filter-callback').check();
    await expect(count(page)).toHaveText(String(due.length));
    expect(due.length).toBeGreaterThan(0);
    const fromZoon = due.filter((c) => c.sources[0]!.directory === 'zoon');
    await page.getByTestId('base-filter-source').selectOption('zoon');
    await expect(count(page)).toHaveText(String(fromZoon.length));

    // The current view exported as CSV: the same companies.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('base-export').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines).toHaveLength(fromZoon.length + 1);
    for (const c of fromZoon) expect(csv).toContain(c.name);
    await expect(page.getByTestId('base-export-result')).toContainText(String(fromZoon.length));
    await page.getByTestId('base-filter-callback').uncheck();
    await page.getByTestId('base-filter-source').selectOption({ index: 0 });
    await expect(count(page)).toHaveText('300');

    // Sorting: the newest last call first, then the oldest first.
    await page.getByTestId('base-sort-lastCall').click();
    const byLast = companies.filter((c) => c.lastCallAt).sort((a, b) => (a.lastCallAt! < b.lastCallAt! ? 1 : -1));
    await expect(rows(page).first().locator('[data-testid="base-open"]')).toHaveText(byLast[0]!.name);
    await page.getByTestId('base-sort-lastCall').click();
    await expect(rows(page).first().locator('[data-testid="base-open"]')).toHaveText(byLast[byLast.length - 1]!.name);
    await page.getByTestId('base-sort-name').click();
    const byName = [...companies].sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0));
    await expect(rows(page).first().locator('[data-testid="base-open"]')).toHaveText(byName[0]!.name);
    // Scrolling to the end reads the last rows.
    await page.locator('.bt__scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(rows(page).last().locator('[data-testid="base-open"]')).toHaveText(byName[byName.length - 1]!.name);
    await page.screenshot({ path: '/tmp/callmark-base.png' });
    expect(errors).toEqual([]);
  });
});

test.describe("a company's card", () => {
  test('edits every kind of field, deletes the company and brings it back, removes a call and brings it back', async ({ context, serviceWorker, extensionId }) => {
    await seed(serviceWorker);
    const page = await openBase(context, extensionId);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const i = seeded.findIndex((s, n) => n >= 100 && s.calls.length >= 3 && s.company.sources[0]!.url);
    const { company, calls } = seeded[i]!;
    await page.getByTestId('base-search').fill(company.name);
    await expect(count(page)).toHaveText('1');
    await rows(page).first().locator('[data-testid="base-open"]').click();
    const card = page.getByTestId('company-card');
    await expect(card.locator('h3')).toHaveText(company.name);
    await expect(card.getByTestId('card-call')).toHaveCount(calls.length);
    // Sources link to the page the company was seen on.
    await expect(card.getByTestId('card-source-link')).toHaveAttribute('href', company.sources[0]!.url!);

    await card.getByTestId('card-name').fill('Кофейня Новая');
    await card.getByTestId('card-city').fill('Вологда');
    await card.getByTestId('card-phones').fill(`${formatPhone(company.phones[0]!)}\n8 921 000 11 22`);
    await card.getByTestId('card-inn').fill('7707083893');
    await card.getByTestId('card-website').fill('https://www.novaya.ru/menu');
    await card.getByTestId('card-industry').fill('Общепит');
    await card.getByTestId('card-note').fill('ЛПР по вторникам');
    await card.getByTestId('card-dm-add').click();
    await card.getByTestId('card-dm-name').last().fill('Мария Иванова');
    await card.getByTestId('card-dm-role').last().fill('управляющая');
    await card.getByTestId('card-dm-phone').last().fill('+7 (916) 555-44-33');
    await card.getByTestId('card-save').click();
    await expect(card.getByTestId('card-saved')).toBeVisible();
    await expect(card.locator('h3')).toHaveText('Кофейня Новая');
    await expect(card.getByTestId('card-website')).toHaveValue('novaya.ru');
    await expect(card.getByTestId('card-phones')).toHaveValue(`${formatPhone(company.phones[0]!)}\n+7 921 000-11-22`);
    // The table shows the edit, and the new data is searchable at once.
    await page.getByTestId('base-search').fill('7707083893');
    await expect(count(page)).toHaveText('1');
    await expect(rows(page).first()).toContainText('Кофейня Новая');
    await expect(rows(page).first()).toContainText('Вологда');
    await expect(rows(page).first()).toContainText('Общепит');
    await page.getByTestId('base-search').fill('9210001122');
    await expect(count(page)).toHaveText('1');
    // A bad INN is refused in words.
    await card.getByTestId('card-inn').fill('1234567890');
    await card.getByTestId('card-save').click();
    await expect(card.getByTestId('card-error')).toHaveText('"1234567890" is not a valid INN.');
    await card.getByTestId('card-inn').fill('7707083893');

    // Remove one call, then undo.
    const before = company.callCount;
    await card.getByTestId('card-call-remove').first().click();
    await expect(card.getByTestId('card-call')).toHaveCount(before - 1);
    await expect(page.getByTestId('base-undo')).toBeVisible();
    await page.getByTestId('base-undo-button').click();
    await expect(card.getByTestId('card-call')).toHaveCount(before);
    await expect(card.getByTestId('card-status')).toHaveAttribute('data-status', company.status);

    // Delete the company, then undo.
    await page.getByTestId('base-search').fill('');
    await expect(count(page)).toHaveText('300');
    await card.getByTestId('card-delete').click();
    await expect(card).toHaveCount(0);
    await expect(count(page)).toHaveText('299');
    await page.getByTestId('base-search').fill('Кофейня Новая');
    await expect(count(page)).toHaveText('0');
    await expect(page.getByTestId('base-undo')).toContainText('Кофейня Новая');
    await page.getByTestId('base-undo-button').click();
    await expect(count(page)).toHaveText('1');
    await rows(page).first().locator('[data-testid="base-open"]').click();
    await expect(card.getByTestId('card-call')).toHaveCount(before);
    await expect(card.getByTestId('card-dm-name')).toHaveValue('Мария Иванова');
    await page.screenshot({ path: '/tmp/callmark-card.png' });
    expect(errors).toEqual([]);
  });
});

test.describe('duplicates', () => {
  test('suggests a pair sharing a phone, says why, merges it with the picked name, and both calls are on the result', async ({ context, serviceWorker, extensionId }) => {
    await seed(serviceWorker, { ...SEED, companies: 40 });
    const page = await openBase(context, extensionId);
    const kept = seedCompany(7, SEED);
    // The same firm found on zoon under another name, with a call of its own.
    await serviceWorker.evaluate(
      async ({ phone }) => {
        const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
        await hooks.handlers.logCall(
          {
            listing: { directory: 'zoon', name: 'Кофейня «Двойник»', phones: [phone], city: 'Москва', url: 'https://zoon.ru/msk/restaurants/dvoynik/', siteId: 'dvoynik' },
            call: { outcome: 'interested', note: 'с zoon' },
          },
          {},
        );
      },
      { phone: formatPhone(kept.company.phones[0]!) },
    );
    await expect(count(page)).toHaveText('41');
    await page.getByTestId('dup-find').click();
    const pair = page.getByTestId('dup-pair');
    await expect(pair).toHaveCount(1);
    await expect(pair.getByTestId('dup-reason')).toHaveText(`same phone: ${formatPhone(kept.company.phones[0]!)}`);
    await pair.getByTestId('dup-merge').click();
    // Keep the seeded record, but the zoon listing's name.
    const form = pair.getByTestId('dup-merge-form');
    const keepSide = (await pair.getAttribute('data-a')) === kept.company.id ? 'a' : 'b';
    const otherSide = keepSide === 'a' ? 'b' : 'a';
    await form.getByTestId(`dup-keep-${keepSide}`).check();
    await form.getByTestId(`dup-pick-name-${otherSide}`).check();
    await form.getByTestId('dup-confirm').click();
    await expect(page.getByTestId('dup-merged')).toBeVisible();
    await expect(count(page)).toHaveText('40');
    const card = page.getByTestId('company-card');
    await expect(card.locator('h3')).toHaveText('Кофейня «Двойник»');
    await expect(card.getByTestId('card-call')).toHaveCount(kept.calls.length + 1);
    await expect(card.getByTestId('card-call').filter({ hasText: 'с zoon' })).toHaveCount(1);
    await expect(card.getByTestId('card-source')).toHaveCount(2);
    // Looking again finds nothing: the pair is one company now.
    await page.getByTestId('dup-find').click();
    await expect(page.getByTestId('dup-none')).toBeVisible();
  });

  test('a pair marked "not a duplicate" is not suggested again', async ({ context, serviceWorker, extensionId }) => {
    await seed(serviceWorker, { ...SEED, companies: 10 });
    await serviceWorker.evaluate(async (phone) => {
      const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
      await hooks.handlers.logCall({ listing: { directory: 'zoon', name: 'Сосед по номеру', phones: [phone], siteId: 'sosed' }, call: { outcome: 'no_answer' } }, {});
    }, seedPhone(3));
    const page = await openBase(context, extensionId);
    await page.getByTestId('dup-find').click();
    await expect(page.getByTestId('dup-pair')).toHaveCount(1);
    await page.getByTestId('dup-not').click();
    await expect(page.getByTestId('dup-pair')).toHaveCount(0);
    await page.reload();
    await page.getByTestId('dup-find').click();
    await expect(page.getByTestId('dup-none')).toBeVisible();
  });
});
