// Takes the README's screenshots from the real (release) extension on the demo
// page: `node scripts/screenshots.mjs` after `npm run build`. Writes docs/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDemo, root } from './demo-browser.mjs';

const out = path.join(root, 'docs/screenshots');

/** A made-up base as a CSV export of another CRM would hold it (deterministic). */
function demoBaseCsv() {
  const kinds = [
    ['Кофейня', 'Общепит'], ['Ресторан', 'Общепит'], ['Автосервис', 'Авто'], ['Шиномонтаж', 'Авто'], ['Стоматология', 'Медицина'],
    ['Клиника', 'Медицина'], ['Салон красоты', 'Красота и здоровье'], ['Фитнес-клуб', 'Красота и здоровье'], ['Магазин', 'Розничная торговля'],
  ];
  const names = ['Альфа', 'Вега', 'Зенит', 'Орион', 'Сфера', 'Лидер', 'Уют', 'Север', 'Восток', 'Нева', 'Ромашка', 'Зёрна', 'Гранат', 'Парус'];
  const cities = ['Москва', 'Санкт-Петербург', 'Казань', 'Екатеринбург'];
  const outcomes = [['Отказ', 5], ['Перезвонить', 3], ['Интерес', 2], ['Клиент', 1], ['Не пользуется', 2], ['Не дозвонились', 3], ['Закрыта', 1], ['', 3]];
  const reasons = ['дорого', 'уже есть поставщик', 'нет потребности сейчас', 'нет выхода на ЛПР', 'выбрали конкурента'];
  const managers = ['Анна Смирнова', 'Борис Котов', 'Вера Павлова'];
  let x = 7;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const weighted = () => {
    let r = rnd() * outcomes.reduce((a, [, w]) => a + w, 0);
    for (const [o, w] of outcomes) if ((r -= w) < 0) return o;
    return '';
  };
  const day = (d) => {
    const at = new Date(Date.now() - d * 86_400_000);
    return `${String(at.getDate()).padStart(2, '0')}.${String(at.getMonth() + 1).padStart(2, '0')}.${at.getFullYear()}`;
  };
  const lines = ['Название;Телефон;Город;Отрасль;Статус;Причина отказа;Дата звонка;Менеджер'];
  for (let i = 0; i < 400; i++) {
    const [kind, industry] = pick(kinds);
    const status = weighted();
    const phone = `+7 (495) ${String(200 + i).padStart(3, '0')}-${String(10 + (i % 90)).padStart(2, '0')}-${String(10 + ((i * 7) % 90)).padStart(2, '0')}`;
    lines.push([`${kind} «${pick(names)}» ${i + 1}`, phone, pick(cities), industry, status, status === 'Отказ' ? pick(reasons) : '', status ? day(Math.floor(rnd() * 180)) : '', status ? pick(managers) : ''].join(';'));
  }
  return lines.join('\n');
}
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

// The base table and the reports, on a base brought in as a user would: an
// imported CSV of 400 companies over the last six months, by three managers.
await options.goto(`chrome-extension://${extensionId}/options.html#io`);
await options.getByTestId('import-file').setInputFiles({ name: 'база-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(demoBaseCsv(), 'utf8') });
await options.getByTestId('import-confirm').waitFor();
await options.getByTestId('import-confirm').click();
await options.getByText(/^Импорт завершён|^Imported/).first().waitFor({ timeout: 60_000 });
await options.setViewportSize({ width: 1440, height: 900 });
await options.goto(`chrome-extension://${extensionId}/options.html#base`);
await options.getByTestId('base-row').first().waitFor();
await options.waitForTimeout(500);
await options.locator('#base').screenshot({ path: path.join(out, 'base.png') });
await options.getByTestId('report-statuses').locator('tr[data-key="refused"] td[data-col="count"]').filter({ hasNotText: /^0$/ }).waitFor();
await options.goto(`chrome-extension://${extensionId}/options.html#reports`);
await options.getByTestId('report-industries').waitFor();
await options.waitForTimeout(1500); // Chart.js draws after the tables
await options.screenshot({ path: path.join(out, 'reports.png') });

await context.close();
console.log(`Screenshots in ${path.relative(root, out)}/`);
