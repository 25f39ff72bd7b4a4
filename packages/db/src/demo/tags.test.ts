import { STRATEGIC_EMERGING_INDUSTRIES } from '@kaifaqu/core/enterprises';
import { describe, expect, it } from 'vitest';
import { industryTable } from '../reference/industries.ts';
import { generateZone } from './generate.ts';
import { demoZone } from './spec.ts';
import { DEMO_TAG_RULES, demoStrategicTags } from './tags.ts';

describe('demo strategic emerging industry tags', () => {
  it('has rules for the six tags, each prefix naming real GB/T 4754-2017 classes', () => {
    expect(Object.keys(DEMO_TAG_RULES).sort()).toEqual(STRATEGIC_EMERGING_INDUSTRIES.map((t) => t.code).sort());
    const classes = industryTable()
      .all('小类')
      .map((r) => r.code);
    for (const rules of Object.values(DEMO_TAG_RULES))
      for (const [prefix] of rules)
        expect(
          classes.some((c) => c.startsWith(prefix)),
          prefix,
        ).toBe(true);
  });

  it('tags by industry class, deterministically, with several tags possible', () => {
    const ic = { uscc: '91440112MA5ABCDE1X', industryCode: '3973' };
    expect(demoStrategicTags(ic)).toEqual(['ic-photonics']);
    expect(demoStrategicTags(ic)).toEqual(demoStrategicTags({ ...ic }));
    expect(demoStrategicTags({ uscc: ic.uscc, industryCode: '5131' })).toEqual([]);
    const robots = Array.from({ length: 50 }, (_, i) => demoStrategicTags({ uscc: `U${i}`, industryCode: '3963' }));
    expect(robots.every((t) => t.includes('robotics'))).toBe(true);
    expect(robots.some((t) => t.includes('ai'))).toBe(true);
  });

  it('gives the demo zone a plausible share of tagged firms in all six industries', () => {
    const data = generateZone(demoZone, industryTable(), 20241231, '2024-11-30');
    const tagged = data.enterprises.filter((e) => e.tags.length);
    const share = tagged.length / data.enterprises.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.35);
    for (const t of STRATEGIC_EMERGING_INDUSTRIES)
      expect(data.enterprises.filter((e) => e.tags.includes(t.code)).length, t.code).toBeGreaterThan(3);
  });
});
