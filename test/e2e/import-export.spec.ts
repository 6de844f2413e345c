import { expect, launchWithExtension, routePage, test } from './fixtures';
import { badgeOf, firms, LIST_URL, listPage } from './overlay-helpers';

const list = firms(3);
const CSV = [
  'Название;Адрес;Город;Статус;Причина отказа;Дата звонка;Менеджер',
  `${list[0]!.name};${list[0]!.address};Москва;Отказ;дорого;01.03.2024;Анна`,
  `${list[1]!.name};${list[1]!.address};Москва;Клиент;;02.03.2024 14:30;Борис`,
  'Без телефона и имени;;;;;;',
  ';;Москва;;;;',
].join('\r\n');

test('import through the options page, then the directory page shows the imported statuses; a backup restores them in a fresh profile', async ({ context, openExtensionPage }) => {
  const options = await openExtensionPage('options.html#import');
  await options.getByTestId('import-file').setInputFiles({ name: 'база.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(options.getByTestId('import-summary')).toHaveText('created 3, updated 0, skipped 0, rejected 1');
  await expect(options.getByTestId('import-rejected')).toContainText('Row 5: no company name and no phone');
  await options.getByTestId('import-confirm').click();
  await expect(options.getByTestId('import-summary')).toContainText('created 3, updated 0, skipped 0, rejected 1');
  // The reports on the same page follow once the totals are rebuilt, with no reload.
  await options.getByTestId('section-reports').scrollIntoViewIfNeeded();
  const statuses = options.getByTestId('report-statuses');
  await expect(statuses.locator('tr[data-key="refused"] td[data-col="count"]')).toHaveText('1');
  await expect(statuses.locator('tr[data-key="client"] td[data-col="count"]')).toHaveText('1');
  await expect(statuses.locator('tr[data-key="new"] td[data-col="count"]')).toHaveText('1');

  await routePage(context, 'https://2gis.ru/**', listPage(list));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, list[0]!.name)).toHaveAttribute('data-status', 'refused');
  await expect(badgeOf(page, list[1]!.name)).toHaveAttribute('data-status', 'client');
  await expect(badgeOf(page, list[2]!.name)).toHaveAttribute('data-status', 'new');

  // Importing the same file again: nothing new.
  await options.getByTestId('import-file').setInputFiles({ name: 'база.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(options.getByTestId('import-summary')).toHaveText('created 0, updated 3, skipped 0, rejected 1');

  const download = options.waitForEvent('download');
  await options.getByTestId('backup-download').click();
  const file = await (await download).path();

  const fresh = await launchWithExtension();
  try {
    const worker = fresh.serviceWorkers()[0] ?? (await fresh.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const restorePage = await fresh.newPage();
    await restorePage.goto(`chrome-extension://${id}/options.html#io`);
    await restorePage.getByTestId('restore-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await expect(restorePage.getByTestId('restore-error')).toContainText('not a Callmark backup');
    await restorePage.getByTestId('restore-file').setInputFiles(file);
    await restorePage.getByTestId('restore-replace').check();
    await expect(restorePage.getByTestId('restore-confirm')).toBeDisabled();
    await restorePage.getByTestId('restore-replace-ack').check();
    await restorePage.getByTestId('restore-confirm').click();
    await expect(restorePage.getByTestId('restore-summary')).toHaveText('Restored: 3 companies and 2 calls.');

    await routePage(fresh, 'https://2gis.ru/**', listPage(list));
    const again = await fresh.newPage();
    await again.goto(LIST_URL);
    await expect(badgeOf(again, list[0]!.name)).toHaveAttribute('data-status', 'refused');
    await expect(badgeOf(again, list[1]!.name)).toHaveAttribute('data-status', 'client');
  } finally {
    await fresh.close();
  }
});
