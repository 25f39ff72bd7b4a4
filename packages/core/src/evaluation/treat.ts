import { kurtosis, minMax, moments, skewness } from './stats.ts';

export interface TreatOptions {
  /** |skewness| threshold (COINr default 2). */
  skew: number;
  /** Excess kurtosis threshold (COINr default 3.5). */
  kurtosis: number;
  /** Maximum number of winsorised points (COINr winmax, default 5). */
  maxWinsor: number;
  /** What to do when winsorisation is not enough: COINr's log_CT transform, or keep the winsorised values. */
  fallback: 'log' | 'none';
}

export const defaultTreat: TreatOptions = { skew: 2, kurtosis: 3.5, maxWinsor: 5, fallback: 'log' };

export interface TreatColumnResult {
  x: Float64Array;
  method: 'none' | 'winsorise' | 'log';
  /** Number of winsorised points (COINr nwin), or the number of values log-transformed. */
  points: number;
  /** Rows changed, with the side for winsorisation. */
  rows: { row: number; side: 'high' | 'low' | 'log' }[];
  skewBefore: number;
  kurtBefore: number;
  skewAfter: number;
  kurtAfter: number;
  /** True when the final values pass the skew/kurtosis check. */
  passed: boolean;
}

/** COINr check_SkewKurt: passes when |skew| < threshold OR kurtosis < threshold (outlier = both exceeded). */
export function passesSkewKurt(x: ArrayLike<number>, o: Pick<TreatOptions, 'skew' | 'kurtosis'>): boolean | undefined {
  const { skew, kurt } = moments(x);
  if (Number.isNaN(skew) || Number.isNaN(kurt)) return undefined;
  return Math.abs(skew) < o.skew || kurt < o.kurtosis;
}

/**
 * COINr winsorise(): while failing and fewer than maxWinsor points are treated, the current extreme value(s) on the
 * side of the skew take the next value in; tied extremes move together. The count is that of COINr (points currently
 * equal to the winsorised extreme on each side), so previously winsorised points are not double-counted.
 */
export function winsorise(x0: Float64Array, o: TreatOptions): { x: Float64Array; nwin: number; high: number[]; low: number[] } {
  const x = x0.slice();
  let high: number[] = [];
  let low: number[] = [];
  let nwin = 0;
  let passing = passesSkewKurt(x, o);
  while (passing === false && nwin < o.maxWinsor) {
    const s = skewness(x);
    const [lo, hi] = minMax(x);
    const target = s >= 0 ? hi : lo;
    const idx: number[] = [];
    let next = s >= 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (Number.isNaN(v)) continue;
      if (v === target) idx.push(i);
      else if (s >= 0 ? v > next : v < next) next = v;
    }
    if (!Number.isFinite(next)) break;
    for (const i of idx) x[i] = next;
    if (s >= 0) high = idx;
    else low = idx;
    nwin = high.length + low.length;
    passing = passesSkewKurt(x, o);
  }
  return { x, nwin, high, low };
}

/** COINr log_CT: ln(x − min + 0.01·(max − min)), applied to the original (untreated) values. */
export function logTransform(x: Float64Array): Float64Array {
  const [lo, hi] = minMax(x);
  const a = 0.01 * (hi - lo);
  return x.map((v) => Math.log(v - lo + a));
}

/** Treats one indicator: check, winsorise, re-check, and fall back to the log of the original values (COINr Treat.numeric). */
export function treatColumn(x: Float64Array, o: TreatOptions = defaultTreat): TreatColumnResult {
  const { skew: skewBefore, kurt: kurtBefore } = moments(x);
  const base = { skewBefore, kurtBefore };
  const pass0 = passesSkewKurt(x, o);
  if (pass0 !== false) {
    return {
      x: x.slice(),
      method: 'none',
      points: 0,
      rows: [],
      ...base,
      skewAfter: skewBefore,
      kurtAfter: kurtBefore,
      passed: pass0 !== undefined,
    };
  }
  const w = winsorise(x, o);
  const pass1 = passesSkewKurt(w.x, o);
  if (pass1 !== false || o.fallback === 'none') {
    const rows = [...w.high.map((row) => ({ row, side: 'high' as const })), ...w.low.map((row) => ({ row, side: 'low' as const }))];
    return {
      x: w.x,
      method: 'winsorise',
      points: w.nwin,
      rows,
      ...base,
      skewAfter: skewness(w.x),
      kurtAfter: kurtosis(w.x),
      passed: pass1 === true,
    };
  }
  const lx = logTransform(x);
  const rows: TreatColumnResult['rows'] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) rows.push({ row: i, side: 'log' });
  return {
    x: lx,
    method: 'log',
    points: rows.length,
    rows,
    ...base,
    skewAfter: skewness(lx),
    kurtAfter: kurtosis(lx),
    passed: passesSkewKurt(lx, o) === true,
  };
}
