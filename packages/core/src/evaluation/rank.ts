// Ranks use a native typed-array sort plus binary search instead of a comparator sort: this is the hot loop of Monte-Carlo.

/** Two scores tie when equal up to float noise (1e-9 relative), so reordering a sum never splits a tie. */
function tolerance(v: number): number {
  return 1e-9 * Math.max(1, Math.abs(v));
}

/** Number of entries of the ascending array `s` that are ≤ v. */
export function upperBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Ranks descending (1 = best), ties share the lowest number ("min"), missing scores get NaN; optionally only over `rows`. */
export function rankDesc(x: ArrayLike<number>, rows?: readonly number[]): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const m = rows ? rows.length : n;
  const sorted = new Float64Array(m);
  let k = 0;
  for (let j = 0; j < m; j++) {
    const v = x[rows ? rows[j] : j];
    if (!Number.isNaN(v)) sorted[k++] = v;
  }
  const s = sorted.subarray(0, k).sort();
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j;
    const v = x[i];
    if (!Number.isNaN(v)) out[i] = 1 + k - upperBound(s, v + tolerance(v));
  }
  return out;
}

/** Ranks within groups (e.g. 东部/中部/西部): each unit is ranked among units sharing its group value. */
export function rankWithin(x: ArrayLike<number>, groups: readonly string[]): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const list = byGroup.get(groups[i]);
    if (list) list.push(i);
    else byGroup.set(groups[i], [i]);
  }
  for (const rows of byGroup.values()) {
    const r = rankDesc(x, rows);
    for (const i of rows) out[i] = r[i];
  }
  return out;
}

/** Rank of one unit with the same rule as rankDesc: 1 + number of units scoring clearly higher. */
export function rankOf(x: ArrayLike<number>, i: number): number {
  const v = x[i];
  if (Number.isNaN(v)) return Number.NaN;
  const t = v + tolerance(v);
  let r = 1;
  for (let k = 0; k < x.length; k++) if (x[k] > t) r++;
  return r;
}
