import type { CompiledCondition, Tri3 } from './conditions.ts';
import { compileCondition, conditionGap, evalCondition } from './conditions.ts';
import { byRelative, MetricContext, TierAcc } from './context.ts';
import type { RuleSet, Tier } from './schema.ts';
import type { CompiledGroup } from './scoring.ts';
import { compileGroups, indicatorGap, scoreIndicator } from './scoring.ts';
import type { Assessment, GapItem, IndicatorResult, Profile, TierKey, TierResult, Tri } from './types.ts';
import { tierOrder } from './types.ts';

interface Named {
  key: string;
  cond: CompiledCondition;
}
interface CompiledTier {
  tier: Tier;
  prerequisites: Named[];
  directPaths: Named[];
  criteria: Named[];
  groups: CompiledGroup[];
}

// Compiled once per rule-set object; rule sets are treated as immutable values (copyRuleSet makes new ones).
const compiledCache = new WeakMap<RuleSet, Map<TierKey, CompiledTier>>();

function compile(rs: RuleSet): Map<TierKey, CompiledTier> {
  let c = compiledCache.get(rs);
  if (c) return c;
  const named = (list: Tier['prerequisites'] | undefined) =>
    (list ?? []).map((n) => ({ key: n.key, cond: compileCondition(n.when, n.key) }));
  c = new Map();
  for (const tier of rs.tiers) {
    c.set(tier.key, {
      tier,
      prerequisites: named(tier.prerequisites),
      directPaths: named(tier.directPaths),
      criteria: named(tier.criteria),
      groups: compileGroups(tier),
    });
  }
  compiledCache.set(rs, c);
  return c;
}

const and3 = (a: Tri3, b: Tri3): Tri3 => (a === false || b === false ? false : a === null || b === null ? null : true);
const or3 = (a: Tri3, b: Tri3): Tri3 => (a === true || b === true ? true : a === null || b === null ? null : false);
const toTri = (t: Tri3): Tri => (t === null ? 'undetermined' : t);

function evalAll(list: Named[], acc: TierAcc, checks: Record<string, Tri>, failed: string[] | null): Tri3 {
  let r: Tri3 = true;
  for (const n of list) {
    const x = evalCondition(n.cond, acc, n.key);
    checks[n.key] = toTri(x);
    if (x === false && failed) failed.push(n.key);
    r = and3(r, x);
  }
  return r;
}

function firstDirect(list: Named[], acc: TierAcc, checks: Record<string, Tri>): { result: Tri3; key: string | null } {
  let r: Tri3 = false;
  let key: string | null = null;
  for (const n of list) {
    const x = evalCondition(n.cond, acc, n.key);
    checks[n.key] = toTri(x);
    if (x === true && key === null) key = n.key;
    r = or3(r, x);
  }
  return { result: r, key };
}

function criteriaGaps(list: Named[], acc: TierAcc, failed: readonly string[]): GapItem[] {
  const out: GapItem[] = [];
  for (const n of list) if (failed.includes(n.key)) out.push(...(conditionGap(n.cond, acc) ?? []));
  return out;
}

const NO_GAP: GapItem[] = Object.freeze([]) as unknown as GapItem[];

function finish(
  ct: CompiledTier,
  acc: TierAcc,
  eligible: Tri3,
  path: string | null,
  checks: Record<string, Tri>,
  failed: string[],
  gap: GapItem[],
  score?: { total: number; pass: number; reach: number; groups: Record<string, number>; indicators: IndicatorResult[] },
): TierResult {
  // One literal with every field in the same order, so all results share a shape (cheap to keep 40,000 of them).
  return {
    tier: ct.tier.key,
    eligible: toTri(eligible),
    path,
    total: score?.total,
    pass: score?.pass,
    maxReachable: score?.reach,
    groups: score?.groups,
    indicators: score?.indicators,
    checks,
    failed,
    missing: acc.missing,
    insufficient: acc.insufficient,
    gap,
  };
}

