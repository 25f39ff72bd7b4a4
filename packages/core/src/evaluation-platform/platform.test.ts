import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/index.ts';
import {
  checkValues,
  type FrameworkRowData,
  historyStreaks,
  presetFramework,
  validateFramework,
  warningStatus,
  type YearResult,
} from './index.ts';

describe('evaluation platform helpers', () => {
  it('accepts the mofcom-2021 preset and rejects broken hierarchies and weights', () => {
    const { rows } = presetFramework('mofcom-2021');
    expect(validateFramework(rows).indicators).toHaveLength(18);
    const bad: FrameworkRowData[] = [
      { iCode: 'A', iName: 'A', type: 'Indicator', parent: 'P', weight: -1 },
      { iCode: 'P', iName: 'P', type: 'Aggregate', level: 2, parent: 'P' },
      { iCode: 'A', iName: 'dup', type: 'Indicator', parent: 'Nope' },
    ];
    try {
      validateFramework(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const msgs = (e as ValidationError).issues.map((i) => i.messageEn).join(' | ');
      expect(msgs).toContain('duplicate code A');
      expect(msgs).toContain('weight must be positive');
      expect(msgs).toContain('parent P must be one level up');
      expect(msgs).toContain('parent Nope is not an aggregate');
    }
  });

  it('checks type, range and jumps against last year', () => {
    const { rows } = presetFramework('mofcom-2021');
    const c = checkValues(rows, { FDI: 'abc', FIEShare: 140, Trade: 200, Unknown: 1 }, { Trade: 100 }, 0.5);
    expect(c.find((x) => x.iCode === 'FDI')?.level).toBe('error');
    expect(c.find((x) => x.iCode === 'FIEShare')?.level).toBe('error');
    expect(c.find((x) => x.iCode === 'Unknown')?.level).toBe('error');
    expect(c.find((x) => x.iCode === 'Trade')?.level).toBe('jump');
  });

  it('derives streak labels and the bottom-5-twice-in-3-years warning', () => {
    const h: YearResult[] = [2019, 2020, 2021, 2022, 2023].map((year, i) => ({
      year,
      rank: i === 0 ? 4 : 2,
      regionRank: i >= 3 ? 58 : 30,
      regionSize: 60,
      ranks: { Innovation: 1 },
    }));
    const labels = historyStreaks(h, 'Index', { Innovation: '科技创新' }, ['Innovation']).map((s) => s.label);
    expect(labels).toContain('综合排名连续4年第2');
    expect(labels).toContain('科技创新连续5年第1');
    expect(warningStatus(h).onList).toBe(true);
    expect(warningStatus(h, { bottom: 5, times: 3, window: 3 }).onList).toBe(false);
  });
});
