import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceToNextTier, nextTier, tierDistance } from './distance.ts';
import { assessAll } from './engine.ts';
import { validateProfile } from './profile.ts';
import { miit2022 } from './rulesets/index.ts';
import { sampleProfile } from './testing.ts';
import type { Profile } from './types.ts';
import { tierOrder } from './types.ts';

describe('next tier and distance', () => {
  it('next tier is the one above the highest held', () => {
    expect(nextTier({})).toBe('innovative');
    expect(nextTier({ recognized: ['specialized'] })).toBe('little-giant');
    expect(nextTier({ recognized: ['innovative', 'champion'] })).toBeNull();
  });

  it('sorts firms by how close they are', () => {
    const eligible = sampleProfile({
      recognized: ['specialized'],
      nicheShareNational: 12,
      revenue: [0, 10000, 12000],
      mainRevenue: [8000, 8800, 9700],
      rdExpense: [0, 350, 400],
    });
    const near = { ...eligible, nicheShareNational: 9.5 };
    const far = { ...eligible, nicheShareNational: 2, ownBrand: false, digitalLevel: 0 };
    const d = [far, near, eligible].map((p) => distanceToNextTier(p, assessAll(p, miit2022)));
    expect(d[2]).toBe(0);
    expect(d[1]).toBeGreaterThan(0);
    expect(d[1]).toBeLessThan(d[0]);
  });

  it('undetermined sorts last', () => {
    const a = assessAll({ id: 'x' }, miit2022);
    expect(tierDistance(a.tiers.innovative!)).toBe(Number.POSITIVE_INFINITY);
  });
});

// Random complete or partial profiles: the engine never throws and its answers hang together.
const series = fc.tuple(fc.integer({ min: 1, max: 50000 }), fc.integer({ min: 1, max: 50000 }), fc.integer({ min: 1, max: 50000 }));
const profileArb = fc
  .record(
    {
      revenue: series,
      mainShare: fc.integer({ min: 0, max: 100 }),
      rdShare: fc.integer({ min: 0, max: 30 }),
      totalAssets: fc.integer({ min: 1, max: 100000 }),
      debt: fc.integer({ min: 0, max: 150 }),
      staff: fc.integer({ min: 1, max: 2000 }),
      rdPct: fc.integer({ min: 0, max: 100 }),
      yearsInNiche: fc.integer({ min: 0, max: 20 }),
      field: fc.constantFrom('strategic', 'key', 'other'),
      ip: fc.record({ class1HighValue: fc.nat(2), class1SelfDeveloped: fc.nat(2), class1: fc.nat(3), class2: fc.nat(5) }),
      rdInstitution: fc.constantFrom('national', 'provincial', 'municipal', 'below', 'none'),
      digitalLevel: fc.integer({ min: 0, max: 6 }),
      qualityItems: fc.nat(4),
      specialtyScore: fc.integer({ min: 0, max: 15 }),
      honours: fc.subarray(['high-tech', 'chuangke-top50', 'sti-award-3y']),
      recognized: fc.subarray([...tierOrder]),
      isSme: fc.boolean(),
    },
    { requiredKeys: ['revenue', 'mainShare', 'rdShare'] },
  )
  .map((r): Profile => {
    const rev = r.revenue;
    return {
      establishedYears: 20,
      revenue: rev,
      mainRevenue: rev.map((x) => Math.floor((x * r.mainShare) / 100)) as Profile['mainRevenue'],
      rdExpense: rev.map((x) => Math.floor((x * r.rdShare) / 100)) as Profile['rdExpense'],
      totalAssets: r.totalAssets,
      totalLiabilities: r.totalAssets && r.debt !== undefined ? Math.floor((r.totalAssets * r.debt) / 100) : undefined,
      staff: r.staff,
      rdStaff: r.staff && r.rdPct !== undefined ? Math.floor((r.staff * r.rdPct) / 100) : undefined,
      yearsInNiche: r.yearsInNiche,
      field: r.field as Profile['field'],
      ip: r.ip,
      rdInstitution: r.rdInstitution as Profile['rdInstitution'],
      digitalLevel: r.digitalLevel,
      qualityItems: r.qualityItems,
      specialtyScore: r.specialtyScore,
      honours: r.honours,
      recognized: r.recognized,
      isSme: r.isSme,
    };
  });

describe('engine properties', () => {
  it('valid random profiles: consistent eligibility, totals and gaps', () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        expect(validateProfile(p).ok).toBe(true);
        const a = assessAll(p, miit2022);
        for (const t of tierOrder) {
          const r = a.tiers[t]!;
          expect([true, false, 'undetermined']).toContain(r.eligible);
          if (r.eligible === true) expect(r.path).toBeTruthy();
          if (r.eligible === false) expect(r.failed.length).toBeGreaterThan(0);
          if (r.total !== undefined) {
            expect(r.total).toBeLessThanOrEqual(r.maxReachable!);
            expect(r.maxReachable).toBeLessThanOrEqual(100);
            for (const g of r.gap) if (g.kind === 'score') expect(g.gain! + r.total).toBeGreaterThanOrEqual(r.pass!);
          }
          expect(tierDistance(r) === 0).toBe(r.eligible === true);
        }
      }),
      { numRuns: 300, seed: 20221 },
    );
  });
});
