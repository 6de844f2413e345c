import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, readFixture, REAL_FIXTURES, routePage, test } from './fixtures';
import { badgeLabel, badgeOf, cardHtml, firms, LIST_URL, listPage, saveSettings, seedCall, statuses } from './overlay-helpers';

// Issue 3: the directory overlay, in real Chromium with the test build, on routed 2GIS URLs.

test('badges with the right statuses appear on a 2GIS search list', async ({ context, serviceWorker }) => {
  await seedCall(serviceWorker, { id: '5348552838561001', name: 'Колосок, пекарня-кондитерская', address: 'Невский проспект, 20' }, { outcome: 'refused', reason: 'дорого' });
  await routePage(context, 'https://2gis.ru/**', readFixture('sites/2gis/search_list.html'));
  const page = await context.newPage();
  await page.goto('https://2gis.ru/spb/search/%D0%BF%D0%B5%D0%BA%D0%B0%D1%80%D0%BD%D1%8F');
  const refused = page.locator('callmark-badge[data-status="refused"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toHaveAttribute('data-match', 'exact');
  // The name comes from the page's embedded state ("Колосок, пекарня-кондитерская").
  await expect(refused).toHaveAttribute('data-name', /^Колосок/);
  // The badge sits right after the listing's name link.
  expect(await refused.evaluate((b) => b.previousElementSibling?.textContent?.trim())).toBe('Колосок');
  await expect(refused.locator('button')).toHaveAccessibleName(/^Callmark: refused — дорого/);
  await expect(refused.locator('button')).toHaveText('✕ refused');
  const others = page.locator('callmark-badge:not([data-status="refused"])');
  expect(await others.count()).toBeGreaterThan(0);
  for (const b of await others.all()) {
    await expect(b).toHaveAttribute('data-status', 'new');
    await expect(b).toHaveAttribute('data-match', 'none');
  }
});

test('a call-back shows its date, a likely match is marked, details show on hover', async ({ context, serviceWorker }) => {
  const [a, b] = firms(2);
  const when = new Date(Date.now() + 3 * 86_400_000);
  when.setHours(10, 0, 0, 0);
  await seedCall(serviceWorker, a!, { outcome: 'callback', callbackAt: when.toISOString(), note: 'спросить Ивана' });
  // Same name, logged on another directory at another address: only the name matches.
  await seedCall(serviceWorker, { directory: 'zoon', id: 'kafe-arbat-99', name: b!.name, address: 'Арбат, 99' }, { outcome: 'interested' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  const dd = String(when.getDate()).padStart(2, '0');
  const mm = String(when.getMonth() + 1).padStart(2, '0');
  await expect(badgeLabel(page, a!.name)).toHaveText(new RegExp(`^↻ call back (${dd}.${mm}|${mm}.${dd})$`));
  await expect(badgeOf(page, b!.name)).toHaveAttribute('data-match', 'likely');
  await expect(badgeOf(page, b!.name).locator('button')).toHaveAttribute('data-q', '?'); // drawn by ::after
  await expect(badgeOf(page, b!.name).locator('button')).toHaveAccessibleName(/^Callmark: interested, likely match/);
  await badgeOf(page, a!.name).locator('button').hover();
  const tip = page.locator('callmark-layer .tip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('спросить Ивана');
  await expect(tip).toContainText('Calls: 1 call');
});

test('listings added by script get badges, one lookup per burst', async ({ context }) => {
  const all = firms(60);
  await routePage(context, 'https://2gis.ru/**', listPage(all.slice(0, 10)));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(page.locator('callmark-badge')).toHaveCount(10);
  // The figures are written once the detector is idle, a little after the badges: wait for them.
  const stats = async () => JSON.parse((await page.locator('html').getAttribute('data-callmark-stats')) ?? '{}') as { listings?: number; lookups?: number };
  await expect.poll(async () => { const s = await stats(); return s.listings === 10 && (s.lookups ?? 0) >= 1; }).toBe(true);
  const before = (await stats()).lookups!;
  // Infinite scroll: 50 cards appended one by one.
  await page.evaluate((html) => {
    const list = document.getElementById('list')!;
    for (const card of html) list.insertAdjacentHTML('beforeend', card);
  }, all.slice(10).map(cardHtml));
  await expect(page.locator('callmark-badge')).toHaveCount(60);
  await expect
    .poll(async () => (await stats()).lookups)
    .toBe(before + 1);
  // A rescan never duplicates: touch the list again.
  await page.evaluate(() => document.getElementById('list')!.append(document.createElement('div')));
  await page.waitForTimeout(500);
  await expect(page.locator('callmark-badge')).toHaveCount(60);
});

test('SPA navigation re-scans the page', async ({ context, serviceWorker }) => {
  const [a, b, c] = firms(3);
  await seedCall(serviceWorker, c!, { outcome: 'client' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(page.locator('callmark-badge')).toHaveCount(2);
  await page.evaluate((html) => {
    history.pushState({}, '', '/moscow/search/%D0%B1%D0%B0%D1%80');
    document.getElementById('list')!.innerHTML = html;
  }, cardHtml(c!));
  await expect(page.locator('callmark-badge')).toHaveCount(1);
  await expect(badgeOf(page, c!.name)).toHaveAttribute('data-status', 'client');
  // Back: the old list again.
  await page.evaluate((html) => {
    history.back();
    document.getElementById('list')!.innerHTML = html;
  }, [a!, b!].map(cardHtml).join(''));
  await expect.poll(() => statuses(page)).toEqual([`${a!.name}:new`, `${b!.name}:new`]);
});

test('a site switched off gets no badges; switching it on brings them back, at once', async ({ context, serviceWorker }) => {
  await saveSettings(serviceWorker, { disabledSites: ['2gis.ru'] });
  await routePage(context, 'https://2gis.ru/**', listPage(firms(3)));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await page.waitForTimeout(1500);
  await expect(page.locator('callmark-badge')).toHaveCount(0);
  await saveSettings(serviceWorker, { disabledSites: [] });
  await expect(page.locator('callmark-badge')).toHaveCount(3);
  // Paused everywhere: every badge goes.
  await saveSettings(serviceWorker, { overlayEnabled: false });
  await expect(page.locator('callmark-badge')).toHaveCount(0);
  await saveSettings(serviceWorker, { overlayEnabled: true });
  await expect(page.locator('callmark-badge')).toHaveCount(3);
});

test('a click on a badge does not follow the card link, and the page never sees it', async ({ context }) => {
  const [a] = firms(1);
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await page.evaluate(() => {
    (window as unknown as { pageClicks: number }).pageClicks = 0;
    document.getElementById('list')!.addEventListener('click', () => (window as unknown as { pageClicks: number }).pageClicks++);
  });
  await expect(badgeOf(page, a!.name)).toHaveCount(1);
  await badgeOf(page, a!.name).locator('button').click();
  await expect(page.locator('callmark-layer .menu')).toBeVisible();
  expect(page.url()).toBe(LIST_URL);
  expect(await page.evaluate(() => (window as unknown as { pageClicks: number }).pageClicks)).toBe(0);
});

test('release-style privacy: no status, reason or note in the page DOM text or attributes other than the test hooks', async ({ context, serviceWorker }) => {
  const [a] = firms(1);
  await seedCall(serviceWorker, a!, { outcome: 'refused', reason: 'уже есть поставщик', note: 'секрет' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'refused');
  // What a page script or session recorder can read: light DOM only.
  const light = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('callmark-badge').forEach((b) => ['data-status', 'data-match', 'data-name'].forEach((n) => b.removeAttribute(n)));
    clone.removeAttribute('data-callmark-stats');
    return clone.outerHTML;
  });
  expect(light).not.toContain('уже есть поставщик');
  expect(light).not.toContain('секрет');
  expect(light).not.toContain('refused');
});

const REAL_2GIS = path.join(REAL_FIXTURES, '2gis/moscow_cafe_search_2020.html');

test('a real 2GIS search page (2020): every listing badged, a known one with its status', async ({ context, serviceWorker }) => {
  test.skip(!existsSync(REAL_2GIS), `no real page at ${REAL_2GIS}`);
  const expected = JSON.parse(readFileSync(REAL_2GIS.replace('.html', '.expected.json'), 'utf8')).components as Array<{
    componentUrl: { pageUrl: string };
    'text.title': string;
  }>;
  const first = expected[0]!;
  const id = /firm\/(\d+)/.exec(first.componentUrl.pageUrl)![1]!;
  await seedCall(serviceWorker, { id, name: first['text.title'] }, { outcome: 'do_not_call' });
  await routePage(context, 'https://2gis.ru/**', readFileSync(REAL_2GIS, 'utf8'));
  const page = await context.newPage();
  // The saved page's own scripts never finish loading here: do not wait for "load".
  await page.goto('https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('callmark-badge')).toHaveCount(expected.length, { timeout: 30_000 });
  const names = await page.locator('callmark-badge').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-name')));
  expect(names.sort()).toEqual(expected.map((c) => c['text.title']).sort());
  const known = page.locator('callmark-badge[data-status="do_not_call"]');
  await expect(known).toHaveCount(1);
  await expect(known).toHaveAttribute('data-name', first['text.title']);
});
