import { MetricContext } from './context.ts';
import { tierDistance } from './distance.ts';
import { assess } from './engine.ts';
import type { RuleSet } from './schema.ts';
import type { Profile, TierKey, TierResult } from './types.ts';
import { tierOrder } from './types.ts';

export interface ScreenTier {
  eligible: TierResult['eligible'];
  path: string | null;
  total?: number;
  failed: string[];
  /** Fields missing for this tier (eligible may still be decided without them). */
  missing: string[];
  /** 0 = eligible; sort ascending for "who is close" (see tierDistance). */
  distance: number;
}

export interface ScreenRow {
  id?: string | number;
  tiers: Partial<Record<TierKey, ScreenTier>>;
}

/**
 * Zone-wide screening list (选种): every firm against every tier, keeping only what a list shows — eligibility,
 * total, failed reasons and distance. Full explanations (indicators, gap) are re-computed per firm with assess/explain,
 * so a batch of 10,000 does not hold 40,000 detailed results in memory.
 */
export function screen(profiles: readonly Profile[], ruleSet: RuleSet): ScreenRow[] {
  const tiers = tierOrder.filter((t) => ruleSet.tiers.some((x) => x.key === t));
  const rows: ScreenRow[] = new Array(profiles.length);
  for (let i = 0; i < profiles.length; i++) {
    const p = profiles[i];
    const ctx = new MetricContext(p);
    const out: Partial<Record<TierKey, ScreenTier>> = {};
    for (const t of tiers) {
      const r = assess(p, ruleSet, t, ctx);
      out[t] = { eligible: r.eligible, path: r.path, total: r.total, failed: r.failed, missing: r.missing, distance: tierDistance(r) };
    }
    rows[i] = { id: p.id, tiers: out };
  }
  return rows;
}
