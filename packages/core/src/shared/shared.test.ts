import { describe, expect, it } from 'vitest';
import { createRng, formatYuan, ValidationError } from './index.ts';

describe('shared', () => {
  it('seeded rng is reproducible', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect([a.next(), a.int(1, 6)]).toEqual([b.next(), b.int(1, 6)]);
  });
  it('formats yuan as 亿元', () => {
    expect(formatYuan(21_300_000_000)).toBe('213.00亿元');
  });
  it('validation error joins paths', () => {
    expect(new ValidationError([{ path: ['a', 0], message: '必填' }]).message).toBe('a.0: 必填');
  });
});

import { DEFAULT_REGIONS, regionOfProvince } from './regions.ts';

describe('regions', () => {
  it('follows the MOFCOM grouping of 31 provinces (11 east, 8 central, 12 west)', () => {
    const counts: Record<string, number> = {};
    for (const r of Object.values(DEFAULT_REGIONS)) counts[r] = (counts[r] ?? 0) + 1;
    expect(counts).toEqual({ east: 11, central: 8, west: 12 });
    expect(regionOfProvince('440000')).toBe('east');
    expect(regionOfProvince('42')).toBe('central');
    expect(regionOfProvince('510000')).toBe('west');
    expect(regionOfProvince('810000')).toBeUndefined();
  });
});
