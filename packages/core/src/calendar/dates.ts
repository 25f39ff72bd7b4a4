import { ValidationError } from '../shared/errors.ts';

/**
 * Calendar dates are plain 'YYYY-MM-DD' strings (no time zone: a deadline is a civil date in China).
 * Internally a date is a day number: days since 1970-01-01 in the proleptic Gregorian calendar.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

// Howard Hinnant's days_from_civil: exact, branch-light, no Date objects (the hot path runs a million times a second).
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(n: number): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

export function formatDay(n: number): string {
  const { y, m, d } = civilFromDay(n);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

/** Parses 'YYYY-MM-DD' to a day number, or returns NaN when it is not a real date in that exact form. */
export function tryParseDay(s: string): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (y < 0 || m < 1 || m > 12 || d < 1) return Number.NaN;
  const dim = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
  if (d > dim) return Number.NaN;
  return dayNumber(y, m, d);
}

/** Parses or throws a ValidationError naming `field`. */
export function parseDay(s: string, field = 'date'): number {
  const n = tryParseDay(s);
  if (Number.isNaN(n)) {
    throw new ValidationError([
      {
        path: [field],
        message: `日期“${String(s)}”无效，应为YYYY-MM-DD格式的真实日期`,
        messageEn: `"${String(s)}" is not a valid YYYY-MM-DD date`,
        value: s,
      },
    ]);
  }
  return n;
}

export function yearOfDate(s: string): number {
  return Number(s.slice(0, 4));
}
