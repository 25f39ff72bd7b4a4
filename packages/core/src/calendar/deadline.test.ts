import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { deadline } from './deadline.ts';

describe('approval deadline with 补正 pauses', () => {
  it('without pauses is addWorkingDays', () => {
    // Accepted Fri 2024-09-20; 09-29 (Sun) is a make-up day, 10-01..07 are off.
    expect(deadline('2024-09-20', 5)).toBe('2024-09-27');
    expect(deadline('2024-09-20', 6)).toBe('2024-09-29');
    expect(deadline('2024-09-20', 0)).toBe('2024-09-20');
  });
  it('does not count working days inside a pause (both ends included)', () => {
    // 09-23 counts; 09-24..26 paused; then 27, 29, 30, 10-08 … 10-12 (Sat make-up), 10-14.
    expect(deadline('2024-09-20', 10, [{ from: '2024-09-24', to: '2024-09-26' }])).toBe('2024-10-14');
    expect(deadline('2024-09-20', 10)).toBe('2024-10-10');
  });
  it('a deadline that falls before the pause is unaffected', () => {
    expect(deadline('2024-09-20', 1, [{ from: '2024-09-24', to: '2024-09-26' }])).toBe('2024-09-23');
    expect(deadline('2024-09-20', 2, [{ from: '2024-09-24', to: '2024-09-26' }])).toBe('2024-09-27');
  });
  it('handles overlapping, unordered pauses and one starting before acceptance', () => {
    const pauses = [
      { from: '2024-09-25', to: '2024-09-27' },
      { from: '2024-09-24', to: '2024-09-25' },
      { from: '2024-09-10', to: '2024-09-23' },
    ];
    // Counting starts after 09-23 and skips 09-24..27: 29, 30, 10-08.
    expect(deadline('2024-09-20', 3, pauses)).toBe('2024-10-08');
  });
  it('a pause over a holiday costs nothing extra', () => {
    expect(deadline('2024-09-30', 1, [{ from: '2024-10-01', to: '2024-10-07' }])).toBe('2024-10-08');
  });
  it('names bad input', () => {
    try {
      deadline('2024-02-30', -1, [{ from: '2024-09-26', to: '2024-09-24' }]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['acceptedDate', 'workingDays', 'pausedIntervals.0.to']);
    }
  });
  it('refuses to run into an unloaded year', () => {
    expect(() => deadline('2026-12-01', 30, [{ from: '2026-12-02', to: '2026-12-03' }])).toThrow('未加载2027年工作日历');
  });
});
