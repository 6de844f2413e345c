// Chromium with the built extension on the bundled demo directory page (demo/),
// served under the directory's real address from this machine. Used by
// `npm start` and by scripts/screenshots.mjs.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const DEMO_URL = 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5';

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined; // Playwright's own browser, where installed
}

/** Launches Chromium with `extensionDir` loaded, the demo page routed, and a first-run seed of calls. */
export async function openDemo({ extensionDir, profileDir = '', headless = false, viewport = null, locale = 'ru' }) {
  const context = await chromium.launchPersistentContext(profileDir, {
    headless,
    executablePath: chromiumPath(),
    viewport,
    locale,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${locale}`,
      '--window-size=1280,900',
    ],
  });

  // The demo directory page, at the directory's own address; nothing else leaves the machine.
  const demo = readFileSync(path.join(root, 'demo/2gis-search.html'), 'utf8');
  await context.route('https://2gis.ru/**', (route) =>
    route.request().resourceType() === 'document' ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: demo }) : route.abort(),
  );

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  // A first run gets a few calls in its base, so the badges show more than "new".
  // They go through the extension's own message protocol from one of its pages.
  const seed = JSON.parse(readFileSync(path.join(root, 'demo/seed.json'), 'utf8'));
  const helper = await context.newPage();
  await helper.goto(`chrome-extension://${extensionId}/options.html`);
  const seeded = await helper.evaluate(async (calls) => {
    const send = (type, payload) => chrome.runtime.sendMessage({ type, payload });
    const existing = await send('search', { query: calls[0].listing.name, limit: 1 });
    if (existing.ok && existing.data.length > 0) return false;
    const settings = (await chrome.storage.local.get('settings')).settings ?? {};
    if (!settings.managerName) await chrome.storage.local.set({ settings: { ...settings, managerName: 'Демо' } });
    for (const c of calls) {
      const call = { ...c.call };
      if (call.callbackInDays) {
        call.callbackAt = new Date(Date.now() + call.callbackInDays * 86_400_000).toISOString();
        delete call.callbackInDays;
      }
      const reply = await send('logCall', { listing: c.listing, call, pageUrl: c.listing.url });
      if (!reply.ok) throw new Error(reply.error.message);
    }
    return true;
  }, seed);
  await helper.close();

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(DEMO_URL);
  return { context, page, extensionId, seeded };
}
