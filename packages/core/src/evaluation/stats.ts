/** Descriptive statistics with COINr's conventions (NaN = missing, skipped). */

export function present(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out.push(x[i]);
  return out;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n ? s / n : Number.NaN;
}

export function median(x: ArrayLike<number>): number {
  const v = present(x).sort((a, b) => a - b);
  if (!v.length) return Number.NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Sample standard deviation (n − 1), like R's sd(). */
export function sd(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      s += (v - m) ** 2;
      n++;
    }
  }
  return n > 1 ? Math.sqrt(s / (n - 1)) : Number.NaN;
}

export function minMax(x: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo > hi ? [Number.NaN, Number.NaN] : [lo, hi];
}

/** Skewness and excess kurtosis (type 2) in two passes without allocating; NaN when too few points. */
export function moments(x: ArrayLike<number>): { skew: number; kurt: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  const m = sum / n;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  let skew = Number.NaN;
  let kurt = Number.NaN;
  if (n >= 3) skew = s2 === 0 ? 0 : (((Math.sqrt(n) * s3) / s2 ** 1.5) * Math.sqrt(n * (n - 1))) / (n - 2);
  if (n >= 4) {
    const r = (n * s4) / (s2 * s2);
    kurt = s2 === 0 ? 0 : (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
  }
  return { skew, kurt };
}

/** Skewness type 2 (e1071 type = 2, Excel SKEW, SAS/SPSS), as COINr's skew(). NaN below 3 points. */
export function skewness(x: ArrayLike<number>): number {
  return moments(x).skew;
}

/** Excess kurtosis type 2 (e1071 type = 2, Excel KURT), as COINr's kurt(). NaN below 4 points. */
export function kurtosis(x: ArrayLike<number>): number {
  return moments(x).kurt;
}

/** Pearson correlation over pairwise-complete observations. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    sa += a[i];
    sb += b[i];
    n++;
  }
  if (n < 2) return Number.NaN;
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? Number.NaN : sab / Math.sqrt(saa * sbb);
}

/** Cronbach's alpha of a set of columns (complete rows only). */
export function cronbachAlpha(cols: ArrayLike<number>[]): number {
  const k = cols.length;
  if (k < 2) return Number.NaN;
  const n = cols[0].length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (cols.every((c) => !Number.isNaN(c[i]))) rows.push(i);
  if (rows.length < 2) return Number.NaN;
  const pick = (c: ArrayLike<number>) => rows.map((i) => c[i]);
  const variance = (v: number[]) => sd(v) ** 2;
  const itemVar = cols.reduce((s, c) => s + variance(pick(c)), 0);
  const totals = rows.map((i) => cols.reduce((s, c) => s + c[i], 0));
  const totalVar = variance(totals);
  return totalVar === 0 ? Number.NaN : (k / (k - 1)) * (1 - itemVar / totalVar);
}

/** Quantile with R's default (type 7) interpolation on a sorted copy. */
export function quantile(x: ArrayLike<number>, p: number): number {
  const v = present(x).sort((a, b) => a - b);
  if (!v.length) return Number.NaN;
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}
