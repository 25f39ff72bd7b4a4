// Gradient cultivation (梯度培育): rule sets as data, the assessment engine, gap to pass and screening distance.
export { checkBands, formatBand } from './bands.ts';
export type { CopyOptions } from './copy.ts';
export { copyRuleSet, editRuleSet, ruleSetInEffect } from './copy.ts';
export { distanceToNextTier, nextTier, tierDistance } from './distance.ts';
export { assess, assessAll } from './engine.ts';
export type { MetricDef, MetricType } from './metrics.ts';
export { exact, metricDef, metricLabels, metrics } from './metrics.ts';
export { checkRuleSet, parseRuleSet } from './parse.ts';
export type { ProfileCheck } from './profile.ts';
export { checkProfile, firmAge, parseProfile, profileFieldLabels, validateProfile } from './profile.ts';
export { builtinRuleSet, builtinRuleSets, miit2022 } from './rulesets/index.ts';
export type { Band, Condition, Group, Indicator, Label, NamedCondition, RuleSet, RuleSetInput, Tier } from './schema.ts';
export { ruleSetSchema } from './schema.ts';
export { syntheticProfiles } from './synthetic.ts';
export { sampleProfile } from './testing.ts';
export * from './types.ts';
