import { describe, expect, it } from 'vitest';
import { assess, assessAll } from './engine.ts';
import { miit2022 } from './rulesets/index.ts';
import { sampleProfile } from './testing.ts';
import { tierOrder } from './types.ts';

describe('assessAll', () => {
  it('records rule set version and data year, and assesses all four tiers in order', () => {
    const a = assessAll(sampleProfile(), miit2022);
    expect(a.ruleSet).toEqual({ id: 'miit-2022', version: '1.0.0', effectiveFrom: '2022-08-01' });
    expect(a.dataYear).toBe(2024);
    expect(Object.keys(a.tiers)).toEqual([...tierOrder]);
  });

  it('explains a scored pass with groups, indicators, values and bands', () => {
    const r = assess(sampleProfile(), miit2022, 'innovative');
    expect(r).toMatchObject({
      eligible: true,
      path: 'score',
      total: 95,
      pass: 60,
      groups: { innovation: 35, growth: 30, specialization: 30 },
    });
    expect(r.indicators!.find((i) => i.key === 'rd-ratio')).toMatchObject({ metric: 'rdRatio1y', value: 5, band: '≥ 5%', points: 20 });
    expect(r.failed).toEqual([]);
    expect(r.gap).toEqual([]);
  });
});

describe('innovative SME', () => {
  it('fails on a group minimum even with total ≥ 60 and names the group', () => {
    // Growth: 0 (decline) + 0 (debt 80%) = 0 < 15 while the total stays high.
    const r = assess(sampleProfile({ mainRevenue: [2000, 2200, 2100], totalLiabilities: 4800 }), miit2022, 'innovative');
    expect(r.total).toBe(65);
    expect(r.eligible).toBe(false);
    expect(r.failed).toEqual(['group:growth']);
    // Only growth indicators can fix a growth shortfall; growth needs +15 from one indicator → main growth ≥ 10%.
    expect(r.gap.map((g) => g.key)).toEqual(['main-growth']);
    expect(r.gap[0]).toMatchObject({ metric: 'mainGrowth1y', to: 10, op: '>=', gain: 15 });
  });

  it('direct path through an honour', () => {
    const weak = { ip: {}, rdExpense: [0, 0, 0] as [number, number, number], mainRevenue: [2000, 2200, 1000] as [number, number, number] };
    expect(assess(sampleProfile(weak), miit2022, 'innovative').eligible).toBe(false);
    const r = assess(sampleProfile({ ...weak, honours: ['high-tech'] }), miit2022, 'innovative');
    expect(r).toMatchObject({ eligible: true, path: 'direct:high-tech' });
    expect(assess(sampleProfile({ ...weak, rdInstitution: 'provincial' }), miit2022, 'innovative').path).toBe(
      'direct:provincial-rd-institution',
    );
    expect(assess(sampleProfile({ ...weak, equityFinancing3y: 500 }), miit2022, 'innovative').path).toBe('direct:equity-financing-3y');
  });

  it('gap to pass: R&D ratio 2.4% → 3.0% gives +5 points', () => {
    // Total 55: 创新能力 10 (I类 IP) + 10 (R&D 2.4%) = 20; 成长性 5 + 10 = 15; 专业化 10 + 10 = 20.
    const p = sampleProfile({
      ip: { class1: 1 },
      revenue: [2400, 2700, 3000],
      rdExpense: [60, 70, 72],
      mainRevenue: [1500, 1600, 1650],
      totalLiabilities: 3000,
    });
    const r = assess(p, miit2022, 'innovative');
    expect(r).toMatchObject({ eligible: false, total: 55, failed: ['total'] });
    const rd = r.gap.find((g) => g.key === 'rd-ratio')!;
    expect(rd).toMatchObject({ kind: 'score', metric: 'rdRatio1y', from: 2.4, to: 3, op: '>=', gain: 5 });
    expect(rd.relative).toBeCloseTo(0.25, 9);
    // Sorted by relative change; debt-ratio (already full marks) cannot close the gap and is omitted.
    expect(r.gap.map((g) => g.relative)).toEqual([...r.gap.map((g) => g.relative)].sort((a, b) => a - b));
    expect(r.gap.some((g) => g.key === 'debt-ratio')).toBe(false);
    const ip = r.gap.find((g) => g.key === 'ip')!;
    expect(ip).toMatchObject({ from: 'class1', to: 'class1SelfDeveloped', gain: 5 });
  });

  it('a "less is better" indicator gap points downwards, respecting the boundary', () => {
    // Debt 80% → 0 points; ≤ 75% gives 5, enough for the 5-point shortfall (total 55, growth group 15).
    const p = sampleProfile({ ip: { class1: 1 }, rdExpense: [60, 70, 72], mainRevenue: [1500, 1500, 1650], totalLiabilities: 4800 });
    const r = assess(p, miit2022, 'innovative');
    expect(r.total).toBe(55);
    const debt = r.gap.find((g) => g.key === 'debt-ratio')!;
    expect(debt).toMatchObject({ from: 80, to: 75, op: '<=', gain: 5 });
  });
});

