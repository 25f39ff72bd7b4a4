import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/index.ts';
import { firmAge, parseProfile, validateProfile } from './profile.ts';
import { sampleProfile } from './testing.ts';

const paths = (input: unknown) => {
  const r = validateProfile(input);
  return r.ok ? [] : r.issues.map((i) => i.path.join('.'));
};

describe('validateProfile', () => {
  it('accepts the sample and partial profiles (missing is not invalid)', () => {
    expect(validateProfile(sampleProfile()).ok).toBe(true);
    expect(validateProfile({ id: 1 }).ok).toBe(true);
    expect(validateProfile({ revenue: [null, 100, 120] }).ok).toBe(true);
  });

  it('names negative revenue with the year index, in Chinese and English', () => {
    const r = validateProfile(sampleProfile({ revenue: [100, -5, 200] }));
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      path: ['revenue', 1],
      message: '营业收入不能为负数',
      messageEn: 'revenue.1: must not be negative',
    });
  });

  it('rejects ratios over 100%', () => {
    expect(paths(sampleProfile({ nicheShareNational: 120 }))).toEqual(['nicheShareNational']);
    expect(paths(sampleProfile({ mainRevenue: [2000, 2200, 3500] }))).toEqual(['mainRevenue.2']);
    expect(paths(sampleProfile({ rdStaff: 500 }))).toEqual(['rdStaff']);
  });

  it('rejects years in niche beyond the firm age', () => {
    const r = validateProfile(sampleProfile({ establishedYears: 5, yearsInNiche: 6 }));
    expect(r.issues[0]).toMatchObject({ path: ['yearsInNiche'], message: '从事细分市场年限大于企业成立年限（5 年）' });
    expect(paths({ foundedYear: 2020, dataYear: 2024, yearsInNiche: 5 })).toEqual([]);
    expect(paths({ foundedYear: 2020, dataYear: 2024, yearsInNiche: 5.5 })).toEqual(['yearsInNiche']);
    expect(firmAge({ foundedYear: 2020, dataYear: 2024 })).toBe(5);
  });

  it('checks types, enums and series length', () => {
    expect(
      paths({ revenue: [1, 2], field: 'space', digitalLevel: 7, isSme: 'yes', recognized: ['gold'], ip: { class1: -1 }, staff: 3.5 }),
    ).toEqual(['revenue', 'staff', 'digitalLevel', 'isSme', 'field', 'ip.class1', 'recognized.0']);
    expect(paths(null)).toEqual(['']);
  });

  it('parseProfile throws a ValidationError', () => {
    expect(() => parseProfile({ totalAssets: -1 })).toThrow(ValidationError);
  });
});
