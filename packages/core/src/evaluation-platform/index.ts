/**
 * Pure helpers for the national evaluation on the platform (issue #10): frameworks as data → engine meta, zone
 * submissions → engine input, a compact run summary for storage, submission checks, zone history analysis.
 * No I/O: used by the server, the demo seeder, tests and the browser.
 */
import {
  buildMeta,
  getPreset,
  type InputData,
  type Meta,
  type MetaRow,
  type MonteCarloResult,
  onWarningList,
  type PipelineResult,
  type Streak,
  streakLabel,
  streaks,
} from '../evaluation/index.ts';
import { ValidationError } from '../shared/index.ts';

export interface FrameworkRowData {
  iCode: string;
  iName: string;
  type: 'Indicator' | 'Aggregate' | 'Group' | 'Denominator';
  level?: number;
  parent?: string;
  direction?: 1 | -1;
  weight?: number;
  unit?: string;
  denominator?: string;
  definition?: string;
  source?: string;
  min?: number;
  max?: number;
}

export interface IssueLike {
  path: (string | number)[];
  message: string;
  messageEn: string;
}

/**
 * Validates a framework: unique codes, parents exist and are aggregates one level up (so no cycles), positive
 * weights, exactly one top aggregate, every aggregate has children. Throws ValidationError listing every problem.
 */
export function validateFramework(rows: FrameworkRowData[]): Meta {
  const issues = frameworkIssues(rows);
  if (issues.length) throw new ValidationError(issues);
  return frameworkMeta(rows);
}

/** Weight shares of each aggregate's children (weights are relative within a parent; missing weight = 1). */
export function weightsByParent(
  rows: FrameworkRowData[],
): { parent: string; sum: number; children: { iCode: string; weight: number; share: number }[] }[] {
  const out = new Map<string, { iCode: string; weight: number }[]>();
  for (const r of rows)
    if ((r.type === 'Indicator' || r.type === 'Aggregate') && r.parent) {
      const list = out.get(r.parent) ?? [];
      list.push({ iCode: r.iCode, weight: r.weight ?? 1 });
      out.set(r.parent, list);
    }
  return [...out].map(([parent, kids]) => {
    const sum = kids.reduce((a, k) => a + (Number.isFinite(k.weight) ? k.weight : 0), 0);
    return { parent, sum, children: kids.map((k) => ({ ...k, share: sum > 0 ? k.weight / sum : 0 })) };
  });
}

/**
 * Every problem of a framework, without throwing (the browser's editor shows them inline): unique codes, parents that
 * exist, are aggregates and sit one level up, no cycles, positive weights given for all or none of a parent's
 * children, one top index, no empty aggregates.
 */
