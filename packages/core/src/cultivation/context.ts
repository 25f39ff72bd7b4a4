import type { MetricDef } from './metrics.ts';
import { exact, missingFields, slotCount } from './metrics.ts';
import type { GapItem, MetricValue, Profile } from './types.ts';

/** Per-profile metric cache, shared by all tiers of one assessment so each formula runs once. */
const UNSET = Symbol('unset');
// Batch screening keeps 10,000 results alive, so per-profile allocation is kept to a few objects: a flat slot array, not a Map.
export class MetricContext {
  private readonly cache: (MetricValue | null | undefined | typeof UNSET)[];
  constructor(readonly profile: Profile) {
    this.cache = new Array(slotCount()).fill(UNSET);
  }
  get(def: MetricDef): MetricValue | null | undefined {
    // A custom metric first seen after this context was made has a slot beyond the array: compute it now.
    const c = def.slot < this.cache.length ? this.cache[def.slot] : UNSET;
    if (c !== UNSET) return c;
    const v = def.compute(this.profile);
    this.cache[def.slot] = v;
    return v;
  }
}

/** Shared empty list for results with nothing missing (frozen: results are values, not to be mutated). */
export const NONE: string[] = Object.freeze([]) as unknown as string[];

/** Collects what one tier could not evaluate; allocates only when something is missing. */
export class TierAcc {
  missing: string[] = NONE;
  insufficient: string[] = NONE;
  constructor(readonly ctx: MetricContext) {}
  /** Reads a metric; on missing/undefined data records the fields and the item that needed them. */
  read(def: MetricDef, item: string): MetricValue | null {
    const v = this.ctx.get(def);
    if (v !== undefined && v !== null) return v;
    if (this.insufficient === NONE) this.insufficient = [];
    if (!this.insufficient.includes(item)) this.insufficient.push(item);
    // null = the data is there but the quantity is undefined (zero denominator): insufficient, but nothing is missing.
    if (v === undefined)
      for (const f of missingFields(def, this.ctx.profile)) {
        if (this.missing === NONE) this.missing = [];
        if (!this.missing.includes(f)) this.missing.push(f);
      }
    return null;
  }
}

/** Relative size of a change; from 0 (or a non-number) counts as a whole unit. */
export function relativeChange(from: MetricValue | null, to: MetricValue): number {
  if (typeof from === 'number' && typeof to === 'number')
    return from === 0 ? (to === 0 ? 0 : 1) : exact(Math.abs(to - from) / Math.abs(from));
  return 1;
}

export function byRelative(a: GapItem, b: GapItem): number {
  return a.relative - b.relative;
}
