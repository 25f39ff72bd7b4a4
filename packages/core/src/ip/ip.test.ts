import { describe, expect, it } from 'vitest';
import {
  type ClassAsset,
  classCounts,
  duplicateIssues,
  exposureMatrix,
  perTenThousand,
  policyInForce,
  unprotectedRanked,
  validateAsset,
} from './index.ts';

const REF = '2025-06-30';
const inv = (over: Partial<ClassAsset> = {}): ClassAsset => ({
  kind: 'invention',
  status: 'granted',
  ipClass: 'I',
  jurisdiction: 'CN',
  filingDate: '2020-01-01',
  grantDate: '2022-01-01',
  ...over,
});

describe('classCounts (cultivation.md IP classes)', () => {
  it('puts each right in its best bucket', () => {
    expect(classCounts([inv()], REF)).toEqual({ class1HighValue: 0, class1SelfDeveloped: 1, class1: 0, class2: 0 });
    expect(classCounts([inv({ selfDeveloped: false, acquiredOn: '2023-01-01' })], REF).class1).toBe(1);
    expect(classCounts([inv({ strategicEmerging: true })], REF).class1HighValue).toBe(1);
    expect(classCounts([inv({ awarded: true })], REF).class1HighValue).toBe(1);
    expect(classCounts([inv({ pledgedYuan: 10_000_000 })], REF).class1HighValue).toBe(1);
    expect(classCounts([inv({ pledgedYuan: 9_999_999 })], REF).class1HighValue).toBe(0);
    expect(classCounts([inv({ filingDate: '2015-06-29', grantDate: '2017-01-01' })], REF).class1HighValue).toBe(1);
    expect(classCounts([inv({ filingDate: '2015-06-30', grantDate: '2017-01-01' })], REF).class1HighValue).toBe(0);
  });
  it('a granted family member abroad makes the CN patent high-value; the foreign one is not counted', () => {
    const r = classCounts([inv({ familyId: 'F1' }), inv({ familyId: 'F1', jurisdiction: 'US' })], REF);
    expect(r).toEqual({ class1HighValue: 1, class1SelfDeveloped: 0, class1: 0, class2: 0 });
    const pending = classCounts(
      [inv({ familyId: 'F1' }), inv({ familyId: 'F1', jurisdiction: 'US', status: 'pending', grantDate: null })],
      REF,
    );
    expect(pending.class1SelfDeveloped).toBe(1);
  });
  it('excludes rights transferred in less than a year ago, lapsed or expired rights, non-main products and trademarks', () => {
    expect(classCounts([inv({ acquiredOn: '2024-07-01', selfDeveloped: false })], REF).class1).toBe(0);
    expect(classCounts([inv({ acquiredOn: '2024-06-29', selfDeveloped: false })], REF).class1).toBe(1);
    expect(classCounts([inv({ status: 'lapsed' })], REF).class1SelfDeveloped).toBe(0);
    expect(classCounts([inv({ expiryDate: '2025-06-29' })], REF).class1SelfDeveloped).toBe(0);
    expect(classCounts([inv({ mainProduct: false })], REF).class1SelfDeveloped).toBe(0);
    expect(
      classCounts([{ kind: 'trademark', status: 'granted', ipClass: 'II', jurisdiction: 'CN', grantDate: '2010-01-01' }], REF).class2,
    ).toBe(0);
  });
  it('utility models and designs count as II类 only after two years from grant; software copyrights at once', () => {
    const um = (grantDate: string): ClassAsset => ({ kind: 'utility', status: 'granted', ipClass: 'II', jurisdiction: 'CN', grantDate });
    expect(classCounts([um('2023-06-30')], REF).class2).toBe(0);
    expect(classCounts([um('2023-06-29')], REF).class2).toBe(1);
    expect(
      classCounts([{ kind: 'software', status: 'granted', ipClass: 'II', jurisdiction: 'CN', grantDate: '2025-01-01' }], REF).class2,
    ).toBe(1);
    expect(
      classCounts([{ kind: 'ic_layout', status: 'granted', ipClass: 'I', jurisdiction: 'CN', grantDate: '2025-01-01' }], REF)
        .class1SelfDeveloped,
    ).toBe(1);
  });
});

