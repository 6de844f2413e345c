/**
 * Call-back reminders in real Chromium: logging a call-back schedules an alarm;
 * the alarm (driven through the alarms API or the test hook, never by waiting
 * hours) raises a notification with the company, its phone and the note; the
 * popup lists due and overdue call-backs.
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const LISTING = {
  directory: '2gis',
  name: 'Кампус, кафе-бар',
  phones: ['+7 (495) 708‒31‒12'],
  address: 'Ломоносовский проспект, 23',
  city: 'Москва',
  url: 'https://2gis.ru/moscow/firm/4504127908538124',
  siteId: '4504127908538124',
};
const NOTE = 'Спросить Ольгу про доставку';

interface Logged {
  callId: string;
  companyId: string;
  callbackAt: string;
}

/** A call-back `inMs` ahead: for a new company from the listing, or for `companyId`. */
async function logCallback(worker: Worker, inMs: number, companyId?: string): Promise<Logged> {
  return worker.evaluate(
    async ({ listing, note, inMs, companyId }) => {
      const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<{ call: { id: string; callbackAt: string }; company: { id: string } }> } } }).callmarkTest;
      const callbackAt = new Date(Date.now() + inMs).toISOString();
      const target = companyId ? { companyId } : { listing };
      const r = await hooks.handlers.logCall({ ...target, call: { outcome: 'callback', callbackAt, note }, pageUrl: listing.url }, {});
      return { callId: r.call.id, companyId: r.company.id, callbackAt: r.call.callbackAt };
    },
    { listing: LISTING, note: NOTE, inMs, companyId },
  );
}

/** Records every notification the background creates (the API can list ids, not contents). */
async function spyOnNotifications(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __notes: Array<{ id: string; options: { title: string; message: string } }> };
    g.__notes = [];
    const original = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id: string, options: { title: string; message: string }, ...rest: unknown[]) => {
      g.__notes.push({ id, options });
      return original(id, options, ...rest);
    };
  });
}

const notes = (worker: Worker) =>
  worker.evaluate(() => (globalThis as unknown as { __notes: Array<{ id: string; options: { title: string; message: string } }> }).__notes);
const shownIds = (worker: Worker) => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));

test('a call-back alarm raises a notification with the company, its phone and the note', async ({ serviceWorker }) => {
  const { callId, callbackAt } = await logCallback(serviceWorker, 2 * 3_600_000);
  const alarm = await serviceWorker.evaluate((name) => chrome.alarms.get(name), `callback:${callId}`);
  expect(alarm).toBeTruthy();
  expect(Math.abs(alarm.scheduledTime - Date.parse(callbackAt))).toBeLessThan(2000);

  await spyOnNotifications(serviceWorker);
  // Drive the time through the alarms API: the same alarm, due now.
  await serviceWorker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 100 }), `callback:${callId}`);
  await expect.poll(() => shownIds(serviceWorker), { timeout: 10_000 }).toContain(`callback:${callId}`);

  const [note] = await notes(serviceWorker);
  expect(note?.id).toBe(`callback:${callId}`);
  expect(note?.options.title).toContain('Кампус');
  expect(note?.options.message).toContain('+7 495 708-31-12');
  expect(note?.options.message).toContain(NOTE);
});

test('the test hook fires a reminder once; a call-back replaced by a later call does not remind', async ({ serviceWorker }) => {
  const { callId, companyId } = await logCallback(serviceWorker, 3_600_000);
  await spyOnNotifications(serviceWorker);
  const fire = (id: string) =>
    serviceWorker.evaluate(async (cid) => {
      const hooks = (globalThis as unknown as { callmarkTest: { database: () => Promise<unknown>; fireReminder: (db: unknown, id: string) => Promise<boolean> } }).callmarkTest;
      return hooks.fireReminder(await hooks.database(), cid);
    }, id);
  expect(await fire(callId)).toBe(true);
  expect(await shownIds(serviceWorker)).toContain(`callback:${callId}`);
  expect(await fire(callId)).toBe(false); // never twice
  expect(await notes(serviceWorker)).toHaveLength(1);

  // A second call-back, then "client": the call-back no longer stands.
  const second = await logCallback(serviceWorker, 5 * 3_600_000, companyId);
  expect(second.companyId).toBe(companyId);
  await serviceWorker.evaluate(async (id) => {
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
    await hooks.handlers.logCall({ companyId: id, call: { outcome: 'client' } }, {});
  }, companyId);
  expect(await fire(second.callId)).toBe(false);
  expect(await notes(serviceWorker)).toHaveLength(1);
});

