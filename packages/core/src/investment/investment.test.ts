import { describe, expect, it } from 'vitest';
import { addMonths, checkStageMove, computeCapitalReport, computeFdiReport, periodOf, toYuan, weightedForecast, yoy } from './index.ts';

describe('stage moves', () => {
  const base = { reason: null, amountYuan: 2_000_000_000, thresholdYuan: 1_000_000_000, approvedAmountYuan: null };
  it('refuses 签约 above the threshold without a passed approval, with the reason', () => {
    const issues = checkStageMove({ ...base, from: 'negotiating', to: 'signed' });
    expect(issues.map((i) => i.code)).toEqual(['approval_required']);
    expect(issues[0].message).toContain('领导审批');
    expect(checkStageMove({ ...base, from: 'negotiating', to: 'registered' })[0].code).toBe('approval_required');
  });
  it('allows it with an approval covering the amount, or below the threshold', () => {
    expect(checkStageMove({ ...base, from: 'negotiating', to: 'signed', approvedAmountYuan: 2_000_000_000 })).toEqual([]);
    expect(checkStageMove({ ...base, from: 'negotiating', to: 'signed', approvedAmountYuan: 1_500_000_000 })).toHaveLength(1);
    expect(checkStageMove({ ...base, from: 'negotiating', to: 'signed', amountYuan: 999_999_999 })).toEqual([]);
    expect(checkStageMove({ ...base, from: 'signed', to: 'registered' })).toEqual([]);
  });
  it('needs a reason for 搁置/流失', () => {
    expect(checkStageMove({ ...base, from: 'lead', to: 'lost' })[0].code).toBe('reason_required');
    expect(checkStageMove({ ...base, from: 'lead', to: 'on_hold', reason: '  ' })[0].code).toBe('reason_required');
    expect(checkStageMove({ ...base, from: 'lead', to: 'lost', reason: '落户他区' })).toEqual([]);
  });
});

describe('amounts', () => {
  it('converts with the rate and rejects bad input', () => {
    expect(toYuan(1_000_000, 'USD', 7.1)).toEqual({ yuan: 7_100_000, rate: 7.1 });
    expect(toYuan(5, 'CNY')).toEqual({ yuan: 5, rate: 1 });
    expect('issues' in toYuan(0, 'CNY')).toBe(true);
    expect('issues' in toYuan(10, 'USD')).toBe(true);
    expect('issues' in toYuan(10, 'XXX', 1)).toBe(true);
  });
  it('weights stage sums by probability', () => {
    const f = weightedForecast([
      { stage: 'lead', count: 2, sumYuan: 1000 },
      { stage: 'signed', count: 1, sumYuan: 1000 },
    ]);
    expect(f.weightedYuan).toBe(50 + 800);
    expect(f.totalYuan).toBe(2000);
  });
});

describe('FDI report', () => {
  it('computes period totals, monthly and group y/y', () => {
    const r = computeFdiReport({
      from: '2024-01',
      to: '2024-02',
      months: [
        { month: '2023-01', actualUsd: 100, contractUsd: 50 },
        { month: '2024-01', actualUsd: 150, contractUsd: 90 },
        { month: '2024-02', actualUsd: 50, contractUsd: 0 },
        { month: '2023-03', actualUsd: 999, contractUsd: 999 },
      ],
      groups: [
        { country: 'HK', industry: '39', actualUsd: 150, contractUsd: 90, prevActualUsd: 100, prevContractUsd: 50 },
        { country: 'JP', industry: '36', actualUsd: 50, contractUsd: 0, prevActualUsd: 0, prevContractUsd: 0 },
      ],
      newEnterprises: [{ month: '2024-02', country: 'JP', industry: '36', count: 3 }],
      countryNames: { HK: '中国香港' },
    });
    expect(r.actualFdiUsd).toBe(200);
    expect(r.prev.actualFdiUsd).toBe(100);
    expect(r.actualFdiYoY).toBe(1);
    expect(r.contractFdiYoY).toBe(0.8);
    expect(r.newForeignEnterprises).toBe(3);
    expect(r.newForeignEnterprisesYoY).toBeNull();
    expect(r.monthly.map((m) => m.actualFdiUsd)).toEqual([150, 50]);
    expect(r.byCountry[0]).toMatchObject({ code: 'HK', name: '中国香港', actualFdiUsd: 150, actualFdiYoY: 0.5 });
    expect(r.prevFrom).toBe('2023-01');
  });
  it('counts a month on both sides when the period is longer than a year', () => {
    const r = computeFdiReport({
      from: '2023-01',
      to: '2024-12',
      months: [
        { month: '2023-06', actualUsd: 10, contractUsd: 0 },
        { month: '2024-06', actualUsd: 30, contractUsd: 0 },
      ],
      groups: [],
      newEnterprises: [],
    });
    expect(r.actualFdiUsd).toBe(40);
    expect(r.prev.actualFdiUsd).toBe(10);
    expect(r.monthly.find((m) => m.month === '2024-06')!.actualFdiYoY).toBe(2);
  });
  it('periods and y/y helpers', () => {
    expect(addMonths('2024-01', -12)).toBe('2023-01');
    expect(addMonths('2023-12', 1)).toBe('2024-01');
    expect(periodOf('ytd', '2024-10')).toEqual({ from: '2024-01', to: '2024-10' });
    expect(yoy(987_000_000, 546_270_000)).toBe(0.8068);
    expect(yoy(1, 0)).toBeNull();
  });
  it('capital report counts firms landed and deals in the period', () => {
    const r = computeCapitalReport({
      from: '2024-01',
      to: '2024-06',
      funds: [
        { kind: 'venture', fundSizeYuan: 10, landedOn: '2024-03-01' },
        { kind: 'industry_fund', fundSizeYuan: 99, landedOn: '2023-03-01' },
      ],
      deals: [{ amountYuan: 5, dealOn: '2024-06-30', enterpriseId: 1, projectId: null }],
    });
    expect(r).toMatchObject({ newFirms: 1, newCapitalYuan: 10, newVentureFirms: 1, deals: 1, dealAmountYuan: 5, enterprisesFunded: 1 });
  });
});
