import { expect, routePage, test } from './fixtures';
import { badgeLabel, badgeOf, firms, LIST_URL, listPage, menu, openMenu, saveSettings, searchBase, seedCall, statuses } from './overlay-helpers';

// Issue 4 "From the page": the badge's call menu, in real Chromium with the test build.

const OUTCOMES = ['no_answer', 'callback', 'interested', 'client', 'refused', 'not_user', 'closed', 'wrong_number', 'do_not_call'] as const;

test('log each outcome from the badge menu; after a reload every status is still there', async ({ context, serviceWorker }) => {
  const list = firms(OUTCOMES.length);
  await routePage(context, 'https://2gis.ru/**', listPage(list));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(page.locator('callmark-badge')).toHaveCount(list.length);

  for (const [i, outcome] of OUTCOMES.entries()) {
    const firm = list[i]!;
    const m = await openMenu(page, firm.name);
    await m.locator(`[data-outcome="${outcome}"]`).click();
    if (outcome === 'callback') {
      await m.locator('[data-quick="tomorrow"]').click();
      await m.locator('[data-action="save"]').click();
    } else if (outcome === 'refused') {
      await m.locator('[data-reason="дорого"]').click();
      await m.locator('[data-action="save"]').click();
    }
    await expect(menu(page)).toHaveCount(0);
    await expect(badgeOf(page, firm.name)).toHaveAttribute('data-status', outcome);
    await expect(badgeOf(page, firm.name)).toHaveAttribute('data-match', 'exact');
  }
  await expect(badgeLabel(page, list[4]!.name)).toHaveText('✕ refused');
  await expect(badgeOf(page, list[4]!.name).locator('button')).toHaveAccessibleName('Callmark: refused — дорого');

  await page.reload();
  await expect.poll(() => statuses(page)).toEqual(list.map((f, i) => `${f.name}:${OUTCOMES[i]}`));
  // Each listing became one company, created from what the page showed.
  const base = await searchBase(serviceWorker, 'Кафе №');
  expect(base).toHaveLength(OUTCOMES.length);
  expect(base.every((c) => c.callCount === 1)).toBe(true);
});

test('a simple outcome takes one click and keeps the typed note; keyboard: Enter opens, a number chooses, Esc closes', async ({ context }) => {
  const [a, b] = firms(2);
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  const m = await openMenu(page, a!.name);
  await m.locator('[data-field="note"]').fill('секретарь, ЛПР после обеда');
  await m.locator('[data-outcome="no_answer"]').click();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'no_answer');
  await page.reload();
  await badgeOf(page, a!.name).locator('button').hover();
  await expect(page.locator('callmark-layer .tip')).toContainText('секретарь, ЛПР после обеда');

  await badgeOf(page, b!.name).locator('button').focus();
  await page.keyboard.press('Enter');
  await expect(menu(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(menu(page)).toBeVisible();
  await page.keyboard.press('3');
  await expect(badgeOf(page, b!.name)).toHaveAttribute('data-status', 'interested');
  await expect(menu(page)).toHaveCount(0);
  expect(page.url()).toBe(LIST_URL);
});

test('undo really removes the call', async ({ context, serviceWorker }) => {
  const [a] = firms(1);
  await seedCall(serviceWorker, a!, { outcome: 'no_answer' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'no_answer');
  const m = await openMenu(page, a!.name);
  await m.locator('[data-outcome="do_not_call"]').click();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'do_not_call');
  const toast = page.locator('callmark-layer .toast');
  await expect(toast).toContainText('Do not call');
  await toast.locator('[data-action="undo"]').click();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'no_answer');
  await expect(toast).toContainText('Undone');
  const [company] = await searchBase(serviceWorker, a!.name);
  expect(company).toMatchObject({ status: 'no_answer', callCount: 1 });
  await page.reload();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'no_answer');
});

test('a call logged in one tab updates the badge in another within a second or two', async ({ context }) => {
  const [a, b] = firms(2);
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(LIST_URL);
  await second.goto(LIST_URL);
  await expect(second.locator('callmark-badge')).toHaveCount(2);
  const m = await openMenu(first, b!.name);
  await m.locator('[data-outcome="client"]').click();
  await expect(badgeOf(first, b!.name)).toHaveAttribute('data-status', 'client');
  const t0 = Date.now();
  await expect(badgeOf(second, b!.name)).toHaveAttribute('data-status', 'client', { timeout: 2000 });
  expect(Date.now() - t0).toBeLessThan(2000);
  await expect(badgeOf(second, a!.name)).toHaveAttribute('data-status', 'new');
});

