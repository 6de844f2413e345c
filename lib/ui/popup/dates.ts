/**
 * Call-back times. The form's `<input type="datetime-local">` speaks local wall
 * time ("2025-03-04T10:30"); the protocol speaks ISO instants. Pure functions,
 * `now` always passed in, so the unit tests pin the clock.
 */

export type QuickPick = 'in2h' | 'tomorrow' | 'nextWeek';
export const QUICK_PICKS: readonly QuickPick[] = ['in2h', 'tomorrow', 'nextWeek'];

/** The hour a "tomorrow" or "next week" call-back is set for: the start of a working day. */
export const WORKDAY_START_HOUR = 10;

/** A Date as a datetime-local value, in the browser's time zone, to the minute (shared with the page menu). */
export { toLocalInput } from '../format';

/** A datetime-local value as a Date (local time), or null when it is not one. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute, second, 0);
  // Reject values the Date constructor silently rolled over (Feb 30th, 25:00).
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || date.getHours() !== hour) {
    return null;
  }
  return date;
}

/** The time a quick pick stands for, seen from `now`. */
export function quickPickTime(pick: QuickPick, now: Date): Date {
  switch (pick) {
    case 'in2h': {
      // Two hours ahead, rounded up to the next 5 minutes: a time a person would say.
      const t = new Date(now.getTime() + 2 * 3_600_000);
      t.setSeconds(0, 0);
      const extra = (5 - (t.getMinutes() % 5)) % 5;
      t.setMinutes(t.getMinutes() + extra);
      return t;
    }
    case 'tomorrow': {
      const t = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, WORKDAY_START_HOUR, 0, 0, 0);
      return t;
    }
    case 'nextWeek': {
      // Monday of next week, at the start of the working day.
      const daysToMonday = ((8 - now.getDay()) % 7) || 7;
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, WORKDAY_START_HOUR, 0, 0, 0);
    }
  }
}

/** Whether a call-back time is behind us (a minute's grace, as in the background). */
export function isPast(date: Date, now: Date, graceMs = 60_000): boolean {
  return date.getTime() < now.getTime() - graceMs;
}

/** A due call-back is overdue once its time has passed. */
export function isOverdue(dueAt: string, now: Date): boolean {
  const t = Date.parse(dueAt);
  return Number.isFinite(t) && t < now.getTime();
}

/** Short local date and time for lists: "4 Mar, 10:30" (this year) or "4 Mar 2024, 10:30". */
export function formatWhen(iso: string, locale: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
