import { formatBand, inBand } from './bands.ts';
import type { TierAcc } from './context.ts';
import { relativeChange } from './context.ts';
import type { MetricDef } from './metrics.ts';
import { metricDef } from './metrics.ts';
import type { Band, Indicator, Tier } from './schema.ts';
import type { GapItem, IndicatorResult, MetricValue } from './types.ts';

interface Scale {
  def: MetricDef;
  bands: Band[];
  texts: string[];
  domainMax: number;
}

export type CompiledIndicator =
  | { kind: 'bands'; key: string; group: string; max: number; scales: Scale[] }
  | { kind: 'best'; key: string; group: string; max: number; scales: Scale[] }
  | { kind: 'categories'; key: string; group: string; max: number; def: MetricDef; points: Map<string, number> }
  | { kind: 'value'; key: string; group: string; max: number; def: MetricDef };

export interface CompiledGroup {
  key: string;
  failKey: string;
  max: number;
  min: number;
  indicators: CompiledIndicator[];
}

function scale(s: { metric: string; bands: Band[]; domain?: { min: number | null; max: number | null } }): Scale {
  const def = metricDef(s.metric)!;
  const unit = def.unit === '%' ? '%' : '';
  return {
    def,
    bands: s.bands,
    texts: s.bands.map((b) => formatBand(b, unit)),
    domainMax: s.domain?.max ?? def.domain?.max ?? Number.POSITIVE_INFINITY,
  };
}

export function compileIndicator(ind: Indicator, group: string): CompiledIndicator {
  const base = { key: ind.key, group, max: ind.max };
  if (ind.kind === 'bands') return { kind: 'bands', ...base, scales: [scale(ind)] };
  if (ind.kind === 'best') return { kind: 'best', ...base, scales: ind.of.map(scale) };
  if (ind.kind === 'categories')
    return { kind: 'categories', ...base, def: metricDef(ind.metric)!, points: new Map(ind.categories.map((c) => [c.value, c.points])) };
  return { kind: 'value', ...base, def: metricDef(ind.metric)! };
}

export function compileGroups(tier: Tier): CompiledGroup[] {
  return (tier.scoring?.groups ?? []).map((g) => ({
    key: g.key,
    failKey: `group:${g.key}`,
    max: g.max,
    min: g.min ?? 0,
    indicators: g.indicators.map((i) => compileIndicator(i, g.key)),
  }));
}

function bandIndex(s: Scale, v: number): number {
  for (let i = 0; i < s.bands.length; i++) if (inBand(s.bands[i], v)) return i;
  return -1; // outside the domain (validation keeps profiles inside); scores nothing
}

function indicatorResult(
  key: string,
  metric: string,
  value: MetricValue | null,
  band: string | null,
  points: number | null,
): IndicatorResult {
  // Built once with final values (no later writes) so every result has one stable shape.
  return { key, metric, value, band, points, status: points === null ? 'insufficient' : 'scored' };
}

export function scoreIndicator(ind: CompiledIndicator, acc: TierAcc): IndicatorResult {
  if (ind.kind === 'bands' || ind.kind === 'best') {
    let lacking: string | null = null;
    let metric = '';
    let value: MetricValue | null = null;
    let band: string | null = null;
    let points = -1;
    for (const s of ind.scales) {
      const v = acc.ctx.get(s.def);
      if (v === undefined || v === null) {
        lacking ??= s.def.key;
        continue;
      }
      const i = bandIndex(s, v as number);
      const pts = i < 0 ? 0 : s.bands[i].points;
      if (pts > points) {
        metric = s.def.key;
        value = v;
        band = i < 0 ? null : s.texts[i];
        points = pts;
      }
    }
    // Best-of with one scale unknown is only settled if the known one already gives full marks.
    if (lacking !== null && points !== ind.max) {
      for (const s of ind.scales) acc.read(s.def, ind.key);
      return indicatorResult(ind.key, metric || lacking, null, null, null);
    }
    return indicatorResult(ind.key, metric, value, band, points);
  }
  const v = acc.read(ind.def, ind.key);
  if (v === null) return indicatorResult(ind.key, ind.def.key, null, null, null);
  if (ind.kind === 'categories') return indicatorResult(ind.key, ind.def.key, v, v as string, ind.points.get(v as string) ?? 0);
  return indicatorResult(ind.key, ind.def.key, v, null, Math.min(ind.max, Math.max(0, v as number)));
}

function item(
  ind: CompiledIndicator,
  metric: string,
  from: MetricValue,
  to: MetricValue,
  op: GapItem['op'],
  gain: number,
  relative: number,
): GapItem {
  return { kind: 'score', key: ind.key, metric, from, to, op, gain, relative };
}

/** Smallest change of one metric of this indicator that earns at least `need` more points, in the metric's own unit; appended to `out`. */
export function indicatorGap(ind: CompiledIndicator, current: IndicatorResult, need: number, acc: TierAcc, out: GapItem[]): void {
  const cur = current.points ?? 0;
  const target = cur + need;
  if (target > ind.max + 1e-9) return;
  if (ind.kind === 'bands' || ind.kind === 'best') {
    for (const s of ind.scales) {
      const v = acc.ctx.get(s.def) as number;
      let best: Band | null = null;
      let bestTo = 0;
      let bestUp = false;
      let dist = Number.POSITIVE_INFINITY;
      for (const b of s.bands) {
        if (b.points < target) continue;
        const lo = b.from ?? Number.NEGATIVE_INFINITY;
        const up = v < lo || (v === lo && !b.includeFrom);
        const to = up ? lo : (b.to ?? Number.POSITIVE_INFINITY);
        const d = Math.abs(to - v);
        if (!Number.isFinite(to) || d >= dist) continue;
        dist = d;
        best = b;
        bestTo = to;
        bestUp = up;
      }
      if (!best) continue;
      const op = bestUp ? (best.includeFrom ? '>=' : '>') : best.includeTo ? '<=' : '<';
      out.push(item(ind, s.def.key, v, bestTo, op, best.points - cur, relativeChange(v, bestTo)));
    }
    return;
  }
  if (ind.kind === 'categories') {
    const order = ind.def.values ?? [];
    const at = order.indexOf(current.value as string);
    let best: string | null = null;
    let bestPts = 0;
    let dist = Number.POSITIVE_INFINITY;
    for (const [value, pts] of ind.points) {
      if (pts < target) continue;
      const d = Math.abs(order.indexOf(value) - at);
      if (d >= dist) continue;
      dist = d;
      best = value;
      bestPts = pts;
    }
    // Field of main products has no order: any change of field counts as a whole step.
    const relative = ind.def.key === 'field' ? 1 : dist / Math.max(1, order.length - 1);
    if (best !== null) out.push(item(ind, ind.def.key, current.value!, best, '==', bestPts - cur, relative));
    return;
  }
  const v = current.value as number;
  const to = v + (target - cur);
  if (to <= (ind.def.domain?.max ?? Number.POSITIVE_INFINITY)) out.push(item(ind, ind.def.key, v, to, '>=', need, relativeChange(v, to)));
}
