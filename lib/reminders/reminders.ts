import { browser } from 'wxt/browser';
import { formatPhone } from '../match/phone';
import type { Db, Reminder } from '../store/schema';
import { plural, t } from '../ui/i18n';

/**
 * Call-back reminders: one alarm per call-back call, named after the call. The
 * reminders store remembers which were shown, so a reminder missed while the
 * browser was closed is shown at the next start, and none is shown twice.
 */
const PREFIX = 'callback:';

export const alarmName = (callId: string) => `${PREFIX}${callId}`;
export const callIdOfAlarm = (name: string) => (name.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined);
/** The one notification for several call-backs missed while the browser was closed. */
export const MISSED_NOTIFICATION = 'callbacks-missed';
/** The page its click opens: the popup's call-back list, in a tab. */
export const MISSED_PAGE = '/popup.html#callbacks';
/** Names the summary lists before "and N more". */
const MISSED_NAMES = 3;

export async function scheduleReminder(callId: string, dueAt: string | undefined): Promise<void> {
  if (!dueAt) {
    await browser.alarms.clear(alarmName(callId));
    return;
  }
  await browser.alarms.create(alarmName(callId), { when: Math.max(Date.parse(dueAt), Date.now() + 1000) });
}

/** The call-back a reminder is for, if the company still waits for it (not since replaced or undone). */
async function currentCallback(db: Db, reminder: Reminder) {
  const [company, call] = await Promise.all([db.get('companies', reminder.companyId), db.get('calls', reminder.callId)]);
  return company && call && company.status === 'callback' && company.callbackAt === call.callbackAt ? { company, call } : undefined;
}

type Current = NonNullable<Awaited<ReturnType<typeof currentCallback>>>;

/** Shows the reminder of one call, unless the company's call-back was since replaced or undone. */
export async function fireReminder(db: Db, callId: string, now = new Date()): Promise<boolean> {
  const reminder = await db.get('reminders', callId);
  if (!reminder || reminder.notifiedAt) return false;
  const current = await currentCallback(db, reminder);
  if (current) await notifyOne(current);
  await db.put('reminders', { ...reminder, notifiedAt: now.toISOString() });
  return !!current;
}

async function notifyOne({ company, call }: Current): Promise<void> {
  const phone = call.phone ?? company.phones[0];
  const lines = [phone ? formatPhone(phone) : '', call.note].filter(Boolean);
  await browser.notifications.create(alarmName(call.id), {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('reminderTitle', company.name),
    message: lines.join('\n') || company.name,
    priority: 2,
    requireInteraction: true,
  });
}

/**
 * At start-up: show what was missed, and make sure every future reminder has its
 * alarm. One missed call-back gets its own reminder; several get one notification
 * that opens the call-back list, instead of a stack of them on the screen.
 */
export async function catchUpReminders(db: Db, now = new Date()): Promise<void> {
  const pending = (await db.getAll('reminders')).filter((r) => !r.notifiedAt);
  const missed: Reminder[] = [];
  for (const reminder of pending) {
    if (Date.parse(reminder.dueAt) <= now.getTime()) missed.push(reminder);
    else if (!(await browser.alarms.get(alarmName(reminder.callId)))) await scheduleReminder(reminder.callId, reminder.dueAt);
  }
  const waiting: Array<{ reminder: Reminder; current: Current }> = [];
  for (const reminder of missed) {
    const current = await currentCallback(db, reminder);
    if (current) waiting.push({ reminder, current });
    else await db.put('reminders', { ...reminder, notifiedAt: now.toISOString() });
  }
  if (waiting.length === 0) return;
  if (waiting.length === 1) await notifyOne(waiting[0]!.current);
  else await notifyMissed(waiting);
  for (const { reminder } of waiting) await db.put('reminders', { ...reminder, notifiedAt: now.toISOString() });
}

/** The one notification for several missed call-backs: the longest overdue named first. */
async function notifyMissed(waiting: Array<{ reminder: Reminder; current: Current }>): Promise<void> {
  waiting.sort((a, b) => a.reminder.dueAt.localeCompare(b.reminder.dueAt));
  const names = waiting.slice(0, MISSED_NAMES).map((w) => w.current.company.name);
  const more = waiting.length - names.length;
  await browser.notifications.create(MISSED_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: plural('reminders_missed', waiting.length),
    message: [names.join(', '), more > 0 ? plural('reminders_andMore', more) : ''].filter(Boolean).join(' '),
    priority: 2,
    requireInteraction: true,
  });
}

/** The page a call-back was logged from, to open when its notification is clicked. */
export async function pageOfReminder(db: Db, callId: string): Promise<string | undefined> {
  const call = await db.get('calls', callId);
  if (!call) return undefined;
  if (call.pageUrl) return call.pageUrl;
  const company = await db.get('companies', call.companyId);
  return company?.sources.find((s) => s.url)?.url;
}
