import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import background from '../../../entrypoints/background';
import { alarmName, MISSED_NOTIFICATION } from '../../../lib/reminders/reminders';
import { logCall } from '../../../lib/store/calls';
import { database } from '../../../lib/store/db';
import { listing } from '../store/helpers';

/** A pinned now: the call-back lies ahead of it whatever the wall clock says. */
const NOW = new Date('2026-11-22T12:00:00.000Z');
const IN_AN_HOUR = new Date(NOW.getTime() + 3_600_000).toISOString();

/** The background's wiring of alarms and notifications, on WXT's fake browser. */
describe('background: call-back alarms and notifications', () => {
  afterEach(() => vi.useRealTimers());

  it('an alarm shows the reminder, and clicking it opens the page the call was logged from', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    background.main();
    const db = await database();
    const { call } = await logCall(
      db,
      { listing: listing({ siteId: 'wiring-1' }) },
      { outcome: 'callback', callbackAt: IN_AN_HOUR, note: 'после обеда', pageUrl: 'https://2gis.ru/moscow/firm/wiring-1' },
      'RU',
    );

    await fakeBrowser.alarms.onAlarm.trigger({ name: alarmName(call.id), scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.notifications.getAll())).toContain(alarmName(call.id)));

    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(alarmName(call.id));
    await vi.waitFor(() => expect(opened).toHaveBeenCalledWith({ url: 'https://2gis.ru/moscow/firm/wiring-1' }));
    expect(Object.keys(await fakeBrowser.notifications.getAll())).not.toContain(alarmName(call.id));
  });

  it('at start-up, call-backs missed while the browser was closed come as one notification that opens the call-back list', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    background.main();
    const db = await database();
    for (const id of ['missed-1', 'missed-2', 'missed-3']) {
      await logCall(db, { listing: listing({ siteId: id, name: id, phones: [], website: undefined, url: `https://2gis.ru/moscow/firm/${id}` }) }, { outcome: 'callback', callbackAt: new Date(NOW.getTime() - 3_600_000).toISOString() }, 'RU');
    }

    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([MISSED_NOTIFICATION]));
    expect((await fakeBrowser.notifications.getAll())[MISSED_NOTIFICATION]).toMatchObject({ title: '3 call-backs are due' });

    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(MISSED_NOTIFICATION);
    await vi.waitFor(() => expect(opened).toHaveBeenCalledWith({ url: expect.stringMatching(/\/popup\.html#callbacks$/) }));
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
  });
});
