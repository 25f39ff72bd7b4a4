import { ValidationError } from '../shared/index.ts';
import type { AggregateMethod } from './aggregate.ts';
import { type NormaliseSpec, normaliseColumn } from './normalise.ts';
import { type PipelineResult, runPipeline } from './pipeline.ts';
import { FACTOR_NAMES, type Factors, type PreparedUncertainty, replicate, runReplications } from './replicate.ts';
import { type PipelineSpec, type PipelineSpecInput, parsePipeline } from './spec.ts';
import type { TreatOptions } from './treat.ts';
import type { InputData, Meta } from './types.ts';
import { childWeights } from './weights.ts';

export { FACTOR_NAMES, type Factors, type PreparedUncertainty, replicate, runReplications };

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
  /** The nominal run of the same data, meta and spec when the caller has it already (saves one pipeline run). */
  nominal?: PipelineResult;
}

const label = (v: unknown) => (v === false ? 'off' : JSON.stringify(v));

/** Default alternatives follow COINr's sensitivity example: imputation, treatment on/off, two positive normalisations, arithmetic vs geometric mean, weights ±25%. */
export function defaultAlternatives(spec: PipelineSpec): Required<Omit<UncertaintyOptions, 'runs' | 'seed' | 'nominal'>> {
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
  const nominalRes = opt.nominal ?? runPipeline(data, meta, spec);
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
  // One full pipeline run per imputation (and per extra treatment variant); the other treatment/normalisation
  // combinations reuse its imputed or treated columns and only re-normalise — the same functions the pipeline uses.
  for (const imp of imputes) {
    const runs = new Map<string, PipelineResult>();
    const runFor = (tr: Partial<TreatOptions> | false, nm: NormaliseSpec) => {
      const key = label(tr);
      let res = runs.get(key);
      if (!res) {
        res = runPipeline(sub, meta, {
          ...spec,
          screen: null,
          impute: imp,
          treat: tr === false ? false : { ...(spec.treat || {}), ...tr },
          normalise: nm,
        });
        runs.set(key, res);
      }
      return res;
    };
    const first = runFor(treats[0], norms[0]);
    for (const tr of treats)
      for (const nm of norms) {
        let cols: Float64Array[];
        if (tr === treats[0] && nm === norms[0]) cols = meta.indicators.map((c) => first.datasets.normalised.values[c]);
        else {
          // Treatment off: the treated columns are the imputed ones (no screening in replications).
          const base = tr === false ? first.datasets.imputed : runFor(tr, norms[0]).datasets.treated;
          cols = meta.indicators.map((c) => {
            const gp = nm.method === 'goalposts' ? nm.goalposts?.[c] : undefined;
            const col = normaliseColumn(base.values[c], meta.byCode[c].direction, nm, gp);
            if (col.length > 1 && col.every((v) => Number.isNaN(v)))
              throw new ValidationError([
                {
                  path: ['normalise', c],
                  message: `指标 ${c} 无法标准化（所有值相同或缺失）`,
                  messageEn: `indicator ${c} cannot be normalised (constant or all missing)`,
                  code: 'pipeline',
                },
              ]);
            return col;
          });
        }
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
