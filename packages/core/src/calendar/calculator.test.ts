import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { CalendarNotLoadedError, WorkingDayCalculator } from './calculator.ts';
import { dayNumber, formatDay, tryParseDay } from './dates.ts';
import { calendarFromLists, type HolidayCalendar } from './holiday-calendar.ts';

// A small synthetic calendar with a hole: 2020, 2021 and 2023 are known, 2022 is not.
const base = calendarFromLists([2020, 2021, 2023], ['2020-01-01', '2021-02-11', '2021-02-12', '2023-10-02'], ['2021-02-07', '2023-10-07']);
const calc = new WorkingDayCalculator(base);

// Reference implementation: walk day by day.
function slowAdd(cal: HolidayCalendar, date: string, n: number): string {
  let d = tryParseDay(date);
  let left = Math.abs(n);
  while (left > 0) {
    d += Math.sign(n);
    if (cal.isWorkingDay(formatDay(d))) left--;
  }
  return formatDay(d);
}
function slowBetween(cal: HolidayCalendar, from: string, to: string): number {
  const a = tryParseDay(from);
  const b = tryParseDay(to);
  let count = 0;
  for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (cal.isWorkingDay(formatDay(d))) count++;
  return a <= b ? count : -count;
}

const arbDay2020 = fc.integer({ min: dayNumber(2020, 1, 1), max: dayNumber(2021, 12, 31) }).map(formatDay);

describe('WorkingDayCalculator', () => {
  it('n = 0 returns the date itself, working day or not', () => {
    expect(calc.addWorkingDays('2020-01-04', 0)).toBe('2020-01-04');
  });
  it('n < 0 counts back, not counting the date', () => {
    expect(calc.addWorkingDays('2020-01-06', -1)).toBe('2020-01-03');
    // 2020-01-01 is a holiday, so one working day back lands in 2019, which is not loaded.
    expect(() => calc.addWorkingDays('2020-01-02', -1)).toThrow('未加载2019年工作日历');
  });
  it('a make-up Sunday counts and a holiday does not', () => {
    expect(calc.addWorkingDays('2021-02-05', 1)).toBe('2021-02-07');
    expect(calc.addWorkingDays('2021-02-10', 1)).toBe('2021-02-15');
  });
  it('from > to gives a negative count', () => {
    expect(calc.workingDaysBetween('2020-01-10', '2020-01-03')).toBe(-5);
    expect(calc.workingDaysBetween('2020-01-03', '2020-01-03')).toBe(0);
  });
  it('refuses the hole year, whichever side it is on', () => {
    expect(() => calc.addWorkingDays('2021-12-30', 5)).toThrow('未加载2022年工作日历');
    expect(() => calc.addWorkingDays('2023-01-03', -5)).toThrow('未加载2022年工作日历');
    expect(() => calc.workingDaysBetween('2021-06-01', '2023-06-01')).toThrow('未加载2022年工作日历');
    expect(() => calc.workingDaysBetween('2023-06-01', '2021-06-01')).toThrow(CalendarNotLoadedError);
    expect(() => calc.isWorkingDay('2022-03-01')).toThrow('未加载2022年工作日历');
    expect(() => calc.addWorkingDays('2019-12-31', 1)).toThrow('未加载2019年工作日历');
    expect(calc.addWorkingDays('2023-01-02', 3)).toBe('2023-01-05');
  });
  it('rejects bad dates and counts with the field named', () => {
    for (const bad of ['2021-02-29', '2021-13-01', '2021-1-1', '20210101', 'x']) {
      try {
        calc.workingDaysBetween('2021-01-04', bad);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues[0].path).toEqual(['to']);
      }
    }
    expect(() => calc.addWorkingDays('2021-01-04', 1.5)).toThrow(ValidationError);
    expect(() => calc.addWorkingDays('2021-01-04', Number.NaN)).toThrow('工作日数必须是整数');
  });
  it('an empty calendar loads nothing and refuses everything', () => {
    const none = new WorkingDayCalculator({ isWorkingDay: () => true, hasYear: () => false });
    expect(none.years).toEqual([]);
    expect(() => none.addWorkingDays('2024-01-02', 1)).toThrow('未加载2024年工作日历');
  });

  it('property: addWorkingDays agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(arbDay2020, fc.integer({ min: -200, max: 200 }), (d, n) => {
        const expected = slowAdd(base, d, n);
        const year = Number(expected.slice(0, 4));
        if (year < 2020 || year > 2021) expect(() => calc.addWorkingDays(d, n)).toThrow(CalendarNotLoadedError);
        else expect(calc.addWorkingDays(d, n)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
  it('property: workingDaysBetween agrees with a day-by-day count and inverts addWorkingDays', () => {
    fc.assert(
      fc.property(arbDay2020, arbDay2020, (a, b) => calc.workingDaysBetween(a, b) === slowBetween(base, a, b)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(arbDay2020, fc.integer({ min: 0, max: 300 }), (d, n) => {
        fc.pre(slowAdd(base, d, n) < '2022-01-01');
        const e = calc.addWorkingDays(d, n);
        return calc.workingDaysBetween(d, e) === n;
      }),
      { numRuns: 300 },
    );
  });
  it('property: counting forward then back returns to a working day', () => {
    fc.assert(
      fc.property(arbDay2020, fc.integer({ min: 1, max: 200 }), (d, n) => {
        fc.pre(calc.isWorkingDay(d) && d >= '2021-01-01');
        return calc.addWorkingDays(calc.addWorkingDays(d, -n), n) === d;
      }),
    );
  });
});
