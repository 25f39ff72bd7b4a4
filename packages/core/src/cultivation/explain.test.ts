import { describe, expect, it } from 'vitest';
import { assessAll } from './engine.ts';
import { explain } from './explain.ts';
import { miit2022 } from './rulesets/index.ts';
import { screen } from './screen.ts';
import { sampleProfile } from './testing.ts';

describe('explain', () => {
  it('gives every condition with the values it read, and indicators with group, max and label', () => {
    const e = explain(sampleProfile({ nicheShareNational: 8, recognized: ['specialized'] }), miit2022, 'little-giant');
    expect(e.result.eligible).toBe(false);
    const niche = e.conditions.find((c) => c.key === 'niche-share')!;
    expect(niche).toMatchObject({ section: 'criterion', group: 'te', result: false, values: [{ metric: 'nicheShareNational', value: 8 }] });
    expect(niche.label.zh).toContain('细分市场');
    expect(e.conditions.find((c) => c.key === 'chuangke-top50')).toMatchObject({ section: 'direct', result: false });
    const s = explain(sampleProfile(), miit2022, 'specialized');
    expect(s.indicators.find((i) => i.key === 'rd-staff-share')).toMatchObject({
      group: 'innovation',
      max: 5,
      points: 5,
      label: { en: 'R&D staff share' },
    });
  });

  it('marks conditions on missing data as undetermined', () => {
    const e = explain(sampleProfile({ isSme: undefined }), miit2022, 'specialized');
    expect(e.conditions.find((c) => c.key === 'sme')).toMatchObject({ result: 'undetermined', values: [{ metric: 'isSme', value: null }] });
  });
});

describe('screen', () => {
  it('agrees with assessAll and adds the distance', () => {
    const ps = [sampleProfile({ id: 'a' }), sampleProfile({ id: 'b', nicheShareNational: 9.5, recognized: ['specialized'] }), { id: 'c' }];
    const rows = screen(ps, miit2022);
    rows.forEach((row, i) => {
      const full = assessAll(ps[i], miit2022);
      expect(row.id).toBe(ps[i].id);
      for (const [t, r] of Object.entries(full.tiers)) {
        const s = row.tiers[t as keyof typeof row.tiers]!;
        expect(s).toMatchObject({ eligible: r!.eligible, path: r!.path, total: r!.total, failed: r!.failed });
      }
    });
    expect(rows[0].tiers.innovative!.distance).toBe(0);
    expect(rows[1].tiers['little-giant']!.distance).toBeGreaterThan(0);
    expect(rows[2].tiers.innovative!.distance).toBe(Number.POSITIVE_INFINITY);
  });
});
