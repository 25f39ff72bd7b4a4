import { describe, expect, it } from 'vitest';
import { assess } from './engine.ts';
import { explain } from './explain.ts';
import { miit2022 } from './rulesets/index.ts';
import { sampleProfile } from './testing.ts';
import type { Profile, TierKey } from './types.ts';

// Every band edge of every miit-2022 indicator, driven through real profile fields (so the 1e-9 rounding of
// ratios is exercised too). Expected points are copied from cultivation.md, not from the rule-set file.

type Setter = (v: number) => Partial<Profile>;
type Cases = [number, number][];

const rdRatio: Setter = (v) => ({ revenue: [2400, 2700, 3000], rdExpense: [90, 110, 30 * v] });
const growth1y: Setter = (v) => ({ mainRevenue: [900, 1000, 1000 + 10 * v] });
const debt: Setter = (v) => ({ totalAssets: 10000, totalLiabilities: 100 * v });
const share: Setter = (v) => ({ revenue: [2400, 2700, 3000], mainRevenue: [2000, 2200, 30 * v] });
const growth2y: Setter = (v) => ({ mainRevenue: [1000, 1000, 1000 + 20 * v] });
const niche: Setter = (v) => ({ yearsInNiche: v, establishedYears: 30 });
const margin: Setter = (v) => ({ revenue: [2400, 2700, 3000], netProfit: [0, 0, 30 * v] });
const rdAmount: Setter = (v) => ({ revenue: [90000, 95000, 100000], rdExpense: [0, 0, v] });
const rdRatioSmall: Setter = (v) => ({ revenue: [400, 450, 500], mainRevenue: [300, 350, 400], rdExpense: [0, 0, 5 * v] });
const rdStaff: Setter = (v) => ({ staff: 1000, rdStaff: 10 * v });

function points(tier: TierKey, key: string, over: Partial<Profile>) {
  const r = assess(sampleProfile(over), miit2022, tier);
  const ind = r.indicators!.find((i) => i.key === key)!;
  return ind.points;
}

function edges(tier: TierKey, key: string, set: Setter, cases: Cases) {
  it.each(cases)(`${tier} ${key}: %s → %s points`, (v, expected) => {
    expect(points(tier, key, set(v))).toBe(expected);
  });
}

describe('创新型 band edges', () => {
  it.each([
    [{ class1HighValue: 1 }, 20],
    [{ class1SelfDeveloped: 1 }, 15],
    [{ class1: 1 }, 10],
    [{ class2: 1 }, 5],
    [{}, 0],
  ])('ip %j → %s', (ip, expected) => expect(points('innovative', 'ip', { ip })).toBe(expected));
  edges('innovative', 'rd-ratio', rdRatio, [
    [0, 0],
    [0.99, 0],
    [1, 5],
    [1.99, 5],
    [2, 10],
    [2.99, 10],
    [3, 15],
    [4.99, 15],
    [5, 20],
    [12, 20],
  ]);
  edges('innovative', 'main-growth', growth1y, [
    [-50, 0],
    [-0.01, 0],
    [0, 5],
    [4.99, 5],
    [5, 10],
    [9.99, 10],
    [10, 15],
    [14.99, 15],
    [15, 20],
  ]);
  // Debt: "55% and below" → 10, "55%–75%" → 5 including 75 (assumption in the rule set).
  edges('innovative', 'debt-ratio', debt, [
    [0, 10],
    [55, 10],
    [55.01, 5],
    [75, 5],
    [75.01, 0],
    [120, 0],
  ]);
  it.each([
    ['strategic', 10],
    ['key', 5],
    ['other', 5],
  ] as const)('field %s → %s', (field, expected) => expect(points('innovative', 'field', { field })).toBe(expected));
  edges('innovative', 'main-share', share, [
    [0, 0],
    [49.99, 0],
    [50, 5],
    [54.99, 5],
    [55, 10],
    [59.99, 10],
    [60, 15],
    [69.99, 15],
    [70, 20],
    [100, 20],
  ]);
  it('1650/3000 is exactly 55% (not 54.999…)', () => {
    expect(points('innovative', 'main-share', { revenue: [1, 1, 3000], mainRevenue: [1, 1, 1650] })).toBe(10);
  });
});

