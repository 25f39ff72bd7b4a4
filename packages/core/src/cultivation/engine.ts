import type { CompiledCondition, Tri3 } from './conditions.ts';
import { compileCondition, conditionGap, evalCondition } from './conditions.ts';
import { byRelative, MetricContext, TierAcc } from './context.ts';
import type { RuleSet, Tier } from './schema.ts';
import type { CompiledGroup } from './scoring.ts';
import { compileGroups, indicatorGap, scoreIndicator } from './scoring.ts';
import type { Assessment, GapItem, IndicatorResult, Profile, TierKey, TierResult, Tri } from './types.ts';
import { tierOrder } from './types.ts';

export interface Named {
  key: string;
  cond: CompiledCondition;
  path: string;
}
export interface CompiledTier {
  tier: Tier;
  prerequisites: Named[];
  directPaths: Named[];
  criteria: Named[];
  groups: CompiledGroup[];
}

// Compiled once per rule-set object; rule sets are treated as immutable values (copyRuleSet makes new ones).
const compiledCache = new WeakMap<RuleSet, Map<TierKey, CompiledTier>>();

export function compile(rs: RuleSet): Map<TierKey, CompiledTier> {
  let c = compiledCache.get(rs);
  if (c) return c;
  const named = (list: Tier['prerequisites'] | undefined) =>
    (list ?? []).map((n) => ({ key: n.key, cond: compileCondition(n.when, n.key), path: `direct:${n.key}` }));
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

function evalAll(list: Named[], acc: TierAcc, failed: string[]): Tri3 {
  let r: Tri3 = true;
  for (const n of list) {
    const x = evalCondition(n.cond, acc, n.key);
    if (x === false && failed) failed.push(n.key);
    r = and3(r, x);
  }
  return r;
}

/** The first direct path that holds (its compiled path string), null if none does, undefined if one might. */
function firstDirect(list: Named[], acc: TierAcc): string | null | undefined {
  let unknown = false;
  for (const n of list) {
    const x = evalCondition(n.cond, acc, n.key);
    if (x === true) return n.path;
    if (x === null) unknown = true;
  }
  return unknown ? undefined : null;
}

function criteriaGaps(list: Named[], acc: TierAcc, failed: readonly string[], out: GapItem[]): GapItem[] {
  for (const n of list) if (failed.includes(n.key)) conditionGap(n.cond, acc, out);
  return out;
}

const NO_GAP: GapItem[] = Object.freeze([]) as unknown as GapItem[];

function result(
  ct: CompiledTier,
  acc: TierAcc,
  eligible: Tri3,
  path: string | null,
  failed: string[],
  gap: GapItem[],
  total?: number,
  reach?: number,
  groups?: Record<string, number>,
  indicators?: IndicatorResult[],
): TierResult {
  // One literal with every field in the same order, so all results share a shape (cheap to keep 40,000 of them).
  return {
    tier: ct.tier.key,
    eligible: toTri(eligible),
    path,
    total,
    pass: ct.tier.scoring?.pass,
    maxReachable: reach,
    groups,
    indicators,
    failed,
    missing: acc.missing,
    insufficient: acc.insufficient,
    gap,
  };
}

function assessTier(ct: CompiledTier, ctx: MetricContext): TierResult {
  const acc = new TierAcc(ctx);
  const failed: string[] = [];
  const prereq = evalAll(ct.prerequisites, acc, failed);
  const direct = firstDirect(ct.directPaths, acc);
  const directTri: Tri3 = direct ? true : direct === null ? false : null;

  if (ct.tier.kind === 'criteria') {
    const before = failed.length;
    const crit = evalAll(ct.criteria, acc, failed);
    const achieved = or3(crit, directTri);
    const eligible = and3(prereq, achieved);
    // Criteria a direct path replaced are not reasons for failure.
    if (achieved !== false) failed.length = before;
    let gap = NO_GAP;
    if (eligible === false) {
      gap = criteriaGaps(ct.prerequisites, acc, failed, []);
      criteriaGaps(ct.criteria, acc, failed, gap);
    }
    return result(ct, acc, eligible, eligible ? (crit ? 'criteria' : direct!) : null, failed, gap);
  }

  const pass = ct.tier.scoring!.pass;
  const indicators: IndicatorResult[] = [];
  const groups: Record<string, number> = {};
  const groupPts: number[] = [];
  let total = 0;
  let reach = 0;
  let score: Tri3 = true;
  let definiteFail = false;
  const before = failed.length;
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
    if (gReach < g.min) {
      failed.push(g.failKey);
      definiteFail = true;
    }
  }
  if (total < pass) score = false;
  if (reach < pass) {
    failed.splice(before, 0, 'total');
    definiteFail = true;
  }
  // Missing indicators could only add points: a definite answer exists when the known points pass, or even full marks would not.
  if (!score) score = definiteFail ? false : reach > total ? null : false;
  const achieved = or3(score, directTri);
  const eligible = and3(prereq, achieved);
  if (achieved !== false) failed.length = before;
  let gap = NO_GAP;
  if (eligible === false) {
    gap = criteriaGaps(ct.prerequisites, acc, failed, []);
    if (achieved === false && reach === total) {
      const sg = scoreGaps(ct.groups, groupPts, indicators, pass - total, acc).sort(byRelative);
      for (const i of sg) gap.push(i);
    }
  }
  return result(ct, acc, eligible, eligible ? (score ? 'score' : direct!) : null, failed, gap, total, reach, groups, indicators);
}

/** For each indicator, the smallest change that alone lifts the total to the pass line and every group to its minimum. */
function scoreGaps(groups: CompiledGroup[], groupPts: number[], indicators: IndicatorResult[], deficit: number, acc: TierAcc): GapItem[] {
  let shortGroup = -1;
  for (let i = 0; i < groups.length; i++) {
    if (groupPts[i] >= groups[i].min) continue;
    if (shortGroup >= 0) return []; // two groups short: no single indicator can fix both
    shortGroup = i;
  }
  const out: GapItem[] = [];
  let k = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (shortGroup >= 0 && gi !== shortGroup) {
      k += g.indicators.length;
      continue;
    }
    const need = Math.max(deficit, g.min - groupPts[gi]);
    for (const ind of g.indicators) indicatorGap(ind, indicators[k++], need, acc, out);
  }
  return out;
}

const refs = new WeakMap<RuleSet, Assessment['ruleSet']>();
function ruleSetRef(rs: RuleSet): Assessment['ruleSet'] {
  let r = refs.get(rs);
  if (!r) {
    r = Object.freeze({ id: rs.id, version: rs.version, effectiveFrom: rs.effectiveFrom });
    refs.set(rs, r);
  }
  return r;
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
    ruleSet: ruleSetRef(ruleSet),
    dataYear: profile.dataYear ?? null,
    tiers,
  };
}
