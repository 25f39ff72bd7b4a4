import { mulberry32, ValidationError } from '../shared/index.ts';
import type { AggregateMethod } from './aggregate.ts';
import type { NormaliseSpec } from './normalise.ts';
import { runPipeline } from './pipeline.ts';
import { rankDesc } from './rank.ts';
import { type PipelineSpec, type PipelineSpecInput, parsePipeline } from './spec.ts';
import type { TreatOptions } from './treat.ts';
import type { InputData, Meta } from './types.ts';
import { childWeights } from './weights.ts';

type ImputeAlt = PipelineSpec['impute'];

/** The methodological choices to vary. Each list holds the alternatives; a list of one keeps that choice fixed. */
export interface UncertaintyOptions {
  runs?: number;
  seed?: number;
  impute?: ImputeAlt[];
  treat?: (Partial<TreatOptions> | false)[];
  normalise?: NormaliseSpec[];
  aggregate?: AggregateMethod[];
  /** Each weight is multiplied by a uniform factor in [1 − x, 1 + x] (x = 0.25 means ±25%). */
  weightNoise?: number;
}

/** Everything a replication needs, as plain typed arrays so it can be posted to a worker thread. */
export interface PreparedUncertainty {
  units: string[];
  nominal: Float64Array;
  /** Normalised indicator matrices per (impute, treat, normalise) combination: combos[c][indicator] column. */
  combos: Float64Array[][];
  /** ln of the same columns (NaN where not positive) for the geometric mean. */
  logCombos: (Float64Array[] | null)[];
  comboLabels: string[];
  dims: { impute: number; treat: number; normalise: number };
  aggregate: AggregateMethod[];
  /** Node order: indicators first, then aggregates level by level; children as node indices. */
  nodes: string[];
  nIndicators: number;
  children: number[][];
  baseWeights: Float64Array;
  weightNoise: number;
  seed: number;
  labels: { impute: string[]; treat: string[]; normalise: string[] };
}

const label = (v: unknown) => (v === false ? 'off' : JSON.stringify(v));

/** Default alternatives follow COINr's sensitivity example: imputation, treatment on/off, two positive normalisations, arithmetic vs geometric mean, weights ±25%. */
export function defaultAlternatives(spec: PipelineSpec): Required<Omit<UncertaintyOptions, 'runs' | 'seed'>> {
  const other: ImputeAlt = spec.impute.method === 'indicator-mean' ? { method: 'group-mean' } : { method: 'indicator-mean' };
  return {
    impute: [spec.impute, other],
    treat: [spec.treat === false ? {} : spec.treat, false],
    normalise: [{ method: 'minmax', min: 1, max: 100 }, { method: 'rank' }],
    aggregate: ['arithmetic', 'geometric'],
    weightNoise: 0.25,
  };
}

