import { describe, expect, it } from 'vitest';
import { formatWhen, fromLocalInput, isOverdue, isPast, quickPickTime, toLocalInput } from '../../../lib/ui/popup/dates';

// All in local time, as the form's datetime-local input is.
const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s);

describe('datetime-local values', () => {
  it('round-trips a local time to the minute', () => {
    const date = at(2025, 3, 4, 9, 5);
    expect(toLocalInput(date)).toBe('2025-03-04T09:05');
    expect(fromLocalInput('2025-03-04T09:05')?.getTime()).toBe(date.getTime());
  });

  it('drops seconds when writing and accepts them when reading', () => {
    expect(toLocalInput(at(2025, 12, 31, 23, 59, 59))).toBe('2025-12-31T23:59');
    expect(fromLocalInput('2025-12-31T23:59:30')?.getSeconds()).toBe(30);
  });

  it('rejects what is not a date and time, and dates that roll over', () => {
    for (const bad of ['', 'tomorrow', '2025-03-04', '2025-03-04 10:00', '2025-02-30T10:00', '2025-13-01T10:00', '2025-03-04T25:00']) {
      expect(fromLocalInput(bad), bad).toBeNull();
    }
  });
});

describe('quick picks', () => {
  it('"in 2 hours" is two hours ahead, rounded up to five minutes', () => {
    expect(quickPickTime('in2h', at(2025, 3, 4, 10, 0, 0))).toEqual(at(2025, 3, 4, 12, 0));
    expect(quickPickTime('in2h', at(2025, 3, 4, 10, 2, 40))).toEqual(at(2025, 3, 4, 12, 5));
    expect(quickPickTime('in2h', at(2025, 3, 4, 23, 58))).toEqual(at(2025, 3, 5, 2, 0));
  });

  it('"tomorrow" is the next day at the start of the working day, also across a month end', () => {
    expect(quickPickTime('tomorrow', at(2025, 3, 4, 18, 30))).toEqual(at(2025, 3, 5, 10, 0));
    expect(quickPickTime('tomorrow', at(2025, 1, 31, 0, 10))).toEqual(at(2025, 2, 1, 10, 0));
    expect(quickPickTime('tomorrow', at(2024, 12, 31, 12, 0))).toEqual(at(2025, 1, 1, 10, 0));
  });

  it('"next week" is next Monday at the start of the working day, from any day of the week', () => {
    // 2025-03-03 is a Monday.
    for (let day = 3; day <= 9; day++) {
      expect(quickPickTime('nextWeek', at(2025, 3, day, 15, 0)), `from March ${day}`).toEqual(at(2025, 3, 10, 10, 0));
    }
  });

  it('every quick pick lies ahead of now', () => {
    const now = at(2025, 6, 15, 23, 59);
    for (const pick of ['in2h', 'tomorrow', 'nextWeek'] as const) {
      expect(quickPickTime(pick, now).getTime()).toBeGreaterThan(now.getTime());
      expect(isPast(quickPickTime(pick, now), now)).toBe(false);
    }
  });
});

describe('past and overdue', () => {
  const now = at(2025, 3, 4, 12, 0);
  it('a call-back time behind now is past; a minute of grace covers a slow click', () => {
    expect(isPast(at(2025, 3, 4, 11, 0), now)).toBe(true);
    expect(isPast(at(2025, 3, 4, 11, 59, 30), now)).toBe(false);
    expect(isPast(at(2025, 3, 4, 13, 0), now)).toBe(false);
  });
  it('a due call-back is overdue once its time has passed', () => {
    expect(isOverdue(at(2025, 3, 4, 11, 0).toISOString(), now)).toBe(true);
    expect(isOverdue(at(2025, 3, 4, 13, 0).toISOString(), now)).toBe(false);
    expect(isOverdue('not a date', now)).toBe(false);
  });
});

describe('formatWhen', () => {
  it('shows the year only for other years', () => {
    const now = at(2025, 3, 4, 12, 0);
    expect(formatWhen(at(2025, 3, 5, 10, 0).toISOString(), 'en', now)).not.toContain('2025');
    expect(formatWhen(at(2024, 3, 5, 10, 0).toISOString(), 'en', now)).toContain('2024');
    expect(formatWhen(at(2025, 3, 5, 10, 0).toISOString(), 'ru', now)).toMatch(/5 мар/);
    expect(formatWhen('garbage', 'en', now)).toBe('garbage');
  });
});
