// `npm start`: builds the extension and opens Chromium with it loaded on the
// bundled demo directory page (demo/), served under the directory's real
// address from this machine, so everything works with no internet.
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const extension = path.join(root, '.output/chrome-mv3');
const profile = path.join(root, '.chromium-profile');
const demoUrl = 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5';
const headless = process.argv.includes('--headless');

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined; // Playwright's own browser, where installed
}

if (!headless && !process.env.DISPLAY && process.platform === 'linux') {
  console.error('No display found. Run on a desktop, or under Xvfb: xvfb-run -a npm start');
  process.exit(1);
}

console.log('Building the extension…');
execSync('npx wxt build', { cwd: root, stdio: 'inherit' });

const context = await chromium.launchPersistentContext(profile, {
  headless,
  executablePath: chromiumPath(),
  viewport: null,
  args: [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
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
const seed = JSON.parse(readFileSync(path.join(root, 'demo/seed.json'), 'utf8'));
const helper = await context.newPage();
await helper.goto(`chrome-extension://${extensionId}/options.html`);
const seeded = await helper.evaluate(async (calls) => {
  const send = (type, payload) => chrome.runtime.sendMessage({ type, payload });
  const existing = await send('search', { query: calls[0].listing.name, limit: 1 });
  if (existing.ok && existing.data.length > 0) return false;
  for (const c of calls) {
    const call = { ...c.call };
    if (call.callbackInDays) {
      call.callbackAt = new Date(Date.now() + call.callbackInDays * 86_400_000).toISOString();
      delete call.callbackInDays;
    }
    await send('logCall', { listing: c.listing, call, pageUrl: c.listing.url });
  }
  return true;
}, seed);
await helper.close();

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(demoUrl);
console.log(`Callmark is running on the demo page${seeded ? ' (demo calls added to the base)' : ''}. Close the browser to stop.`);
if (headless) {
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(root, '.output/start.png') });
  await context.close();
} else {
  await new Promise((resolve) => context.on('close', resolve));
}
