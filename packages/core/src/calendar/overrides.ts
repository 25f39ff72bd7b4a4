import { z } from 'zod';
import { type Issue, ValidationError } from '../shared/errors.ts';
import { tryParseDay } from './dates.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';

/**
 * A year's arrangement as an admin enters it from the State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知):
 * `holidays` are rest days (weekdays off; listing weekend days inside a block is allowed and harmless),
 * `workdays` are 调休 make-up working days. Stored in the database later; here it is plain data.
 */
export interface CalendarOverrides {
  year: number;
  holidays: string[];
  workdays: string[];
}

const isoDate = z.string().refine((s) => !Number.isNaN(tryParseDay(s)), { message: '日期无效，应为YYYY-MM-DD格式的真实日期' });

export const calendarOverridesSchema = z
  .object({
    year: z.number().int().min(1949).max(9999),
    holidays: z.array(isoDate).default([]),
    workdays: z.array(isoDate).default([]),
  })
  .superRefine((o, ctx) => {
    const prefix = `${o.year}-`;
    for (const key of ['holidays', 'workdays'] as const) {
      o[key].forEach((d, i) => {
        if (!d.startsWith(prefix)) ctx.addIssue({ code: 'custom', path: [key, i], message: `日期${d}不在${o.year}年内` });
      });
    }
    const rest = new Set(o.holidays);
    o.workdays.forEach((d, i) => {
      if (rest.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `日期${d}不能同时是假日和调休工作日` });
    });
  });

/** Validates admin input (one year or a list of years); throws ValidationError with field paths. */
export function parseCalendarOverrides(input: unknown): CalendarOverrides[] {
  const many = Array.isArray(input);
  const items: unknown[] = many ? input : [input];
  const issues: Issue[] = [];
  const out: CalendarOverrides[] = [];
  const seen = new Set<number>();
  items.forEach((item, i) => {
    const at = many ? [i] : [];
    const parsed = calendarOverridesSchema.safeParse(item);
    if (!parsed.success) {
      for (const e of parsed.error.issues)
        issues.push({ path: [...at, ...e.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: e.message });
      return;
    }
    if (seen.has(parsed.data.year)) {
      issues.push({ path: [...at, 'year'], message: `${parsed.data.year}年重复录入`, messageEn: `year ${parsed.data.year} given twice` });
    }
    seen.add(parsed.data.year);
    out.push(parsed.data);
  });
  if (issues.length) throw new ValidationError(issues);
  return out;
}

/** Layers admin overrides on a base calendar: an override date wins, and an overridden year counts as known. */
export function withOverrides(base: HolidayCalendar, overrides: readonly CalendarOverrides[]): HolidayCalendar {
  if (!overrides.length) return base;
  const years = new Set(overrides.map((o) => o.year));
  const rest = new Set(overrides.flatMap((o) => o.holidays));
  const work = new Set(overrides.flatMap((o) => o.workdays));
  return {
    isWorkingDay: (date) => (work.has(date) ? true : rest.has(date) ? false : base.isWorkingDay(date)),
    hasYear: (year) => years.has(year) || base.hasYear(year),
  };
}
