import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { WorkingDayCalculator } from './calculator.ts';
import { chineseDaysCalendar } from './chinese-days.ts';
import { defaultCalculator } from './default.ts';
import { parseCalendarOverrides, withOverrides } from './overrides.ts';

// A made-up 2027 arrangement, as an admin would type it from next year's notice (not the real one).
const admin2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-02-13'],
};

describe('calendar overrides', () => {
  it('loads a year the package does not know', () => {
    const calc = defaultCalculator(parseCalendarOverrides(admin2027));
    expect(calc.years.at(-1)).toBe(2027);
    expect(calc.isWorkingDay('2027-02-08')).toBe(false);
    expect(calc.isWorkingDay('2027-02-13')).toBe(true);
    expect(calc.isWorkingDay('2027-02-12')).toBe(true);
    expect(calc.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(calc.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
    expect(() => calc.addWorkingDays('2027-12-30', 5)).toThrow('未加载2028年工作日历');
  });
  it('wins over the package for a known year', () => {
    const cal = withOverrides(
      chineseDaysCalendar(),
      parseCalendarOverrides([{ year: 2025, holidays: ['2025-03-03'], workdays: ['2025-10-01'] }]),
    );
    const calc = new WorkingDayCalculator(cal);
    expect(calc.isWorkingDay('2025-03-03')).toBe(false);
    expect(calc.isWorkingDay('2025-10-01')).toBe(true);
    expect(calc.isWorkingDay('2025-10-02')).toBe(false);
  });
  it('defaults missing lists to empty', () => {
    expect(parseCalendarOverrides({ year: 2027 })).toEqual([{ year: 2027, holidays: [], workdays: [] }]);
  });
  it('rejects dates outside the year, in both lists, invalid, and duplicate years, with paths', () => {
    const issues = (input: unknown) => {
      try {
        parseCalendarOverrides(input);
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return (err as ValidationError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      }
      throw new Error('expected a ValidationError');
    };
    expect(issues({ year: 2027, holidays: ['2026-12-31'], workdays: [] })).toEqual(['holidays.0: 日期2026-12-31不在2027年内']);
    expect(issues({ year: 2027, holidays: ['2027-02-13'], workdays: ['2027-02-13'] })).toEqual([
      'workdays.0: 日期2027-02-13不能同时是假日和调休工作日',
    ]);
    expect(issues({ year: 2027, holidays: ['2027-02-30'] })[0]).toMatch(/^holidays\.0: 日期无效/);
    expect(issues([{ year: 2027 }, { year: 2027 }])).toEqual(['1.year: 2027年重复录入']);
    expect(issues({ year: 'x' })[0]).toMatch(/^year: /);
  });
});
