import { describe, expect, it } from 'vitest';
import { aggregateRows, copeland } from './aggregate.ts';
import { denominate } from './denominate.ts';
import { imputeColumn } from './impute.ts';
import { minmax, normaliseColumn, rankAverage } from './normalise.ts';
import { rankDesc, rankOf, rankWithin } from './rank.ts';
import { screenUnits } from './screen.ts';
import { f64, tinyInput } from './test-helpers.ts';
import { ahp, entropyWeights, pcaWeights } from './weights.ts';

const arr = (x: Float64Array) => Array.from(x);

describe('denominate', () => {
  it('divides by the named denominator; zero gives missing', () => {
    const inp = tinyInput({ A: [10, 20, 30], B: [1, 2, 3], C: [5, 5, 5] });
    inp.meta.byCode.A.denominator = 'Pop';
    inp.data.values.Pop = f64(2, 0, 10);
    const d = denominate(inp.data, inp.meta, ['U1', 'U2', 'U3']);
    expect(arr(d.values.A)).toEqual([5, Number.NaN, 3]);
    expect(arr(d.values.B)).toEqual([1, 2, 3]);
  });
});

describe('impute', () => {
  const x = f64(1, Number.NaN, 3, 10, Number.NaN, 30, Number.NaN);
  const g = ['a', 'a', 'a', 'b', 'b', 'b', 'c'];
  it('indicator mean and median', () => {
    expect(arr(imputeColumn(x, 'indicator-mean').x)).toEqual([1, 11, 3, 10, 11, 30, 11]);
    expect(arr(imputeColumn(f64(1, Number.NaN, 3, 10), 'indicator-median').x)).toEqual([1, 3, 3, 10]);
  });
  it('group mean/median; an all-missing group stays missing', () => {
    const r = imputeColumn(x, 'group-mean', g);
    expect(arr(r.x)).toEqual([1, 2, 3, 10, 20, 30, Number.NaN]);
    expect(r.filled).toEqual([1, 4]);
    expect(arr(imputeColumn(f64(1, 2, 9, Number.NaN), 'group-median', ['a', 'a', 'a', 'a']).x)).toEqual([1, 2, 9, 2]);
  });
  it('none leaves gaps', () => {
    expect(imputeColumn(x, 'none').filled).toEqual([]);
  });
});

describe('screen', () => {
  it('drops units below the availability threshold, with the reason', () => {
    const ds = { units: ['U1', 'U2'], values: { A: f64(1, Number.NaN), B: f64(1, 2), C: f64(0, Number.NaN) } };
    const r = screenUnits(ds, ['A', 'B', 'C'], { threshold: 0.9 });
    expect(r.kept).toEqual([0]);
    expect(r.removed[0].uCode).toBe('U2');
    expect(r.removed[0].availability).toBeCloseTo(1 / 3, 12);
    expect(screenUnits(ds, ['A', 'B', 'C'], { threshold: 0, nonZeroThreshold: 0.8 }).kept).toEqual([]);
  });
});

describe('normalise', () => {
  const x = f64(2, 4, 6, 10);
  it('minmax 0–100 and direction −1 before normalising', () => {
    expect(arr(normaliseColumn(x, 1, { method: 'minmax' }))).toEqual([0, 25, 50, 100]);
    expect(arr(normaliseColumn(x, -1, { method: 'minmax' }))).toEqual([100, 75, 50, 0]);
    expect(arr(minmax(x, 1, 5))).toEqual([1, 2, 3, 5]);
  });
  it('efficacy 功效系数法 60 + 40·(x − min)/(max − min)', () => {
    expect(arr(normaliseColumn(x, 1, { method: 'efficacy' }))).toEqual([60, 70, 80, 100]);
  });
  it('zscore with target mean and sd', () => {
    // mean 5.5, sd = √(50/3·... ) computed: Σd² = 12.25+2.25+0.25+20.25 = 35, sd = √(35/3)
    const z = normaliseColumn(x, 1, { method: 'zscore', mean: 10, sd: 2 });
    expect(z[0]).toBeCloseTo(10 + (2 * (2 - 5.5)) / Math.sqrt(35 / 3), 12);
  });
  it('rank with averaged ties, goalposts clamped', () => {
    expect(arr(rankAverage(f64(5, 1, 5, 3)))).toEqual([3.5, 1, 3.5, 2]);
    expect(arr(normaliseColumn(x, 1, { method: 'goalposts' }, { min: 4, max: 8 }))).toEqual([0, 0, 50, 100]);
    expect(arr(normaliseColumn(x, -1, { method: 'goalposts' }, { min: 4, max: 8 }))).toEqual([100, 100, 50, 0]);
  });
});

