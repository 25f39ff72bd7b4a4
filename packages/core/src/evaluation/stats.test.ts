import { describe, expect, it } from 'vitest';
import { correlation, cronbachAlpha, kurtosis, mean, median, quantile, sd, skewness } from './stats.ts';
import { f64 } from './test-helpers.ts';

describe('stats', () => {
  it('type-2 skewness and excess kurtosis by hand: x = 1,2,3,4,10', () => {
    // mean 4; deviations −3,−2,−1,0,6: Σd² = 50, Σd³ = 180, Σd⁴ = 1394
    // g1 = √5·180/50^1.5 = 1.13842; G1 = g1·√(5·4)/3 = 1.69706
    expect(skewness(f64(1, 2, 3, 4, 10))).toBeCloseTo(1.697056, 6);
    // r = 5·1394/50² = 2.788; G2 = ((6)(−0.212) + 6)·4/(3·2) = 3.152
    expect(kurtosis(f64(1, 2, 3, 4, 10))).toBeCloseTo(3.152, 6);
  });
  it('skips missing values and needs 3/4 points', () => {
    expect(skewness(f64(1, Number.NaN, 2, 3, 4, 10))).toBeCloseTo(1.697056, 6);
    expect(skewness(f64(1, 2))).toBeNaN();
    expect(kurtosis(f64(1, 2, 3))).toBeNaN();
  });
  it('mean, median, sd (n − 1), quantile type 7', () => {
    const x = f64(2, 4, 4, 4, 5, 5, 7, 9);
    expect(mean(x)).toBe(5);
    expect(median(x)).toBe(4.5);
    expect(sd(x)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(quantile(f64(1, 2, 3, 4), 0.05)).toBeCloseTo(1.15, 12);
  });
  it('correlation and Cronbach alpha', () => {
    expect(correlation(f64(1, 2, 3), f64(2, 4, 6))).toBeCloseTo(1, 12);
    expect(correlation(f64(1, 2, 3), f64(3, 2, 1))).toBeCloseTo(-1, 12);
    // two identical items: alpha = 2/(2−1)·(1 − 2v/4v) = 1
    expect(cronbachAlpha([f64(1, 2, 3, 4), f64(1, 2, 3, 4)])).toBeCloseTo(1, 12);
    // items 1,2,3 and 1,3,2: var 1 each, totals 2,5,5 var 3 → alpha = 2·(1 − 2/3) = 0.6667
    expect(cronbachAlpha([f64(1, 2, 3), f64(1, 3, 2)])).toBeCloseTo(2 / 3, 12);
  });
});
