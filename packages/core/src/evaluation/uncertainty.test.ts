import { describe, expect, it } from 'vitest';
import { runPipeline } from './pipeline.ts';
import { sensitivity } from './sensitivity.ts';
import { syntheticInput } from './synthetic.ts';
import { monteCarlo, monteCarloResult, prepareUncertainty, replicate, runReplications } from './uncertainty.ts';

const syn = syntheticInput(7, 60, 12, 3);

describe('Monte-Carlo uncertainty', () => {
  it('with every choice fixed and no weight noise, a replication is the nominal index', () => {
    const base = runPipeline(syn.data, syn.meta);
    const p = prepareUncertainty(syn.data, syn.meta, undefined, {
      impute: [base.spec.impute],
      treat: [{}],
      normalise: [base.spec.normalise],
      aggregate: ['arithmetic'],
      weightNoise: 0,
    });
    const work = Array.from({ length: p.nodes.length - p.nIndicators }, () => new Float64Array(p.units.length));
    const top = replicate(p, [0.3, 0.3, 0.3, 0.3, 0.3], work);
    base.datasets.aggregated.values.Index.forEach((v, i) => {
      expect(top[i]).toBeCloseTo(v, 10);
    });
    const mc = monteCarlo(syn.data, syn.meta, undefined, {
      runs: 50,
      impute: [base.spec.impute],
      treat: [{}],
      normalise: [base.spec.normalise],
      aggregate: ['arithmetic'],
      weightNoise: 0,
    });
    for (const u of mc.units) expect([u.p05, u.median, u.p95]).toEqual([u.nominal, u.nominal, u.nominal]);
  });

  it('geometric replications rank like the geometric pipeline', () => {
    const spec = { normalise: { method: 'minmax' as const, min: 1, max: 100 }, aggregate: { method: 'geometric' as const } };
    const base = runPipeline(syn.data, syn.meta, spec);
    const p = prepareUncertainty(syn.data, syn.meta, spec, {
      impute: [base.spec.impute],
      treat: [{}],
      normalise: [spec.normalise],
      aggregate: ['geometric'],
      weightNoise: 0,
    });
    const ranks = runReplications(p, 0, 1);
    expect(Array.from(ranks)).toEqual(Array.from(base.ranks.Index));
  });

  it('is reproducible with a seed, and chunks equal the whole (so workers can split runs)', () => {
    const a = monteCarlo(syn.data, syn.meta, undefined, { runs: 200, seed: 3 });
    const b = monteCarlo(syn.data, syn.meta, undefined, { runs: 200, seed: 3 });
    expect(a).toEqual(b);
    const p = prepareUncertainty(syn.data, syn.meta, undefined, { seed: 3 });
    const whole = runReplications(p, 0, 200);
    const parts = new Uint16Array(whole.length);
    parts.set(runReplications(p, 0, 120), 0);
    parts.set(runReplications(p, 120, 200), 120 * p.units.length);
    expect(parts).toEqual(whole);
    expect(monteCarloResult(p, 200, parts).units).toEqual(a.units);
  });

  it('gives ordered 5–95% intervals', () => {
    const mc = monteCarlo(syn.data, syn.meta, undefined, { runs: 300, seed: 1 });
    expect(mc.units).toHaveLength(60);
    for (const u of mc.units) {
      expect(u.p05).toBeLessThanOrEqual(u.median);
      expect(u.median).toBeLessThanOrEqual(u.p95);
    }
    expect(mc.units.some((u) => u.p95 > u.p05)).toBe(true);
  });

  it('rejects geometric alternatives on data that is not positive, naming the indicator', () => {
    expect(() =>
      prepareUncertainty(syn.data, syn.meta, undefined, { normalise: [{ method: 'minmax', min: 0, max: 100 }], aggregate: ['geometric'] }),
    ).toThrow(/I1/);
  });
});

describe('sensitivity (Saltelli design)', () => {
  it('the only varied factor explains the variance; fixed factors are left out', () => {
    const base = runPipeline(syn.data, syn.meta);
    const s = sensitivity(syn.data, syn.meta, undefined, {
      n: 200,
      seed: 2,
      impute: [base.spec.impute],
      treat: [{}],
      normalise: [{ method: 'minmax', min: 1, max: 100 }, { method: 'rank' }],
      aggregate: ['arithmetic'],
      weightNoise: 0,
    });
    expect(s.factors.map((f) => f.factor)).toEqual(['normalise']);
    // one factor: S = S_T = 1 in theory; N = 200 leaves estimator noise
    expect(s.factors[0].total).toBeGreaterThan(0.8);
    expect(s.factors[0].first).toBeGreaterThan(0.8);
    expect(s.evaluations).toBe(600);
  });
  it('ranks the default factors by total effect', () => {
    const s = sensitivity(syn.data, syn.meta, undefined, { n: 200, seed: 2 });
    expect(s.factors.map((f) => f.factor).sort()).toEqual(['aggregate', 'impute', 'normalise', 'treat', 'weights']);
    for (let i = 1; i < s.factors.length; i++) expect(s.factors[i - 1].total).toBeGreaterThanOrEqual(s.factors[i].total);
    expect(s.variance).toBeGreaterThan(0);
  });
});
