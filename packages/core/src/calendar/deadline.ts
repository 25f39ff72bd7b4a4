import { type Issue, ValidationError } from '../shared/errors.ts';
import type { WorkingDayCalculator } from './calculator.ts';
import { tryParseDay } from './dates.ts';
import { defaultCalculator } from './default.ts';

/** The clock is stopped on every day from `from` to `to`, both included (e.g. 补正 notice sent … materials received). */
export interface PausedInterval {
  from: string;
  to: string;
}

/**
 * Approval deadline: the `workingDays`-th working day after `acceptedDate`, where working days inside a paused
 * interval do not count (行政许可 补正 time is excluded). Pauses may overlap and come in any order; a pause that
 * starts on or before the accepted date simply moves the start of the count to the day after it ends.
 */
export function deadline(
  acceptedDate: string,
  workingDays: number,
  pausedIntervals: readonly PausedInterval[] = [],
  calc: WorkingDayCalculator = defaultCalculator(),
): string {
  const issues: Issue[] = [];
  if (Number.isNaN(tryParseDay(acceptedDate)))
    issues.push({ path: ['acceptedDate'], message: '受理日期无效', messageEn: 'invalid accepted date', value: acceptedDate });
  if (!Number.isSafeInteger(workingDays) || workingDays < 0) {
    issues.push({
      path: ['workingDays'],
      message: '办理时限须为非负整数个工作日',
      messageEn: 'workingDays must be a non-negative integer',
      value: workingDays,
    });
  }
  pausedIntervals.forEach((p, i) => {
    const a = tryParseDay(p.from);
    const b = tryParseDay(p.to);
    if (Number.isNaN(a))
      issues.push({ path: ['pausedIntervals', i, 'from'], message: '暂停开始日期无效', messageEn: 'invalid pause start', value: p.from });
    if (Number.isNaN(b))
      issues.push({ path: ['pausedIntervals', i, 'to'], message: '暂停结束日期无效', messageEn: 'invalid pause end', value: p.to });
    if (!Number.isNaN(a) && !Number.isNaN(b) && a > b) {
      issues.push({
        path: ['pausedIntervals', i, 'to'],
        message: '暂停结束日期早于开始日期',
        messageEn: 'pause ends before it starts',
        value: p.to,
      });
    }
  });
  if (issues.length) throw new ValidationError(issues);
  if (workingDays === 0) return calc.addWorkingDays(acceptedDate, 0);

  // ISO dates sort as strings.
  const sorted = [...pausedIntervals].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  let cursor = acceptedDate; // counting resumes on the day after `cursor`
  let remaining = workingDays;
  for (const p of sorted) {
    if (p.to <= cursor) continue;
    if (p.from <= cursor) {
      cursor = p.to;
      continue;
    }
    // Working days strictly after the cursor and strictly before the pause starts.
    const available = calc.workingDaysBetween(cursor, p.from) - (calc.isWorkingDay(p.from, 'pausedIntervals') ? 1 : 0);
    if (remaining <= available) return calc.addWorkingDays(cursor, remaining);
    remaining -= available;
    cursor = p.to;
  }
  return calc.addWorkingDays(cursor, remaining);
}
