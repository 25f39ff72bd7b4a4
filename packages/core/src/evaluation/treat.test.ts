import { describe, expect, it } from 'vitest';
import { f64 } from './test-helpers.ts';
import { logTransform, passesSkewKurt, treatColumn, winsorise } from './treat.ts';

const opt = { skew: 2, kurtosis: 3.5, maxWinsor: 5, fallback: 'log' as const };

describe('outlier treatment (COINr Treat conventions)', () => {
  it('fails only when |skew| ≥ 2 and kurtosis ≥ 3.5 both hold', () => {
    expect(passesSkewKurt(f64(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100), opt)).toBe(false);
    // skew 1.70 < 2 passes even with kurtosis 3.15
    expect(passesSkewKurt(f64(1, 2, 3, 4, 10), opt)).toBe(true);
  });
  it('winsorises one high outlier to the next value (COINr test: c(1:10, 100) → 100 becomes 10)', () => {
    const x = f64(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100);
    const r = treatColumn(x, opt);
    expect(r.method).toBe('winsorise');
    expect(r.points).toBe(1);
    expect(r.x[10]).toBe(10);
    expect(Array.from(r.x.slice(0, 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.rows).toEqual([{ row: 10, side: 'high' }]);
    expect(r.passed).toBe(true);
  });
  it('moves tied extremes together and counts them (c(1:20, 100, 200): 200→100, then both→20)', () => {
    const x = f64(...Array.from({ length: 20 }, (_, i) => i + 1), 100, 200);
    const w = winsorise(x, opt);
    expect(w.nwin).toBe(2);
    expect(w.x[20]).toBe(20);
    expect(w.x[21]).toBe(20);
  });
  it('winsorises the low side when skew is negative', () => {
    const x = f64(-100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    const r = treatColumn(x, opt);
    expect(r.x[0]).toBe(1);
    expect(r.rows[0].side).toBe('low');
  });
  it('falls back to log_CT of the original values when maxWinsor is not enough', () => {
    const x = f64(...Array.from({ length: 20 }, (_, i) => i + 1), 100, 200);
    const r = treatColumn(x, { ...opt, maxWinsor: 1 });
    expect(r.method).toBe('log');
    // ln(x − min + 0.01·(max − min)) with min 1, max 200 → ln(x − 1 + 1.99)
    expect(r.x[0]).toBeCloseTo(Math.log(1.99), 12);
    expect(r.x[21]).toBeCloseTo(Math.log(200.99), 12);
    expect(Array.from(logTransform(x))).toEqual(Array.from(r.x));
    expect(r.points).toBe(22);
  });
  it('keeps winsorised values when the fallback is off, and leaves passing data alone', () => {
    const x = f64(...Array.from({ length: 20 }, (_, i) => i + 1), 100, 200);
    expect(treatColumn(x, { ...opt, maxWinsor: 1, fallback: 'none' }).method).toBe('winsorise');
    expect(treatColumn(f64(1, 2, 3, 4, 5), opt).method).toBe('none');
  });
  it('skips missing values', () => {
    const r = treatColumn(f64(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Number.NaN, 100), opt);
    expect(r.x[11]).toBe(10);
    expect(r.x[10]).toBeNaN();
  });
});
