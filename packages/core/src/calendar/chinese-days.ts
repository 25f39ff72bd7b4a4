// The package's data file, not its API: we need the raw lists to know which years it actually covers.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { calendarFromLists, type HolidayCalendar } from './holiday-calendar.ts';

interface ChineseDaysData {
  /** date → "English,中文,days" for statutory rest days (including weekends inside a holiday block). */
  holidays: Record<string, string>;
  /** date → name for 调休 make-up working days (weekend days that are worked). */
  workdays: Record<string, string>;
}

const raw = data as ChineseDaysData;

/** Years for which `chinese-days` publishes the State Council arrangement (a year with no holiday entry is unknown). */
export const CHINESE_DAYS_YEARS: readonly number[] = [...new Set(Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))))].sort(
  (a, b) => a - b,
);

/** Holiday name for a date per `chinese-days` (e.g. 春节), if it is a statutory rest or make-up day. */
export function chineseDaysEntry(date: string): { kind: 'holiday' | 'workday'; name: string } | undefined {
  const h = raw.holidays[date];
  if (h) return { kind: 'holiday', name: h.split(',')[1] ?? h };
  const w = raw.workdays[date];
  if (w) return { kind: 'workday', name: w.split(',')[1] ?? w };
  return undefined;
}

let instance: HolidayCalendar | undefined;
/** The official calendar as maintained in the npm package `chinese-days` (MIT). */
export function chineseDaysCalendar(): HolidayCalendar {
  instance ??= calendarFromLists(CHINESE_DAYS_YEARS, Object.keys(raw.holidays), Object.keys(raw.workdays));
  return instance;
}
