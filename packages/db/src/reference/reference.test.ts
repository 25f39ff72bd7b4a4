import { describe, expect, it } from 'vitest';
import { countryRows } from './countries.ts';
import { divisionRows } from './divisions.ts';
import { industryTable } from './industries.ts';

describe('GB/T 4754-2017 table as shipped', () => {
  const t = industryTable();
  it('has the published counts 20 / 97 / 473 / 1380', () => {
    expect([t.count('门类'), t.count('大类'), t.count('中类'), t.count('小类')]).toEqual([20, 97, 473, 1380]);
  });
  it('industrial sections B, C, D hold 41 divisions', () => {
    expect(t.all('大类').filter((r) => ['B', 'C', 'D'].includes(r.section))).toHaveLength(41);
  });
  it("each section's 小类 are exactly the codes in its range (the list filter by section relies on it)", () => {
    const classes = t.all('小类');
    for (const s of t.all('门类')) {
      const [lo, hi] = t.classRange(s.code) ?? ['', ''];
      const inRange = classes.filter((r) => r.code >= lo && r.code <= hi);
      expect(inRange.length, s.code).toBeGreaterThan(0);
      expect(
        inRange.filter((r) => r.section !== s.code),
        s.code,
      ).toEqual([]);
      expect(inRange.length, s.code).toBe(classes.filter((r) => r.section === s.code).length);
    }
    expect(t.classRange('C')).toEqual(['1311', '4390']);
    expect(t.classRange('Z')).toBeUndefined();
  });
  it('resolves the hierarchy of codes new in 2017', () => {
    expect(t.lineage('3011').map((r) => r.code)).toEqual(['C', '30', '301', '3011']);
    expect(t.get('6513')?.name).toBe('应用软件开发');
    expect(t.get('0532')?.name).toBe('畜禽粪污处理活动');
  });
});

describe('divisions and countries come from their npm packages', () => {
  it('GB/T 2260 has 34 provincial-level divisions incl. 440100 广州市', () => {
    const rows = divisionRows();
    expect(rows.filter((r) => r.level === 1).length).toBeGreaterThanOrEqual(31);
    expect(rows.find((r) => r.code === '440100')?.name).toBe('广州市');
    expect(rows.find((r) => r.code === '440112')?.name).toBe('黄埔区');
  });
  it('countries carry Chinese names', () => {
    const rows = countryRows();
    expect(rows.length).toBeGreaterThan(240);
    expect(rows.find((r) => r.code === 'SG')?.nameZh).toBe('新加坡');
  });
});
