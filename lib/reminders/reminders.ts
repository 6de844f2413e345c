import { browser } from 'wxt/browser';
import { formatPhone } from '../match/phone';
import type { Db } from '../store/schema';

/**
 * Call-back reminders: one alarm per call-back call, named after the call. The
 * reminders store remembers which were shown, so a reminder missed while the
 * browser was closed is shown at the next start, and none is shown twice.
 */
const PREFIX = 'callback:';

export const alarmName = (callId: string) => `${PREFIX}${callId}`;
export const callIdOfAlarm = (name: string) => (name.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined);

export async function scheduleReminder(callId: string, dueAt: string | undefined): Promise<void> {
  if (!dueAt) {
    await browser.alarms.clear(alarmName(callId));
    return;
  }
  await browser.alarms.create(alarmName(callId), { when: Math.max(Date.parse(dueAt), Date.now() + 1000) });
}

/** Shows the reminder of one call, unless the company's call-back was since replaced or undone. */
export async function fireReminder(db: Db, callId: string, now = new Date()): Promise<boolean> {
  const reminder = await db.get('reminders', callId);
  if (!reminder || reminder.notifiedAt) return false;
  const [company, call] = await Promise.all([db.get('companies', reminder.companyId), db.get('calls', callId)]);
  const current = company && call && company.status === 'callback' && company.callbackAt === call.callbackAt;
  if (current) {
    const phone = call.phone ?? company.phones[0];
    const lines = [phone ? formatPhone(phone) : '', call.note].filter(Boolean);
    await browser.notifications.create(alarmName(callId), {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: browser.i18n.getMessage('reminderTitle', [company.name]) || `Call back: ${company.name}`,
      message: lines.join('\n') || company.name,
      priority: 2,
      requireInteraction: true,
    });
  }
  await db.put('reminders', { ...reminder, notifiedAt: now.toISOString() });
  return !!current;
}

/** At start-up: show what was missed, and make sure every future reminder has its alarm. */
export async function catchUpReminders(db: Db, now = new Date()): Promise<void> {
  const pending = (await db.getAll('reminders')).filter((r) => !r.notifiedAt);
  for (const reminder of pending) {
    if (Date.parse(reminder.dueAt) <= now.getTime()) await fireReminder(db, reminder.callId, now);
    else if (!(await browser.alarms.get(alarmName(reminder.callId)))) await scheduleReminder(reminder.callId, reminder.dueAt);
  }
}

/** The page a call-back was logged from, to open when its notification is clicked. */
export async function pageOfReminder(db: Db, callId: string): Promise<string | undefined> {
  const call = await db.get('calls', callId);
  if (!call) return undefined;
  if (call.pageUrl) return call.pageUrl;
  const company = await db.get('companies', call.companyId);
  return company?.sources.find((s) => s.url)?.url;
}
