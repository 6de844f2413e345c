import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output-test/chrome-mv3');
/** The release build (npm run build): no test hooks. */
export const RELEASE_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const REAL_FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/real');
export const OWN_FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** CHROMIUM_PATH, else Debian's Chromium, else Playwright's own browser. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

export async function launchWithExtension(dir = EXTENSION_DIR): Promise<BrowserContext> {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No build at ${dir}: run "npm run ${dir === EXTENSION_DIR ? 'build:test' : 'build'}" first`);
  }
  return chromium.launchPersistentContext('', {
    headless: true,
    executablePath: chromiumPath(),
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=en-US',
    ],
  });
}

/** Serves `html` as the page at every URL under `urlGlob` (e.g. 'https://2gis.ru/**'); everything else off this machine fails fast. */
export async function routePage(context: BrowserContext, urlGlob: string, html: string): Promise<void> {
  await context.route(urlGlob, (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document') return route.abort();
    // A saved page's iframes point at files of its own: they get an empty page, not the page again.
    const sub = request.frame().parentFrame() !== null;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: sub ? '<!doctype html><title></title>' : html });
  });
}

/** The id of the tab showing `pattern` (tab URLs are visible where the extension has host access; else the active tab). */
export async function tabIdOf(worker: Worker, pattern: string): Promise<number> {
  return worker.evaluate(async (p) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number }>> } } }).chrome;
    const [byUrl] = await api.tabs.query({ url: p });
    if (byUrl) return byUrl.id;
    const [active] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return active!.id;
  }, pattern);
}

export const readFixture = (file: string) => readFileSync(path.join(OWN_FIXTURES, file), 'utf8');

interface Fixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Opens an extension page (popup.html, options.html). */
  openExtensionPage: (file: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension();
    // Directory sites' own sub-resources never reach the network here.
    await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) =>
      route.request().resourceType() === 'document' ? route.fallback() : route.abort(),
    );
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (file) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    });
  },
});

export const expect = test.expect;
