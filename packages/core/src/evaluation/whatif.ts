import { ValidationError } from '../shared/index.ts';
import { aggregateAll } from './aggregate.ts';
import {
  makeContext,
  type PipelineContext,
  type PipelineResult,
  rankAll,
  runWithContext,
  stageA,
  stageB,
  type TreatmentReport,
} from './pipeline.ts';
import { rankOf } from './rank.ts';
import { minMax } from './stats.ts';
import type { Dataset, InputData, Meta } from './types.ts';

export interface WhatIfResult {
  uCode: string;
  changes: Record<string, number>;
  /** Whether only the changed indicators were recomputed (true) or the whole pipeline reran (screening changed). */
  incremental: boolean;
  before: { scores: Record<string, number>; ranks: Record<string, number> };
  after: { scores: Record<string, number>; ranks: Record<string, number> };
  result: PipelineResult;
}

function unitIndex(data: InputData, uCode: string): number {
  const u = data.units.findIndex((x) => x.uCode === uCode);
  if (u < 0) throw new ValidationError([{ path: ['uCode'], message: `单元 ${uCode} 不存在`, messageEn: `unit ${uCode} not found` }]);
  return u;
}

function checkChanges(meta: Meta, changes: Record<string, number>): void {
  const issues = Object.keys(changes)
    .filter((c) => meta.byCode[c]?.type !== 'Indicator')
    .map((c) => ({ path: ['changes', c], message: `${c} 不是指标`, messageEn: `${c} is not an indicator` }));
  if (issues.length) throw new ValidationError(issues);
}

function withChanges(data: InputData, u: number, changes: Record<string, number>): InputData {
  const values = { ...data.values };
  for (const [code, v] of Object.entries(changes)) {
    values[code] = data.values[code].slice();
    values[code][u] = v;
  }
  return { ...data, values };
}

/** Recomputes only the changed columns (every stage is per column once the kept rows are fixed), then re-aggregates. */
function patch(
  ctx: PipelineContext,
  base: PipelineResult,
  codes: string[],
): { normalised: Dataset; cols: Record<string, ReturnType<typeof stageB> & { den: Float64Array }> } {
  const values = { ...base.datasets.normalised.values };
  const cols: Record<string, ReturnType<typeof stageB> & { den: Float64Array }> = {};
  const early = ctx.spec.screen?.position !== 'before-impute';
  for (const code of codes) {
    const a = stageA(ctx, code, ctx.data.values[code]);
    const full = early && a.imp ? a.imp.x : a.den;
    const screened = Float64Array.from(base.rows, (r) => full[r]);
    const b = stageB(ctx, code, screened, base.rows);
    values[code] = b.norm;
    cols[code] = { ...b, den: a.den };
  }
  return { normalised: { units: base.datasets.normalised.units, values }, cols };
}

function missingnessChanged(data: InputData, u: number, changes: Record<string, number>): boolean {
  return Object.entries(changes).some(([c, v]) => Number.isNaN(v) !== Number.isNaN(data.values[c][u]));
}

function snapshot(res: PipelineResult, row: number) {
  const scores: Record<string, number> = {};
  const ranks: Record<string, number> = {};
  for (const c of [...res.meta.indicators, ...res.meta.aggregateLevels.flat()]) {
    scores[c] = res.datasets.aggregated.values[c][row];
    ranks[c] = res.ranks[c][row];
  }
  return { scores, ranks };
}

/** Changes indicator value(s) of one unit (in the indicators' own, raw units) and recomputes, incrementally when screening is unaffected. */
export function whatIf(data: InputData, meta: Meta, base: PipelineResult, uCode: string, changes: Record<string, number>): WhatIfResult {
  checkChanges(meta, changes);
  const u = unitIndex(data, uCode);
  const ctx = makeContext(withChanges(data, u, changes), meta, base.spec);
  const codes = Object.keys(changes);
  const row = base.rows.indexOf(u);
  let result: PipelineResult;
  let incremental = false;
  if (row >= 0 && !missingnessChanged(data, u, changes)) {
    incremental = true;
    const { normalised, cols } = patch(ctx, base, codes);
    const agg = aggregateAll(normalised, meta, ctx.spec.aggregate.method, ctx.spec.weights);
    const { ranks, groupRanks } = rankAll(agg.dataset, meta, base.rows, ctx.data, ctx.spec.rankWithin ?? meta.groups);
    const replace = (ds: Dataset, pick: (code: string) => Float64Array): Dataset => ({
      units: ds.units,
      values: { ...ds.values, ...Object.fromEntries(codes.map((c) => [c, pick(c)])) },
    });
    const treatment: TreatmentReport[] = base.treatment.filter((t) => !codes.includes(t.iCode));
    for (const c of codes) {
      const tr = cols[c].tr;
      if (tr && tr.method !== 'none')
        treatment.push({
          iCode: c,
          method: tr.method,
          points: tr.points,
          units: tr.rows.map((r) => normalised.units[r.row]),
          skewBefore: tr.skewBefore,
          kurtBefore: tr.kurtBefore,
          skewAfter: tr.skewAfter,
          kurtAfter: tr.kurtAfter,
          passed: tr.passed,
        });
    }
    result = {
      ...base,
      datasets: {
        raw: replace(base.datasets.raw, (c) => ctx.data.values[c]),
        denominated: replace(base.datasets.denominated, (c) => cols[c].den),
        imputed: replace(base.datasets.imputed, (c) => cols[c].imp?.x ?? base.datasets.imputed.values[c]),
        screened: base.datasets.screened,
        treated: replace(base.datasets.treated, (c) => cols[c].treated),
        normalised,
        aggregated: agg.dataset,
      },
      treatment,
      weights: agg.weights,
      ranks,
      groupRanks,
    };
  } else {
    result = runWithContext(ctx);
  }
  const newRow = result.rows.indexOf(u);
  const empty = { scores: {}, ranks: {} };
  return {
    uCode,
    changes,
    incremental,
    before: row >= 0 ? snapshot(base, row) : empty,
    after: newRow >= 0 ? snapshot(result, newRow) : empty,
    result,
  };
}

