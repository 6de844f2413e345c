/**
 * The popup in real Chromium, opened as a page (a test cannot click the toolbar
 * icon): first run, search → full form with a decision maker, bad input that
 * saves nothing, this tab's listings, the switches and the shortcut.
 */
import type { Page, Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, OWN_FIXTURES, readFixture, routePage, tabIdOf, test } from './fixtures';

// The service worker's own `chrome` (the e2e tsconfig has no chrome types).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const LISTING = {
  directory: '2gis',
  name: 'Кампус, кафе-бар',
  phones: ['+7 (495) 708‒31‒12'],
  website: 'http://campus2020.ru',
  address: 'Ломоносовский проспект, 23',
  city: 'Москва',
  url: 'https://2gis.ru/moscow/firm/4504127908538124',
  siteId: '4504127908538124',
};

interface Seeded {
  companyId: string;
  callId: string;
}

/** Logs a call straight through the background's handlers (test builds only). */
async function seedCall(worker: Worker, payload: unknown): Promise<Seeded> {
  return worker.evaluate(async (p) => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<{ call: { id: string }; company: { id: string } }> } } }).callmarkTest;
    const r = await hooks.handlers.logCall(p, {});
    return { companyId: r.company.id, callId: r.call.id };
  }, payload);
}

interface StoredCompany {
  name: string;
  phones: string[];
  industry?: string;
  status: string;
  decisionMakers: Array<{ name: string; role: string; phone?: string; email?: string }>;
}
interface StoredCall {
  outcome: string;
  manager: string;
  note: string;
  reason?: string;
}

async function getCompany(worker: Worker, id: string): Promise<{ company: StoredCompany; calls: StoredCall[] }> {
  return worker.evaluate(async (companyId) => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { getCompany: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
    return hooks.handlers.getCompany({ id: companyId }, {});
  }, id) as Promise<{ company: StoredCompany; calls: StoredCall[] }>;
}

async function saveSettings(worker: Worker, patch: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (p) => {
    const hooks = (globalThis as unknown as { callmarkTest: { saveSettings: (p: unknown) => Promise<unknown> } }).callmarkTest;
    await hooks.saveSettings(p);
  }, patch);
}

async function storedSettings(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? {});
}

/** Opens the popup, with the first-run question already answered. */
async function openPopup(openExtensionPage: (file: string) => Promise<Page>, worker: Worker, query = ''): Promise<Page> {
  await saveSettings(worker, { managerName: 'Анна Петрова' });
  const page = await openExtensionPage(`popup.html${query}`);
  await page.setViewportSize({ width: 380, height: 600 });
  return page;
}

async function openFromSearch(page: Page, query: string): Promise<void> {
  await page.getByTestId('section-search').click();
  await page.getByTestId('search-input').fill(query);
  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('call-form')).toBeVisible();
  await expect(page.getByTestId('save')).toBeEnabled();
}

