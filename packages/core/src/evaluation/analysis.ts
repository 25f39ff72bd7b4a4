import type { PipelineResult } from './pipeline.ts';
import { correlation, cronbachAlpha, kurtosis, mean, minMax, sd, skewness } from './stats.ts';
import type { Dataset, Meta } from './types.ts';

export interface IndicatorStat {
  iCode: string;
  n: number;
  missing: number;
  min: number;
  max: number;
  mean: number;
  sd: number;
  skew: number;
  kurtosis: number;
}

/** Per-indicator n, missing, min, max, mean, sd, skewness and excess kurtosis (type 2) of a dataset. */
export function indicatorStats(ds: Dataset, codes: string[]): IndicatorStat[] {
  return codes.map((iCode) => {
    const x = ds.values[iCode];
    const present = x.filter((v) => !Number.isNaN(v));
    const [min, max] = minMax(present);
    return {
      iCode,
      n: present.length,
      missing: x.length - present.length,
      min,
      max,
      mean: mean(present),
      sd: sd(present),
      skew: skewness(present),
      kurtosis: kurtosis(present),
    };
  });
}

/** Pearson correlation matrix between the given columns (pairwise complete). */
export function correlationMatrix(ds: Dataset, codes: string[]): { codes: string[]; r: number[][] } {
  const cols = codes.map((c) => ds.values[c]);
  return { codes, r: cols.map((a, i) => cols.map((b, j) => (i === j ? 1 : correlation(a, b)))) };
}

export interface ParentCorrelation {
  iCode: string;
  parent: string;
  r: number;
}

/** Correlation of every indicator/aggregate with its parent aggregate (on the aggregated dataset). */
export function parentCorrelations(ds: Dataset, meta: Meta): ParentCorrelation[] {
  return meta.rows
    .filter((m) => m.parent && ds.values[m.iCode] && ds.values[m.parent])
    .map((m) => ({ iCode: m.iCode, parent: m.parent as string, r: correlation(ds.values[m.iCode], ds.values[m.parent as string]) }));
}

/** Cronbach's alpha of each aggregate over its children (on the aggregated dataset). */
export function cronbachByAggregate(ds: Dataset, meta: Meta): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const agg of meta.aggregateLevels.flat()) out[agg] = cronbachAlpha(meta.children[agg].map((c) => ds.values[c]));
  return out;
}

/** All statistics of a result: raw and treated indicator statistics, correlations and Cronbach's alpha. */
export function analyse(res: PipelineResult) {
  const { meta, datasets } = res;
  return {
    raw: indicatorStats(datasets.raw, meta.indicators),
    treated: indicatorStats(datasets.treated, meta.indicators),
    correlations: correlationMatrix(datasets.normalised, meta.indicators),
    withParents: parentCorrelations(datasets.aggregated, meta),
    cronbach: cronbachByAggregate(datasets.aggregated, meta),
  };
}