function assessTier(ct: CompiledTier, ctx: MetricContext): TierResult {
  const acc = new TierAcc(ctx);
  const checks: Record<string, Tri> = {};
  const failed: string[] = [];
  const prereq = evalAll(ct.prerequisites, acc, checks, failed);
  const direct = firstDirect(ct.directPaths, acc, checks);

  if (ct.tier.kind === 'criteria') {
    const critFailed: string[] = [];
    const crit = evalAll(ct.criteria, acc, checks, critFailed);
    const achieved = or3(crit, direct.result);
    const eligible = and3(prereq, achieved);
    const path = eligible ? (crit ? 'criteria' : `direct:${direct.key}`) : null;
    if (achieved === false) failed.push(...critFailed);
    let gap = NO_GAP;
    if (eligible === false) gap = criteriaGaps(ct.prerequisites, acc, failed).concat(criteriaGaps(ct.criteria, acc, failed));
    return finish(ct, acc, eligible, path, checks, failed, gap);
  }

  const scoring = ct.tier.scoring!;
  const indicators: IndicatorResult[] = [];
  const groups: Record<string, number> = {};
  const groupPts: number[] = [];
  let total = 0;
  let reach = 0;
  let score: Tri3 = true;
  const scoreFails: string[] = [];
  for (const g of ct.groups) {
    let pts = 0;
    let gReach = 0;
    for (const ind of g.indicators) {
      const r = scoreIndicator(ind, acc);
      indicators.push(r);
      pts += r.points ?? 0;
      gReach += r.points ?? ind.max;
    }
    groups[g.key] = pts;
    groupPts.push(pts);
    total += pts;
    reach += gReach;
    if (pts < g.min) score = false;
    if (gReach < g.min) scoreFails.push(`group:${g.key}`);
  }
  if (total < scoring.pass) score = false;
  if (reach < scoring.pass) scoreFails.unshift('total');
  // Missing indicators could only add points: a definite answer exists when the known points pass, or even full marks would not.
  if (!score) score = scoreFails.length ? false : reach > total ? null : false;
  const achieved = or3(score, direct.result);
  const eligible = and3(prereq, achieved);
  const path = eligible ? (score ? 'score' : `direct:${direct.key}`) : null;
  if (achieved === false) failed.push(...scoreFails);
  let gap = NO_GAP;
  if (eligible === false) {
    gap = criteriaGaps(ct.prerequisites, acc, failed);
    if (achieved === false && reach === total)
      gap.push(...scoreGaps(ct.groups, groupPts, indicators, scoring.pass - total, acc).sort(byRelative));
  }
  return finish(ct, acc, eligible, path, checks, failed, gap, { total, pass: scoring.pass, reach, groups, indicators });
}

/** For each indicator, the smallest change that alone lifts the total to the pass line and every group to its minimum. */
function scoreGaps(groups: CompiledGroup[], groupPts: number[], indicators: IndicatorResult[], deficit: number, acc: TierAcc): GapItem[] {
  const short = groups.map((g, i) => Math.max(0, g.min - groupPts[i]));
  const shortGroups = short.filter((s) => s > 0).length;
  if (shortGroups > 1) return [];
  const out: GapItem[] = [];
  let k = 0;
  groups.forEach((g, gi) => {
    for (const ind of g.indicators) {
      const current = indicators[k++];
      if (shortGroups === 1 && short[gi] === 0) continue;
      out.push(...indicatorGap(ind, current, Math.max(deficit, short[gi]), acc));
    }
  });
  return out;
}

/** Assesses one profile against one tier. The profile should have passed validateProfile; missing fields are allowed. */
export function assess(profile: Profile, ruleSet: RuleSet, tier: TierKey, ctx = new MetricContext(profile)): TierResult {
  const ct = compile(ruleSet).get(tier);
  if (!ct) throw new Error(`rule set ${ruleSet.id} has no tier ${tier}`);
  return assessTier(ct, ctx);
}

/** Assesses every tier of the rule set (in tierOrder), recording the rule-set version and data year used. */
export function assessAll(profile: Profile, ruleSet: RuleSet): Assessment {
  const compiled = compile(ruleSet);
  const ctx = new MetricContext(profile);
  const tiers: Assessment['tiers'] = {};
  for (const key of tierOrder) {
    const ct = compiled.get(key);
    if (ct) tiers[key] = assessTier(ct, ctx);
  }
  return {
    id: profile.id,
    ruleSet: { id: ruleSet.id, version: ruleSet.version, effectiveFrom: ruleSet.effectiveFrom },
    dataYear: profile.dataYear ?? null,
    tiers,
  };
}