describe('专精特新 band edges', () => {
  edges('specialized', 'main-share', share, [
    [59.99, 0],
    [60, 1],
    [69.99, 1],
    [70, 3],
    [79.99, 3],
    [80, 5],
    [100, 5],
  ]);
  edges('specialized', 'main-growth-2y', growth2y, [
    [-0.01, 0],
    [0, 2],
    [3.99, 2],
    [4, 4],
    [5.99, 4],
    [6, 6],
    [7.99, 6],
    [8, 8],
    [9.99, 8],
    [10, 10],
  ]);
  edges('specialized', 'years-in-niche', niche, [
    [0, 0],
    [1.99, 0],
    [2, 1],
    [3.99, 1],
    [4, 2],
    [5.99, 2],
    [6, 3],
    [7.99, 3],
    [8, 4],
    [9.99, 4],
    [10, 5],
    [25, 5],
  ]);
  it.each([
    ['key', 5],
    ['strategic', 3],
    ['other', 0],
  ] as const)('field %s → %s', (field, expected) => expect(points('specialized', 'field', { field })).toBe(expected));
  edges('specialized', 'digital-level', (v) => ({ digitalLevel: v }), [
    [0, 0],
    [1, 0],
    [2, 3],
    [3, 5],
    [6, 5],
  ]);
  edges('specialized', 'quality-items', (v) => ({ qualityItems: v }), [
    [0, 0],
    [1, 3],
    [2, 5],
    [4, 5],
  ]);
  edges('specialized', 'net-margin', margin, [
    [-5, 0],
    [1.99, 0],
    [2, 2],
    [3.99, 2],
    [4, 4],
    [5.99, 4],
    [6, 6],
    [7.99, 6],
    [8, 8],
    [9.99, 8],
    [10, 10],
  ]);
  edges('specialized', 'debt-ratio', debt, [
    [0, 5],
    [49.99, 5],
    [50, 3],
    [59.99, 3],
    [60, 1],
    [69.99, 1],
    [70, 0],
    [150, 0],
  ]);
  edges('specialized', 'specialty', (v) => ({ specialtyScore: v }), [
    [0, 0],
    [7.5, 7.5],
    [15, 15],
  ]);
  it.each([
    [{ class1HighValue: 1 }, 10],
    [{ class1SelfDeveloped: 1 }, 8],
    [{ class1: 1 }, 6],
    [{ class2: 1 }, 2],
    [{}, 0],
  ])('ip %j → %s', (ip, expected) => expect(points('specialized', 'ip', { ip })).toBe(expected));
  edges('specialized', 'rd-expense', rdAmount, [
    [0, 0],
    [99.99, 0],
    [100, 2],
    [199.99, 2],
    [200, 4],
    [299.99, 4],
    [300, 6],
    [399.99, 6],
    [400, 8],
    [499.99, 8],
    [500, 10],
  ]);
  edges('specialized', 'rd-expense', rdRatioSmall, [
    [2.99, 0],
    [3, 2],
    [3.99, 2],
    [4, 4],
    [5.99, 4],
    [6, 6],
    [7.99, 6],
    [8, 8],
    [9.99, 8],
    [10, 10],
  ]);
  it('R&D expense takes the better of amount and ratio', () => {
    const r = assess(
      sampleProfile({ revenue: [1000, 1000, 1000], mainRevenue: [800, 800, 800], rdExpense: [0, 0, 250] }),
      miit2022,
      'specialized',
    );
    const ind = r.indicators!.find((i) => i.key === 'rd-expense')!;
    expect(ind).toMatchObject({ metric: 'rdRatio1y', value: 25, points: 10 });
  });
  edges('specialized', 'rd-staff-share', rdStaff, [
    [0, 0],
    [4.9, 0],
    [5, 1],
    [9.9, 1],
    [10, 3],
    [19.9, 3],
    [20, 5],
    [100, 5],
  ]);
  it.each([
    ['national', 10],
    ['provincial', 8],
    ['municipal', 4],
    ['below', 2],
    ['none', 0],
  ] as const)('rd institution %s → %s', (rdInstitution, expected) =>
    expect(points('specialized', 'rd-institution', { rdInstitution })).toBe(expected),
  );
});

function check(tier: TierKey, key: string, over: Partial<Profile>) {
  return explain(sampleProfile(over), miit2022, tier).conditions.find((c) => c.key === key)!.result;
}

describe('专精特新 prerequisite edges', () => {
  it.each([
    [{ isSme: false }, 'sme', false],
    [{ yearsInNiche: 1.99 }, 'niche-2y', false],
    [{ yearsInNiche: 2 }, 'niche-2y', true],
    [{ rdExpense: [0, 50, 49.99] }, 'rd-expense-2y', false],
    [{ rdExpense: [0, 50, 50] }, 'rd-expense-2y', true],
    [{ revenue: [0, 1000, 1000], mainRevenue: [0, 800, 800], rdExpense: [0, 30, 29.99] }, 'rd-ratio-2y', false],
    [{ revenue: [0, 1000, 1000], mainRevenue: [0, 800, 800], rdExpense: [0, 30, 30] }, 'rd-ratio-2y', true],
    [{ revenue: [900, 950, 999.99], mainRevenue: [800, 800, 800], equityFinancing2y: 1999.99, equityFinancing3y: 1999.99 }, 'scale', false],
    [{ revenue: [900, 950, 1000], mainRevenue: [800, 800, 800] }, 'scale', true],
    [{ revenue: [900, 950, 999], mainRevenue: [800, 800, 800], equityFinancing2y: 2000, equityFinancing3y: 2000 }, 'scale', true],
  ] as [Partial<Profile>, string, boolean][])('%j → %s %s', (over, key, expected) =>
    expect(check('specialized', key, over)).toBe(expected),
  );
});

