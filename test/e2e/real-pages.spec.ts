import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REAL_FIXTURES, expect, routePage, test } from './fixtures';

/**
 * The real directory pages in ../shared/fixtures/real, served under the
 * directory's real address: the manifest's URL patterns inject the content
 * script, and every listing gets exactly one badge. (2GIS is in overlay.spec.ts.)
 */
const PAGES: Array<{ file: string; url: string; glob: string; count: number; name?: string; sameNames?: boolean }> = [
  { file: 'google_maps/seattle_central_library_search_list.html', url: 'https://www.google.com/maps/search/central+library/@47.6,-122.3,12z', glob: 'https://www.google.com/**', count: 10, name: 'Seattle Public Library - Central Library' },
  { file: 'google_maps/place_tipsy_sticks_nicosia_2023.html', url: 'https://www.google.com/maps/place/Tipsy+Sticks/@35.17,33.36,17z', glob: 'https://www.google.com/**', count: 1, name: 'Tipsy Sticks' },
  { file: 'zoon/spb_kindergartens_list_2024.html', url: 'https://zoon.ru/spb/kindergarten/', glob: 'https://zoon.ru/**', count: 76 },
  { file: 'yellowpages/honolulu_day_spa_4cards_trimmed.html', url: 'https://www.yellowpages.com/search?search_terms=day+spa&geo_location_terms=Honolulu%2C+HI', glob: 'https://www.yellowpages.com/**', count: 4 },
  { file: 'google_maps/place_seattle_central_library_2026.html', url: 'https://www.google.com/maps/place/Seattle+Central+Library/@47.6067,-122.3325,17z?hl=en', glob: 'https://www.google.com/**', count: 1, name: 'Seattle Public Library - Central Library' },
  { file: 'yandex_search/hotels_with_pool_spb_desktop.html', url: 'https://yandex.ru/search/?text=%D0%BE%D1%82%D0%B5%D0%BB%D0%B8+%D1%81+%D0%B1%D0%B0%D1%81%D1%81%D0%B5%D0%B9%D0%BD%D0%BE%D0%BC+%D1%81%D0%BF%D0%B1&lr=2', glob: 'https://yandex.ru/**', count: 10 },
  { file: 'yandex_search/hotels_with_pool_spb_short_touch.html', url: 'https://yandex.ru/search/touch/?text=%D0%BE%D1%82%D0%B5%D0%BB%D0%B8+%D1%81+%D0%B1%D0%B0%D1%81%D1%81%D0%B5%D0%B9%D0%BD%D0%BE%D0%BC+%D1%81%D0%BF%D0%B1&lr=2', glob: 'https://yandex.ru/**', count: 7 },
  { file: 'yandex_search/radisson_sonya_desktop.html', url: 'https://yandex.ru/search/?text=radisson+sonya+%D1%81%D0%B0%D0%BD%D0%BA%D1%82-%D0%BF%D0%B5%D1%82%D0%B5%D1%80%D0%B1%D1%83%D1%80%D0%B3&lr=2', glob: 'https://yandex.ru/**', count: 1 },
  // Many branches of one chain: one badge per branch, all under the chain's name.
  { file: 'yandex_maps/search_list_fragment_2023.html', url: 'https://yandex.ru/maps/213/moscow/search/Wildberries/', glob: 'https://yandex.ru/**', count: 609, sameNames: true },
  { file: 'rusprofile/search_kirovsk_2020.html', url: 'https://www.rusprofile.ru/search?query=%D0%BA%D0%B8%D1%80%D0%BE%D0%B2%D1%81%D0%BA&type=ul', glob: 'https://www.rusprofile.ru/**', count: 100 },
  { file: 'rusprofile/company_internet_resheniya_2021.html', url: 'https://www.rusprofile.ru/id/2964458', glob: 'https://www.rusprofile.ru/**', count: 1 },
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
    if (!p.sameNames) expect(new Set(names).size).toBeGreaterThan(p.count / 2);
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
