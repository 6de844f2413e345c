/**
 * The options page: it renders with the name, icon and every section, and its
 * settings section saves valid settings and refuses invalid ones.
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

async function storedSettings(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? {});
}

test('the options page renders with the name, icon, settings and every section', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1100, height: 1400 });
  await expect(page.locator('h1')).toHaveText('Callmark');
  expect(await page.locator('header img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page).toHaveTitle(/Callmark/);
  await expect(page.getByTestId('managerName')).toHaveValue('');
  await expect(page.getByTestId('defaultCountry')).toHaveValue('RU');
  await expect(page.getByTestId('staleAfterDays')).toHaveValue('180');
  await expect(page.getByTestId('requireRefusalReason')).toBeChecked();
  await expect(page.getByTestId('refusalReasons').locator('input')).toHaveCount(6);
  await expect(page.getByTestId('refusalReasons').locator('input').first()).toHaveValue('дорого');
  for (const id of ['section-base', 'section-reports', 'section-io']) await expect(page.getByTestId(id)).toBeVisible();
  await page.screenshot({ path: '/tmp/callmark-options.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('opened at the reports: they come first, the other sections after without moving them, and the menu reaches every section', async ({ context, openExtensionPage }) => {
  // Where the reports were on screen when their first table appeared, and whether the settings were drawn yet.
  await context.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="report-statuses"]')) return;
      seen.disconnect();
      const top = document.querySelector('[data-testid="section-reports"]')!.getBoundingClientRect().top;
      (window as unknown as { firstDraw: unknown }).firstDraw = { top: Math.round(top), settingsDrawn: !!document.querySelector('[data-testid="managerName"]') };
    });
    seen.observe(document, { childList: true, subtree: true });
  });
  const page = await openExtensionPage('options.html#reports');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await expect(page.getByTestId('report-statuses')).toBeVisible();
  // The others are drawn once the reports have drawn; the reports stay where they were on screen.
  await expect(page.getByTestId('managerName')).toBeAttached();
  await expect(page.getByTestId('section-base')).toBeAttached();
  await expect(page.getByTestId('section-io')).toBeAttached();
  const first = await page.evaluate(() => (window as unknown as { firstDraw: { top: number; settingsDrawn: boolean } }).firstDraw);
  expect(first.settingsDrawn).toBe(false);
  const top = await page.getByTestId('section-reports').evaluate((el) => Math.round(el.getBoundingClientRect().top));
  expect(Math.abs(top - first.top)).toBeLessThanOrEqual(1);
  // The menu goes to a section above them.
  await page.locator('nav a[href="#settings"]').click();
  await expect(page.getByTestId('managerName')).toBeInViewport();
  expect(errors).toEqual([]);
});

test('settings are saved, and invalid input shows a message and saves nothing', async ({ openExtensionPage, serviceWorker }) => {
  const page = await openExtensionPage('options.html');
  await expect(page.getByTestId('managerName')).toBeVisible();

  // Invalid: a fraction of a day, a duplicate reason.
  await page.getByTestId('managerName').fill('Олег');
  await page.getByTestId('staleAfterDays').fill('1.5');
  const reasons = page.getByTestId('refusalReasons');
  await reasons.getByRole('button', { name: /Add/ }).click();
  await reasons.locator('input').last().fill('Дорого');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-error')).toBeVisible();
  await expect(page.getByText('A whole number of days from 1 to 3650.')).toBeVisible();
  await expect(page.getByText('“Дорого” is already in the list.')).toBeVisible();
  expect((await storedSettings(serviceWorker)).managerName ?? '').toBe('');
  await page.screenshot({ path: '/tmp/callmark-options-errors.png', fullPage: true });

  // Fixed: saved as a whole.
  await page.getByTestId('staleAfterDays').fill('90');
  await reasons.locator('input').last().fill('сезон закончился');
  await reasons.getByRole('button', { name: /^Retire/ }).first().click(); // "дорого" leaves the menu
  await page.getByTestId('defaultCountry').selectOption('KZ');
  await page.getByTestId('requireRefusalReason').uncheck();
  const industries = page.getByTestId('industries');
  await industries.getByRole('button', { name: /Add/ }).click();
  await industries.locator('input').last().fill('Фитнес');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  const saved = await storedSettings(serviceWorker);
  expect(saved).toMatchObject({ managerName: 'Олег', staleAfterDays: 90, defaultCountry: 'KZ', requireRefusalReason: false });
  expect(saved.refusalReasons).toEqual(['уже есть поставщик', 'выбрали конкурента', 'нет потребности сейчас', 'нет выхода на ЛПР', 'другое', 'сезон закончился']);
  expect(saved.retiredReasons).toEqual(['дорого']);
  await expect(page.getByTestId('reasons-retired')).toContainText('дорого');
  expect((saved.industries as string[]).at(-1)).toBe('Фитнес');

  // Reordering a list is saved too, and the page shows what is stored after a reload.
  await page.reload();
  await expect(page.getByTestId('staleAfterDays')).toHaveValue('90');
  await page.getByTestId('refusalReasons').getByRole('button', { name: 'Move down' }).first().click();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  expect(((await storedSettings(serviceWorker)).refusalReasons as string[]).slice(0, 2)).toEqual(['выбрали конкурента', 'уже есть поставщик']);
});

test('the sites section lists where badges are off and where Callmark was turned on, and undoes either', async ({ openExtensionPage, serviceWorker }) => {
  await serviceWorker.evaluate(async () => {
    await chrome.storage.local.set({ settings: { disabledSites: ['2gis.ru', 'zoon.ru'], extraSites: ['example.org'] } });
  });
  const page = await openExtensionPage('options.html');
  const off = page.getByTestId('sites-off');
  await expect(off.locator('li')).toHaveText([/2gis\.ru/, /zoon\.ru/]);
  await expect(page.getByTestId('sites-extra').locator('li')).toHaveText([/example\.org/]);

  await off.locator('li', { hasText: '2gis.ru' }).getByRole('button').click();
  await expect(off.locator('li')).toHaveText([/zoon\.ru/]);
  expect((await storedSettings(serviceWorker)).disabledSites).toEqual(['zoon.ru']);

  await page.getByTestId('sites-extra').getByRole('button').click();
  await expect(page.getByTestId('sites-extra')).toHaveCount(0);
  expect((await storedSettings(serviceWorker)).extraSites).toEqual([]);
});