describe('validateAsset', () => {
  const known = new Set(['CN', 'US', 'PCT', 'EP']);
  const ok = {
    kind: 'invention',
    number: 'CN202310000001.X',
    title: '一种电池',
    jurisdiction: 'CN',
    status: 'granted',
    filingDate: '2023-01-01',
    grantDate: '2024-01-01',
  };
  it('accepts a well-formed asset', () => expect(validateAsset(ok, known)).toEqual([]));
  it('names the field and the row', () => {
    const issues = validateAsset({ ...ok, grantDate: '2022-12-31', jurisdiction: 'XX' }, known, 7);
    expect(issues.map((i) => i.column).sort()).toEqual(['grantDate', 'jurisdiction']);
    expect(issues.every((i) => i.row === 7)).toBe(true);
    expect(issues.find((i) => i.column === 'grantDate')?.message).toContain('早于申请日');
    expect(issues.find((i) => i.column === 'jurisdiction')?.message).toContain('XX');
  });
  it('finds duplicate numbers ignoring spaces and dots', () => {
    const d = duplicateIssues([
      { row: 2, kind: 'invention', jurisdiction: 'CN', number: 'CN 2023 1000' },
      { row: 3, kind: 'invention', jurisdiction: 'CN', number: 'cn.20231000' },
      { row: 4, kind: 'invention', jurisdiction: 'US', number: 'CN20231000' },
    ]);
    expect(d).toHaveLength(1);
    expect(d[0].row).toBe(3);
    expect(d[0].message).toContain('第 2 行');
  });
});

describe('exposureMatrix', () => {
  const markets = [
    { enterpriseId: 1, country: 'US', kind: 'export', revenueSharePct: 30 },
    { enterpriseId: 1, country: 'DE', kind: 'export', revenueSharePct: 20 },
    { enterpriseId: 1, country: 'BR', kind: 'planned', revenueSharePct: 5 },
    { enterpriseId: 2, country: 'JP', kind: 'export', revenueSharePct: 50 },
  ];
  const assets = [
    { enterpriseId: 1, jurisdiction: 'US', kind: 'invention', status: 'granted' },
    { enterpriseId: 1, jurisdiction: 'EP', kind: 'invention', status: 'granted', expiryDate: '2030-01-01' },
    { enterpriseId: 2, jurisdiction: 'PCT', kind: 'invention', status: 'pending' },
    { enterpriseId: 2, jurisdiction: 'JP', kind: 'trademark', status: 'expired' },
  ];
  const rows = exposureMatrix(
    markets,
    assets,
    new Map([
      [1, 1_000_000],
      [2, 2_000_000],
    ]),
    REF,
  );
  it('covers countries through regional offices and marks routes as pending', () => {
    expect(rows.map((r) => r.state)).toEqual(['protected', 'protected', 'none', 'pending']);
    expect(rows[1].patents).toBe(1);
  });
  it('ranks unprotected markets by revenue at risk', () => {
    expect(unprotectedRanked(rows).map((r) => [r.country, r.revenueAtRiskYuan])).toEqual([
      ['JP', 1_000_000],
      ['BR', 50_000],
    ]);
  });
});

describe('helpers', () => {
  it('policy in force and density', () => {
    expect(policyInForce({ status: 'active', startDate: '2025-01-01', endDate: '2025-12-31' }, REF)).toBe(true);
    expect(policyInForce({ status: 'closed', startDate: '2025-01-01', endDate: '2025-12-31' }, REF)).toBe(false);
    expect(policyInForce({ status: 'active', startDate: '2024-01-01', endDate: '2025-06-29' }, REF)).toBe(false);
    expect(perTenThousand(12_345, 1_000_000)).toBe(123.5);
    expect(perTenThousand(1, 0)).toBeNull();
  });
});