export function frameworkIssues(rows: FrameworkRowData[]): IssueLike[] {
  const issues: IssueLike[] = [];
  const seen = new Map<string, FrameworkRowData>();
  rows.forEach((r, i) => {
    if (!r.iCode || !/^[A-Za-z][A-Za-z0-9_]*$/.test(r.iCode))
      issues.push({ path: ['rows', i, 'iCode'], message: `代码 "${r.iCode}" 无效`, messageEn: `invalid code "${r.iCode}"` });
    if (seen.has(r.iCode))
      issues.push({ path: ['rows', i, 'iCode'], message: `代码 ${r.iCode} 重复`, messageEn: `duplicate code ${r.iCode}` });
    seen.set(r.iCode, r);
  });
  const structural = rows.filter((r) => r.type === 'Indicator' || r.type === 'Aggregate');
  structural.forEach((r) => {
    const i = rows.indexOf(r);
    const level = r.type === 'Indicator' ? 1 : (r.level ?? 0);
    if (r.type === 'Aggregate' && (!Number.isInteger(level) || level < 2))
      issues.push({
        path: ['rows', i, 'level'],
        message: `${r.iCode}：汇总层级须 ≥ 2`,
        messageEn: `${r.iCode}: aggregate level must be ≥ 2`,
      });
    if (!(r.weight === undefined || (Number.isFinite(r.weight) && r.weight > 0)))
      issues.push({ path: ['rows', i, 'weight'], message: `${r.iCode}：权重须为正数`, messageEn: `${r.iCode}: weight must be positive` });
    if (r.direction !== undefined && r.direction !== 1 && r.direction !== -1)
      issues.push({
        path: ['rows', i, 'direction'],
        message: `${r.iCode}：方向须为 1 或 -1`,
        messageEn: `${r.iCode}: direction must be 1 or -1`,
      });
    if (r.parent) {
      const p = seen.get(r.parent);
      if (p?.type !== 'Aggregate')
        issues.push({
          path: ['rows', i, 'parent'],
          message: `${r.iCode}：上级 ${r.parent} 不是汇总项`,
          messageEn: `${r.iCode}: parent ${r.parent} is not an aggregate`,
        });
      // Parents sit exactly one level up: the hierarchy cannot contain a cycle.
      else if ((p.level ?? 0) !== level + 1)
        issues.push({
          path: ['rows', i, 'parent'],
          message: `${r.iCode}：上级 ${r.parent} 须比本项高一级`,
          messageEn: `${r.iCode}: parent ${r.parent} must be one level up`,
        });
    }
    if (r.denominator && seen.get(r.denominator)?.type !== 'Denominator')
      issues.push({
        path: ['rows', i, 'denominator'],
        message: `${r.iCode}：分母 ${r.denominator} 不存在`,
        messageEn: `${r.iCode}: denominator ${r.denominator} not found`,
      });
  });
  const aggs = structural.filter((r) => r.type === 'Aggregate');
  const maxLevel = Math.max(0, ...aggs.map((r) => r.level ?? 0));
  const tops = structural.filter((r) => !r.parent);
  if (tops.length !== 1 || tops[0].type !== 'Aggregate' || (tops[0].level ?? 0) !== maxLevel)
    issues.push({
      path: ['rows'],
      message: '须有且仅有一个最高层综合指数，其余各项都要有上级',
      messageEn: 'exactly one top index; every other row needs a parent',
    });
  for (const a of aggs)
    if (!structural.some((r) => r.parent === a.iCode))
      issues.push({ path: ['rows', rows.indexOf(a), 'iCode'], message: `${a.iCode}：没有下级指标`, messageEn: `${a.iCode}: no children` });
  if (!structural.some((r) => r.type === 'Indicator')) issues.push({ path: ['rows'], message: '没有指标', messageEn: 'no indicators' });
  // Cycles (A → B → A) are reported as such, whatever the levels say.
  for (const r of structural) {
    const seenChain = new Set<string>([r.iCode]);
    let p = r.parent ? seen.get(r.parent) : undefined;
    while (p) {
      if (seenChain.has(p.iCode)) {
        issues.push({
          path: ['rows', rows.indexOf(r), 'parent'],
          message: `${r.iCode}：上下级关系构成循环（${[...seenChain].join(' → ')} → ${p.iCode}）`,
          messageEn: `${r.iCode}: the hierarchy has a cycle (${[...seenChain].join(' → ')} → ${p.iCode})`,
        });
        break;
      }
      seenChain.add(p.iCode);
      p = p.parent ? seen.get(p.parent) : undefined;
    }
  }
  // Weights per parent: all of a parent's children carry a weight, or none does (then they are equal).
  const kids = new Map<string, FrameworkRowData[]>();
  for (const r of structural) if (r.parent) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
  for (const [parent, list] of kids) {
    const withW = list.filter((r) => r.weight !== undefined);
    if (withW.length && withW.length < list.length)
      for (const r of list.filter((x) => x.weight === undefined))
        issues.push({
          path: ['rows', rows.indexOf(r), 'weight'],
          message: `${r.iCode}：${parent} 的其他下级都有权重，本项也须填写`,
          messageEn: `${r.iCode}: the other children of ${parent} have weights; give this one too`,
        });
  }
  return issues;
}

