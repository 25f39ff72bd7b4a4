import { parseDay, weekdayOfDay } from './dates.ts';

/** Which days are working days in mainland China, and for which years that answer is authoritative. */
export interface HolidayCalendar {
  /** True for Monday–Friday unless a statutory holiday, and for 调休 make-up Saturdays/Sundays. */
  isWorkingDay(date: string): boolean;
  /** True only when the year's official holiday arrangement is known; other years would be bare weekday guesses. */
  hasYear(year: number): boolean;
}

export function isWeekday(date: string): boolean {
  const w = weekdayOfDay(parseDay(date));
  return w >= 1 && w <= 5;
}

/** A calendar from lists of dates: listed workdays work, listed holidays rest, otherwise Monday–Friday. */
export function calendarFromLists(years: Iterable<number>, holidays: Iterable<string>, workdays: Iterable<string>): HolidayCalendar {
  const known = new Set(years);
  const rest = new Set(holidays);
  const work = new Set(workdays);
  return {
    isWorkingDay: (date) => work.has(date) || (!rest.has(date) && isWeekday(date)),
    hasYear: (year) => known.has(year),
  };
}
