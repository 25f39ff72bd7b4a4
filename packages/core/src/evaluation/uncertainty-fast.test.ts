import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/random.ts';
import { runPipeline } from './pipeline.ts';
import { rankDesc } from './rank.ts';
import { type Factors, replicate, runReplications } from './replicate.ts';
import { parsePipeline } from './spec.ts';
import { syntheticInput } from './synthetic.ts';
import { defaultAlternatives, prepareUncertainty } from './uncertainty.ts';

// prepareUncertainty runs the pipeline once per imputation and re-normalises for the other treatment/normalisation
// alternatives; every combination must equal a full pipeline run with that combination.
describe('prepareUncertainty reuses imputed and treated columns', () => {
  const cases = [
    { name: 'default', spec: {} },
    { name: 'group-mean, zscore nominal', spec: { impute: { method: 'group-mean' }, normalise: { method: 'zscore' } } },
    { name: 'treatment off nominal', spec: { treat: false } },
  ];
  for (const c of cases)
    it(`equals full runs (${c.name})`, () => {
      const syn = syntheticInput(11, 80, 14, 3);
      const spec = parsePipeline(c.spec);
      const p = prepareUncertainty(syn.data, syn.meta, spec, { aggregate: ['arithmetic'] });
      const alt = defaultAlternatives(spec);
      let k = 0;
      for (const imp of alt.impute)
        for (const tr of alt.treat)
          for (const nm of alt.normalise) {
            const res = runPipeline(syn.data, syn.meta, {
              ...spec,
              screen: null,
              impute: imp,
              treat: tr === false ? false : { ...(spec.treat || {}), ...tr },
              normalise: nm,
            });
            syn.meta.indicators.forEach((code, j) => {
              expect(Array.from(p.combos[k][j])).toEqual(Array.from(res.datasets.normalised.values[code]));
            });
            k++;
          }
      expect(k).toBe(p.combos.length);
    });
});

// runReplications scores complete data by the linear form (one dot product per unit); it must rank exactly like the
// level-by-level aggregation of `replicate` for the same factors, for arithmetic and geometric means.
describe('runReplications fast path', () => {
  for (const aggregate of [['arithmetic'], ['geometric'], ['arithmetic', 'geometric', 'harmonic']] as const)
    it(`ranks like replicate() (${aggregate.join('/')})`, () => {
      const syn = syntheticInput(5, 90, 16, 3);
      const spec = parsePipeline({ normalise: { method: 'minmax', min: 1, max: 100 } });
      const p = prepareUncertainty(syn.data, syn.meta, spec, {
        aggregate: [...aggregate],
        normalise: [{ method: 'minmax', min: 1, max: 100 }, { method: 'rank' }],
        seed: 3,
      });
      const runs = 300;
      const fast = runReplications(p, 0, runs);
      const n = p.units.length;
      const work = Array.from({ length: p.nodes.length - p.nIndicators }, () => new Float64Array(n));
      for (let r = 0; r < runs; r++) {
        const rng = mulberry32((p.seed * 2654435761 + r * 40503) >>> 0);
        const f: Factors = [rng(), rng(), rng(), rng(), rng()];
        const ranks = rankDesc(replicate(p, f, work));
        expect(Array.from(fast.subarray(r * n, (r + 1) * n))).toEqual(Array.from(ranks));
      }
    });
});
