import { ValidationError } from '../shared/index.ts';
import { aggregateAll } from './aggregate.ts';
import { type ImputeMethod, imputeColumn } from './impute.ts';
import { normaliseColumn } from './normalise.ts';
import { rankDesc, rankWithin } from './rank.ts';
import { type ScreenedUnit, screenUnits, selectRows } from './screen.ts';
import { type PipelineSpec, type PipelineSpecInput, parsePipeline } from './spec.ts';
import { treatColumn } from './treat.ts';
import type { Dataset, InputData, Meta, Unit } from './types.ts';

export interface TreatmentReport {
  iCode: string;
  method: 'winsorise' | 'log';
  points: number;
  /** Units whose values changed (winsorised points, or every unit for log). */
  units: string[];
  skewBefore: number;
  kurtBefore: number;
  skewAfter: number;
  kurtAfter: number;
  /** Whether the final values pass the skew/kurtosis check. */
  passed: boolean;
}

export interface ImputationRecord {
  iCode: string;
  uCode: string;
  value: number;
}

export interface PipelineResult {
  spec: PipelineSpec;
  meta: Meta;
  /** Units kept after screening, in data order. */
  units: Unit[];
  datasets: {
    raw: Dataset;
    denominated: Dataset;
    imputed: Dataset;
    screened: Dataset;
    treated: Dataset;
    normalised: Dataset;
    aggregated: Dataset;
  };
  imputation: { method: ImputeMethod; group?: string; filled: ImputationRecord[]; stillMissing: number };
  screening: { threshold?: number; position?: string; removed: ScreenedUnit[] };
  treatment: TreatmentReport[];
  /** Weight of every indicator/aggregate within its parent, as used. */
  weights: Record<string, number>;
  /** Rank (1 = best, ties "min") of every unit for every indicator (normalised) and aggregate. */
  ranks: Record<string, Float64Array>;
  /** Ranks of aggregates within each group column: groupRanks[group][aggregate]. */
  groupRanks: Record<string, Record<string, Float64Array>>;
  /** Kept rows as indices into the input data (for what-if). */
  rows: number[];
  /** The top-level index code. */
  index: string;
}

function stepError(path: (string | number)[], zh: string, en: string): never {
  throw new ValidationError([{ path, message: zh, messageEn: en, code: 'pipeline' }]);
}

/** Resolved parameters shared by the per-column stages, so what-if can rerun one column alone. */
export interface PipelineContext {
  data: InputData;
  meta: Meta;
  spec: PipelineSpec;
  imputeMethod: ImputeMethod;
  group?: string;
}

export function makeContext(data: InputData, meta: Meta, specIn?: PipelineSpec | PipelineSpecInput): PipelineContext {
  const spec = parsePipeline(specIn ?? {});
  let imputeMethod = spec.impute.method;
  let group: string | undefined;
  if (imputeMethod === 'group-mean' || imputeMethod === 'group-median') {
    group = spec.impute.group ?? meta.groups[0];
    if (spec.impute.group && !data.groups[spec.impute.group]) {
      stepError(['impute', 'group'], `分组列 ${spec.impute.group} 不存在`, `group column ${spec.impute.group} not found`);
    }
    // Without any Group column the group method degrades to the indicator-level statistic.
    if (!group) imputeMethod = imputeMethod === 'group-mean' ? 'indicator-mean' : 'indicator-median';
  }
  for (const g of spec.rankWithin ?? []) {
    if (!data.groups[g]) stepError(['rankWithin'], `分组列 ${g} 不存在`, `group column ${g} not found`);
  }
  return { data, meta, spec, imputeMethod, group };
}

/** Stage A for one column on all rows: denominate, and impute when imputation precedes screening. */
export function stageA(ctx: PipelineContext, code: string, raw: Float64Array) {
  const { data, meta, spec } = ctx;
  const d = meta.byCode[code].denominator;
  let den = raw;
  if (spec.denominate && d) {
    const dv = data.values[d];
    den = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) den[i] = dv[i] === 0 || Number.isNaN(dv[i]) ? Number.NaN : raw[i] / dv[i];
  }
  const early = spec.screen?.position !== 'before-impute';
  const imp = early ? imputeColumn(den, ctx.imputeMethod, ctx.group ? data.groups[ctx.group] : undefined) : undefined;
  return { den, imp };
}

/** Stage B for one column on kept rows: impute (if after screening), treat, normalise. */
export function stageB(ctx: PipelineContext, code: string, screenedCol: Float64Array, rows: number[]) {
  const { data, meta, spec } = ctx;
  const late = spec.screen?.position === 'before-impute';
  const groups = ctx.group ? rows.map((r) => data.groups[ctx.group as string][r]) : undefined;
  const imp = late ? imputeColumn(screenedCol, ctx.imputeMethod, groups) : undefined;
  const input = imp ? imp.x : screenedCol;
  const tr = spec.treat ? treatColumn(input, spec.treat) : undefined;
  const treated = tr ? tr.x : input;
  const m = meta.byCode[code];
  const gp = spec.normalise.method === 'goalposts' ? spec.normalise.goalposts?.[code] : undefined;
  const norm = normaliseColumn(treated, m.direction, spec.normalise, gp);
  return { imp, tr, treated, norm };
}

/**
 * Runs the whole method on validated input: denominate → impute → screen (or screen → impute) → treat → normalise →
 * weight → aggregate → rank. Every intermediate dataset and report is kept so any score can be traced to its inputs.
 */
