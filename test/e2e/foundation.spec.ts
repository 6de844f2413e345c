import { expect, readFixture, routePage, test } from './fixtures';

test('the service worker starts and the manifest carries the name, icon and permissions', async ({ serviceWorker }) => {
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.icons?.['128']).toBeTruthy();
  expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'alarms', 'notifications']));
  expect(await serviceWorker.evaluate(() => chrome.i18n.getMessage('extName'))).toBe('Callmark');
});

test('the popup and the options page render with the extension name', async ({ openExtensionPage }) => {
  for (const file of ['popup.html', 'options.html']) {
    const page = await openExtensionPage(file);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await expect(page.getByText('Callmark').first()).toBeVisible();
    expect(errors).toEqual([]);
    await page.close();
  }
});

test('a content script on a directory page asks the database and shows its answer', async ({ context, serviceWorker }) => {
  await serviceWorker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
    await hooks.handlers.logCall(
      {
        listing: { directory: '2gis', name: 'Кампус, кафе-бар', phones: ['+7 (495) 708‒31‒12'], siteId: '4504127908538124' },
        call: { outcome: 'refused', reason: 'дорого' },
      },
      {},
    );
  });
  await routePage(context, 'https://2gis.ru/**', readFixture('sites/2gis/firm_page.html'));
  const page = await context.newPage();
  await page.goto('https://2gis.ru/moscow/firm/4504127908538124');
  const badge = page.locator('callmark-badge').first();
  await expect(badge).toHaveAttribute('data-status', 'refused');
  await expect(badge).toHaveAttribute('data-match', 'exact');
});

test('a web page cannot reach the background', async ({ context }) => {
  await routePage(context, 'https://evil.example/**', '<!doctype html><title>x</title><p>hi</p>');
  const page = await context.newPage();
  await page.goto('https://evil.example/');
  const reachable = await page.evaluate(() => {
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    return typeof runtime?.sendMessage === 'function';
  });
  expect(reachable).toBe(false);
});
