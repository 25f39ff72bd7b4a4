import type { Dataset } from './types.ts';

export interface ScreenOptions {
  /** Minimum share of indicators present (0–1). */
  threshold: number;
  /** Optional minimum share of non-zero values (0–1). */
  nonZeroThreshold?: number;
}

export interface ScreenedUnit {
  uCode: string;
  availability: number;
  nonZero: number;
  reason: string;
  reasonEn: string;
}

export interface ScreenResult {
  kept: number[];
  removed: ScreenedUnit[];
  availability: number[];
}

/** Drops units whose data availability (share of non-missing indicators in the input dataset) is below the threshold. */
export function screenUnits(ds: Dataset, codes: string[], opt: ScreenOptions): ScreenResult {
  const kept: number[] = [];
  const removed: ScreenedUnit[] = [];
  const availability: number[] = [];
  const k = codes.length;
  const cols = codes.map((c) => ds.values[c]);
  for (let i = 0; i < ds.units.length; i++) {
    let present = 0;
    let nonZero = 0;
    for (const c of cols) {
      if (!Number.isNaN(c[i])) {
        present++;
        if (c[i] !== 0) nonZero++;
      }
    }
    const av = present / k;
    const nz = nonZero / k;
    availability.push(av);
    const lowData = av < opt.threshold;
    const lowNz = opt.nonZeroThreshold !== undefined && nz < opt.nonZeroThreshold;
    if (lowData || lowNz) {
      removed.push({
        uCode: ds.units[i],
        availability: av,
        nonZero: nz,
        reason: lowData
          ? `数据可得率 ${(av * 100).toFixed(1)}% 低于 ${(opt.threshold * 100).toFixed(0)}%`
          : `非零比例 ${(nz * 100).toFixed(1)}% 过低`,
        reasonEn: lowData
          ? `data availability ${(av * 100).toFixed(1)}% below ${(opt.threshold * 100).toFixed(0)}%`
          : `non-zero share ${(nz * 100).toFixed(1)}% too low`,
      });
    } else kept.push(i);
  }
  return { kept, removed, availability };
}

/** Keeps only the given rows of every column. */
export function selectRows(ds: Dataset, rows: number[]): Dataset {
  const values: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(ds.values)) {
    const out = new Float64Array(rows.length);
    for (let j = 0; j < rows.length; j++) out[j] = v[rows[j]];
    values[k] = out;
  }
  return { units: rows.map((r) => ds.units[r]), values };
}
