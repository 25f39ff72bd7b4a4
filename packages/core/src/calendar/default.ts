import { WorkingDayCalculator } from './calculator.ts';
import { chineseDaysCalendar } from './chinese-days.ts';
import { type CalendarOverrides, withOverrides } from './overrides.ts';

let shared: WorkingDayCalculator | undefined;

/** Calculator over the `chinese-days` calendar plus admin overrides; the no-override one is built once and shared. */
export function defaultCalculator(overrides: readonly CalendarOverrides[] = []): WorkingDayCalculator {
  if (overrides.length) return new WorkingDayCalculator(withOverrides(chineseDaysCalendar(), overrides));
  shared ??= new WorkingDayCalculator(chineseDaysCalendar());
  return shared;
}

/** The n-th working day after `date` on the official calendar (see WorkingDayCalculator.addWorkingDays). */
export function addWorkingDays(date: string, n: number): string {
  return defaultCalculator().addWorkingDays(date, n);
}

/** Working days in (from, to] on the official calendar (see WorkingDayCalculator.workingDaysBetween). */
export function workingDaysBetween(from: string, to: string): number {
  return defaultCalculator().workingDaysBetween(from, to);
}
