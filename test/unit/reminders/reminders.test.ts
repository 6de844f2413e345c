import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alarmName, catchUpReminders, MISSED_NOTIFICATION, pageOfReminder } from '../../../lib/reminders/reminders';
import { logCall } from '../../../lib/store/calls';
import { freshDb, listing } from '../store/helpers';
import { useCatalogue } from '../../../lib/ui/i18n';
import { catalogueOf } from '../../../lib/ui/catalogue';
import ru from '../../../public/_locales/ru/messages.json';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const PAST = '2026-11-20T10:00:00.000Z';
const FUTURE = '2026-11-25T10:00:00.000Z';

async function callback(db: Awaited<ReturnType<typeof freshDb>>, callbackAt: string, over = {}) {
  return logCall(
    db,
    { listing: listing(over) },
    { outcome: 'callback', callbackAt, note: 'спросить Ирину', at: '2026-11-19T09:00:00.000Z', pageUrl: 'https://2gis.ru/moscow/firm/4504127908538124' },
    'RU',
  );
}

describe('call-back reminders at start-up', () => {
  // The alarms API schedules against the real clock: pin it to the test's now.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('shows a reminder missed while the browser was closed, once, with the company, its phone and the note', async () => {
    const db = await freshDb();
    const { call } = await callback(db, PAST);
    await catchUpReminders(db, NOW);
    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([alarmName(call.id)]);
    expect(shown[alarmName(call.id)]).toMatchObject({ title: 'Call back: Кампус, кафе-бар', message: expect.stringContaining('спросить Ирину') });
    expect(String(shown[alarmName(call.id)]?.message)).toContain('+7 495 708-31-12');
    expect((await db.get('reminders', call.id))?.notifiedAt).toBe(NOW.toISOString());

    await fakeBrowser.notifications.clear(alarmName(call.id));
    await catchUpReminders(db, NOW);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
  });

  it('gives a future call-back its alarm if the browser lost it, and shows nothing yet', async () => {
    const db = await freshDb();
    const { call } = await callback(db, FUTURE);
    await catchUpReminders(db, NOW);
    expect(await fakeBrowser.alarms.get(alarmName(call.id))).toMatchObject({ scheduledTime: Date.parse(FUTURE) });
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
  });

  it('does not remind of a call-back that a later call replaced', async () => {
    const db = await freshDb();
    const { call, company } = await callback(db, PAST);
    await logCall(db, { companyId: company.id }, { outcome: 'client', at: '2026-11-19T12:00:00.000Z' }, 'RU');
    await catchUpReminders(db, NOW);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
    expect((await db.get('reminders', call.id))?.notifiedAt).toBeDefined();
  });

  it('a clicked reminder opens the page the call was logged from', async () => {
    const db = await freshDb();
    const { call } = await callback(db, PAST);
    expect(await pageOfReminder(db, call.id)).toBe('https://2gis.ru/moscow/firm/4504127908538124');
  });

  /** n companies, each with a call-back due `hoursAgo[i]` hours before now. */
  async function missed(db: Awaited<ReturnType<typeof freshDb>>, hoursAgo: number[]) {
    const calls = [];
    for (const [i, h] of hoursAgo.entries()) {
      const due = new Date(NOW.getTime() - h * 3600_000).toISOString();
      const { call } = await callback(db, due, { name: `Компания ${i + 1}`, phones: [`+7 495 100-00-${String(10 + i)}`], siteId: `id${i}`, url: `https://2gis.ru/moscow/firm/${i}`, website: `http://c${i}.ru` });
      calls.push(call);
    }
    return calls;
  }

  it('several call-backs missed while the browser was closed: one notification naming the longest overdue, not one each', async () => {
    const db = await freshDb();
    const calls = await missed(db, [5, 30, 2, 50, 1]);
    await catchUpReminders(db, NOW);
    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([MISSED_NOTIFICATION]);
    expect(shown[MISSED_NOTIFICATION]).toMatchObject({ title: '5 call-backs are due', message: 'Компания 4, Компания 2, Компания 1 and 2 more' });
    for (const call of calls) expect((await db.get('reminders', call.id))?.notifiedAt).toBe(NOW.toISOString());

    // Shown once: the next start-up has nothing to say.
    await fakeBrowser.notifications.clear(MISSED_NOTIFICATION);
    await catchUpReminders(db, NOW);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
  });

  it('counts only call-backs still waited for: with one left, it is shown as its own reminder', async () => {
    const db = await freshDb();
    const [first, second] = await missed(db, [3, 4]);
    await logCall(db, { companyId: second!.companyId }, { outcome: 'client', at: '2026-11-21T12:00:00.000Z' }, 'RU');
    await catchUpReminders(db, NOW);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([alarmName(first!.id)]);
  });

  it('words the summary in the language chosen in settings, with its plural forms', async () => {
    useCatalogue('ru', catalogueOf(ru));
    try {
      const db = await freshDb();
      await missed(db, [1, 2]);
      await catchUpReminders(db, NOW);
      expect((await fakeBrowser.notifications.getAll())[MISSED_NOTIFICATION]).toMatchObject({ title: 'Пора перезвонить: 2 компании', message: 'Компания 2, Компания 1' });
      await fakeBrowser.notifications.clear(MISSED_NOTIFICATION);
      await missed(db, [1, 2, 3, 4, 5, 6]);
      await catchUpReminders(db, NOW);
      expect((await fakeBrowser.notifications.getAll())[MISSED_NOTIFICATION]).toMatchObject({ title: 'Пора перезвонить: 6 компаний', message: expect.stringMatching(/ и ещё 3$/) });
    } finally {
      useCatalogue(null);
    }
  });
});
