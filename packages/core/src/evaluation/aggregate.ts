import { ValidationError } from '../shared/index.ts';
import type { Dataset, Meta } from './types.ts';
import { childWeights, type WeightSpec } from './weights.ts';

export type AggregateMethod = 'arithmetic' | 'geometric' | 'harmonic' | 'copeland';

function fail(aggregate: string, child: string, zh: string, en: string): never {
  throw new ValidationError([
    { path: ['aggregate', aggregate, child], message: `${aggregate}：${zh}`, messageEn: `${aggregate}: ${en}`, code: 'aggregate' },
  ]);
}

/** Weighted means over present children (weights renormalised per unit, as COINr a_amean/a_gmean/a_hmean). */
export function aggregateRows(
  aggregate: string,
  codes: string[],
  cols: Float64Array[],
  w: number[],
  method: AggregateMethod,
): Float64Array {
  const n = cols[0]?.length ?? 0;
  const out = new Float64Array(n);
  if (method === 'copeland') return copeland(cols, w);
  if (method !== 'arithmetic') {
    cols.forEach((c, j) => {
      for (let i = 0; i < n; i++) {
        if (method === 'geometric' && c[i] <= 0)
          fail(
            aggregate,
            codes[j],
            `几何平均要求正值，但 ${codes[j]} 有值 ${c[i]}`,
            `geometric mean needs positive values but ${codes[j]} has ${c[i]}`,
          );
        if (method === 'harmonic' && c[i] <= 0)
          fail(
            aggregate,
            codes[j],
            `调和平均要求正值，但 ${codes[j]} 有值 ${c[i]}`,
            `harmonic mean needs positive values but ${codes[j]} has ${c[i]}`,
          );
      }
    });
  }
  for (let i = 0; i < n; i++) {
    let sw = 0;
    let s = 0;
    for (let j = 0; j < cols.length; j++) {
      const v = cols[j][i];
      if (Number.isNaN(v)) continue;
      sw += w[j];
      if (method === 'arithmetic') s += w[j] * v;
      else if (method === 'geometric') s += w[j] * Math.log(v);
      else s += w[j] / v;
    }
    if (sw === 0) out[i] = Number.NaN;
    else if (method === 'arithmetic') out[i] = s / sw;
    else if (method === 'geometric') out[i] = Math.exp(s / sw);
    else out[i] = sw / s;
  }
  return out;
}

/**
 * Copeland (JRC Handbook): e_jk = weight share of children where j beats k plus half of ties; the score is the number
 * of units j beats (e_jk > 0.5) minus the number that beat it.
 */
export function copeland(cols: Float64Array[], w: number[]): Float64Array {
  const n = cols[0]?.length ?? 0;
  const total = w.reduce((a, b) => a + b, 0);
  const out = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let e = 0;
      let used = 0;
      for (let j = 0; j < cols.length; j++) {
        const x = cols[j][a];
        const y = cols[j][b];
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        used += w[j];
        if (x > y) e += w[j];
        else if (x === y) e += w[j] / 2;
      }
      if (!used) continue;
      const share = e / (used || total);
      if (share > 0.5) {
        out[a]++;
        out[b]--;
      } else if (share < 0.5) {
        out[a]--;
        out[b]++;
      }
    }
  }
  return out;
}

export interface AggregateResult {
  /** Indicators (normalised) plus every aggregate column. */
  dataset: Dataset;
  /** Weight of each node within its parent as used (after the weighting method), not rescaled. */
  weights: Record<string, number>;
}

/** Aggregates level by level up the hierarchy with the children's weights; one method for all levels or one per level. */
export function aggregateAll(ds: Dataset, meta: Meta, method: AggregateMethod | AggregateMethod[], weights: WeightSpec): AggregateResult {
  const values: Record<string, Float64Array> = { ...ds.values };
  const used: Record<string, number> = Object.create(null);
  meta.aggregateLevels.forEach((codes, li) => {
    const m = Array.isArray(method) ? (method[li] ?? method[method.length - 1]) : method;
    for (const agg of codes) {
      const kids = meta.children[agg];
      const cols = kids.map((k) => values[k]);
      const w = childWeights(agg, kids, cols, weights, meta);
      kids.forEach((k, j) => {
        used[k] = w[j];
      });
      values[agg] = aggregateRows(agg, kids, cols, w, m);
    }
  });
  return { dataset: { units: ds.units, values }, weights: used };
}
