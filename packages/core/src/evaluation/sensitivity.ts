import { mulberry32 } from '../shared/index.ts';
import { rankDesc } from './rank.ts';
import type { PipelineSpec, PipelineSpecInput } from './spec.ts';
import type { InputData, Meta } from './types.ts';
import {
  FACTOR_NAMES,
  type Factors,
  type PreparedUncertainty,
  prepareUncertainty,
  replicate,
  type UncertaintyOptions,
} from './uncertainty.ts';

export interface SensitivityIndex {
  factor: (typeof FACTOR_NAMES)[number];
  /** First-order index S_i (Saltelli 2010 estimator). */
  first: number;
  /** Total-effect index S_Ti (Jansen estimator). */
  total: number;
}

export interface SensitivityResult {
  /** Base sample size N; the model ran N·(k + 2) times. */
  n: number;
  evaluations: number;
  /** The output: mean absolute shift of index ranks from the nominal ranking. */
  output: 'mean-abs-rank-shift';
  mean: number;
  variance: number;
  /** Sorted by total effect, largest first: the choice that moves ranks most comes first. */
  factors: SensitivityIndex[];
}

/** The scalar output of one replication: mean |rank − nominal rank| over units. */
export function rankShift(p: PreparedUncertainty, f: Factors, work: Float64Array[]): number {
  const r = rankDesc(replicate(p, f, work));
  let s = 0;
  for (let i = 0; i < r.length; i++) s += Math.abs(r[i] - p.nominal[i]);
  return s / r.length;
}

/**
 * Variance-based sensitivity with Saltelli's design: matrices A and B of uniforms (N × k), and A_B^i (A with column i
 * from B). S_i = mean(f(B)·(f(A_B^i) − f(A)))/V and S_Ti = mean((f(A) − f(A_B^i))²)/(2V). Factors with a single
 * alternative are left out.
 */
export function sensitivityFromPrepared(p: PreparedUncertainty, n: number, seed: number): SensitivityResult {
  const active = FACTOR_NAMES.map((_, i) => i).filter((i) => {
    const sizes = [p.dims.impute, p.dims.treat, p.dims.normalise, p.aggregate.length, p.weightNoise > 0 ? 2 : 1];
    return sizes[i] > 1;
  });
  const rng = mulberry32(seed);
  const work = Array.from({ length: p.nodes.length - p.nIndicators }, () => new Float64Array(p.units.length));
  const A: Factors[] = [];
  const B: Factors[] = [];
  for (let j = 0; j < n; j++) {
    A.push([rng(), rng(), rng(), rng(), rng()]);
    B.push([rng(), rng(), rng(), rng(), rng()]);
  }
  const fA = A.map((f) => rankShift(p, f, work));
  const fB = B.map((f) => rankShift(p, f, work));
  const all = [...fA, ...fB];
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const variance = all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1);
  const factors: SensitivityIndex[] = active.map((i) => {
    let s1 = 0;
    let st = 0;
    for (let j = 0; j < n; j++) {
      const ab = [...A[j]] as Factors;
      ab[i] = B[j][i];
      const fab = rankShift(p, ab, work);
      s1 += fB[j] * (fab - fA[j]);
      st += (fA[j] - fab) ** 2;
    }
    return { factor: FACTOR_NAMES[i], first: variance ? s1 / n / variance : 0, total: variance ? st / (2 * n) / variance : 0 };
  });
  factors.sort((a, b) => b.total - a.total);
  return { n, evaluations: n * (active.length + 2), output: 'mean-abs-rank-shift', mean, variance, factors };
}

/** Which methodological choice moves ranks most: first-order and total sensitivity indices per factor. */
export function sensitivity(
  data: InputData,
  meta: Meta,
  spec: PipelineSpec | PipelineSpecInput | undefined,
  opt: UncertaintyOptions & { n?: number } = {},
): SensitivityResult {
  const p = prepareUncertainty(data, meta, spec, opt);
  return sensitivityFromPrepared(p, opt.n ?? 500, opt.seed ?? 1);
}