export function frameworkMeta(rows: FrameworkRowData[]): Meta {
  return buildMeta(
    rows.map(
      (r): MetaRow => ({
        iCode: r.iCode,
        iName: r.iName,
        type: r.type,
        level: r.type === 'Indicator' ? 1 : r.level,
        parent: r.parent,
        direction: r.direction ?? 1,
        weight: r.weight ?? 1,
        unit: r.unit,
        denominator: r.denominator,
      }),
    ),
  );
}

/** Plausible ranges and source notes for the mofcom-2021 preset's indicators (assumptions, editable). */
const PRESET_RANGES: Record<string, { min: number; max: number; source: string; definition: string }> = {
  FDI: { min: 0, max: 200, source: '商务部外资统计', definition: '统计年度实际使用外资金额' },
  Trade: { min: 0, max: 20000, source: '海关统计', definition: '统计年度进出口总额' },
  NewFIE: { min: 0, max: 5000, source: '市场监管登记', definition: '统计年度新设立外商投资企业数' },
  FIEShare: { min: 0, max: 100, source: '税务统计', definition: '外资企业税收占全区税收比重' },
  RDIntensity: { min: 0, max: 30, source: '科技统计', definition: 'R&D经费内部支出 / 地区生产总值' },
  HighTech: { min: 0, max: 20000, source: '科技部门认定名单', definition: '有效期内国家高新技术企业数' },
  InvPatents: { min: 0, max: 2000, source: '知识产权统计', definition: '有效发明专利数 / 常住人口（万人）' },
  TechSME: { min: 0, max: 50000, source: '科技型中小企业评价系统', definition: '入库科技型中小企业数' },
  EnergyVA: { min: 0, max: 10, source: '能源统计', definition: '规上工业综合能耗 / 工业增加值' },
  WaterVA: { min: 0, max: 500, source: '水务统计', definition: '工业用水量 / 工业增加值' },
  GreenFactories: { min: 0, max: 500, source: '工信部绿色制造名单', definition: '国家级绿色工厂数' },
  TaxRevenue: { min: 0, max: 5000, source: '税务统计', definition: '统计年度税收收入' },
  Employment: { min: 0, max: 500, source: '劳动统计', definition: '年末从业人员数' },
  LandOutput: { min: 0, max: 2000, source: '自然资源与统计', definition: '规上工业总产值 / 工业用地面积（亩）' },
  GDPGrowth: { min: -50, max: 100, source: '统计部门', definition: '地区生产总值可比价增速' },
  IndOutput: { min: 0, max: 50000, source: '统计部门', definition: '规模以上工业总产值' },
  Listed: { min: 0, max: 1000, source: '证监会及交易所', definition: '境内外上市公司数' },
  LaborProd: { min: 0, max: 1000, source: '统计部门', definition: '地区生产总值 / 从业人员数' },
};

/** The mofcom-2021 preset as framework rows (indicator set is an assumption — see `assumption`). */
export function presetFramework(name = 'mofcom-2021'): { rows: FrameworkRowData[]; pipeline: unknown; assumption?: string } {
  const p = getPreset(name);
  if (!p.meta)
    throw new ValidationError([{ path: ['preset'], message: `预设 ${name} 不含指标体系`, messageEn: `preset ${name} has no framework` }]);
  const rows: FrameworkRowData[] = p.meta.rows.map((r) => ({
    iCode: r.iCode,
    iName: r.iName,
    type: r.type as FrameworkRowData['type'],
    level: r.level,
    parent: r.parent,
    direction: r.type === 'Indicator' || r.type === 'Aggregate' ? r.direction : undefined,
    weight: r.type === 'Indicator' || r.type === 'Aggregate' ? r.weight : undefined,
    unit: r.unit,
    ...(PRESET_RANGES[r.iCode] ?? {}),
  }));
  return { rows, pipeline: p.pipeline, assumption: p.assumption };
}

