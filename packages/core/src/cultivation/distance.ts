import type { Assessment, Profile, TierKey, TierResult } from './types.ts';
import { tierOrder } from './types.ts';

/** The tier a firm works towards: the one above the highest tier it already holds. */
export function nextTier(profile: Pick<Profile, 'recognized'>): TierKey | null {
  let highest = -1;
  for (const t of profile.recognized ?? []) highest = Math.max(highest, tierOrder.indexOf(t));
  return tierOrder[highest + 1] ?? null;
}

/**
 * A sortable distance to passing one tier: 0 = eligible now; otherwise the required criterion changes
 * (each relative change capped at 1) plus the smallest single score change. When no single indicator change
 * can close the score, 1 + the missing share of the pass line stands in. Infinity = undetermined (data missing).
 */
export function tierDistance(r: TierResult): number {
  if (r.eligible === true) return 0;
  if (r.eligible === 'undetermined') return Number.POSITIVE_INFINITY;
  let d = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const g of r.gap) {
    if (g.kind === 'criterion') d += Math.min(1, g.relative);
    else bestScore = Math.min(bestScore, Math.min(1, g.relative));
  }
  const scoreFailed = r.failed.some((f) => f === 'total' || f.startsWith('group:'));
  if (scoreFailed) d += Number.isFinite(bestScore) ? bestScore : 1 + Math.max(0, (r.pass ?? 0) - (r.total ?? 0)) / Math.max(1, r.pass ?? 1);
  // A failure with nothing actionable listed (e.g. undecidable part) still must not sort as "eligible".
  return d > 0 ? d : 1;
}

/** Distance to the firm's next tier, for sorting a zone's screening list (Infinity when none or undetermined). */
export function distanceToNextTier(profile: Pick<Profile, 'recognized'>, assessment: Assessment): number {
  const t = nextTier(profile);
  const r = t ? assessment.tiers[t] : undefined;
  return r ? tierDistance(r) : Number.POSITIVE_INFINITY;
}
