import { parseRuleSet } from './parse.ts';
import type { Label, RuleSet } from './schema.ts';

export interface CopyOptions {
  id: string;
  name: Label;
  /** ISO date (YYYY-MM-DD). */
  effectiveFrom: string;
  version?: string;
  effectiveTo?: string | null;
}

/**
 * Starts a provincial variant from an existing rule set. The copy remembers where it came from (derivedFrom)
 * so assessments and the audit trail can tell the two apart; it is validated like any rule set.
 */
export function copyRuleSet(ruleSet: RuleSet, opts: CopyOptions): RuleSet {
  const copy = structuredClone(ruleSet);
  return parseRuleSet({
    ...copy,
    id: opts.id,
    name: opts.name,
    version: opts.version ?? '1.0.0',
    effectiveFrom: opts.effectiveFrom,
    effectiveTo: opts.effectiveTo ?? null,
    derivedFrom: { id: ruleSet.id, version: ruleSet.version },
  });
}

/**
 * Applies an edit (e.g. new bands from the admin UI) to a copy and re-validates it, so an edit can never
 * leave overlapping or gapped bands behind. Throws ValidationError; the original is untouched.
 */
export function editRuleSet(ruleSet: RuleSet, edit: (draft: RuleSet) => void): RuleSet {
  const draft = structuredClone(ruleSet);
  edit(draft);
  return parseRuleSet(draft);
}

/** The rule set in force on a date: latest effectiveFrom on or before it, not yet expired. */
export function ruleSetInEffect(ruleSets: readonly RuleSet[], date: string): RuleSet | undefined {
  return ruleSets
    .filter((r) => r.effectiveFrom <= date && (!r.effectiveTo || r.effectiveTo >= date))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0))[0];
}
