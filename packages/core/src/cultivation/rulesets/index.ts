import { parseRuleSet } from '../parse.ts';
import type { RuleSet } from '../schema.ts';
import miit2022Json from './miit-2022.json' with { type: 'json' };

/** Rule set `miit-2022`, validated at load so a bad edit of the JSON fails loudly. */
export const miit2022: RuleSet = parseRuleSet(miit2022Json);

export const builtinRuleSets: readonly RuleSet[] = [miit2022];

export function builtinRuleSet(id: string): RuleSet | undefined {
  return builtinRuleSets.find((r) => r.id === id);
}
