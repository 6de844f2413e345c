import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REAL_FIXTURES, expect, routePage, test } from './fixtures';

/**
 * The real directory pages in ../shared/fixtures/real, served under the
 * directory's real address: the manifest's URL patterns inject the content
 * script, and every listing gets exactly one badge. (2GIS is in overlay.spec.ts.)
 */
const PAGES = [
  { file: 'google_maps/seattle_central_library_search_list.html', url: 'https://www.google.com/maps/search/central+library/@47.6,-122.3,12z', glob: 'https://www.google.com/**', count: 10, name: 'Seattle Public Library - Central Library' },
  { file: 'google_maps/place_tipsy_sticks_nicosia_2023.html', url: 'https://www.google.com/maps/place/Tipsy+Sticks/@35.17,33.36,17z', glob: 'https://www.google.com/**', count: 1, name: 'Tipsy Sticks' },
  { file: 'zoon/spb_kindergartens_list_2024.html', url: 'https://zoon.ru/spb/kindergarten/', glob: 'https://zoon.ru/**', count: 76 },
  { file: 'yellowpages/honolulu_day_spa_4cards_trimmed.html', url: 'https://www.yellowpages.com/search?search_terms=day+spa&geo_location_terms=Honolulu%2C+HI', glob: 'https://www.yellowpages.com/**', count: 4 },
];

for (const p of PAGES) {
  test(`real page ${p.file}: every listing badged once`, async ({ context }) => {
    const file = path.join(REAL_FIXTURES, p.file);
    test.skip(!existsSync(file), `no real page at ${file}`);
    await routePage(context, p.glob, readFileSync(file, 'utf8'));
    const page = await context.newPage();
    // The saved pages' own scripts never finish loading here: do not wait for "load".
    await page.goto(p.url, { waitUntil: 'domcontentloaded' });
    await expect(page.locator('callmark-badge')).toHaveCount(p.count, { timeout: 30_000 });
    await page.waitForTimeout(1500); // a late re-scan must not add a second badge
    await expect(page.locator('callmark-badge')).toHaveCount(p.count);
    const names = await page.locator('callmark-badge').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-name') ?? ''));
    expect(names.every((n) => n.trim().length > 0)).toBe(true);
    expect(new Set(names).size).toBeGreaterThan(p.count / 2);
    if (p.name) expect(names).toContain(p.name);
    await expect(page.locator('callmark-badge').first()).toHaveAttribute('data-status', 'new');
  });
}

test("a real Yellow Pages card matches a company by its American number, written nationally on the page", async ({ context, serviceWorker }) => {
  const file = path.join(REAL_FIXTURES, 'yellowpages/honolulu_day_spa_4cards_trimmed.html');
  test.skip(!existsSync(file), `no real page at ${file}`);
  // Known from a call under another name and with the number in international form.
  await serviceWorker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
    await hooks.handlers.logCall(
      { listing: { directory: 'manual', name: 'Medspa HNL', phones: ['+1 808-528-0888'] }, call: { outcome: 'interested' } },
      {},
    );
  });
  await routePage(context, 'https://www.yellowpages.com/**', readFileSync(file, 'utf8'));
  const page = await context.newPage();
  await page.goto(PAGES[3]!.url, { waitUntil: 'domcontentloaded' });
  const badge = page.locator('callmark-badge[data-name="Honolulu Medspa"]');
  await expect(badge).toHaveAttribute('data-status', 'interested', { timeout: 30_000 });
  await expect(badge).toHaveAttribute('data-match', 'exact');
});