describe('小巨人 criteria edges', () => {
  const lg = (over: Partial<Profile>) => ({ recognized: ['specialized' as const], ...over });
  it.each([
    [{ yearsInNiche: 2.99 }, 'years-in-niche', false],
    [{ yearsInNiche: 3 }, 'years-in-niche', true],
    [share(69.99), 'main-share', false],
    [share(70), 'main-share', true],
    [growth2y(4.99), 'main-growth-2y', false],
    [growth2y(5), 'main-growth-2y', true],
    [{ digitalLevel: 1 }, 'digital-level', false],
    [{ digitalLevel: 2 }, 'digital-level', true],
    [{ managementCertified: false }, 'management-certified', false],
    [debt(70), 'debt-ratio', true],
    [debt(70.01), 'debt-ratio', false],
    [{ nicheShareNational: 9.99 }, 'niche-share', false],
    [{ nicheShareNational: 10 }, 'niche-share', true],
    [{ ownBrand: false }, 'own-brand', false],
    [{ revenue: [0, 10000, 10000], rdExpense: [0, 300, 300] }, 'rd-intensity', true],
    [{ revenue: [0, 10000, 10000], rdExpense: [0, 299, 300] }, 'rd-intensity', false],
    [{ revenue: [0, 5000, 5000], rdExpense: [0, 300, 300] }, 'rd-intensity', true],
    [{ revenue: [0, 5000, 5000], rdExpense: [0, 299, 300] }, 'rd-intensity', false],
    [
      { revenue: [0, 4000, 4999], rdExpense: [0, 1500, 1500], equityFinancing2y: 8000, equityFinancing3y: 8000, staff: 100, rdStaff: 50 },
      'rd-intensity',
      true,
    ],
    [
      { revenue: [0, 4000, 4999], rdExpense: [0, 1500, 1500], equityFinancing2y: 7999, equityFinancing3y: 8000, staff: 100, rdStaff: 50 },
      'rd-intensity',
      false,
    ],
    [
      { revenue: [0, 4000, 4999], rdExpense: [0, 1500, 1499], equityFinancing2y: 8000, equityFinancing3y: 8000, staff: 100, rdStaff: 50 },
      'rd-intensity',
      false,
    ],
    [
      { revenue: [0, 4000, 4999], rdExpense: [0, 1500, 1500], equityFinancing2y: 8000, equityFinancing3y: 8000, staff: 100, rdStaff: 49 },
      'rd-intensity',
      false,
    ],
    [{ rdInstitution: 'none' }, 'rd-institution', false],
    [{ rdInstitution: 'below' }, 'rd-institution', true],
    [{ ip: { class1: 1 } }, 'ip-class1', false],
    [{ ip: { class1: 1, class1SelfDeveloped: 1 } }, 'ip-class1', true],
  ] as [Partial<Profile>, string, boolean][])('%j → %s %s', (over, key, expected) =>
    expect(check('little-giant', key, lg(over))).toBe(expected),
  );
});

describe('单项冠军 criteria edges', () => {
  it.each([
    [{ yearsInNiche: 9.99 }, 'years-in-market', false],
    [{ yearsInNiche: 10 }, 'years-in-market', true],
    [{ yearsInNiche: 3, newProduct: true }, 'years-in-market', true],
    [{ yearsInNiche: 2.99, newProduct: true }, 'years-in-market', false],
    [{ globalRank: 3 }, 'global-rank', true],
    [{ globalRank: 4 }, 'global-rank', false],
    [{ productSales: 40000 }, 'product-sales', true],
    [{ productSales: 39999.99 }, 'product-sales', false],
    [{ productSales: 10000, recognized: ['specialized', 'little-giant'] }, 'product-sales', true],
    [{ productSales: 9999.99, recognized: ['specialized', 'little-giant'] }, 'product-sales', false],
    [{ violations3y: true }, 'no-violations', false],
    [{ violations3y: false }, 'no-violations', true],
  ] as [Partial<Profile>, string, boolean][])('%j → %s %s', (over, key, expected) => expect(check('champion', key, over)).toBe(expected));
});
