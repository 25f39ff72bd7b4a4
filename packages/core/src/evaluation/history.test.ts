import { describe, expect, it } from 'vitest';
import { onWarningList, streakLabel, streaks } from './history.ts';

describe('rank history', () => {
  it('连续7年第二: same rank in consecutive years up to the latest', () => {
    const h = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map((year) => ({ year, rank: year === 2017 ? 5 : 2 }));
    const s = streaks(h);
    expect(s[0]).toEqual({ kind: 'rank', value: 2, years: 7, from: 2018, to: 2024 });
    expect(streakLabel(s[0])).toBe('连续7年第2');
    expect(s.find((x) => x.kind === 'top' && x.value === 5)?.years).toBe(8);
  });
  it('a missing year breaks the streak', () => {
    const s = streaks([
      { year: 2020, rank: 1 },
      { year: 2022, rank: 1 },
      { year: 2023, rank: 1 },
    ]);
    expect(s[0].years).toBe(2);
    expect(streaks([])).toEqual([]);
  });
  it('warning list: bottom 5 of the region twice within 3 years', () => {
    expect(
      onWarningList([
        { year: 2022, rank: 30, regionSize: 30 },
        { year: 2024, rank: 27, regionSize: 30 },
      ]),
    ).toBe(true);
    expect(
      onWarningList([
        { year: 2020, rank: 30, regionSize: 30 },
        { year: 2024, rank: 27, regionSize: 30 },
      ]),
    ).toBe(false);
  });
});
