import { describe, expect, it } from 'vitest';
import { CalendarNotLoadedError } from './calculator.ts';
import { CHINESE_DAYS_YEARS, chineseDaysCalendar, chineseDaysEntry } from './chinese-days.ts';
import { addWorkingDays, defaultCalculator, workingDaysBetween } from './default.ts';

// Every date below is checked against the State Council notices as carried by `chinese-days`.
const calc = defaultCalculator();
const expectWork = (dates: string[], working: boolean) => {
  for (const d of dates) expect(calc.isWorkingDay(d), d).toBe(working);
};

describe('chinese-days coverage', () => {
  it('knows 2004–2026 and nothing else', () => {
    expect(CHINESE_DAYS_YEARS[0]).toBe(2004);
    expect(CHINESE_DAYS_YEARS.at(-1)).toBe(2026);
    expect(chineseDaysCalendar().hasYear(2026)).toBe(true);
    expect(chineseDaysCalendar().hasYear(2027)).toBe(false);
    expect(calc.years).toEqual(CHINESE_DAYS_YEARS);
  });
  it('names the holiday', () => {
    expect(chineseDaysEntry('2025-01-29')).toEqual({ kind: 'holiday', name: '春节' });
    expect(chineseDaysEntry('2025-01-26')).toEqual({ kind: 'workday', name: '春节' });
    expect(chineseDaysEntry('2025-03-03')).toBeUndefined();
  });
});

describe('2024', () => {
  it('Spring Festival 02-10..02-17 off, Sundays 02-04 and 02-18 worked', () => {
    expectWork(['2024-02-10', '2024-02-12', '2024-02-15', '2024-02-16', '2024-02-17'], false);
    expectWork(['2024-02-04', '2024-02-09', '2024-02-18', '2024-02-19'], true);
  });
  it('National Day 10-01..10-07 off, 09-29 (Sun) and 10-12 (Sat) worked', () => {
    expectWork(['2024-10-01', '2024-10-04', '2024-10-07', '2024-10-13'], false);
    expectWork(['2024-09-29', '2024-10-08', '2024-10-12'], true);
  });
  it('counts across the holiday', () => {
    expect(addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
    expect(addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(addWorkingDays('2024-02-08', 2)).toBe('2024-02-18');
    expect(workingDaysBetween('2024-09-30', '2024-10-12')).toBe(5);
    expect(workingDaysBetween('2024-01-01', '2024-12-31')).toBe(251);
  });
});

describe('2025', () => {
  it('Spring Festival 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) worked', () => {
    expectWork(['2025-01-28', '2025-01-31', '2025-02-03', '2025-02-04', '2025-02-09'], false);
    expectWork(['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-08'], true);
  });
  it('National Day 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) worked', () => {
    expectWork(['2025-10-01', '2025-10-06', '2025-10-08', '2025-10-12'], false);
    expectWork(['2025-09-28', '2025-09-30', '2025-10-09', '2025-10-11'], true);
  });
  it('has 248 working days (two more statutory days from 2025)', () => {
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
  });
});

describe('2026 (as published in chinese-days)', () => {
  it('New Year 01-01..01-03 off, 01-04 (Sun) worked', () => {
    expectWork(['2026-01-01', '2026-01-02'], false);
    expectWork(['2026-01-04', '2026-01-05'], true);
  });
  it('Spring Festival 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    expectWork(['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'], false);
    expectWork(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28'], true);
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });
  it('National Day 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat) worked', () => {
    expectWork(['2026-10-01', '2026-10-05', '2026-10-07'], false);
    expectWork(['2026-09-20', '2026-10-08', '2026-10-09', '2026-10-10'], true);
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });
  it('refuses to count into 2027, in Chinese and English', () => {
    expect(() => addWorkingDays('2026-12-30', 5)).toThrow(CalendarNotLoadedError);
    expect(() => addWorkingDays('2026-12-30', 5)).toThrow('未加载2027年工作日历');
    try {
      workingDaysBetween('2026-12-01', '2027-01-05');
      expect.unreachable();
    } catch (err) {
      expect((err as CalendarNotLoadedError).messageEn).toBe('calendar for 2027 not loaded');
      expect((err as CalendarNotLoadedError).year).toBe(2027);
    }
  });
  it('refuses to count back into 2003', () => {
    expect(() => addWorkingDays('2004-01-05', -5)).toThrow('未加载2003年工作日历');
  });
});