describe('weights', () => {
  it('AHP: consistent 3×3 matrix gives exact weights and CR 0', () => {
    const r = ahp([
      [1, 2, 4],
      [0.5, 1, 2],
      [0.25, 0.5, 1],
    ]);
    expect(r.weights.map((w) => +w.toFixed(6))).toEqual([0.571429, 0.285714, 0.142857]);
    expect(r.cr).toBeCloseTo(0, 9);
  });
  it('AHP: inconsistent matrix has CR > 0.1', () => {
    const r = ahp([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ]);
    expect(r.cr).toBeGreaterThan(0.1);
  });
  it('entropy 熵权法 by hand: a constant column gets weight 0', () => {
    // column 1: p = (1/6, 2/6, 3/6); e = −Σp ln p / ln 3; column 2 constant: e = 1, d = 0
    const p = [1 / 6, 2 / 6, 3 / 6];
    const e = -p.reduce((s, v) => s + v * Math.log(v), 0) / Math.log(3);
    const w = entropyWeights([f64(1, 2, 3), f64(5, 5, 5)]);
    expect(w[1]).toBe(0);
    expect(w[0]).toBe(1);
    expect(1 - e).toBeGreaterThan(0);
  });
  it('entropy by hand: columns (1, 2, 3) and (1, 1, 4)', () => {
    // e1 = −(⅙ln⅙ + ⅓ln⅓ + ½ln½)/ln3 = 0.920620, d1 = 0.079380
    // e2 = −(2·⅙ln⅙ + ⅔ln⅔)/ln3 = 0.789690, d2 = 0.210310; w1 = d1/(d1 + d2) = 0.27402
    const w = entropyWeights([f64(1, 2, 3), f64(1, 1, 4)]);
    expect(w[0]).toBeCloseTo(0.27402, 5);
    expect(w[1]).toBeCloseTo(0.72598, 5);
  });
  it('PCA: perfectly correlated columns share the weight equally', () => {
    const w = pcaWeights([f64(1, 2, 3, 4), f64(2, 4, 6, 8.0001)]);
    expect(w[0]).toBeCloseTo(0.5, 4);
  });
});

describe('aggregate', () => {
  const cols = [f64(10, 40, Number.NaN), f64(40, 10, 20)];
  it('weighted arithmetic, skipping missing children', () => {
    expect(arr(aggregateRows('P', ['a', 'b'], cols, [1, 3], 'arithmetic'))).toEqual([32.5, 17.5, 20]);
  });
  it('weighted geometric and harmonic', () => {
    const g = aggregateRows('P', ['a', 'b'], cols, [1, 1], 'geometric');
    expect(g[0]).toBeCloseTo(20, 12);
    const h = aggregateRows('P', ['a', 'b'], cols, [1, 1], 'harmonic');
    expect(h[0]).toBeCloseTo(2 / (1 / 10 + 1 / 40), 12);
  });
  it('geometric on non-positive data fails naming the aggregate and indicator', () => {
    expect(() => aggregateRows('Pillar1', ['a', 'b'], [f64(0, 1), f64(1, 1)], [1, 1], 'geometric')).toThrow(/Pillar1.*a/);
  });
  it('Copeland: wins minus losses on weighted majority', () => {
    // U1 beats U2 on both; U3 beats both on b (weight 2) and loses on a (weight 1)
    const c = copeland([f64(3, 2, 1), f64(2, 1, 5)], [1, 2]);
    expect(arr(c)).toEqual([0, -2, 2]);
  });
});

describe('rank', () => {
  it('descending, ties "min", missing NaN', () => {
    expect(arr(rankDesc(f64(10, 30, 30, Number.NaN, 5)))).toEqual([3, 1, 1, Number.NaN, 4]);
    expect(rankOf(f64(10, 30, 30, 5), 0)).toBe(3);
  });
  it('within groups', () => {
    expect(arr(rankWithin(f64(1, 2, 3, 4), ['e', 'w', 'e', 'w']))).toEqual([2, 2, 1, 1]);
  });
});