/** Runs the nominal pipeline and every data-processing combination once; replications then only re-weight and re-aggregate. */
export function prepareUncertainty(
  data: InputData,
  meta: Meta,
  specIn: PipelineSpec | PipelineSpecInput | undefined,
  opt: UncertaintyOptions = {},
): PreparedUncertainty {
  const spec = parsePipeline(specIn ?? {});
  const def = defaultAlternatives(spec);
  const imputes = opt.impute ?? def.impute;
  const treats = opt.treat ?? def.treat;
  const norms = opt.normalise ?? def.normalise;
  const aggs = opt.aggregate ?? def.aggregate;
  const nominalRes = runPipeline(data, meta, spec);
  // Units screened out in the nominal run stay out of every replication, so ranks compare like with like.
  const rows = nominalRes.rows;
  const sub: InputData = {
    units: rows.map((r) => data.units[r]),
    groups: Object.fromEntries(Object.entries(data.groups).map(([g, v]) => [g, rows.map((r) => v[r])])),
    values: Object.fromEntries(Object.entries(data.values).map(([c, v]) => [c, Float64Array.from(rows, (r) => v[r])])),
  };
  const combos: Float64Array[][] = [];
  const logCombos: (Float64Array[] | null)[] = [];
  const comboLabels: string[] = [];
  const needLog = aggs.includes('geometric');
  for (const imp of imputes)
    for (const tr of treats)
      for (const nm of norms) {
        const res = runPipeline(sub, meta, {
          ...spec,
          screen: null,
          impute: imp,
          treat: tr === false ? false : { ...(spec.treat || {}), ...tr },
          normalise: nm,
        });
        const cols = meta.indicators.map((c) => res.datasets.normalised.values[c]);
        const lbl = `impute=${label(imp)} treat=${label(tr)} normalise=${label(nm)}`;
        if (needLog) {
          for (const [j, c] of cols.entries()) {
            if (c.some((v) => v <= 0)) {
              throw new ValidationError([
                {
                  path: ['uncertainty', 'aggregate'],
                  message: `几何平均要求正值，但在 ${lbl} 下指标 ${meta.indicators[j]} 有非正值；请改用正值的标准化（如 minmax 1–100）`,
                  messageEn: `geometric mean needs positive values but indicator ${meta.indicators[j]} has non-positive values under ${lbl}`,
                },
              ]);
            }
          }
        }
        combos.push(cols);
        logCombos.push(needLog ? cols.map((c) => c.map(Math.log)) : null);
        comboLabels.push(lbl);
      }
  const nodes = [...meta.indicators, ...meta.aggregateLevels.flat()];
  const pos = new Map(nodes.map((c, i) => [c, i]));
  const children = nodes.map((c) => (meta.children[c] ?? []).map((k) => pos.get(k) as number));
  // Data-driven weights (entropy, PCA, AHP) are fixed at their nominal values and then perturbed.
  const baseWeights = Float64Array.from(nodes, (c) => nominalRes.weights[c] ?? 1);
  for (const agg of meta.aggregateLevels.flat()) {
    const kids = meta.children[agg];
    const w = childWeights(
      agg,
      kids,
      kids.map((k) => nominalRes.datasets.aggregated.values[k]),
      spec.weights,
      meta,
    );
    kids.forEach((k, j) => {
      baseWeights[pos.get(k) as number] = w[j];
    });
  }
  return {
    units: nominalRes.units.map((u) => u.uCode),
    nominal: nominalRes.ranks[nominalRes.index],
    combos,
    logCombos,
    comboLabels,
    dims: { impute: imputes.length, treat: treats.length, normalise: norms.length },
    aggregate: aggs,
    nodes,
    nIndicators: meta.indicators.length,
    children,
    baseWeights,
    weightNoise: opt.weightNoise ?? def.weightNoise,
    seed: opt.seed ?? 1,
    labels: { impute: imputes.map(label), treat: treats.map(label), normalise: norms.map(label) },
  };
}

/** One replication's choices, each drawn from a uniform in [0, 1) so Saltelli's design can fix or resample it. */
export type Factors = [impute: number, treat: number, normalise: number, aggregate: number, weights: number];
export const FACTOR_NAMES = ['impute', 'treat', 'normalise', 'aggregate', 'weights'] as const;

const pick = (u: number, n: number) => Math.min(n - 1, Math.floor(u * n));

/** Scores the index for one set of factor values; reuses `work` columns to avoid allocation in hot loops. */
export function replicate(p: PreparedUncertainty, f: Factors, work: Float64Array[]): Float64Array {
  const { dims } = p;
  const combo = (pick(f[0], dims.impute) * dims.treat + pick(f[1], dims.treat)) * dims.normalise + pick(f[2], dims.normalise);
  const method = p.aggregate[pick(f[3], p.aggregate.length)];
  // Under the geometric mean every level is kept as a weighted mean of logs (the log of the geometric mean): ranks are unchanged.
  const cols = method === 'geometric' ? (p.logCombos[combo] as Float64Array[]) : p.combos[combo];
  const rng = mulberry32(Math.floor(f[4] * 4294967296));
  const n = p.units.length;
  const nodes = p.nodes.length;
  const nInd = p.nIndicators;
  const w = new Float64Array(nodes);
  for (let k = 0; k < nodes; k++) w[k] = p.baseWeights[k] * (1 + p.weightNoise * (2 * rng() - 1));
  const harmonic = method === 'harmonic';
  for (let a = nInd; a < nodes; a++) {
    const kids = p.children[a];
    const out = work[a - nInd];
    out.fill(0);
    let wsum = 0;
    for (let j = 0; j < kids.length; j++) {
      const k = kids[j];
      const col = k < nInd ? cols[k] : work[k - nInd];
      const wk = w[k];
      wsum += wk;
      if (harmonic) for (let i = 0; i < n; i++) out[i] += wk / col[i];
      else for (let i = 0; i < n; i++) out[i] += wk * col[i];
    }
    let missing = false;
    for (let i = 0; i < n; i++) {
      const v = out[i];
      if (Number.isNaN(v)) missing = true;
      else out[i] = harmonic ? wsum / v : v / wsum;
    }
    // Rare path: a missing child renormalises that unit's weights over the present children, like COINr.
    if (missing) {
      for (let i = 0; i < n; i++) {
        if (!Number.isNaN(out[i])) continue;
        let s = 0;
        let sw = 0;
        for (let j = 0; j < kids.length; j++) {
          const k = kids[j];
          const v = k < nInd ? cols[k][i] : work[k - nInd][i];
          if (Number.isNaN(v)) continue;
          sw += w[k];
          s += harmonic ? w[k] / v : w[k] * v;
        }
        out[i] = sw === 0 ? Number.NaN : harmonic ? sw / s : s / sw;
      }
    }
  }
  return work[nodes - 1 - nInd];
}

