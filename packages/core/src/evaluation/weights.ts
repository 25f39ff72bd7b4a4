import { ValidationError } from '../shared/index.ts';
import { correlation } from './stats.ts';
import type { Meta } from './types.ts';

export type WeightSpec =
  | { method: 'metadata' }
  | { method: 'equal' }
  | { method: 'entropy' }
  | { method: 'pca' }
  | { method: 'ahp'; matrices: Record<string, number[][]> }
  /** Explicit weights by iCode (e.g. perturbed in Monte-Carlo); codes not listed keep their metadata weight. */
  | { method: 'custom'; weights: Record<string, number> };

/** Saaty's random consistency index by matrix size. */
const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
}

/** AHP: principal eigenvector of the pairwise matrix (power iteration), λmax, CI = (λmax − n)/(n − 1), CR = CI/RI. */
export function ahp(m: number[][]): AhpResult {
  const n = m.length;
  if (!n || m.some((r) => r.length !== n || r.some((v) => !(v > 0)))) throw new Error('AHP matrix must be square with positive entries');
  let w = new Array(n).fill(1 / n);
  for (let it = 0; it < 1000; it++) {
    const next = m.map((row) => row.reduce((s, v, j) => s + v * w[j], 0));
    const sum = next.reduce((a, b) => a + b, 0);
    const norm = next.map((v) => v / sum);
    const diff = norm.reduce((s, v, i) => s + Math.abs(v - w[i]), 0);
    w = norm;
    if (diff < 1e-14) break;
  }
  const aw = m.map((row) => row.reduce((s, v, j) => s + v * w[j], 0));
  const lambdaMax = aw.reduce((s, v, i) => s + v / w[i], 0) / n;
  const ci = n > 2 ? (lambdaMax - n) / (n - 1) : 0;
  const ri = RANDOM_INDEX[n] ?? 1.59;
  return { weights: w, lambdaMax, ci, cr: ri ? ci / ri : 0 };
}

/** 熵权法: columns shifted to be non-negative, p = x/Σx, e = −Σ p ln p / ln n, weight ∝ 1 − e. */
export function entropyWeights(cols: Float64Array[]): number[] {
  const d = cols.map((c) => {
    const v = Array.from(c).filter((x) => !Number.isNaN(x));
    const n = v.length;
    const lo = Math.min(...v);
    const shifted = lo < 0 ? v.map((x) => x - lo) : v;
    const total = shifted.reduce((a, b) => a + b, 0);
    if (n < 2 || total === 0) return 0;
    let e = 0;
    for (const x of shifted) if (x > 0) e -= (x / total) * Math.log(x / total);
    return 1 - e / Math.log(n);
  });
  const sum = d.reduce((a, b) => a + b, 0);
  return sum > 0 ? d.map((x) => x / sum) : d.map(() => 1 / d.length);
}

/** First principal component of the correlation matrix; weights are |loadings| rescaled to sum to 1. */
export function pcaWeights(cols: Float64Array[]): number[] {
  const k = cols.length;
  if (k === 1) return [1];
  const r = cols.map((a) => cols.map((b) => (a === b ? 1 : correlation(a, b) || 0)));
  let v = new Array(k).fill(1 / Math.sqrt(k));
  for (let it = 0; it < 500; it++) {
    const next = r.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
    const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0)) || 1;
    v = next.map((x) => x / norm);
  }
  const abs = v.map(Math.abs);
  const sum = abs.reduce((a, b) => a + b, 0);
  return abs.map((x) => x / sum);
}

/** The weights of an aggregate's children under a weighting spec, with the children's data for data-driven methods. */
export function childWeights(aggregate: string, childCodes: string[], childCols: Float64Array[], spec: WeightSpec, meta: Meta): number[] {
  switch (spec.method) {
    case 'metadata':
      return childCodes.map((c) => meta.byCode[c].weight);
    case 'equal':
      return childCodes.map(() => 1);
    case 'custom':
      return childCodes.map((c) => spec.weights[c] ?? meta.byCode[c].weight);
    case 'entropy':
      return entropyWeights(childCols);
    case 'pca':
      return pcaWeights(childCols);
    case 'ahp': {
      const m = spec.matrices[aggregate];
      if (!m) return childCodes.map((c) => meta.byCode[c].weight);
      if (m.length !== childCodes.length) {
        throw new ValidationError([
          {
            path: ['weights', 'matrices', aggregate],
            message: `${aggregate} 的 AHP 矩阵应为 ${childCodes.length}×${childCodes.length}（${childCodes.join(', ')}）`,
            messageEn: `AHP matrix of ${aggregate} must be ${childCodes.length}x${childCodes.length} (${childCodes.join(', ')})`,
          },
        ]);
      }
      const res = ahp(m);
      if (res.cr > 0.1) {
        throw new ValidationError([
          {
            path: ['weights', 'matrices', aggregate],
            message: `${aggregate} 的 AHP 判断矩阵不一致：CR = ${res.cr.toFixed(3)} > 0.1`,
            messageEn: `AHP matrix of ${aggregate} is inconsistent: CR = ${res.cr.toFixed(3)} > 0.1`,
            code: 'ahp_inconsistent',
          },
        ]);
      }
      return res.weights;
    }
  }
}