test('bad input gets a clear message in the menu and nothing is saved', async ({ context, serviceWorker }) => {
  const [a] = firms(1);
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  const m = await openMenu(page, a!.name);
  await m.locator('[data-outcome="callback"]').click();
  await m.locator('[data-field="callbackAt"]').fill('2020-01-01T10:00');
  await m.locator('[data-action="save"]').click();
  await expect(m.getByRole('alert')).toHaveText('The call-back time is in the past.');
  await m.getByRole('button', { name: 'Back' }).click();
  await m.locator('[data-outcome="refused"]').click();
  await m.locator('[data-action="save"]').click();
  await expect(m.getByRole('alert')).toHaveText('Give a reason for the refusal.');
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'new');
  expect(await searchBase(serviceWorker, a!.name)).toHaveLength(0);
  // A typed reason is enough.
  await m.locator('[data-field="reason"]').fill('сами делают');
  await m.locator('[data-action="save"]').click();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'refused');
  await expect(badgeOf(page, a!.name).locator('button')).toHaveAccessibleName('Callmark: refused — сами делают');
});

test('refusal reasons come from settings; with no reason required a refusal saves without one', async ({ context, serviceWorker }) => {
  await saveSettings(serviceWorker, { refusalReasons: ['работают с конкурентом', 'закрываются'], requireRefusalReason: false });
  const [a] = firms(1);
  await routePage(context, 'https://2gis.ru/**', listPage([a!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  const m = await openMenu(page, a!.name);
  await m.locator('[data-outcome="refused"]').click();
  await expect(m.locator('[data-reason]')).toHaveText(['работают с конкурентом', 'закрываются']);
  await m.locator('[data-action="save"]').click();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'refused');
});

test('a name-only match: the menu lets the user log against that company or a new one', async ({ context, serviceWorker }) => {
  const [a, b] = firms(2);
  // Same names as the page's, logged on another directory at other addresses: only the names match.
  // (On 2GIS itself, another firm id at another address is another branch of a chain, not a likely match.)
  await seedCall(serviceWorker, { directory: 'zoon', id: 'kafe-1-arbat', name: a!.name, address: 'Арбат, 1' }, { outcome: 'interested' });
  await seedCall(serviceWorker, { directory: 'zoon', id: 'kafe-2-arbat', name: b!.name, address: 'Арбат, 2' }, { outcome: 'interested' });
  await routePage(context, 'https://2gis.ru/**', listPage([a!, b!]));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-match', 'likely');

  let m = await openMenu(page, a!.name);
  await expect(m.locator('[data-candidate]')).toHaveCount(2); // the candidate and "a new company"
  await m.locator('[data-candidate="new"]').click();
  await m.locator('[data-outcome="wrong_number"]').click();
  await expect(badgeOf(page, a!.name)).toHaveAttribute('data-status', 'wrong_number');
  expect((await searchBase(serviceWorker, a!.name)).map((c) => c.status).sort()).toEqual(['interested', 'wrong_number']);

  m = await openMenu(page, b!.name);
  await m.locator('[data-outcome="client"]').click(); // the likely candidate is preselected
  await expect(badgeOf(page, b!.name)).toHaveAttribute('data-status', 'client');
  expect((await searchBase(serviceWorker, b!.name)).map((c) => c.status)).toEqual(['client']);
});

test('the menu stays in the viewport and closes on an outside click', async ({ context }) => {
  const list = firms(30);
  await routePage(context, 'https://2gis.ru/**', listPage(list));
  const page = await context.newPage();
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto(LIST_URL);
  await badgeOf(page, list[29]!.name).scrollIntoViewIfNeeded();
  const m = await openMenu(page, list[29]!.name);
  const box = (await m.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(500);
  expect(box.x + box.width).toBeLessThanOrEqual(800);
  await page.mouse.click(5, 5);
  await expect(menu(page)).toHaveCount(0);
});