export interface ZoneUnit {
  code: string;
  name: string;
  region: string;
  province: string;
  values: Record<string, number | null | undefined>;
}

/** Zone submissions → engine input (Group columns Region and Province when the framework declares them). */
export function buildInput(meta: Meta, units: ZoneUnit[]): InputData {
  const values: Record<string, Float64Array> = {};
  for (const c of [...meta.indicators, ...meta.denominators]) {
    values[c] = Float64Array.from(units, (u) => {
      const v = u.values[c];
      return v == null || !Number.isFinite(v) ? Number.NaN : v;
    });
  }
  const groups: Record<string, string[]> = {};
  for (const g of meta.groups) groups[g] = units.map((u) => (g === 'Region' ? u.region : g === 'Province' ? u.province : ''));
  return { units: units.map((u) => ({ uCode: u.code, uName: u.name })), groups, values };
}

/** What a run stores: compact, JSON-friendly, enough for comparison, publication and drill-down. */
export interface RunSummary {
  index: string;
  units: string[];
  regions: string[];
  codes: string[];
  /** Normalised indicator and aggregate scores per code, in unit order (null = missing). */
  scores: Record<string, (number | null)[]>;
  ranks: Record<string, (number | null)[]>;
  /** Ranks of aggregates within the unit's region. */
  regionRanks: Record<string, number[]>;
  weights: Record<string, number>;
  screenedOut: { uCode: string; reason: string }[];
  treatment: { iCode: string; method: string; points: number }[];
  imputed: number;
  mc?: { runs: number; seed: number; p05: number[]; p95: number[]; median: number[] };
}

const round4 = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 1e4) / 1e4);

export function summariseRun(res: PipelineResult, inputRegions: string[], mc?: MonteCarloResult, regionGroup = 'Region'): RunSummary {
  const meta = res.meta;
  const codes = [...meta.indicators, ...meta.aggregateLevels.flat()];
  const units = res.units.map((u) => u.uCode);
  const scores: RunSummary['scores'] = {};
  const ranks: RunSummary['ranks'] = {};
  for (const c of codes) {
    scores[c] = Array.from(res.datasets.aggregated.values[c], round4);
    ranks[c] = Array.from(res.ranks[c], (r) => (Number.isNaN(r) ? null : r));
  }
  const regionRanks: RunSummary['regionRanks'] = {};
  const gr = res.groupRanks[regionGroup] ?? {};
  for (const c of meta.aggregateLevels.flat()) if (gr[c]) regionRanks[c] = Array.from(gr[c]);
  const regionCol = res.rows.map((r) => inputRegions[r] ?? '');
  const summary: RunSummary = {
    index: res.index,
    units,
    regions: regionCol,
    codes,
    scores,
    ranks,
    regionRanks,
    weights: res.weights,
    screenedOut: res.screening.removed.map((s) => ({ uCode: s.uCode, reason: s.reason })),
    treatment: res.treatment.map((t) => ({ iCode: t.iCode, method: t.method, points: t.points })),
    imputed: res.imputation.filled.length,
  };
  if (mc) {
    const byCode = new Map(mc.units.map((u) => [u.uCode, u]));
    summary.mc = {
      runs: mc.runs,
      seed: mc.seed,
      p05: units.map((u) => byCode.get(u)?.p05 ?? Number.NaN),
      p95: units.map((u) => byCode.get(u)?.p95 ?? Number.NaN),
      median: units.map((u) => byCode.get(u)?.median ?? Number.NaN),
    };
  }
  return summary;
}

export interface ValueCheck {
  iCode: string;
  level: 'error' | 'jump';
  message: string;
  messageEn: string;
}

/**
 * Checks a zone's values against the framework: only known indicator/denominator codes, finite numbers, within the
 * row's [min, max]; relative change vs last year above `jumpThreshold` is flagged and needs an explanation.
 */
