/**
 * Collecting a directory page into the base (issue 8), in real Chromium on the
 * real zoon list of ../shared/fixtures/real served under its own address:
 * the popup's *Add N new listings to the base*, once and again, and collect
 * mode adding the cards a page appends as the user scrolls.
 */
import type { Page, Worker } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { REAL_FIXTURES, expect, routePage, tabIdOf, test } from './fixtures';

// The service worker's own `chrome` (the e2e tsconfig has no chrome types).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const FILE = path.join(REAL_FIXTURES, 'zoon/spb_kindergartens_list_2024.html');
const URL_ = 'https://zoon.ru/spb/kindergarten/';

interface Stored {
  id: string;
  name: string;
  status: string;
  callCount: number;
  siteKeys: string[];
  sources: Array<{ directory: string; url?: string }>;
}

/** Every company of the base (test builds expose the database to the service worker). */
async function companies(worker: Worker): Promise<Stored[]> {
  return worker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { database: () => Promise<{ getAll: (s: string) => Promise<unknown[]> }> } }).callmarkTest;
    return (await hooks.database()).getAll('companies');
  }) as Promise<Stored[]>;
}
const callCount = (worker: Worker) =>
  worker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { database: () => Promise<{ count: (s: string) => Promise<number> }> } }).callmarkTest;
    return (await hooks.database()).count('calls');
  });

async function openPopup(openExtensionPage: (file: string) => Promise<Page>, worker: Worker, tabId: number, url: string): Promise<Page> {
  await worker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { saveSettings: (p: unknown) => Promise<unknown> } }).callmarkTest;
    await hooks.saveSettings({ managerName: 'Анна Петрова' });
  });
  const popup = await openExtensionPage(`popup.html?tab=${tabId}&url=${encodeURIComponent(url)}`);
  await popup.setViewportSize({ width: 380, height: 600 });
  return popup;
}

/** The real zoon list, served under its address, every listing badged; and its tab's id. */
async function openList(context: BrowserContext, worker: Worker): Promise<{ site: Page; tabId: number }> {
  test.skip(!existsSync(FILE), `no real page at ${FILE}`);
  await routePage(context, 'https://zoon.ru/**', readFileSync(FILE, 'utf8'));
  const site = await context.newPage();
  await site.goto(URL_, { waitUntil: 'domcontentloaded' });
  await expect(site.locator('callmark-badge')).toHaveCount(76, { timeout: 30_000 });
  return { site, tabId: await tabIdOf(worker, 'https://zoon.ru/*') };
}

/** Appends `n` cards to the list as an infinite scroll would: copies of the last card as other kindergartens. */
async function appendCards(page: Page, from: number, n: number): Promise<void> {
  await page.evaluate(
    ({ from, n }) => {
      const cards = document.querySelectorAll('[data-uitest="org-item-block"]');
      const last = cards[cards.length - 1]!;
      for (let i = from; i < from + n; i++) {
        const card = last.cloneNode(true) as Element;
        card.querySelectorAll('callmark-badge').forEach((b) => b.remove());
        const link = card.querySelector('[data-uitest="org-link"]') ?? card.querySelector('h2 a[href]');
        link!.setAttribute('href', `https://zoon.ru/spb/kindergarten/novyj_detskij_sad_${i}/`);
        link!.textContent = `Новый детский сад ${i}`;
        const phone = `+7 (812) 555-77-${String(10 + i)}`;
        card.querySelectorAll('[data-number]').forEach((el) => el.setAttribute('data-number', phone));
        card.querySelectorAll('a[href^="tel:"]').forEach((a) => a.setAttribute('href', `tel:+781255577${10 + i}`));
        last.parentElement!.appendChild(card);
      }
    },
    { from, n },
  );
}

