import type { TierAcc } from './context.ts';
import { relativeChange } from './context.ts';
import type { MetricDef } from './metrics.ts';
import { metricDef } from './metrics.ts';
import type { Condition } from './schema.ts';
import type { GapItem, MetricValue } from './types.ts';

type Op = GapItem['op'];

export type CompiledCondition =
  | { t: 'leaf'; key: string; def: MetricDef; op: Op; value: number | string | boolean | string[] }
  | { t: 'all' | 'any'; key: string; items: CompiledCondition[] };

/** null = could not be decided for lack of data. */
export type Tri3 = boolean | null;

export function compileCondition(c: Condition, key: string): CompiledCondition {
  const k = c.key ?? key;
  if ('all' in c) return { t: 'all', key: k, items: c.all.map((s, i) => compileCondition(s, s.key ?? `${k}.${i}`)) };
  if ('any' in c) return { t: 'any', key: k, items: c.any.map((s, i) => compileCondition(s, s.key ?? `${k}.${i}`)) };
  const def = metricDef(c.metric);
  if (!def) throw new Error(`unknown metric ${c.metric}`); // parseRuleSet rejects these first
  return { t: 'leaf', key: k, def, op: c.op, value: c.value };
}

function test(op: Op, v: MetricValue, target: CompiledCondition & { t: 'leaf' }): boolean {
  const x = target.value;
  switch (op) {
    case '>=':
      return (v as number) >= (x as number);
    case '>':
      return (v as number) > (x as number);
    case '<=':
      return (v as number) <= (x as number);
    case '<':
      return (v as number) < (x as number);
    case '==':
      return v === x;
    case '!=':
      return v !== x;
    case 'has':
      return (v as readonly string[]).includes(x as string);
    case 'in':
      return (x as string[]).includes(v as string);
  }
}

/** Three-valued: `all` is false if any part is false, `any` true if any part is true; otherwise unknown wins. */
export function evalCondition(c: CompiledCondition, acc: TierAcc, item: string): Tri3 {
  if (c.t === 'leaf') {
    const v = acc.read(c.def, item);
    return v === null ? null : test(c.op, v, c);
  }
  let unknown = false;
  for (const s of c.items) {
    const r = evalCondition(s, acc, item);
    if (r === null) unknown = true;
    else if (c.t === 'all' && !r) return false;
    else if (c.t === 'any' && r) return true;
  }
  return unknown ? null : c.t === 'all';
}

// Gap search runs for most firms in a batch, so branches are first scored without building items; only the chosen
// branch is materialised. Score = 1e6 × flag changes + 1e3 × changes + summed relative change (capped), so plain
// addition combines the parts of an `all` and the minimum picks the best branch of an `any`; -1 = cannot tell.
const FLAG = 1e6;
const STEP = 1e3;

function leafRelative(c: CompiledCondition & { t: 'leaf' }, v: MetricValue): number {
  return relativeChange(v, c.value as MetricValue);
}

function gapScore(c: CompiledCondition, acc: TierAcc): number {
  if (c.t === 'leaf') {
    const v = acc.ctx.get(c.def);
    if (v === undefined || v === null) return -1;
    if (test(c.op, v, c)) return 0;
    return (typeof v === 'number' ? 0 : FLAG) + STEP + Math.min(leafRelative(c, v), STEP / 10);
  }
  let best = -1;
  let sum = 0;
  let decided = false;
  for (const s of c.items) {
    const g = gapScore(s, acc);
    if (g < 0) continue;
    decided = true;
    sum += g;
    if (best < 0 || g < best) best = g;
  }
  if (!decided) return -1;
  return c.t === 'all' ? sum : best;
}

function collect(c: CompiledCondition, acc: TierAcc, key: string, out: GapItem[]): void {
  if (c.t === 'leaf') {
    const v = acc.ctx.get(c.def);
    if (v === undefined || v === null || test(c.op, v, c)) return;
    out.push({
      kind: 'criterion',
      key,
      metric: c.def.key,
      from: v,
      to: c.value as MetricValue,
      op: c.op,
      gain: null,
      relative: leafRelative(c, v),
    });
    return;
  }
  if (c.t === 'all') {
    for (const s of c.items) collect(s, acc, key, out);
    return;
  }
  let best: CompiledCondition | null = null;
  let bestScore = -1;
  for (const s of c.items) {
    const g = gapScore(s, acc);
    if (g < 0) continue;
    if (g === 0) return;
    if (bestScore < 0 || g < bestScore) {
      best = s;
      bestScore = g;
    }
  }
  if (best) collect(best, acc, key, out);
}

/**
 * What must change for a failing condition to hold, appended to `out`: every failing part of an `all`; for an `any`,
 * the branch needing the fewest changes, preferring amounts over statuses or flags (a firm can grow its sales, it
 * cannot decide its product is new), then the smallest relative change. Parts that cannot be decided are skipped.
 * Items carry the top-level condition's key (its label explains them) and the metric to change.
 */
export function conditionGap(c: CompiledCondition, acc: TierAcc, out: GapItem[], key = c.key): void {
  collect(c, acc, key, out);
}
