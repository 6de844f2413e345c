/**
 * Settings that change what the badges and menus show (issue 9): a renamed
 * refusal reason follows on old calls, a retired one leaves the menu, the
 * language switches every page and the badges, and the badge size applies at
 * once, on a routed 2GIS page.
 */
import { expect, routePage, test } from './fixtures';
import { badgeLabel, badgeOf, firms, LIST_URL, listPage, openMenu, seedCall } from './overlay-helpers';

test('a reason renamed in settings follows on old calls; a retired one leaves the menu and the popup', async ({ context, serviceWorker, openExtensionPage }) => {
  const [a, b] = firms(2);
  await seedCall(serviceWorker, a!, { outcome: 'refused', reason: 'дорого' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, a!.name).locator('button')).toHaveAccessibleName('Callmark: refused — дорого');

  const options = await openExtensionPage('options.html#settings');
  const reasons = options.getByTestId('refusalReasons');
  await expect(reasons.locator('input').first()).toHaveValue('дорого');
  await reasons.locator('input').first().fill('слишком дорого');
  await expect(options.getByTestId('reason-renamed')).toContainText('дорого');
  // Retire "другое" (the last one), and move the renamed reason down one place.
  await reasons.locator('li[data-reason-row="другое"]').getByRole('button', { name: /^Retire/ }).click();
  await reasons.getByRole('button', { name: 'Move down' }).first().click();
  await options.getByTestId('settings-save').click();
  await expect(options.getByTestId('settings-saved')).toBeVisible();
  await expect(options.getByTestId('reasons-retired')).toContainText('другое');

  // The badge of the old call reads the new name, without a reload.
  await expect(badgeOf(page, a!.name).locator('button')).toHaveAccessibleName('Callmark: refused — слишком дорого');
  await badgeOf(page, a!.name).locator('button').hover();
  await expect(page.locator('callmark-layer .tip')).toContainText('слишком дорого');
  // The menu offers the renamed reason in its new place, and no retired one.
  await page.bringToFront();
  const m = await openMenu(page, b!.name);
  await m.locator('[data-outcome="refused"]').click();
  await expect(m.locator('[data-reason]')).toHaveText(['уже есть поставщик', 'слишком дорого', 'выбрали конкурента', 'нет потребности сейчас', 'нет выхода на ЛПР']);

  // The popup's call form offers the same list.
  const popup = await openExtensionPage('popup.html');
  await popup.getByTestId('section-search').click();
  await popup.getByTestId('search-input').fill(a!.name);
  await popup.getByTestId('search-result').first().click();
  await popup.locator('[data-outcome="refused"]').click();
  await expect(popup.locator('[data-reason]')).toHaveText(['уже есть поставщик', 'слишком дорого', 'выбрали конкурента', 'нет потребности сейчас', 'нет выхода на ЛПР']);
  await expect(popup.getByTestId('history')).toContainText('слишком дорого');
});

