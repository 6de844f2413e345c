/** Dates as the badge and the menu show them, in the browser's UI language. */

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(id);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      f = new Intl.DateTimeFormat('en', options);
    }
    cache.set(id, f);
  }
  return f;
}

const pad = (n: number) => String(n).padStart(2, '0');

const valid = (iso: string | undefined): Date | null => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * The badge's day and month in the languages we ship, as Intl writes them: the
 * first Intl.DateTimeFormat a page makes costs 15 ms (bench/bigpage's zoon page,
 * in the task that takes in the lookup's answer), more than all its badges' views.
 */
const dayDotMonth = (day: string, month: string) => `${day}.${month}`;
const monthSlashDay = (day: string, month: string) => `${month}/${day}`;
const SHORT_DATE: Readonly<Record<string, (day: string, month: string) => string>> = { ru: dayDotMonth, 'ru-RU': dayDotMonth, en: monthSlashDay, 'en-US': monthSlashDay };

/** "12.03" (ru) / "03/12" (en): the badge's call-back date. */
export function shortDate(iso: string | undefined, locale: string): string {
  const d = valid(iso);
  if (!d) return '';
  const own = SHORT_DATE[locale];
  return own ? own(pad(d.getDate()), pad(d.getMonth() + 1)) : formatter(locale, { day: '2-digit', month: '2-digit' }).format(d);
}

/** "12.03.2025, 10:00". */
export function dateTime(iso: string | undefined, locale: string): string {
  const d = valid(iso);
  return d ? formatter(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d) : '';
}

/** "12.03.2025". */
export function longDate(iso: string | undefined, locale: string): string {
  const d = valid(iso);
  return d ? formatter(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d) : '';
}

/** "Mon 17.03, 10:00": a quick call-back choice. */
export function weekdayTime(date: Date, locale: string): string {
  return formatter(locale, { weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A Date as the value of an <input type=datetime-local> (local time, minutes). */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of an <input type=datetime-local> as a Date in local time; null when empty or malformed. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The quick call-back times: in 2 hours; tomorrow at 10:00; next Monday at 10:00 (local time). */
export function quickCallbackTimes(now: Date): { in2h: Date; tomorrow: Date; nextWeek: Date } {
  const in2h = new Date(now.getTime() + 2 * 3_600_000);
  in2h.setSeconds(0, 0);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0, 0);
  // "Next week": the Monday after this week (a week from today when today is Monday).
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const nextWeek = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, 10, 0, 0, 0);
  return { in2h, tomorrow, nextWeek };
}
