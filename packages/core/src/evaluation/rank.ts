/** Ranks descending (1 = best), ties share the lowest number ("min"), missing scores get NaN. */
export function rankDesc(x: ArrayLike<number>, rows?: readonly number[]): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const idx = (rows ?? Array.from({ length: x.length }, (_, i) => i)).filter((i) => !Number.isNaN(x[i]));
  idx.sort((a, b) => x[b] - x[a]);
  let rank = 0;
  for (let k = 0; k < idx.length; k++) {
    // Scores equal up to float noise (1e-9 relative) tie, so reordering a sum never splits a tie.
    if (k === 0 || !nearlyEqual(x[idx[k]], x[idx[k - 1]])) rank = k + 1;
    out[idx[k]] = rank;
  }
  return out;
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Ranks within groups (e.g. 东部/中部/西部): each unit is ranked among units sharing its group value. */
export function rankWithin(x: ArrayLike<number>, groups: readonly string[]): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = byGroup.get(g) ?? [];
    list.push(i);
    byGroup.set(g, list);
  });
  for (const rows of byGroup.values()) {
    const r = rankDesc(x, rows);
    for (const i of rows) out[i] = r[i];
  }
  return out;
}

/** Fast rank of one unit: 1 + number of units with a strictly higher score (same tie rule as rankDesc). */
export function rankOf(x: ArrayLike<number>, i: number): number {
  const v = x[i];
  if (Number.isNaN(v)) return Number.NaN;
  let r = 1;
  for (let k = 0; k < x.length; k++) if (x[k] > v && !nearlyEqual(x[k], v)) r++;
  return r;
}