test('the language: Russian changes the options page, the popup and the badges at once; back to the browser’s', async ({ context, serviceWorker, openExtensionPage }) => {
  const [a, b] = firms(2);
  const id = await seedCall(serviceWorker, a!, { outcome: 'no_answer' });
  await serviceWorker.evaluate(async (companyId) => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall(p: unknown, s: unknown): Promise<unknown> } } }).callmarkTest;
    await hooks.handlers.logCall({ companyId, call: { outcome: 'refused', reason: 'дорого' } }, {});
  }, id);
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeLabel(page, a!.name)).toHaveText('✕ refused');
  await expect(badgeLabel(page, b!.name)).toHaveText('+ new');

  const options = await openExtensionPage('options.html#settings');
  await expect(options.locator('#settings h2')).toHaveText('Settings');
  await options.getByTestId('language').selectOption('ru');
  await options.getByTestId('settings-save').click();
  await expect(options.locator('#settings h2')).toHaveText('Настройки');
  await expect(options.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(options.getByTestId('settings-save')).toHaveText('Сохранить настройки');
  await expect(options.getByTestId('language')).toHaveValue('ru');

  // The directory page: badges and the menu in Russian, with no reload.
  await expect(badgeLabel(page, a!.name)).toHaveText('✕ отказ');
  await expect(badgeLabel(page, b!.name)).toHaveText('+ новая');
  await expect(badgeOf(page, a!.name).locator('button')).toHaveAccessibleName('Callmark: отказ — дорого');
  await badgeOf(page, a!.name).locator('button').hover();
  // Plurals: two calls.
  await expect(page.locator('callmark-layer .tip')).toContainText('2 звонка');
  await page.bringToFront();
  const m = await openMenu(page, b!.name);
  await expect(m.locator('[data-outcome="no_answer"]')).toContainText('Не дозвонились');
  await page.keyboard.press('Escape');

  const popup = await openExtensionPage('popup.html');
  await expect(popup.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(popup.getByTestId('section-search')).toHaveText('Поиск');

  // Back to the browser's language (English here).
  await options.getByTestId('language').selectOption('browser');
  await options.getByTestId('settings-save').click();
  await expect(options.locator('#settings h2')).toHaveText('Settings');
  await expect(badgeLabel(page, a!.name)).toHaveText('✕ refused');
});

test('compact badges are smaller and keep their words for screen readers', async ({ context, serviceWorker, openExtensionPage }) => {
  const [a] = firms(1);
  await seedCall(serviceWorker, a!, { outcome: 'refused', reason: 'дорого' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  const button = badgeOf(page, a!.name).locator('button');
  await expect(button).toBeVisible();
  const normal = (await button.boundingBox())!;

  const options = await openExtensionPage('options.html#settings');
  await options.getByTestId('badgeSize').selectOption('compact');
  await options.getByTestId('settings-save').click();
  await expect(options.getByTestId('settings-saved')).toBeVisible();

  await expect(button).toHaveText('✕'); // the icon alone
  await expect.poll(async () => (await button.boundingBox())!.width).toBeLessThan(normal.width / 2);
  expect((await button.boundingBox())!.height).toBeLessThan(normal.height);
  await expect(button).toHaveAccessibleName('Callmark: refused — дорого');
});

test('rubrics without an industry are listed with counts; mapping one updates the companies and the industry report', async ({ serviceWorker, openExtensionPage }) => {
  const listing = (n: number) => ({ directory: '2gis', name: `Шины №${n}`, phones: [], category: 'Пункт вулканизации', siteId: String(7_100_000 + n), url: `https://2gis.ru/moscow/firm/${7_100_000 + n}` });
  await serviceWorker.evaluate(
    async (items) => (globalThis as unknown as { callmarkTest: { seed: { calls(items: unknown): Promise<string[]> } } }).callmarkTest.seed.calls(items),
    [1, 2].map((n) => ({ listing: listing(n), calls: [{ outcome: 'refused', reason: 'дорого' }] })),
  );
  const options = await openExtensionPage('options.html#settings');
  const row = options.getByTestId('rubrics-unmapped').locator('tr[data-key="пункт вулканизации"]');
  await expect(row.locator('td[data-col="count"]')).toHaveText('2');
  // The reports read the base once they are on screen, as a user scrolls to them.
  await options.getByTestId('section-reports').scrollIntoViewIfNeeded();
  await expect(options.getByTestId('report-industries').locator('tr[data-key="#unmapped"] td[data-col="companies"]')).toHaveText('2');

  await row.getByTestId('rubric-industry').selectOption('Авто');
  await expect(options.getByTestId('rubrics-status')).toHaveText('2 companies updated.');
  await expect(options.getByTestId('rubrics-none')).toBeVisible();
  await expect(options.getByTestId('rubrics-mapped').locator('tr[data-key="пункт вулканизации"] select')).toHaveValue('Авто');
  await expect(options.getByTestId('report-industries').locator('tr[data-key="Авто"] td[data-col="companies"]')).toHaveText('2');
  await expect(options.getByTestId('report-industries').locator('tr[data-key="#unmapped"]')).toHaveCount(0);
});
