import { mean, median } from './stats.ts';

export type ImputeMethod = 'none' | 'indicator-mean' | 'indicator-median' | 'group-mean' | 'group-median';

export interface ImputeResult {
  x: Float64Array;
  /** Row indices that were filled. */
  filled: number[];
}

/**
 * Fills missing values of one column. Group methods use the mean/median of the same group (COINr i_mean_grp /
 * i_median_grp); a gap stays missing when its whole group is missing.
 */
export function imputeColumn(x: Float64Array, method: ImputeMethod, groups?: readonly string[]): ImputeResult {
  const out = x.slice();
  const filled: number[] = [];
  if (method === 'none') return { x: out, filled };
  const stat = method.endsWith('median') ? median : mean;
  if (method === 'indicator-mean' || method === 'indicator-median') {
    const v = stat(x);
    for (let i = 0; i < x.length; i++)
      if (Number.isNaN(x[i]) && !Number.isNaN(v)) {
        out[i] = v;
        filled.push(i);
      }
    return { x: out, filled };
  }
  if (!groups) throw new Error('group imputation needs a group column');
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = byGroup.get(g) ?? [];
    list.push(x[i]);
    byGroup.set(g, list);
  });
  const value = new Map([...byGroup].map(([g, v]) => [g, stat(v)]));
  for (let i = 0; i < x.length; i++) {
    const v = value.get(groups[i]) ?? Number.NaN;
    if (Number.isNaN(x[i]) && !Number.isNaN(v)) {
      out[i] = v;
      filled.push(i);
    }
  }
  return { x: out, filled };
}
