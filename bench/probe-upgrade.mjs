import { chromium } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './harness.mjs';
const dir = path.resolve('.output-test/chrome-mv3');
const t0 = Date.now();
const context = await chromium.launchPersistentContext(process.argv[2], { headless: true, executablePath: chromiumPath(), args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...CHROMIUM_ARGS] });
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const origin = `chrome-extension://${new URL(worker.url()).host}`;
const page = await context.newPage();
await page.goto(`${origin}/options.html#settings`);
const r = await page.evaluate(async () => {
  const t = performance.now();
  const db = await new Promise((res, rej) => { const o = indexedDB.open('callmark'); o.onsuccess = () => res(o.result); o.onerror = () => rej(o.error); });
  const v = db.version;
  const n = await new Promise((res) => { const rq = db.transaction('totals').objectStore('totals').count(IDBKeyRange.bound('word|', 'word|\uffff')); rq.onsuccess = () => res(rq.result); });
  return { v, words: n, waitedMs: Math.round(performance.now() - t) };
});
console.log(r, 'total s', (Date.now() - t0) / 1000);
await context.close();
