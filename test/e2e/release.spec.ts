import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { RELEASE_DIR, launchWithExtension, readFixture, routePage } from './fixtures';

/**
 * The release build, as users install it: the directory site's own scripts (and
 * session-replay recorders) must not be able to read a status from the page.
 */
const test = base;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('the release build carries no test hooks in what runs on directory pages, nor in the background', () => {
  const scripts = filesUnder(RELEASE_DIR).filter((f) => /(content-scripts\/.*|background)\.js$/.test(f));
  expect(scripts.length).toBeGreaterThanOrEqual(3);
  const found = scripts.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return ['callmarkTest', 'data-outcome', 'data-reason', 'data-field', 'data-action', 'data-match', 'data-status', 'data-name']
      .filter((hook) => code.includes(hook))
      .map((hook) => `${path.relative(RELEASE_DIR, file)}: ${hook}`);
  });
  expect(found).toEqual([]);
});

test('badges show on the page, but the page cannot read what they say', async () => {
  const context = await launchWithExtension(RELEASE_DIR);
  try {
    await context.route(/^https?:\/\//, (route) => (route.request().resourceType() === 'document' ? route.fallback() : route.abort()));
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    // Seed through the protocol from one of the extension's own pages (release builds have no hooks).
    const own = await context.newPage();
    await own.goto(`chrome-extension://${extensionId}/options.html`);
    const reply = await own.evaluate(() =>
      chrome.runtime.sendMessage({
        type: 'logCall',
        payload: {
          listing: { directory: '2gis', name: 'Колосок, пекарня-кондитерская', phones: [], siteId: '5348552838561001' },
          call: { outcome: 'refused', reason: 'уже есть поставщик', note: 'секретная заметка' },
        },
      }),
    );
    expect(reply.ok).toBe(true);

    await routePage(context, 'https://2gis.ru/**', readFixture('sites/2gis/search_list.html'));
    const page = await context.newPage();
    await page.goto('https://2gis.ru/spb/search/%D0%BF%D0%B5%D0%BA%D0%B0%D1%80%D0%BD%D1%8F');
    const hosts = page.locator('callmark-badge');
    await expect(hosts).toHaveCount(3);
    // What the page's own scripts can see:
    const seen = await page.evaluate(() => {
      const all = [...document.querySelectorAll('callmark-badge')];
      return {
        openRoots: all.filter((h) => h.shadowRoot !== null).length,
        attributes: all.flatMap((h) => h.getAttributeNames()),
        text: document.documentElement.outerHTML,
      };
    });
    expect(seen.openRoots).toBe(0);
    expect(seen.attributes.filter((a) => a.startsWith('data-'))).toEqual([]);
    for (const secret of ['уже есть поставщик', 'секретная заметка', 'refused', 'отказ', 'Отказ']) {
      expect(seen.text).not.toContain(secret);
    }
    // …while the user sees the status (the badge has a visible size).
    const box = await hosts.first().boundingBox();
    expect(box && box.width > 8 && box.height > 8).toBe(true);
  } finally {
    await context.close();
  }
});
