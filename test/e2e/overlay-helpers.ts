import type { Locator, Page, Worker } from '@playwright/test';
import { expect } from './fixtures';

/** Helpers of the overlay and call-menu end-to-end tests (overlay.spec.ts, call-menu.spec.ts). */

export interface Firm {
  id: string;
  name: string;
  address?: string;
}

/** A firm id in 2GIS's shape (17 digits). */
export const firmId = (n: number) => `70000001${String(100000000 + n)}`;

export const firms = (count: number, from = 1): Firm[] =>
  Array.from({ length: count }, (_, i) => ({ id: firmId(from + i), name: `Кафе №${from + i}`, address: `Тверская, ${from + i}` }));

/** One list card as 2GIS draws it: hashed classes, the name in a /firm/<id> link. */
export const cardHtml = (f: Firm) =>
  `<div class="_c1"><div class="_n2"><a href="https://2gis.ru/moscow/firm/${f.id}" class="_l3"><span>${f.name}</span></a></div>` +
  `<div class="_s4">кафе</div><div class="_a5">${f.address ?? 'Тверская, 1'}</div></div>`;

/** A 2GIS-like search list page. */
export const listPage = (list: Firm[], title = 'кафе') =>
  `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${title} — 2ГИС</title></head><body>` +
  `<div id="app"><h2>${title}</h2><div id="list">${list.map(cardHtml).join('')}</div></div></body></html>`;

export const LIST_URL = 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5';

interface Hooks {
  handlers: {
    logCall(payload: unknown, sender: unknown): Promise<{ call: { id: string }; company: { id: string } }>;
    search(payload: unknown, sender: unknown): Promise<Array<{ id: string; name: string; status: string; callCount: number }>>;
  };
  saveSettings(patch: unknown): Promise<unknown>;
}

/** Logs a call straight through the background's handler (test builds only). */
export async function seedCall(
  worker: Worker,
  firm: Firm & { directory?: 'zoon' },
  call: { outcome: string; reason?: string; callbackAt?: string; note?: string },
): Promise<string> {
  return worker.evaluate(
    async ({ firm, call }) => {
      const hooks = (globalThis as unknown as { callmarkTest: Hooks }).callmarkTest;
      const saved = await hooks.handlers.logCall(
        {
          listing:
            firm.directory === 'zoon'
              ? { directory: 'zoon', name: firm.name, phones: [], siteId: firm.id, url: `https://zoon.ru/msk/restaurants/${firm.id}/`, address: firm.address }
              : { directory: '2gis', name: firm.name, phones: [], siteId: firm.id, url: `https://2gis.ru/moscow/firm/${firm.id}`, address: firm.address },
          call,
        },
        {},
      );
      return saved.company.id;
    },
    { firm, call },
  );
}

export async function saveSettings(worker: Worker, patch: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (p) => {
    await (globalThis as unknown as { callmarkTest: Hooks }).callmarkTest.saveSettings(p);
  }, patch);
}

/** The base's companies whose name contains `query`. */
export async function searchBase(worker: Worker, query: string) {
  return worker.evaluate(async (q) => (globalThis as unknown as { callmarkTest: Hooks }).callmarkTest.handlers.search({ query: q, limit: 200 }, {}), query);
}

/** The badge right after the listing named `name`. */
export const badgeOf = (page: Page, name: string): Locator => page.locator(`callmark-badge[data-name="${name}"]`);

/** Every badge's "name:status" in page order. */
export async function statuses(page: Page): Promise<string[]> {
  return page.locator('callmark-badge').evaluateAll((hosts) => hosts.map((h) => `${h.getAttribute('data-name')}:${h.getAttribute('data-status')}`));
}

/** The open call menu (inside the layer's shadow root, open in test builds). */
export const menu = (page: Page): Locator => page.locator('callmark-layer .menu');

export async function openMenu(page: Page, name: string): Promise<Locator> {
  await badgeOf(page, name).locator('button').click();
  const m = menu(page);
  await expect(m).toBeVisible();
  return m;
}

/** What the user sees in the badge (its visible label). */
/** The badge's visible text: its status icon and label ("✕ refused"). */
export const badgeLabel = (page: Page, name: string) => badgeOf(page, name).locator('button');
