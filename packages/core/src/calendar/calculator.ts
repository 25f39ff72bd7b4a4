import { ValidationError } from '../shared/errors.ts';
import { civilFromDay, dayNumber, formatDay, parseDay, tryParseDay } from './dates.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';

/** A date falls in (or a count would run through) a year whose official arrangement is not loaded. */
export class CalendarNotLoadedError extends ValidationError {
  constructor(
    readonly year: number,
    field = 'date',
  ) {
    super(
      [
        {
          path: [field],
          message: `未加载${year}年工作日历`,
          messageEn: `calendar for ${year} not loaded`,
          code: 'calendar_not_loaded',
          value: year,
        },
      ],
      `未加载${year}年工作日历`,
      `calendar for ${year} not loaded`,
    );
  }
}

export interface CalculatorOptions {
  /** Years probed with `hasYear` (default 1990–2100). */
  fromYear?: number;
  toYear?: number;
}

/**
 * Working-day arithmetic over the loaded years, O(1) per call: a prefix sum of working days per calendar day and
 * the ordered list of working days, built once. Years the calendar does not know are holes: any count that would
 * touch one throws CalendarNotLoadedError instead of silently treating it as Monday–Friday.
 */
export class WorkingDayCalculator {
  /** Loaded years, ascending. */
  readonly years: readonly number[];
  private readonly minYear: number;
  private readonly start: number; // day number of minYear-01-01
  private readonly yearOf: Uint16Array; // day index → year − minYear
  private readonly work: Uint8Array;
  private readonly prefix: Int32Array; // prefix[i] = working days in day indices [0, i)
  private readonly workList: Int32Array; // k → day index of the k-th working day
  private readonly loaded: Uint8Array; // year − minYear → 1 when loaded
  private readonly segFirst: Int32Array; // year − minYear → first year of its contiguous loaded run
  private readonly segLast: Int32Array;
  private readonly segLowWork: Int32Array; // prefix at the run's first day
  private readonly segHighWork: Int32Array; // prefix just after the run's last day
  private readonly labels: string[];

  constructor(calendar: HolidayCalendar, options: CalculatorOptions = {}) {
    const years: number[] = [];
    for (let y = options.fromYear ?? 1990; y <= (options.toYear ?? 2100); y++) if (calendar.hasYear(y)) years.push(y);
    this.years = years;
    this.minYear = years[0] ?? 0;
    const maxYear = years.at(-1) ?? -1;
    const spanYears = Math.max(0, maxYear - this.minYear + 1);
    this.start = dayNumber(this.minYear, 1, 1);
    const len = spanYears ? dayNumber(maxYear + 1, 1, 1) - this.start : 0;
    this.yearOf = new Uint16Array(len);
    this.work = new Uint8Array(len);
    this.prefix = new Int32Array(len + 1);
    this.labels = new Array<string>(len);
    this.loaded = new Uint8Array(spanYears);
    for (const y of years) this.loaded[y - this.minYear] = 1;

    let count = 0;
    for (let i = 0; i < len; i++) {
      const label = formatDay(this.start + i);
      const yi = Number(label.slice(0, 4)) - this.minYear;
      this.labels[i] = label;
      this.yearOf[i] = yi;
      // Unloaded years inside the span count no working days; the segment bounds below keep counts out of them.
      if (this.loaded[yi] && calendar.isWorkingDay(label)) {
        this.work[i] = 1;
        count++;
      }
      this.prefix[i + 1] = count;
    }
    this.workList = new Int32Array(count);
    for (let i = 0, k = 0; i < len; i++) if (this.work[i]) this.workList[k++] = i;

    this.segFirst = new Int32Array(spanYears);
    this.segLast = new Int32Array(spanYears);
    this.segLowWork = new Int32Array(spanYears);
    this.segHighWork = new Int32Array(spanYears);
    for (let yi = 0; yi < spanYears; yi++) {
      if (!this.loaded[yi]) continue;
      let a = yi;
      while (a > 0 && this.loaded[a - 1]) a--;
      let b = yi;
      while (b + 1 < spanYears && this.loaded[b + 1]) b++;
      this.segFirst[yi] = a + this.minYear;
      this.segLast[yi] = b + this.minYear;
      this.segLowWork[yi] = this.prefix[this.indexOfYearStart(a + this.minYear)];
      this.segHighWork[yi] = this.prefix[this.indexOfYearStart(b + this.minYear + 1)];
    }
  }

  hasYear(year: number): boolean {
    const yi = year - this.minYear;
    return yi >= 0 && yi < this.loaded.length && this.loaded[yi] === 1;
  }

  isWorkingDay(date: string, field = 'date'): boolean {
    return this.work[this.index(date, field)] === 1;
  }

  /**
   * The n-th working day after `date` (not counting `date` itself). n = 0 returns `date` unchanged;
   * n < 0 counts back: the |n|-th working day before `date`. So for a working day d, add(add(d, n), −n) = d.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) {
      throw new ValidationError([{ path: ['n'], message: '工作日数必须是整数', messageEn: 'n must be an integer', value: n }]);
    }
    const i = this.index(date, 'date');
    if (n === 0) return this.labels[i];
    const yi = this.yearOf[i];
    if (n > 0) {
      const k = this.prefix[i + 1] + n - 1;
      if (k >= this.segHighWork[yi]) throw new CalendarNotLoadedError(this.segLast[yi] + 1, 'n');
      return this.labels[this.workList[k]];
    }
    const k = this.prefix[i] + n;
    if (k < this.segLowWork[yi]) throw new CalendarNotLoadedError(this.segFirst[yi] - 1, 'n');
    return this.labels[this.workList[k]];
  }

  /** Working days in (from, to]; negative when from > to: workingDaysBetween(a, b) = −workingDaysBetween(b, a). */
  workingDaysBetween(from: string, to: string): number {
    const a = this.index(from, 'from');
    const b = this.index(to, 'to');
    const ya = this.yearOf[a];
    const yb = this.yearOf[b];
    if (this.segFirst[ya] !== this.segFirst[yb]) {
      // Name the first missing year between the two dates.
      throw new CalendarNotLoadedError(a < b ? this.segLast[ya] + 1 : this.segLast[yb] + 1, a < b ? 'to' : 'from');
    }
    return this.prefix[b + 1] - this.prefix[a + 1];
  }

  private indexOfYearStart(year: number): number {
    return dayNumber(year, 1, 1) - this.start;
  }

  private index(date: string, field: string): number {
    const n = tryParseDay(date);
    if (Number.isNaN(n)) parseDay(date, field); // throws the ValidationError
    const i = n - this.start;
    if (i < 0 || i >= this.work.length || !this.loaded[this.yearOf[i]]) throw new CalendarNotLoadedError(civilFromDay(n).y, field);
    return i;
  }
}