export function checkValues(
  rows: FrameworkRowData[],
  values: Record<string, unknown>,
  last: Record<string, number | null> | undefined,
  jumpThreshold: number,
): ValueCheck[] {
  const out: ValueCheck[] = [];
  const byCode = new Map(rows.map((r) => [r.iCode, r]));
  for (const [code, v] of Object.entries(values)) {
    const r = byCode.get(code);
    if (!r || (r.type !== 'Indicator' && r.type !== 'Denominator')) {
      out.push({
        iCode: code,
        level: 'error',
        message: `${code} 不是本指标体系的指标`,
        messageEn: `${code} is not an indicator of this framework`,
      });
      continue;
    }
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      out.push({
        iCode: code,
        level: 'error',
        message: `${r.iName}：须为数值（单位 ${r.unit ?? '—'}）`,
        messageEn: `${code}: must be a number (unit ${r.unit ?? '—'})`,
      });
      continue;
    }
    if ((r.min !== undefined && v < r.min) || (r.max !== undefined && v > r.max)) {
      out.push({
        iCode: code,
        level: 'error',
        message: `${r.iName}：${v} 超出合理范围 ${r.min ?? '−∞'}–${r.max ?? '∞'} ${r.unit ?? ''}（请核对单位）`,
        messageEn: `${code}: ${v} outside the plausible range ${r.min ?? '-inf'}–${r.max ?? 'inf'} ${r.unit ?? ''} (check the unit)`,
      });
      continue;
    }
    const prev = last?.[code];
    if (prev != null && Number.isFinite(prev) && prev !== 0) {
      const change = (v - prev) / Math.abs(prev);
      if (Math.abs(change) > jumpThreshold)
        out.push({
          iCode: code,
          level: 'jump',
          message: `${r.iName}：较上年变化 ${(change * 100).toFixed(0)}%（上年 ${prev}），请说明原因`,
          messageEn: `${code}: ${(change * 100).toFixed(0)}% vs last year (${prev}); explanation required`,
        });
    }
  }
  return out;
}

export interface YearResult {
  year: number;
  rank: number;
  regionRank: number;
  regionSize: number;
  ranks: Record<string, number>;
}

export interface StreakInfo extends Streak {
  code: string;
  name: string;
  label: string;
}

/** Streaks of the index and every dimension, e.g. 综合排名连续7年第2 / 科技创新连续5年第1 (only streaks of 2+ years). */
export function historyStreaks(history: YearResult[], index: string, names: Record<string, string>, dims: string[]): StreakInfo[] {
  const out: StreakInfo[] = [];
  for (const code of [index, ...dims]) {
    const h = history.map((e) => ({ year: e.year, rank: code === index ? e.rank : (e.ranks[code] ?? Number.NaN) }));
    for (const s of streaks(h))
      if (s.years >= 2) {
        const name = code === index ? '综合排名' : (names[code] ?? code);
        // Fields named, not `...s`: the spread took 100 of this function's 115 µs (V8's slow object-clone path).
        out.push({ kind: s.kind, value: s.value, years: s.years, from: s.from, to: s.to, code, name, label: `${name}${streakLabel(s)}` });
      }
  }
  return out;
}

export interface WarningRule {
  bottom: number;
  times: number;
  window: number;
}

export const DEFAULT_WARNING_RULE: WarningRule = { bottom: 5, times: 2, window: 3 };

export function warningStatus(history: YearResult[], rule: WarningRule = DEFAULT_WARNING_RULE) {
  const entries = history.map((e) => ({ year: e.year, rank: e.regionRank, regionSize: e.regionSize }));
  const latest = entries.length ? Math.max(...entries.map((e) => e.year)) : 0;
  const hits = entries.filter((e) => e.year > latest - rule.window && e.rank > e.regionSize - rule.bottom).map((e) => e.year);
  return { onList: onWarningList(entries, rule), rule, hitYears: hits };
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
