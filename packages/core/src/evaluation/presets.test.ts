import { describe, expect, it } from 'vitest';
import { analyse } from './analysis.ts';
import { parseIMeta } from './parse.ts';
import { runPipeline } from './pipeline.ts';
import { getPreset, presetMetaCsv } from './presets.ts';
import { parsePipelineJson } from './spec.ts';
import { syntheticInput } from './synthetic.ts';

describe('presets', () => {
  it('coinr-default is the documented default pipeline', () => {
    const p = getPreset('coinr-default').pipeline;
    expect(p.impute).toEqual({ method: 'group-mean' });
    expect(p.screen).toEqual({ threshold: 0.9, position: 'after-impute' });
    expect(p.treat).toEqual({ skew: 2, kurtosis: 3.5, maxWinsor: 5, fallback: 'log' });
    expect(p.normalise).toEqual({ method: 'minmax', min: 0, max: 100 });
    expect(p.aggregate.method).toBe('arithmetic');
  });
  it('mofcom-2021 has the five published dimension weights and is marked as an assumption', () => {
    const p = getPreset('mofcom-2021');
    expect(p.assumption).toMatch(/ASSUMPTION/);
    const w = Object.fromEntries(p.meta?.aggregateLevels[0].map((c) => [p.meta?.byCode[c].iName, p.meta?.byCode[c].weight]) ?? []);
    expect(w).toEqual({ 对外开放: 0.3, 科技创新: 0.15, 绿色发展: 0.15, 统筹协调: 0.1, 发展质量: 0.3 });
    // its iMeta template round-trips through the parser
    const meta = parseIMeta(presetMetaCsv('mofcom-2021'), 'mofcom-2021_iMeta.csv');
    expect(meta.indicators).toEqual(p.meta?.indicators);
    expect(() => getPreset('nope')).toThrow();
  });
  it('mofcom-2021 runs on data of its shape, ranking within regions', () => {
    const p = getPreset('mofcom-2021');
    const meta = p.meta!;
    const syn = syntheticInput(5, 90, meta.indicators.length, 5);
    const values = Object.fromEntries(meta.indicators.map((c, i) => [c, syn.data.values[`I${i + 1}`]]));
    const res = runPipeline(
      { ...syn.data, groups: { Region: syn.data.groups.Region, Province: syn.data.groups.Region }, values },
      meta,
      p.pipeline,
    );
    expect(res.groupRanks.Region.Index).toHaveLength(90);
    expect(Object.keys(res.groupRanks)).toEqual(['Region']);
  });
  it('pipeline JSON errors carry the path', () => {
    expect(() => parsePipelineJson('{"screen":{"threshold":2}}', 'p.json')).toThrow(/threshold|screen/);
    expect(() => parsePipelineJson('{nope', 'p.json')).toThrow(/JSON/);
  });
});

describe('analysis', () => {
  it('indicator statistics, correlations and Cronbach alpha', () => {
    const syn = syntheticInput(2, 50, 8, 2);
    const a = analyse(runPipeline(syn.data, syn.meta));
    expect(a.raw).toHaveLength(8);
    expect(a.raw[0]).toMatchObject({ iCode: 'I1' });
    expect(a.raw.reduce((s, x) => s + x.n + x.missing, 0)).toBe(400);
    expect(a.correlations.r[0][0]).toBe(1);
    expect(a.withParents.find((x) => x.iCode === 'P1')?.parent).toBe('Index');
    expect(Object.keys(a.cronbach)).toEqual(['P1', 'P2', 'Index']);
  });
});