export function runPipeline(data: InputData, meta: Meta, specIn?: PipelineSpec | PipelineSpecInput): PipelineResult {
  return runWithContext(makeContext(data, meta, specIn));
}

export function runWithContext(ctx: PipelineContext): PipelineResult {
  const { data, meta, spec } = ctx;
  const allUnits = data.units.map((u) => u.uCode);
  const raw: Dataset = { units: allUnits, values: {} };
  const denominated: Dataset = { units: allUnits, values: {} };
  const imputedAll: Dataset = { units: allUnits, values: {} };
  const filled: ImputationRecord[] = [];
  for (const code of meta.indicators) {
    raw.values[code] = data.values[code];
    const a = stageA(ctx, code, data.values[code]);
    denominated.values[code] = a.den;
    imputedAll.values[code] = a.imp ? a.imp.x : a.den;
    if (a.imp) for (const r of a.imp.filled) filled.push({ iCode: code, uCode: allUnits[r], value: a.imp.x[r] });
  }
  const early = spec.screen?.position !== 'before-impute';
  const screenInput = early ? imputedAll : denominated;
  let rows = allUnits.map((_, i) => i);
  let removed: ScreenedUnit[] = [];
  if (spec.screen) {
    const s = screenUnits(screenInput, meta.indicators, spec.screen);
    rows = s.kept;
    removed = s.removed;
    if (!rows.length)
      stepError(
        ['screen'],
        `所有单元都被筛除（阈值 ${spec.screen.threshold}）`,
        `all units were screened out (threshold ${spec.screen.threshold})`,
      );
  }
  const screened = selectRows(screenInput, rows);
  const units = screened.units;
  const imputed: Dataset = early ? selectRows(imputedAll, rows) : { units, values: {} };
  const treated: Dataset = { units, values: {} };
  const normalised: Dataset = { units, values: {} };
  const treatment: TreatmentReport[] = [];
  for (const code of meta.indicators) {
    const b = stageB(ctx, code, screened.values[code], rows);
    if (b.imp) {
      imputed.values[code] = b.imp.x;
      for (const r of b.imp.filled) filled.push({ iCode: code, uCode: units[r], value: b.imp.x[r] });
    }
    treated.values[code] = b.treated;
    normalised.values[code] = b.norm;
    if (b.tr && b.tr.method !== 'none') {
      treatment.push({
        iCode: code,
        method: b.tr.method,
        points: b.tr.points,
        units: b.tr.rows.map((r) => units[r.row]),
        skewBefore: b.tr.skewBefore,
        kurtBefore: b.tr.kurtBefore,
        skewAfter: b.tr.skewAfter,
        kurtAfter: b.tr.kurtAfter,
        passed: b.tr.passed,
      });
    }
    const nm = b.norm;
    if (units.length > 1 && nm.every((v) => Number.isNaN(v))) {
      stepError(
        ['normalise', code],
        `指标 ${code} 无法标准化（所有值相同或缺失）`,
        `indicator ${code} cannot be normalised (constant or all missing)`,
      );
    }
  }
  const stillMissing = meta.indicators.reduce((s, c) => s + imputed.values[c].reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0), 0);
  const agg = aggregateAll(normalised, meta, spec.aggregate.method, spec.weights);
  const { ranks, groupRanks } = rankAll(agg.dataset, meta, rows, data, spec.rankWithin ?? meta.groups);
  return {
    spec,
    meta,
    units: rows.map((r) => data.units[r]),
    datasets: { raw, denominated, imputed, screened, treated, normalised, aggregated: agg.dataset },
    imputation: { method: ctx.imputeMethod, group: ctx.group, filled, stillMissing },
    screening: { threshold: spec.screen?.threshold, position: spec.screen?.position, removed },
    treatment,
    weights: agg.weights,
    ranks,
    groupRanks,
    rows,
    index: meta.aggregateLevels.at(-1)?.[0] ?? meta.indicators[0],
  };
}

export function rankAll(ds: Dataset, meta: Meta, rows: number[], data: InputData, groupCols: string[]) {
  const codes = [...meta.indicators, ...meta.aggregateLevels.flat()];
  const ranks: Record<string, Float64Array> = {};
  for (const c of codes) ranks[c] = rankDesc(ds.values[c]);
  const groupRanks: Record<string, Record<string, Float64Array>> = {};
  // Within-group ranks are kept for aggregates only: indicator ranks inside regions are rarely read and cost half the time.
  const aggs = meta.aggregateLevels.flat();
  for (const g of groupCols) {
    const gv = rows.map((r) => data.groups[g][r]);
    groupRanks[g] = {};
    for (const c of aggs) groupRanks[g][c] = rankWithin(ds.values[c], gv);
  }
  return { ranks, groupRanks };
}

/** Score and rank of every unit at every level, in a JSON-friendly shape (scores rounded to 1e-10 noise, not to display). */
export function resultRows(res: PipelineResult) {
  const codes = [...res.meta.indicators, ...res.meta.aggregateLevels.flat()];
  return res.units.map((u, i) => {
    const scores: Record<string, number | null> = {};
    const ranks: Record<string, number | null> = {};
    for (const c of codes) {
      const v = res.datasets.aggregated.values[c][i];
      scores[c] = Number.isNaN(v) ? null : v;
      const r = res.ranks[c][i];
      ranks[c] = Number.isNaN(r) ? null : r;
    }
    return { uCode: u.uCode, uName: u.uName, scores, ranks };
  });
}