export interface RankStep {
  iCode: string;
  iName: string;
  unit?: string;
  direction: 1 | -1;
  from: number;
  to: number;
  /** to − from, in the indicator's own units. */
  change: number;
  /** |change| as a share of the indicator's observed range, to compare indicators. */
  changeOfRange: number;
  newRank: number;
}

export interface PathToRankResult {
  uCode: string;
  currentRank: number;
  targetRank: number;
  aggregate: string;
  /** Indicators that alone can reach the target, smallest relative change first. */
  steps: RankStep[];
  /** Indicators that cannot reach the target alone (within 64× their range). */
  unreachable: string[];
}

/**
 * For a unit and a target rank, finds per indicator the smallest change of that one indicator (in its own units,
 * in its better direction) that reaches the target rank on the chosen aggregate (default: the index), by bisection.
 */
export function pathToRank(
  data: InputData,
  meta: Meta,
  base: PipelineResult,
  uCode: string,
  targetRank: number,
  opt: { aggregate?: string; tolerance?: number } = {},
): PathToRankResult {
  const u = unitIndex(data, uCode);
  const row = base.rows.indexOf(u);
  if (row < 0)
    throw new ValidationError([{ path: ['uCode'], message: `单元 ${uCode} 已被筛除`, messageEn: `unit ${uCode} was screened out` }]);
  const aggCode = opt.aggregate ?? base.index;
  const currentRank = base.ranks[aggCode][row];
  const result: PathToRankResult = { uCode, currentRank, targetRank, aggregate: aggCode, steps: [], unreachable: [] };
  if (currentRank <= targetRank) return result;
  const baseCtx = makeContext(data, meta, base.spec);
  const rankWith = (code: string, v: number): number => {
    const ctx: PipelineContext = { ...baseCtx, data: withChanges(data, u, { [code]: v }) };
    const { normalised } = patch(ctx, base, [code]);
    const agg = aggregateAll(normalised, meta, ctx.spec.aggregate.method, ctx.spec.weights);
    return rankOf(agg.dataset.values[aggCode], row);
  };
  for (const code of meta.indicators) {
    const m = meta.byCode[code];
    const raw = data.values[code];
    const [lo, hi] = minMax(raw.filter((v) => !Number.isNaN(v)));
    const range = hi - lo || Math.abs(hi) || 1;
    let from = raw[u];
    if (Number.isNaN(from)) {
      // A missing value starts from what imputation gave it, back in raw units.
      const d = m.denominator && base.spec.denominate ? data.values[m.denominator][u] : 1;
      from = base.datasets.imputed.values[code][row] * d;
      if (Number.isNaN(from)) from = m.direction === 1 ? lo : hi;
    }
    const dir = m.direction;
    // Expand until the target is reached, then bisect between the last miss and the first hit.
    let step = range / 8;
    let good = Number.NaN;
    let bad = from;
    let rankAt = Number.NaN;
    for (let k = 0; k < 10; k++) {
      const v = from + dir * step;
      const r = rankWith(code, v);
      if (r <= targetRank) {
        good = v;
        rankAt = r;
        break;
      }
      bad = v;
      step *= 2;
    }
    if (Number.isNaN(good)) {
      result.unreachable.push(code);
      continue;
    }
    const tol = (opt.tolerance ?? 1e-6) * range;
    while (Math.abs(good - bad) > tol) {
      const mid = (good + bad) / 2;
      const r = rankWith(code, mid);
      if (r <= targetRank) {
        good = mid;
        rankAt = r;
      } else bad = mid;
    }
    const change = good - from;
    result.steps.push({
      iCode: code,
      iName: m.iName,
      unit: m.unit,
      direction: dir,
      from,
      to: good,
      change,
      changeOfRange: Math.abs(change) / range,
      newRank: rankAt,
    });
  }
  result.steps.sort((a, b) => a.changeOfRange - b.changeOfRange);
  return result;
}
