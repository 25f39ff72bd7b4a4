import type { CompiledCondition } from './conditions.ts';
import { evalCondition } from './conditions.ts';
import { MetricContext, TierAcc } from './context.ts';
import type { Named } from './engine.ts';
import { assess, compile } from './engine.ts';
import type { Label, RuleSet } from './schema.ts';
import type { IndicatorResult, MetricValue, Profile, TierKey, TierResult, Tri } from './types.ts';

export interface ConditionExplanation {
  key: string;
  section: 'prerequisite' | 'direct' | 'criterion';
  label: Label;
  group?: string;
  result: Tri;
  /** Inputs the condition read, with their values (null = missing). */
  values: { metric: string; value: MetricValue | null }[];
}

export interface Explanation {
  result: TierResult;
  conditions: ConditionExplanation[];
  indicators: (IndicatorResult & { group: string; max: number; label: Label })[];
}

type Leaf = Extract<CompiledCondition, { t: 'leaf' }>;
function leaves(c: CompiledCondition, out: Leaf[] = []): Leaf[] {
  if (c.t === 'leaf') out.push(c);
  else for (const s of c.items) leaves(s, out);
  return out;
}

/**
 * Everything a detail view needs for one firm and tier: the result plus every condition's outcome with the values
 * it read, and indicators with their group, maximum and label. Batch screening uses `assess`, which leaves these out.
 */
export function explain(profile: Profile, ruleSet: RuleSet, tier: TierKey): Explanation {
  const ct = compile(ruleSet).get(tier);
  if (!ct) throw new Error(`rule set ${ruleSet.id} has no tier ${tier}`);
  const ctx = new MetricContext(profile);
  const result = assess(profile, ruleSet, tier, ctx);
  const acc = new TierAcc(ctx);
  const defs = new Map([...ct.tier.prerequisites, ...ct.tier.directPaths, ...(ct.tier.criteria ?? [])].map((n) => [n.key, n]));
  const conditions: ConditionExplanation[] = [];
  const add = (list: Named[], section: ConditionExplanation['section']) => {
    for (const n of list) {
      const r = evalCondition(n.cond, acc, n.key);
      const def = defs.get(n.key)!;
      conditions.push({
        key: n.key,
        section,
        label: def.label,
        group: def.group,
        result: r === null ? 'undetermined' : r,
        values: leaves(n.cond).map((l) => ({ metric: l.def.key, value: ctx.get(l.def) ?? null })),
      });
    }
  };
  add(ct.prerequisites, 'prerequisite');
  add(ct.directPaths, 'direct');
  add(ct.criteria, 'criterion');
  const meta = new Map<string, { group: string; max: number; label: Label }>();
  for (const g of ct.tier.scoring?.groups ?? [])
    for (const i of g.indicators) meta.set(i.key, { group: g.key, max: i.max, label: i.label });
  const indicators = (result.indicators ?? []).map((i) => ({ ...i, ...meta.get(i.key)! }));
  return { result, conditions, indicators };
}
