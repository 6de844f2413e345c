/** Local calendar days (`YYYY-MM-DD`) as reports count them: weeks from Monday, days between two days. */

const parts = (day: string): [number, number, number] => day.split('-').map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, '0');
const fmt = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (day: string) => {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d));
};

/** Whole days from `a` to `b` (negative when b is earlier); calendar days, so no daylight-saving drift. */
export const daysBetween = (a: string, b: string): number => Math.round((utc(b).getTime() - utc(a).getTime()) / 86_400_000);

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
}

/** The Monday of the week holding `day`. */
export function weekOf(day: string): string {
  const d = utc(day);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

/** Every period from the one holding `first` to the one holding `last`, in order. */
export function periodsBetween(first: string, last: string, by: 'day' | 'week'): string[] {
  const out: string[] = [];
  const step = by === 'week' ? 7 : 1;
  let p = by === 'week' ? weekOf(first) : first;
  const end = by === 'week' ? weekOf(last) : last;
  while (p <= end && out.length < 5000) {
    out.push(p);
    p = addDays(p, step);
  }
  return out;
}

/** The local day of a Date. */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
