import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/index.ts';
import { checkBands } from './bands.ts';
import { editRuleSet } from './copy.ts';
import { parseRuleSet } from './parse.ts';
import { miit2022 } from './rulesets/index.ts';
import miitJson from './rulesets/miit-2022.json' with { type: 'json' };
import type { Band, RuleSet } from './schema.ts';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

const band = (from: number | null, to: number | null, points: number, inc: Partial<Band> = {}): Band => ({
  from,
  to,
  points,
  includeFrom: true,
  includeTo: false,
  ...inc,
});

describe('checkBands', () => {
  const dom = { min: 0, max: null };
  it('accepts a tiling of the domain in any order', () => {
    expect(checkBands([band(5, null, 20), band(null, 1, 0), band(1, 5, 5)], dom)).toEqual([]);
  });
  it('accepts a closed domain with a last band up to its end', () => {
    expect(checkBands([band(0, 2, 0), band(2, 3, 3), band(3, null, 5)], { min: 0, max: 6 })).toEqual([]);
  });
  it('finds an overlap and names the band', () => {
    const p = checkBands([band(0, 3, 0), band(2, null, 5)], dom);
    expect(p).toEqual([expect.objectContaining({ band: 1, messageEn: 'band ≥ 2 overlaps [0, 3)' })]);
  });
  it('finds a shared boundary claimed by both bands', () => {
    expect(checkBands([band(0, 3, 0, { includeTo: true }), band(3, null, 5)], dom)[0].messageEn).toMatch(/overlaps/);
  });
  it('finds a gap between bands, at a boundary nobody takes, and at either end', () => {
    expect(checkBands([band(0, 2, 0), band(3, null, 5)], dom)[0].messageEn).toMatch(/gap between bands \[0, 2\) and ≥ 3/);
    expect(checkBands([band(0, 3, 0), band(3, null, 5, { includeFrom: false })], dom)[0].messageEn).toMatch(/gap between/);
    expect(checkBands([band(1, null, 5)], dom)[0].messageEn).toMatch(/gap below/);
    expect(checkBands([band(0, 50, 5)], { min: 0, max: 100 })[0].messageEn).toMatch(/gap above/);
  });
  it('rejects bands outside the domain and empty bands', () => {
    expect(checkBands([band(-5, null, 0)], dom)[0].messageEn).toMatch(/outside/);
    expect(checkBands([band(null, 3, 0), band(3, 3, 1), band(3, null, 2)], dom)[0].messageEn).toMatch(/empty/);
  });
});

describe('parseRuleSet', () => {
  it('accepts miit-2022 and marks the spec assumptions', () => {
    const rs = parseRuleSet(miitJson);
    expect(rs.tiers.map((t) => t.key)).toEqual(['innovative', 'specialized', 'little-giant', 'champion']);
    const text = JSON.stringify(miitJson);
    // The five places cultivation.md marks **assumption**: innovative debt bands (indicator + its two bands),
    // specialized field points, little-giant digital level, champion new product and lower sales line.
    expect(text.match(/"assumption":true/g)?.length).toBe(7);
  });

  it('rejects overlapping bands naming the tier, indicator and band', () => {
    const issues = issuesOf(() =>
      editRuleSet(miit2022, (d) => {
        const ind = d.tiers[0].scoring!.groups[0].indicators[1];
        if (ind.kind === 'bands') ind.bands[1].to = 2.5; // [1, 2.5) overlaps [2, 3)
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['tiers', 0, 'scoring', 'groups', 0, 'indicators', 1, 'bands', 2],
        messageEn: 'indicator rd-ratio: band [2, 3) overlaps [1, 2.5)',
      }),
    ]);
    expect(issues[0].message).toContain('上年度研发费用占营业收入比重');
  });

  it('rejects a gap in a best-of scale and a category left out', () => {
    const issues = issuesOf(() =>
      editRuleSet(miit2022, (d) => {
        const ind = d.tiers[1].scoring!.groups[3].indicators[1];
        if (ind.kind === 'best') ind.of[0].bands[2].from = 210;
        const ip = d.tiers[1].scoring!.groups[3].indicators[0];
        if (ip.kind === 'categories') ip.categories.pop();
      }),
    );
    expect(issues.map((i) => i.messageEn)).toEqual([
      'indicator ip: categories none not covered',
      'indicator rd-expense: gap between bands [100, 200) and [210, 300)',
    ]);
  });

  it('rejects unknown metrics, points over max, and sums that do not add up', () => {
    const issues = issuesOf(() =>
      editRuleSet(miit2022, (d) => {
        const g = d.tiers[0].scoring!.groups[0];
        const ind = g.indicators[1];
        if (ind.kind === 'bands') {
          ind.metric = 'rdRatioo';
        }
        g.max = 45;
        d.tiers[3].criteria![1].when = { metric: 'globalRank', op: 'has', value: 'x' };
      }),
    );
    const en = issues.map((i) => i.messageEn);
    expect(en).toContain('indicator rd-ratio: unknown or non-numeric metric rdRatioo');
    expect(en).toContain('group innovation: max 45 ≠ sum of indicators 40');
    expect(en).toContain('tier innovative: max ≠ sum of groups 105');
    expect(en).toContain('metric globalRank cannot be tested with has "x"');
  });

  it('reports schema errors with paths', () => {
    const bad = { ...(miitJson as object), effectiveFrom: '2022-13-45', tiers: [] };
    const issues = issuesOf(() => parseRuleSet(bad));
    expect(issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['effectiveFrom', 'tiers']));
  });

  it('needs both languages on labels', () => {
    const bad = structuredClone(miitJson) as unknown as RuleSet;
    (bad.tiers[0].label as { en?: string }).en = undefined;
    expect(issuesOf(() => parseRuleSet(bad))[0].path).toEqual(['tiers', 0, 'label', 'en']);
  });

  it('accepts a province-defined custom metric with its own domain', () => {
    const rs = editRuleSet(miit2022, (d) => {
      const g = d.tiers[1].scoring!.groups[2];
      g.indicators = [
        { kind: 'value', key: 'specialty', label: { zh: '特色化', en: 'Specialty' }, max: 10, metric: 'specialtyScore' },
        {
          kind: 'bands',
          key: 'export-share',
          label: { zh: '出口占比', en: 'Export share' },
          max: 5,
          metric: 'custom.exportShare',
          domain: { min: 0, max: 100 },
          bands: [band(null, 20, 0), band(20, null, 5)],
        },
      ];
    });
    expect(rs.tiers[1].scoring!.groups[2].indicators).toHaveLength(2);
  });
});

describe('metric labels', () => {
  it('every built-in metric has a label in both languages', async () => {
    const { metrics, metricLabels } = await import('./metrics.ts');
    for (const key of metrics.keys()) expect(metricLabels[key], key).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
  });
});
