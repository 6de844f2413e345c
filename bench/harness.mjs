// Shared by the benchmarks: bundling a bench page, finding Chromium, building the extension.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** Builds the extension (release or test build) unless it is already there. */
export function ensureBuilt({ test = false } = {}) {
  const dir = path.join(root, test ? '.output-test/chrome-mv3' : '.output/chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    execSync(test ? 'npm run build:test' : 'npx wxt build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}
