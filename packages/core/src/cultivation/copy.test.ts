import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/index.ts';
import { copyRuleSet, editRuleSet, ruleSetInEffect } from './copy.ts';
import { assess } from './engine.ts';
import { miit2022 } from './rulesets/index.ts';
import { sampleProfile } from './testing.ts';

const gd = () =>
  copyRuleSet(miit2022, { id: 'gd-2024', name: { zh: '广东省梯度培育（2024）', en: 'Guangdong 2024' }, effectiveFrom: '2024-01-01' });

describe('provincial variants', () => {
  it('copies with a new identity and remembers the origin', () => {
    const rs = gd();
    expect(rs).toMatchObject({
      id: 'gd-2024',
      version: '1.0.0',
      effectiveFrom: '2024-01-01',
      derivedFrom: { id: 'miit-2022', version: '1.0.0' },
    });
    expect(rs.tiers).toEqual(miit2022.tiers);
    expect(rs.tiers).not.toBe(miit2022.tiers);
  });

  it('an edit of bands changes results of the variant only', () => {
    const rs = editRuleSet(gd(), (d) => {
      const ind = d.tiers[0].scoring!.groups[0].indicators[1];
      // Province rewards R&D ≥ 4% with full marks.
      if (ind.kind === 'bands') {
        ind.bands[3].to = 4;
        ind.bands[4].from = 4;
      }
    });
    const p = sampleProfile({ revenue: [2400, 2700, 3000], rdExpense: [90, 110, 120] });
    const pts = (r: typeof rs) => assess(p, r, 'innovative').indicators!.find((i) => i.key === 'rd-ratio')!.points;
    expect([pts(miit2022), pts(rs)]).toEqual([15, 20]);
  });

  it('an invalid edit throws and leaves the original alone', () => {
    const rs = gd();
    expect(() =>
      editRuleSet(rs, (d) => {
        const ind = d.tiers[0].scoring!.groups[0].indicators[1];
        if (ind.kind === 'bands') ind.bands.pop();
      }),
    ).toThrow(ValidationError);
    expect(rs.tiers[0].scoring!.groups[0].indicators[1]).toEqual(miit2022.tiers[0].scoring!.groups[0].indicators[1]);
  });

  it('picks the rule set in effect on a date', () => {
    const all = [miit2022, gd()];
    expect(ruleSetInEffect(all, '2023-06-30')?.id).toBe('miit-2022');
    expect(ruleSetInEffect(all, '2024-03-01')?.id).toBe('gd-2024');
    expect(ruleSetInEffect(all, '2020-01-01')).toBeUndefined();
  });
});

describe('province-defined items', () => {
  it('scores a custom metric from profile.custom and reports it missing when absent', () => {
    const rs = editRuleSet(gd(), (d) => {
      d.tiers[1].scoring!.groups[2].indicators = [
        { kind: 'value', key: 'specialty', label: { zh: '特色化', en: 'Specialty' }, max: 10, metric: 'specialtyScore' },
        {
          kind: 'bands',
          key: 'export-share',
          label: { zh: '出口占比', en: 'Export share' },
          max: 5,
          metric: 'custom.exportShareGd',
          domain: { min: 0, max: 100 },
          bands: [
            { to: 20, points: 0, includeFrom: true, includeTo: false },
            { from: 20, points: 5, includeFrom: true, includeTo: false },
          ],
        },
      ];
    });
    const ind = (custom?: Record<string, number>) =>
      assess(sampleProfile({ custom }), rs, 'specialized').indicators!.find((i) => i.key === 'export-share');
    expect(ind({ exportShareGd: 20 })).toMatchObject({ value: 20, points: 5, band: '≥ 20' });
    expect(ind({ exportShareGd: 19.9 })).toMatchObject({ points: 0 });
    expect(ind()).toMatchObject({ status: 'insufficient', points: null });
    expect(assess(sampleProfile(), rs, 'specialized').missing).toEqual(['custom.exportShareGd']);
  });
});
