import { describe, expect, it } from 'vitest';
import { industryRelation, sectionOf } from './industry.ts';

describe('industry proximity from GB/T 4754 code prefixes', () => {
  it('ranks 小类 > 中类 > 大类 > 门类', () => {
    expect(industryRelation('3963', '3963')).toBe('class');
    expect(industryRelation('3963', '3964')).toBe('group');
    expect(industryRelation('3963', '3973')).toBe('division');
    expect(industryRelation('3963', '3612')).toBe('section'); // both manufacturing (C)
    expect(industryRelation('3963', '6513')).toBeNull();
  });
  it('handles shorter codes, letters and missing values', () => {
    expect(industryRelation('396', '3963')).toBe('group');
    expect(industryRelation('39', '3963')).toBe('division');
    expect(industryRelation('C', '3963')).toBe('section');
    expect(industryRelation(null, '3963')).toBeNull();
    expect(industryRelation('3963', undefined)).toBeNull();
  });
  it('derives sections at range edges', () => {
    expect(sectionOf('0515')).toBe('A');
    expect(sectionOf('1311')).toBe('C');
    expect(sectionOf('4420')).toBe('D');
    expect(sectionOf('7221')).toBe('L');
    expect(sectionOf('9221')).toBe('S');
    expect(sectionOf('abc')).toBeNull();
  });
});
