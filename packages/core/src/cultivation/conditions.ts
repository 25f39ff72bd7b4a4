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

/**
 * What must change for a failing condition to hold: every failing part of an `all`; for an `any`, the branch
 * needing the fewest (preferably numeric) changes, then the smallest relative change. Undecidable parts are skipped.
 * Items carry the top-level condition's key (its label explains them) and the metric to change.
 */
export function conditionGap(c: CompiledCondition, acc: TierAcc, key = c.key): GapItem[] | null {
  if (c.t === 'leaf') {
    const v = acc.ctx.get(c.def);
    if (v === undefined || v === null || test(c.op, v, c)) return v === undefined || v === null ? null : [];
    const to = c.value as MetricValue;
    return [{ kind: 'criterion', key, metric: c.def.key, from: v, to, op: c.op, gain: null, relative: relativeChange(v, to) }];
  }
  if (c.t === 'all') {
    const out: GapItem[] = [];
    for (const s of c.items) {
      const g = conditionGap(s, acc, key);
      if (g) out.push(...g);
    }
    return out;
  }
  // Prefer branches that ask for changes in amounts over ones that ask for a status or flag (a firm can grow
  // its sales, it cannot decide its product is new), then fewer changes, then smaller relative changes.
  let best: GapItem[] | null = null;
  let bestKey: [number, number, number] = [0, 0, 0];
  for (const s of c.items) {
    const g = conditionGap(s, acc, key);
    if (!g) continue;
    if (g.length === 0) return [];
    let flags = 0;
    let cost = 0;
    for (const i of g) {
      if (typeof i.from !== 'number') flags++;
      cost += i.relative;
    }
    const k: [number, number, number] = [flags, g.length, cost];
    if (!best || k[0] < bestKey[0] || (k[0] === bestKey[0] && (k[1] < bestKey[1] || (k[1] === bestKey[1] && k[2] < bestKey[2])))) {
      best = g;
      bestKey = k;
    }
  }
  return best;
}
