import { describe, expect, it } from 'vitest';
import { CalendarNotLoadedError, chineseDaysCalendar, defaultCalculator, WorkingDayCalculator, withOverrides } from '../calendar/index.ts';
import { ConflictError } from '../shared/errors.ts';
import { allowedActions, elapsedWorkingDays, type ItemClock, itemSla, transition } from './items.ts';

const calc = defaultCalculator();
const fresh = (legalDays = 5): ItemClock => ({
  state: 'submitted',
  legalDays,
  acceptedOn: null,
  dueOn: null,
  completedOn: null,
  pauses: [],
});

describe('approval item life cycle', () => {
  it('cannot complete before accepted', () => {
    expect(() => transition(fresh(), 'approve', '2024-09-02', calc)).toThrow(ConflictError);
    expect(() => transition(fresh(), 'approve', '2024-09-02', calc)).toThrow('事项尚未受理，不能办结');
    try {
      transition(fresh(), 'refuse', '2024-09-02', calc);
    } catch (e) {
      expect((e as ConflictError).messageEn).toBe('cannot complete before accepted');
    }
    expect(allowedActions('submitted')).toEqual(['accept']);
  });

  it('accepting computes the due date over National Day 2024 (make-up Sunday 9-29 and Saturday 10-12 count)', () => {
    const a = transition(fresh(5), 'accept', '2024-09-27', calc);
    // 9-29 (Sun, make-up), 9-30, 10-8, 10-9, 10-10
    expect(a.dueOn).toBe('2024-10-10');
    expect(a.state).toBe('accepted');
  });

  it('补正 pauses the clock and resuming moves the deadline', () => {
    let it = transition(fresh(10), 'accept', '2025-03-03', calc); // Mon
    expect(it.dueOn).toBe('2025-03-17');
    it = transition(it, 'review', '2025-03-04', calc);
    it = transition(it, 'correct', '2025-03-05', calc);
    const paused = itemSla(it, '2025-03-20', calc);
    expect(paused.paused).toBe(true);
    expect(paused.usedDays).toBe(1); // only 03-04 counted
    expect(paused.remainingDays).toBe(9);
    it = transition(it, 'resume', '2025-03-07', calc); // 05,06,07 paused
    expect(it.dueOn).toBe('2025-03-20');
    expect(() => transition(it, 'approve', '2025-03-06', calc)).toThrow('早于上一环节');
    it = transition(it, 'approve', '2025-03-20', calc);
    const done = itemSla(it, '2025-06-01', calc);
    expect(done).toMatchObject({ usedDays: 10, remainingDays: 0, onTime: true, overdue: false });
    expect(() => transition(it, 'refuse', '2025-03-21', calc)).toThrow(ConflictError);
  });

  it('overdue items have negative remaining days', () => {
    const it = transition(fresh(3), 'accept', '2025-01-24', calc); // Spring Festival 2025: 1-26 (Sun) make-up, 1-28..2-4 off, 2-8 make-up
    expect(it.dueOn).toBe('2025-02-05');
    expect(itemSla(it, '2025-02-07', calc)).toMatchObject({ remainingDays: -2, overdue: true });
  });

  it('a deadline into a year without a calendar is refused, never counted as weekdays', () => {
    const last = calc.years.at(-1)!;
    expect(() => transition(fresh(20), 'accept', `${last}-12-20`, calc)).toThrow(CalendarNotLoadedError);
    expect(() => transition(fresh(20), 'accept', `${last}-12-20`, calc)).toThrow(`未加载${last + 1}年工作日历`);
    // With next year's calendar added by the admin it works.
    const next = new WorkingDayCalculator(
      withOverrides(chineseDaysCalendar(), [{ year: last + 1, holidays: [`${last + 1}-01-01`], workdays: [] }]),
    );
    expect(transition(fresh(20), 'accept', `${last}-12-20`, next).dueOn! > `${last}-12-31`).toBe(true);
    // SLA as of a day in the missing year is reported as unknown, not guessed.
    const it = transition(fresh(3), 'accept', `${last}-12-01`, calc);
    expect(itemSla(it, `${last + 1}-01-05`, calc).calendarMissing).toBe(last + 1);
  });

  it('elapsed working days ignore pauses outside the window and merge overlaps', () => {
    const pauses = [
      { from: '2025-03-05', to: '2025-03-06' },
      { from: '2025-03-06', to: '2025-03-07' },
      { from: '2025-02-01', to: '2025-03-03' },
    ];
    expect(elapsedWorkingDays('2025-03-03', '2025-03-10', pauses, calc)).toBe(2); // 03-04 and 03-10
  });
});