test('the popup lists due and overdue call-backs; each opens the form', async ({ openExtensionPage, serviceWorker }) => {
  const due = await logCallback(serviceWorker, 2 * 3_600_000);
  // A second company whose call-back time has passed (the browser was closed, say).
  const overdue = await serviceWorker.evaluate(async () => {
    const hooks = (globalThis as unknown as {
      callmarkTest: {
        handlers: { logCall: (p: unknown, s: unknown) => Promise<{ call: { id: string }; company: { id: string } }> };
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        database: () => Promise<any>;
      };
    }).callmarkTest;
    const r = await hooks.handlers.logCall(
      {
        listing: { directory: 'zoon', name: 'Детский сад «Солнышко»', phones: ['8 812 555-12-34'], url: 'https://zoon.ru/spb/kindergarten/solnyshko/' },
        call: { outcome: 'callback', callbackAt: new Date(Date.now() + 60 * 60_000).toISOString(), note: 'после обеда' },
        pageUrl: 'https://zoon.ru/spb/kindergarten/solnyshko/',
      },
      {},
    );
    const past = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const db = await hooks.database();
    const company = await db.get('companies', r.company.id);
    await db.put('companies', { ...company, callbackAt: past });
    const call = await db.get('calls', r.call.id);
    await db.put('calls', { ...call, callbackAt: past });
    return { callId: r.call.id, companyId: r.company.id };
  });

  await serviceWorker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { saveSettings: (p: unknown) => Promise<unknown> } }).callmarkTest;
    await hooks.saveSettings({ managerName: 'Анна' });
  });
  const page = await openExtensionPage('popup.html');
  await page.setViewportSize({ width: 380, height: 600 });
  await expect(page.getByTestId('section-callbacks').locator('.count')).toHaveText('2');
  await page.getByTestId('section-callbacks').click();
  const items = page.getByTestId('callback');
  await expect(items).toHaveCount(2);
  // Soonest first: the overdue one, marked.
  await expect(items.nth(0)).toContainText('Солнышко');
  await expect(items.nth(0)).toHaveAttribute('data-overdue', 'true');
  await expect(items.nth(0)).toContainText('overdue');
  await expect(items.nth(1)).toContainText('Кампус');
  await expect(items.nth(1)).toContainText(NOTE);
  await expect(items.nth(1)).toHaveAttribute('data-overdue', 'false');
  await expect(items.nth(1).getByTestId('open-page')).toBeVisible();
  await page.screenshot({ path: '/tmp/callmark-popup-callbacks.png' });

  await items.nth(1).locator('.row').click();
  await expect(page.getByTestId('form-title')).toContainText('Кампус');
  await expect(page.getByTestId('history-call').first()).toHaveAttribute('data-outcome-id', 'callback');

  // Logging the call-back's result takes it off the list.
  await page.getByTestId('outcome-interested').click();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toast')).toBeVisible();
  await expect(items).toHaveCount(1);
  expect(overdue.companyId).not.toBe(due.companyId);
});

test('call-backs missed while the browser was closed come as one notification, and its page is the call-back list', async ({ openExtensionPage, serviceWorker }) => {
  // Three call-backs whose time passed while the browser was closed.
  for (const [i, name] of ['Автосервис «Мотор»', 'Пекарня «Колос»', 'Кафе «Ромашка»'].entries()) {
    await serviceWorker.evaluate(
      async ({ name, i }) => {
        const hooks = (globalThis as unknown as { callmarkTest: { handlers: { logCall: (p: unknown, s: unknown) => Promise<{ call: { id: string }; company: { id: string } }> }; database: () => Promise<any> } }).callmarkTest; // eslint-disable-line @typescript-eslint/no-explicit-any
        const r = await hooks.handlers.logCall({ listing: { directory: 'zoon', name, phones: [`8 812 555-10-1${i}`], url: `https://zoon.ru/spb/x/${i}/` }, call: { outcome: 'callback', callbackAt: new Date(Date.now() + 3_600_000).toISOString() } }, {});
        const past = new Date(Date.now() - (i + 1) * 3_600_000).toISOString();
        const db = await hooks.database();
        await db.put('companies', { ...(await db.get('companies', r.company.id)), callbackAt: past });
        await db.put('calls', { ...(await db.get('calls', r.call.id)), callbackAt: past });
        await db.put('reminders', { ...(await db.get('reminders', r.call.id)), dueAt: past });
      },
      { name, i },
    );
  }
  await spyOnNotifications(serviceWorker);
  await serviceWorker.evaluate(async () => {
    // What the browser's start-up runs (runtime.onStartup → catchUpReminders).
    const hooks = (globalThis as unknown as { callmarkTest: { handlers: { rearmReminders: (p: unknown, s: unknown) => Promise<unknown> } } }).callmarkTest;
    await hooks.handlers.rearmReminders({}, {});
  });
  expect(await shownIds(serviceWorker)).toEqual(['callbacks-missed']);
  const [note] = await notes(serviceWorker);
  expect(note?.options.title).toBe('3 call-backs are due');
  // Longest overdue first.
  expect(note?.options.message).toBe('Кафе «Ромашка», Пекарня «Колос», Автосервис «Мотор»');

  // Its click opens the popup's page at the call-back list.
  const page = await openExtensionPage('popup.html#callbacks');
  await expect(page.getByTestId('section-callbacks')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('callback')).toHaveCount(3);
  await expect(page.getByTestId('callback').first()).toContainText('Ромашка');
  await page.screenshot({ path: '/tmp/callmark-missed.png' });
});
