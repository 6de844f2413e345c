import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REAL_FIXTURES, expect, routePage, test } from './fixtures';
import { menu, searchBase } from './overlay-helpers';

/**
 * Issue 7, "page data always goes in", end to end: on the real 2GIS 2025
 * results page, served under its real address, "refused" with a reason and a
 * note is logged on every badge in turn. Each one is saved (no error in the
 * menu, the badge turns "refused"), and each one is still there after a
 * reload, in the base as one company with one call.
 */
const FILE = path.join(REAL_FIXTURES, '2gis/moscow_carwash_search_2025.html');
const URL = 'https://2gis.ru/moscow/search/%D0%90%D0%B2%D1%82%D0%BE%D0%BC%D0%BE%D0%B9%D0%BA%D0%B8';
/** The page's twelve cards (see ../shared/fixtures/real/README.md). */
const LISTINGS = 12;
const NOTE = 'ЛПР в отпуске, перезвонить осенью';

test('the real 2GIS 2025 page: "refused" with a reason and a note on every badge; all saved, all still there after a reload', async ({
  context,
  serviceWorker,
}) => {
  test.skip(!existsSync(FILE), `no real page at ${FILE}`);
  test.setTimeout(180_000);
  await routePage(context, 'https://2gis.ru/**', readFileSync(FILE, 'utf8'));
  const page = await context.newPage();
  await page.goto(URL, { waitUntil: 'domcontentloaded' });
  const badges = page.locator('callmark-badge');
  await expect(badges).toHaveCount(LISTINGS, { timeout: 30_000 });
  const names = await badges.evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-name') ?? ''));

  for (let i = 0; i < LISTINGS; i++) {
    const badge = badges.nth(i);
    await badge.locator('button').click();
    const m = menu(page);
    await expect(m).toBeVisible();
    await m.locator('[data-outcome="refused"]').click();
    await m.locator('[data-reason="дорого"]').click();
    await m.locator('[data-field="note"]').fill(NOTE);
    await m.locator('[data-action="save"]').click();
    // Saved: the menu closes without an error, and the badge shows the outcome.
    await expect(menu(page), names[i]).toHaveCount(0);
    await expect(badge, names[i]).toHaveAttribute('data-status', 'refused');
  }

  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(badges).toHaveCount(LISTINGS, { timeout: 30_000 });
  await expect
    .poll(() => badges.evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-status'))))
    .toEqual(Array(LISTINGS).fill('refused'));
  await badges.first().locator('button').hover();
  await expect(page.locator('callmark-layer .tip')).toContainText(NOTE);

  // Each listing became its own company, with the one call.
  for (const name of names) {
    const found = (await searchBase(serviceWorker, name)).filter((c) => c.name === name);
    expect(found, name).toHaveLength(1);
    expect(found[0], name).toMatchObject({ status: 'refused', callCount: 1 });
  }
});
