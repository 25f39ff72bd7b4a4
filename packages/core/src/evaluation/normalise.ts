import { mean, minMax, sd } from './stats.ts';

export type NormaliseSpec =
  | { method: 'minmax'; min?: number; max?: number }
  | { method: 'zscore'; mean?: number; sd?: number }
  | { method: 'rank' }
  | { method: 'goalposts'; goalposts?: Record<string, { min: number; max: number }>; scale?: number }
  | { method: 'efficacy' };

/** Applies the indicator's direction first, so higher always means better in every method. */
export function normaliseColumn(
  x: Float64Array,
  direction: 1 | -1,
  spec: NormaliseSpec,
  goalpost?: { min: number; max: number },
): Float64Array {
  const d = direction === -1 ? x.map((v) => -v) : x;
  switch (spec.method) {
    case 'minmax':
      return minmax(d, spec.min ?? 0, spec.max ?? 100);
    case 'efficacy':
      // 功效系数法: 60 + 40·(x − min)/(max − min)
      return minmax(d, 60, 100);
    case 'zscore': {
      const m = mean(d);
      const s = sd(d);
      const tm = spec.mean ?? 0;
      const ts = spec.sd ?? 1;
      return d.map((v) => ((v - m) / s) * ts + tm);
    }
    case 'rank':
      return rankAverage(d);
    case 'goalposts': {
      // Goalposts are in the indicator's own units; with direction −1 the "max" goalpost is the worst value.
      const [lo, hi] = goalpost ? [goalpost.min, goalpost.max] : minMax(x.filter((v) => !Number.isNaN(v)));
      const scale = spec.scale ?? 100;
      return x.map((v) => {
        if (Number.isNaN(v)) return v;
        const t = direction === -1 ? (hi - v) / (hi - lo) : (v - lo) / (hi - lo);
        return Math.min(1, Math.max(0, t)) * scale;
      });
    }
  }
}

/** COINr n_minmax: (x − min)/(max − min)·(u − l) + l; a constant column gives NaN like COINr. */
export function minmax(x: Float64Array, l: number, u: number): Float64Array {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const f = (u - l) / (hi - lo);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - lo) * f + l;
  return out;
}

/** Ranks ascending (higher value, higher rank), ties averaged, NaN kept: R's rank(ties.method = "average"). */
export function rankAverage(x: Float64Array): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) idx.push(i);
  idx.sort((a, b) => x[a] - x[b]);
  const out = new Float64Array(x.length).fill(Number.NaN);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k]] = r;
    i = j + 1;
  }
  return out;
}