/** Ranks of the index for runs [from, to) as a runs × units matrix; deterministic per run index, so chunks can run in workers. */
export function runReplications(p: PreparedUncertainty, from: number, to: number, onProgress?: (done: number) => void): Uint16Array {
  const n = p.units.length;
  const out = new Uint16Array((to - from) * n);
  const work = Array.from({ length: p.nodes.length - p.nIndicators }, () => new Float64Array(n));
  for (let r = from; r < to; r++) {
    const rng = mulberry32((p.seed * 2654435761 + r * 40503) >>> 0);
    const f: Factors = [rng(), rng(), rng(), rng(), rng()];
    const ranks = rankDesc(replicate(p, f, work));
    const base = (r - from) * n;
    for (let i = 0; i < n; i++) out[base + i] = ranks[i];
    if (onProgress && (r - from) % 250 === 249) onProgress(r - from + 1);
  }
  return out;
}

export interface UnitInterval {
  uCode: string;
  nominal: number;
  median: number;
  mean: number;
  p05: number;
  p95: number;
}

/** Per-unit median rank and 5–95% interval (R quantile type 7) from a runs × units rank matrix, via rank histograms. */
export function summariseRanks(p: PreparedUncertainty, ranks: Uint16Array): UnitInterval[] {
  const n = p.units.length;
  const runs = ranks.length / n;
  const hist = new Uint32Array((n + 2) * n);
  for (let r = 0; r < runs; r++) {
    const base = r * n;
    for (let i = 0; i < n; i++) hist[i * (n + 2) + ranks[base + i]]++;
  }
  return p.units.map((uCode, i) => {
    const h = hist.subarray(i * (n + 2), (i + 1) * (n + 2));
    let s = 0;
    for (let k = 0; k < h.length; k++) s += k * h[k];
    // k-th smallest rank (0-based) from the cumulative histogram.
    const order = (k: number) => {
      let c = 0;
      for (let v = 0; v < h.length; v++) {
        c += h[v];
        if (c > k) return v;
      }
      return h.length - 1;
    };
    const q = (pr: number) => {
      const x = (runs - 1) * pr;
      const lo = Math.floor(x);
      const a = order(lo);
      return a + (x - lo) * (order(Math.ceil(x)) - a);
    };
    return { uCode, nominal: p.nominal[i], median: q(0.5), mean: s / runs, p05: q(0.05), p95: q(0.95) };
  });
}

export interface MonteCarloResult {
  runs: number;
  seed: number;
  alternatives: PreparedUncertainty['labels'] & { aggregate: AggregateMethod[]; weightNoise: number };
  units: UnitInterval[];
}

/** Monte-Carlo uncertainty analysis: N replications with a fixed seed over the chosen alternatives. */
export function monteCarlo(
  data: InputData,
  meta: Meta,
  spec: PipelineSpec | PipelineSpecInput | undefined,
  opt: UncertaintyOptions = {},
  onProgress?: (done: number, total: number) => void,
): MonteCarloResult {
  const p = prepareUncertainty(data, meta, spec, opt);
  const runs = opt.runs ?? 1000;
  const ranks = runReplications(p, 0, runs, onProgress && ((d) => onProgress(d, runs)));
  return monteCarloResult(p, runs, ranks);
}

export function monteCarloResult(p: PreparedUncertainty, runs: number, ranks: Uint16Array): MonteCarloResult {
  return {
    runs,
    seed: p.seed,
    alternatives: { ...p.labels, aggregate: p.aggregate, weightNoise: p.weightNoise },
    units: summariseRanks(p, ranks).sort((a, b) => a.nominal - b.nominal),
  };
}