test('the popup shows the name and icon, and asks the manager’s name once', async ({ openExtensionPage, serviceWorker }) => {
  const page = await openExtensionPage('popup.html');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await expect(page.locator('header h1')).toHaveText('Callmark');
  await expect(page.locator('header img')).toHaveAttribute('src', '/icon/32.png');
  expect(await page.locator('header img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const prompt = page.getByTestId('name-prompt');
  await expect(prompt).toBeVisible();
  await page.getByTestId('name-save').click();
  await expect(prompt.getByRole('alert')).toBeVisible(); // an empty name is not saved
  expect((await storedSettings(serviceWorker)).managerName ?? '').toBe('');

  await page.getByTestId('name-input').fill('  Анна Петрова ');
  await page.getByTestId('name-save').click();
  await expect(prompt).toBeHidden();
  expect((await storedSettings(serviceWorker)).managerName).toBe('Анна Петрова');

  await page.reload();
  await expect(page.locator('header h1')).toHaveText('Callmark');
  await expect(page.getByTestId('section-tab')).toBeVisible();
  await expect(page.getByTestId('name-prompt')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a call logged from the popup with a decision maker is in the base, stamped with the manager', async ({ openExtensionPage, serviceWorker }) => {
  const { companyId } = await seedCall(serviceWorker, { listing: LISTING, call: { outcome: 'no_answer' } });
  const page = await openPopup(openExtensionPage, serviceWorker);
  await openFromSearch(page, 'кампус');
  await expect(page.getByTestId('form-title')).toContainText('Кампус');
  await expect(page.getByTestId('history-call')).toHaveCount(1);

  await page.getByTestId('outcome-interested').click();
  await expect(page.getByTestId('outcome-interested')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('outcome-interested')).toHaveAttribute('data-outcome', 'interested');
  await page.locator('[data-field="note"]').fill('Просили КП на почту');
  await page.getByTestId('industry').fill('Общепит');
  await page.getByTestId('dm-add').click();
  const dm = page.getByTestId('dm-row').first();
  await dm.getByTestId('dm-name').fill('Иван Сидоров');
  await dm.getByTestId('dm-role').fill('директор');
  await dm.getByTestId('dm-phone').fill('8 (916) 123-45-67');
  await dm.getByTestId('dm-email').fill('ivan@campus2020.ru');
  await page.screenshot({ path: '/tmp/callmark-popup-form.png', fullPage: true });
  // A second company phone, with an extension.
  await page.getByTestId('company-details').click();
  const phones = page.getByTestId('company-phones');
  await phones.getByRole('button', { name: /Add a phone/ }).click();
  await phones.locator('input').last().fill('8 (495) 123-45-67 доб. 12');
  await page.locator('[data-action="save"]').click();

  await expect(page.getByTestId('toast')).toContainText('Кампус');
  await expect(page.getByTestId('call-form')).toHaveCount(0);

  const { company, calls } = await getCompany(serviceWorker, companyId);
  expect(company.decisionMakers).toEqual([{ name: 'Иван Сидоров', role: 'директор', phone: '+79161234567', email: 'ivan@campus2020.ru' }]);
  expect(company.industry).toBe('Общепит');
  expect(company.phones).toEqual(['+74957083112', '+74951234567;ext=12']);
  expect(company.status).toBe('interested');
  expect(calls.map((c) => c.outcome)).toEqual(['interested', 'no_answer']);
  expect(calls[0]).toMatchObject({ manager: 'Анна Петрова', note: 'Просили КП на почту' });

  // Opening it again shows the new call first in the history, and the decision maker.
  await openFromSearch(page, '+7 495 708 31 12');
  await expect(page.getByTestId('history-call').first()).toHaveAttribute('data-outcome-id', 'interested');
  await expect(page.getByTestId('dm-name')).toHaveValue('Иван Сидоров');
});

test('undo in the popup really removes the call', async ({ openExtensionPage, serviceWorker }) => {
  const { companyId } = await seedCall(serviceWorker, { listing: LISTING, call: { outcome: 'no_answer' } });
  const page = await openPopup(openExtensionPage, serviceWorker);
  await openFromSearch(page, 'Кампус');
  await page.getByTestId('outcome-client').click();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toast')).toBeVisible();
  expect((await getCompany(serviceWorker, companyId)).company.status).toBe('client');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('toast')).toContainText('removed');
  const after = await getCompany(serviceWorker, companyId);
  expect(after.calls.map((c) => c.outcome)).toEqual(['no_answer']);
  expect(after.company.status).toBe('no_answer');
});

test('bad input gets a clear message and nothing is saved', async ({ openExtensionPage, serviceWorker }) => {
  const { companyId } = await seedCall(serviceWorker, { listing: LISTING, call: { outcome: 'no_answer' } });
  const page = await openPopup(openExtensionPage, serviceWorker);
  await openFromSearch(page, 'Кампус');
  const save = page.locator('[data-action="save"]');
  const callCount = async () => (await getCompany(serviceWorker, companyId)).calls.length;

  // A call-back in the past.
  await page.locator('[data-outcome="callback"]').click();
  await page.getByTestId('callback-input').fill('2020-01-01T10:00');
  await save.click();
  await expect(page.getByText('The call-back time is in the past')).toBeVisible();
  await expect(page.getByTestId('callback-input')).toHaveAttribute('aria-invalid', 'true');
  expect(await callCount()).toBe(1);

  // No time at all.
  await page.getByTestId('callback-input').fill('');
  await save.click();
  await expect(page.getByText('Choose when to call back')).toBeVisible();
  expect(await callCount()).toBe(1);

  // A quick pick fixes it: the time is filled in and lies ahead.
  await page.getByTestId('quick-tomorrow').click();
  const picked = await page.getByTestId('callback-input').inputValue();
  expect(Date.parse(picked)).toBeGreaterThan(Date.now());

  // "Refused" with no reason, where the settings require one.
  await page.locator('[data-outcome="refused"]').click();
  await save.click();
  await expect(page.getByText('Give a reason for the refusal')).toBeVisible();
  expect(await callCount()).toBe(1);

  // A phone that is not a phone, in a decision maker and in the company's phones.
  await page.locator('[data-reason="дорого"]').click();
  await page.getByTestId('dm-add').click();
  await page.getByTestId('dm-name').fill('Иван');
  await page.getByTestId('dm-phone').fill('12-34');
  await save.click();
  await expect(page.getByText('“12-34” is not a phone number.')).toBeVisible();
  await expect(page.getByTestId('form-error')).toContainText('Nothing was saved');
  expect(await callCount()).toBe(1);
  expect((await getCompany(serviceWorker, companyId)).company.decisionMakers).toEqual([]);
  await page.screenshot({ path: '/tmp/callmark-popup-errors.png', fullPage: true });

  // Fixed: saved, with the chosen reason.
  await page.getByTestId('dm-phone').fill('+7 916 123-45-67');
  await save.click();
  await expect(page.getByTestId('toast')).toBeVisible();
  const after = await getCompany(serviceWorker, companyId);
  expect(after.calls[0]).toMatchObject({ outcome: 'refused', reason: 'дорого' });
  expect(after.company.decisionMakers).toHaveLength(1);
});

test('the background’s own refusal is shown in the form', async ({ openExtensionPage, serviceWorker }) => {
  const { companyId } = await seedCall(serviceWorker, { listing: LISTING, call: { outcome: 'no_answer' } });
  const page = await openPopup(openExtensionPage, serviceWorker);
  await openFromSearch(page, 'Кампус');
  // The company disappears while the form is open (another window deleted it, say).
  await serviceWorker.evaluate(async (id) => {
    const hooks = (globalThis as unknown as { callmarkTest: { database: () => Promise<{ delete: (s: string, k: string) => Promise<void> }> } }).callmarkTest;
    await (await hooks.database()).delete('companies', id);
  }, companyId);
  await page.getByTestId('outcome-interested').click();
  await page.getByTestId('company-details').click();
  await page.getByTestId('company-city').fill('Москва, центр');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('form-error')).toContainText(/not in the base|Not found in the base/);
  await expect(page.getByTestId('call-form')).toBeVisible();
});

const overlayInBuild = async (worker: Worker) => {
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  return (manifest.content_scripts?.length ?? 0) > 0;
};

test('pause everywhere, and the shortcut with a way to change it', async ({ openExtensionPage, serviceWorker }) => {
  const page = await openPopup(openExtensionPage, serviceWorker);
  await expect(page.getByTestId('shortcut')).toContainText('Alt+Shift+K');
  await expect(page.getByTestId('change-shortcut')).toBeVisible();
  await page.getByTestId('pause-switch').check();
  await expect.poll(async () => (await storedSettings(serviceWorker)).overlayEnabled).toBe(false);
  await page.getByTestId('pause-switch').uncheck();
  await expect.poll(async () => (await storedSettings(serviceWorker)).overlayEnabled).toBe(true);
});

test('the overlay can be turned off for this site, and paused everywhere', async ({ context, openExtensionPage, serviceWorker }) => {
  test.skip(!(await overlayInBuild(serviceWorker)), 'the overlay (content script) is not in this build yet');
  await routePage(context, 'https://2gis.ru/**', readFixture('sites/2gis/search_list.html'));
  const site = await context.newPage();
  await site.goto('https://2gis.ru/moscow/search/кафе');
  const tabId = await tabIdOf(serviceWorker, 'https://2gis.ru/*');
  const page = await openPopup(openExtensionPage, serviceWorker, `?tab=${tabId}&url=${encodeURIComponent(site.url())}`);

  const siteSwitch = page.getByTestId('site-switch');
  await expect(siteSwitch).toBeChecked();
  await siteSwitch.uncheck();
  await expect.poll(async () => (await storedSettings(serviceWorker)).disabledSites).toEqual(['2gis.ru']);
  await expect(page.getByTestId('off-note')).toBeVisible();
  await siteSwitch.check();
  await expect.poll(async () => (await storedSettings(serviceWorker)).disabledSites).toEqual([]);

  await page.getByTestId('pause-switch').check();
  await expect.poll(async () => (await storedSettings(serviceWorker)).overlayEnabled).toBe(false);
  await expect(page.getByTestId('paused-note')).toBeVisible();
  await expect(siteSwitch).toBeDisabled();
  await page.getByTestId('pause-switch').uncheck();
  await expect.poll(async () => (await storedSettings(serviceWorker)).overlayEnabled).toBe(true);
});

const hasOverlay = existsSync(path.join(OWN_FIXTURES, 'sites/2gis/search_list.html'));

test('this tab: the listings on the page with their statuses; choosing a new one logs it and creates the company', async ({ context, openExtensionPage, serviceWorker }) => {
  test.skip(!hasOverlay, 'no 2GIS fixture page');
  test.skip(!(await overlayInBuild(serviceWorker)), 'the overlay (content script) is not in this build yet');

  await routePage(context, 'https://2gis.ru/**', readFixture('sites/2gis/search_list.html'));
  const site = await context.newPage();
  await site.goto('https://2gis.ru/moscow/search/кафе');
  await expect(site.locator('callmark-badge').first()).toBeAttached();
  const tabId = await tabIdOf(serviceWorker, 'https://2gis.ru/*');
  const page = await openPopup(openExtensionPage, serviceWorker, `?tab=${tabId}&url=${encodeURIComponent(site.url())}`);

  const rows = page.getByTestId('listing');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  await expect(rows.first().getByTestId('status')).toHaveAttribute('data-status', 'new');
  await page.screenshot({ path: '/tmp/callmark-popup-tab.png' });

  const name = (await rows.first().locator('.row__title').textContent()) ?? '';
  await rows.first().click();
  await expect(page.getByTestId('call-form')).toBeVisible();
  await page.locator('[data-outcome="callback"]').click();
  await page.getByTestId('quick-in2h').click();
  await page.locator('[data-field="note"]').fill('Перезвонить директору');
  await page.getByTestId('dm-add').click();
  await page.getByTestId('dm-name').fill('Мария');
  await page.getByTestId('dm-role').fill('управляющая');
  await page.locator('[data-action="save"]').click();
  await expect(page.getByTestId('toast')).toBeVisible();

  // The listing now shows its new status, and the base has the company with the decision maker.
  await expect(rows.first().getByTestId('status')).toHaveAttribute('data-status', 'callback', { timeout: 5000 });
  const found = await serviceWorker.evaluate(async (q) => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { search: (p: unknown, s: unknown) => Promise<Array<{ id: string }>> } } }).callmarkTest;
    return hooks.handlers.search({ query: q, limit: 5 }, {});
  }, name);
  expect(found.length).toBeGreaterThan(0);
  const { company, calls } = await getCompany(serviceWorker, found[0]!.id);
  expect(company.decisionMakers).toEqual([{ name: 'Мария', role: 'управляющая' }]);
  expect(calls[0]).toMatchObject({ outcome: 'callback', note: 'Перезвонить директору', manager: 'Анна Петрова' });

  // Choosing it again opens the company now in the base (its history), not a second new one.
  await rows.first().click();
  await expect(page.getByTestId('history-call')).toHaveCount(1);
  await expect(page.getByTestId('dm-name')).toHaveValue('Мария');
  await page.getByTestId('outcome-no_answer').click();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toast')).toBeVisible();
  expect((await getCompany(serviceWorker, found[0]!.id)).calls).toHaveLength(2);
});

test('a site with no adapter offers to turn Callmark on for it', async ({ context, openExtensionPage, serviceWorker }) => {
  await routePage(context, 'https://catalog.example/**', '<!doctype html><title>Каталог</title><p>ООО «Ромашка», +7 495 123-45-67</p>');
  const site = await context.newPage();
  await site.goto('https://catalog.example/firms');
  const tabId = await tabIdOf(serviceWorker, 'https://catalog.example/*');
  const page = await openPopup(openExtensionPage, serviceWorker, `?tab=${tabId}&url=${encodeURIComponent(site.url())}`);
  await expect(page.getByTestId('no-overlay')).toContainText('catalog.example');
  await expect(page.getByTestId('enable-site')).toBeVisible();
  await expect(page.getByTestId('site-switch')).toBeVisible();
});