describe('specialized SME', () => {
  it('prerequisites apply also on a direct path', () => {
    const r = assess(sampleProfile({ isSme: false, honours: ['chuangke-top500'] }), miit2022, 'specialized');
    expect(r.eligible).toBe(false);
    expect(r.failed).toEqual(['sme']);
    expect(r.gap).toEqual([expect.objectContaining({ kind: 'criterion', key: 'sme', from: false, to: true })]);
    expect(assess(sampleProfile({ honours: ['chuangke-top500'], specialtyScore: 0, qualityItems: 0 }), miit2022, 'specialized').path).toBe(
      'score',
    );
  });

  it('fails on score with both prerequisite and score gaps listed', () => {
    const p = sampleProfile({ specialtyScore: 0, digitalLevel: 0, qualityItems: 0, rdStaff: 0, rdExpense: [80, 70, 60] });
    const r = assess(p, miit2022, 'specialized');
    expect(r.eligible).toBe(false);
    expect(r.failed).toEqual(['rd-ratio-2y', 'total']);
    expect(r.gap[0]).toMatchObject({ kind: 'criterion', key: 'rd-ratio-2y', metric: 'rdRatio2y', to: 3 });
    const scoreItems = r.gap.filter((g) => g.kind === 'score');
    expect(scoreItems.length).toBeGreaterThan(0);
    for (const g of scoreItems) expect(g.gain).toBeGreaterThanOrEqual(60 - r.total!);
  });

  it('direct path by two-year average R&D', () => {
    const p = sampleProfile({
      revenue: [20000, 20000, 20000],
      rdExpense: [1000, 1000, 1000],
      specialtyScore: 0,
      qualityItems: 0,
      digitalLevel: 0,
    });
    const r = assess(p, miit2022, 'specialized');
    expect(r.eligible).toBe(true);
    expect(['score', 'direct:rd-expense-avg-2y']).toContain(r.path);
  });
});

describe('criteria tiers', () => {
  it('little giant via chuangke-top50 still needs the basic condition', () => {
    expect(assess(sampleProfile({ honours: ['chuangke-top50'] }), miit2022, 'little-giant')).toMatchObject({
      eligible: false,
      failed: ['specialized-recognized'],
    });
    expect(assess(sampleProfile({ honours: ['chuangke-top50'], recognized: ['specialized'] }), miit2022, 'little-giant')).toMatchObject({
      eligible: true,
      path: 'direct:chuangke-top50',
    });
  });

  it('little giant by criteria, and each failing criterion with the value needed', () => {
    const p = sampleProfile({
      recognized: ['specialized'],
      nicheShareNational: 12,
      revenue: [0, 10000, 12000],
      mainRevenue: [8000, 8800, 9700],
      rdExpense: [0, 350, 400],
    });
    expect(assess(p, miit2022, 'little-giant')).toMatchObject({ eligible: true, path: 'criteria', failed: [], gap: [] });
    const r = assess({ ...p, nicheShareNational: 8, digitalLevel: 1 }, miit2022, 'little-giant');
    expect(r.failed).toEqual(['digital-level', 'niche-share']);
    expect(r.gap.map((g) => [g.key, g.from, g.to])).toEqual([
      ['digital-level', 1, 2],
      ['niche-share', 8, 10],
    ]);
  });

  it('champion', () => {
    const p = sampleProfile({
      yearsInNiche: 11,
      globalRank: 2,
      productSales: 45000,
      revenue: [60000, 60000, 60000],
      mainRevenue: [50000, 50000, 50000],
    });
    expect(assess(p, miit2022, 'champion')).toMatchObject({ eligible: true, path: 'criteria' });
    const r = assess({ ...p, productSales: 30000 }, miit2022, 'champion');
    expect(r.gap).toEqual([expect.objectContaining({ key: 'product-sales', metric: 'productSales', from: 30000, to: 40000, op: '>=' })]);
  });
});

describe('missing data', () => {
  it('is not scored as zero: names missing fields and insufficient indicators, eligibility undetermined', () => {
    const p = sampleProfile({
      rdExpense: undefined,
      ip: undefined,
      honours: undefined,
      specialtyScore: 0,
      qualityItems: 0,
      digitalLevel: 0,
    });
    const r = assess(p, miit2022, 'specialized');
    expect(r.eligible).toBe('undetermined');
    expect(r.path).toBeNull();
    expect(r.missing).toEqual(expect.arrayContaining(['rdExpense.1', 'rdExpense.2', 'ip']));
    expect(r.insufficient).toEqual(expect.arrayContaining(['rd-expense-2y', 'rd-ratio-2y', 'ip', 'rd-expense']));
    const ip = r.indicators!.find((i) => i.key === 'ip')!;
    expect(ip).toMatchObject({ status: 'insufficient', points: null, value: null });
    expect(r.maxReachable).toBeGreaterThan(r.total!);
    expect(r.gap).toEqual([]);
  });

  it('is decided when the missing data cannot change the outcome', () => {
    // Known points already pass 创新型 without the missing debt ratio.
    const passes = assess(sampleProfile({ totalAssets: undefined }), miit2022, 'innovative');
    expect(passes).toMatchObject({ eligible: true, path: 'score', missing: ['totalAssets'], insufficient: ['debt-ratio'] });
    // A known-false prerequisite fails the tier whatever the missing fields would score.
    const fails = assess(sampleProfile({ isSme: false, ip: undefined }), miit2022, 'specialized');
    expect(fails).toMatchObject({ eligible: false, failed: ['sme'] });
    // An empty profile is undetermined, never "failed with zero points" — except that holding no tier is known
    // (absent `recognized` means none), so 小巨人 fails on its basic condition.
    const empty = assessAll({ id: 'x' }, miit2022);
    expect(tierOrder.map((t) => empty.tiers[t]!.eligible)).toEqual(['undetermined', 'undetermined', false, 'undetermined']);
    expect(empty.tiers.innovative!.total).toBe(0);
    expect(empty.tiers.innovative!.maxReachable).toBe(100);
  });

  it('a zero denominator makes a ratio insufficient rather than zero', () => {
    const r = assess(sampleProfile({ totalAssets: 0, totalLiabilities: 0 }), miit2022, 'innovative');
    expect(r.indicators!.find((i) => i.key === 'debt-ratio')!.status).toBe('insufficient');
    expect(r.missing).toEqual([]);
  });
});
