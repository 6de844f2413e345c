// Shared by the benchmarks: bundling a bench page, finding Chromium, building the extension.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Bundles a TypeScript entry of bench/pages/ for the browser. */
export async function bundle(entry) {
  const out = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    define: { __TEST_HOOKS__: 'false' },
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Opens a page at a real https origin (so IndexedDB and friends work) with `script` loaded. */
export async function pageWith(browser, script, html = '<!doctype html><meta charset="utf-8"><title>bench</title>') {
  const context = await browser.newContext();
  await context.route('https://bench.callmark.test/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: `${html}<script>${script.replace(/<\/script/g, '<\\/script')}</script>` }),
  );
  const page = await context.newPage();
  await page.goto('https://bench.callmark.test/');
  return { context, page };
}

export const launch = () => chromium.launch({ headless: true, executablePath: chromiumPath(), args: CHROMIUM_ARGS });

/** The newest modification time of the sources a build is made from. */
function newestSourceMs() {
  let newest = 0;
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) visit(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['lib', 'entrypoints', 'public', 'wxt.config.ts', 'package-lock.json']) if (existsSync(path.join(root, p))) visit(path.join(root, p));
  return newest;
}

/**
 * Builds the extension (release or test build) unless it is already there;
 * with `fresh`, also when a source file is newer than the build.
 */
export function ensureBuilt({ test = false, fresh = false } = {}) {
  const dir = path.join(root, test ? '.output-test/chrome-mv3' : '.output/chrome-mv3');
  const manifest = path.join(dir, 'manifest.json');
  if (!existsSync(manifest) || (fresh && statSync(manifest).mtimeMs < newestSourceMs())) {
    execSync(test ? 'npm run build:test' : 'npx wxt build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}

/**
 * A route handler that serves `html` as the page, and an empty page to its
 * frames: a saved page's iframes (ads, counters) point at files of its own, and
 * serving them the whole page again nests copies of a 12 MB page in frames,
 * whose loading the trace would count as ours. Everything else fails fast.
 */
export function servePage(html) {
  return (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document') return route.abort();
    const sub = request.frame().parentFrame() !== null;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: sub ? '<!doctype html><title></title>' : html });
  };
}

/**
 * Chromium with a build of the extension loaded (release or test) and one of
 * its own pages open: seeds the base through the protocol, switches sites off.
 */
export async function openExtension(dir) {
  const context = await chromium.launchPersistentContext('', {
    headless: true,
    executablePath: chromiumPath(),
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...CHROMIUM_ARGS, '--lang=ru-RU'],
  });
  await context.route(/^https?:\/\//, (route) => (route.request().resourceType() === 'document' ? route.fallback() : route.abort()));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const own = await context.newPage();
  await own.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  return {
    context,
    /** Seeds the base through the protocol, from one of the extension's own pages. */
    async seed(listings) {
      const outcomes = ['no_answer', 'callback', 'interested', 'client', 'refused', 'not_user', 'closed', 'wrong_number', 'do_not_call'];
      await own.evaluate(
        async ({ listings, outcomes }) => {
          for (let k = 0; k < listings.length; k++) {
            const outcome = outcomes[k % outcomes.length];
            const reply = await chrome.runtime.sendMessage({
              type: 'logCall',
              payload: {
                listing: listings[k],
                call: { outcome, ...(outcome === 'refused' ? { reason: 'дорого' } : {}), ...(outcome === 'callback' ? { callbackAt: new Date(Date.now() + 86400000).toISOString() } : {}) },
              },
            });
            if (!reply?.ok) throw new Error(`seeding failed: ${JSON.stringify(reply)}`);
          }
        },
        { listings, outcomes },
      );
    },
    /** Switches Callmark off on these sites (and on everywhere else), as the popup's switch does. */
    async disable(hosts) {
      await own.evaluate(async (hosts) => {
        const stored = (await chrome.storage.local.get('settings')).settings ?? {};
        await chrome.storage.local.set({ settings: { ...stored, disabledSites: hosts } });
      }, hosts);
    },
    close: () => context.close(),
  };
}
