// Takes the README's screenshots from the real (release) extension on the demo
// page: `node scripts/screenshots.mjs` after `npm run build`. Writes docs/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDemo, root } from './demo-browser.mjs';

const out = path.join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const { context, page, extensionId } = await openDemo({
  extensionDir: path.join(root, '.output/chrome-mv3'),
  headless: true,
  viewport: { width: 1280, height: 820 },
});

const badges = page.locator('callmark-badge');
await badges.nth(11).waitFor({ state: 'attached', timeout: 15_000 });
await page.waitForTimeout(1500);
await page.screenshot({ path: path.join(out, 'badges.png'), clip: { x: 0, y: 0, width: 1280, height: 820 } });

// Hover for the details, then open the call menu on a new listing.
await badges.nth(1).hover();
await page.waitForTimeout(600);
await page.screenshot({ path: path.join(out, 'details.png'), clip: { x: 0, y: 40, width: 760, height: 420 } });
await badges.nth(3).scrollIntoViewIfNeeded();
await page.evaluate(() => document.querySelector('._list').scrollBy(0, 300));
await page.waitForTimeout(300);
await badges.nth(3).click();
await page.waitForTimeout(600);
const box = await badges.nth(3).boundingBox();
await page.screenshot({ path: path.join(out, 'menu.png'), clip: { x: 0, y: Math.max(0, box.y - 60), width: 760, height: 420 } });
await page.keyboard.press('Escape');

// The demo page is the only tab so far (without the "tabs" permission a query by URL finds nothing).
const tabId = await context.serviceWorkers()[0].evaluate(async () => (await chrome.tabs.query({}))[0]?.id);
const popup = await context.newPage();
await popup.setViewportSize({ width: 400, height: 600 });
await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
await popup.waitForTimeout(1500);
await popup.screenshot({ path: path.join(out, 'popup.png') });

const options = await context.newPage();
await options.setViewportSize({ width: 1100, height: 800 });
await options.goto(`chrome-extension://${extensionId}/options.html`);
await options.waitForTimeout(800);
await options.screenshot({ path: path.join(out, 'options.png') });

await context.close();
console.log(`Screenshots in ${path.relative(root, out)}/`);
