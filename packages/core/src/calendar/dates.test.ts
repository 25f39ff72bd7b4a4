import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, formatDay, tryParseDay, weekdayOfDay } from './dates.ts';

describe('dates', () => {
  it('agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString().slice(0, 10);
        const n = Math.floor(ms / 86_400_000);
        return tryParseDay(iso) === n && formatDay(n) === iso && weekdayOfDay(n) === new Date(ms).getUTCDay();
      }),
    );
  });
  it('rejects non-dates', () => {
    for (const s of ['2023-02-29', '2024-00-10', '2024-04-31', '2024-4-01', '2024/04/01', ' 2024-04-01', '２０２４-04-01']) {
      expect(Number.isNaN(tryParseDay(s)), s).toBe(true);
    }
    expect(tryParseDay('2024-02-29')).toBe(dayNumber(2024, 2, 29));
  });
});