test('the popup adds the page\'s new listings to the base; again adds nothing; collect mode adds appended cards until switched off', async ({ context, serviceWorker, openExtensionPage }) => {
  test.setTimeout(120_000);
  const { site, tabId } = await openList(context, serviceWorker);
  await expect(site.locator('callmark-badge[data-match="none"]')).toHaveCount(76);

  // Add all.
  const popup = await openPopup(openExtensionPage, serviceWorker, tabId, site.url());
  const add = popup.getByTestId('collect-add');
  await expect(add).toHaveText('Add 76 new listings to the base');
  await add.click();
  await expect(popup.getByTestId('collect-summary')).toContainText('Added 66 new companies.');
  // Seven phone numbers are shared by branches of chains (five Эрудит kindergartens on one number):
  // their listings are one company each, as their badges match them, with every branch as a source.
  await expect(popup.getByTestId('collect-summary')).toContainText('10 more listings here are the same companies as others on this page');

  const base = await companies(serviceWorker);
  expect(base).toHaveLength(66);
  expect(await callCount(serviceWorker)).toBe(0);
  expect(base.every((c) => c.status === 'new' && c.callCount === 0)).toBe(true);
  expect(base.every((c) => c.sources.every((s) => s.directory === 'zoon' && s.url?.startsWith('https://zoon.ru/')))).toBe(true);
  // One company per listing: each of the 76 listing ids belongs to exactly one company.
  const keys = base.flatMap((c) => c.siteKeys.filter((k) => k.startsWith('zoon:')));
  expect(keys).toHaveLength(76);
  expect(new Set(keys).size).toBe(76);
  // Every badge on the page now finds its company, still "new" (no call was logged).
  await expect(site.locator('callmark-badge[data-match="exact"]')).toHaveCount(76, { timeout: 15_000 });
  await expect(site.locator('callmark-badge[data-status="new"]')).toHaveCount(76);

  // Run it again: the popup has nothing more to add, and the protocol's collect adds nothing either.
  await popup.reload();
  await expect(popup.getByTestId('collect-nothing')).toHaveText('Every company on this page is in the base.');
  await expect(popup.getByTestId('collect-add')).toHaveCount(0);
  const again = await popup.evaluate(async (id) => {
    const listings = await chrome.tabs.sendMessage(id, { target: 'callmark-tab', type: 'listings', payload: {} });
    return chrome.runtime.sendMessage({ type: 'collect', payload: { listings: listings.listings.map((l: { data: unknown }) => l.data) } });
  }, tabId);
  expect(again).toMatchObject({ ok: true, data: { created: 0, sourced: 0 } });
  expect(await companies(serviceWorker)).toHaveLength(66);

  // Collect mode: switched on in the popup, it adds what the page appends as the user scrolls.
  const mode = popup.getByTestId('collect-mode');
  await mode.check();
  await expect(popup.getByTestId('collect-count')).toHaveText('Added by collect mode: 0');
  await appendCards(site, 1, 3);
  await expect.poll(async () => (await companies(serviceWorker)).length, { timeout: 15_000 }).toBe(69);
  await expect(site.locator('callmark-badge')).toHaveCount(79);
  await expect(site.locator('callmark-badge[data-match="exact"]')).toHaveCount(79, { timeout: 15_000 });
  // The running count: in the popup, and on the toolbar icon of that tab.
  await expect(popup.getByTestId('collect-count')).toHaveText('Added by collect mode: 3', { timeout: 10_000 });
  expect(await serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('3');
  // More cards, more companies.
  await appendCards(site, 4, 2);
  await expect.poll(async () => (await companies(serviceWorker)).length, { timeout: 15_000 }).toBe(71);
  await expect(popup.getByTestId('collect-count')).toHaveText('Added by collect mode: 5', { timeout: 10_000 });
  const added = (await companies(serviceWorker)).find((c) => c.name === 'Новый детский сад 4')!;
  expect(added.sources).toEqual([expect.objectContaining({ directory: 'zoon', url: 'https://zoon.ru/spb/kindergarten/novyj_detskij_sad_4/' })]);

  // Switched off: appended cards are badged, and nothing is added any more.
  await mode.uncheck();
  await expect(popup.getByTestId('collect-count')).toHaveCount(0);
  expect(await serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
  await appendCards(site, 6, 2);
  await expect(site.locator('callmark-badge')).toHaveCount(83, { timeout: 15_000 });
  await site.waitForTimeout(1500);
  expect(await companies(serviceWorker)).toHaveLength(71);
});

test('collect mode goes on across the site\'s pages and ends when the tab closes', async ({ context, serviceWorker, openExtensionPage }) => {
  test.setTimeout(90_000);
  const { site, tabId } = await openList(context, serviceWorker);
  const popup = await openPopup(openExtensionPage, serviceWorker, tabId, site.url());
  await popup.getByTestId('collect-mode').check();
  // Switching it on takes the page's new listings at once.
  await expect.poll(async () => (await companies(serviceWorker)).length, { timeout: 15_000 }).toBe(66);
  await expect(popup.getByTestId('collect-count')).toHaveText('Added by collect mode: 66', { timeout: 10_000 });

  // The next page of the list (a new page load in the same tab) keeps collecting.
  await site.goto(`${URL_}page-2/`, { waitUntil: 'domcontentloaded' });
  await expect(site.locator('callmark-badge[data-match="exact"]')).toHaveCount(76, { timeout: 30_000 });
  await appendCards(site, 1, 2);
  await expect.poll(async () => (await companies(serviceWorker)).length, { timeout: 15_000 }).toBe(68);

  // The tab closes: collect mode ends with it.
  await site.close();
  await expect
    .poll(() =>
      serviceWorker.evaluate(async (id) => {
        const hooks = (globalThis as unknown as { callmarkTest: { handlers: { collectMode: (p: unknown, s: unknown) => Promise<{ on: boolean }> } } }).callmarkTest;
        return (await hooks.handlers.collectMode({ tabId: id }, { id: chrome.runtime.id, url: chrome.runtime.getURL('/popup.html') })).on;
      }, tabId),
    )
    .toBe(false);
});
