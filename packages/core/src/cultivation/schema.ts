import { z } from 'zod';
import { tierOrder } from './types.ts';

/** Every label a user may see comes in both languages so the UI can explain a result without code changes. */
export const labelSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Label = z.infer<typeof labelSchema>;

const keySchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'key: letters, digits and dashes');
const assumption = {
  /** Our reading where the source text is ambiguous (cultivation.md **assumption**); editable like any other value. */
  assumption: z.boolean().optional(),
  note: z.string().optional(),
};

/**
 * A band is an interval of the metric: `from` absent = from the domain's lower end, `to` absent = to its upper end.
 * Default [from, to): on a boundary the higher band wins (cultivation.md); set includeFrom/includeTo where a table says otherwise.
 */
export const bandSchema = z.object({
  from: z.number().nullable().optional(),
  to: z.number().nullable().optional(),
  includeFrom: z.boolean().default(true),
  includeTo: z.boolean().default(false),
  points: z.number().min(0),
  label: labelSchema.optional(),
  ...assumption,
});
export type Band = z.infer<typeof bandSchema>;

const domainSchema = z.object({ min: z.number().nullable(), max: z.number().nullable() });

const bandScaleSchema = z.object({
  metric: z.string().min(1),
  /** Overrides the metric's natural domain (needed for `custom.*` metrics with a bounded range). */
  domain: domainSchema.optional(),
  bands: z.array(bandSchema).min(1),
});

const indicatorBase = { key: keySchema, label: labelSchema, max: z.number().positive(), ...assumption };

export const indicatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bands'), ...indicatorBase, ...bandScaleSchema.shape }),
  z.object({
    kind: z.literal('categories'),
    ...indicatorBase,
    metric: z.string().min(1),
    categories: z.array(z.object({ value: z.string(), points: z.number().min(0), label: labelSchema.optional() })).min(1),
  }),
  /** Points equal the input value, capped at `max` (e.g. 特色化 score set by the province). */
  z.object({ kind: z.literal('value'), ...indicatorBase, metric: z.string().min(1) }),
  /** Best of several scales (e.g. R&D expense by amount or by ratio, whichever scores more). */
  z.object({ kind: z.literal('best'), ...indicatorBase, of: z.array(bandScaleSchema).min(2) }),
]);
export type Indicator = z.infer<typeof indicatorSchema>;

export const comparisonOps = ['>=', '>', '<=', '<', '==', '!='] as const;

export type Condition =
  | {
      key?: string;
      label?: Label;
      metric: string;
      op: (typeof comparisonOps)[number];
      value: number | string | boolean;
      assumption?: boolean;
      note?: string;
    }
  | { key?: string; label?: Label; metric: string; op: 'has'; value: string; assumption?: boolean; note?: string }
  | { key?: string; label?: Label; metric: string; op: 'in'; value: string[]; assumption?: boolean; note?: string }
  | { key?: string; label?: Label; all: Condition[]; assumption?: boolean; note?: string }
  | { key?: string; label?: Label; any: Condition[]; assumption?: boolean; note?: string };

const conditionMeta = { key: keySchema.optional(), label: labelSchema.optional(), ...assumption };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      ...conditionMeta,
      metric: z.string().min(1),
      op: z.enum(comparisonOps),
      value: z.union([z.number(), z.string(), z.boolean()]),
    }),
    z.strictObject({ ...conditionMeta, metric: z.string().min(1), op: z.literal('has'), value: z.string() }),
    z.strictObject({ ...conditionMeta, metric: z.string().min(1), op: z.literal('in'), value: z.array(z.string()).min(1) }),
    z.strictObject({ ...conditionMeta, all: z.array(conditionSchema).min(1) }),
    z.strictObject({ ...conditionMeta, any: z.array(conditionSchema).min(1) }),
  ]),
) as z.ZodType<Condition>;

/** A top-level condition is a reason a firm can fail, so it needs a key and a label in both languages. */
export const namedConditionSchema = z.object({
  key: keySchema,
  /** Short name shown in lists of failed reasons. */
  label: labelSchema,
  /** Longer explanation (thresholds spelled out) for detail views. */
  description: labelSchema.optional(),
  group: z.string().optional(),
  when: conditionSchema,
  ...assumption,
});
export type NamedCondition = z.infer<typeof namedConditionSchema>;

export const groupSchema = z.object({
  key: keySchema,
  label: labelSchema,
  max: z.number().positive(),
  /** Group minimum for passing (创新型: 创新能力 ≥ 20 …). */
  min: z.number().min(0).optional(),
  failLabel: labelSchema.optional(),
  indicators: z.array(indicatorSchema).min(1),
});
export type Group = z.infer<typeof groupSchema>;

export const tierSchema = z.object({
  key: z.enum(tierOrder),
  label: labelSchema,
  kind: z.enum(['scored', 'criteria']),
  level: z.string().optional(),
  /** Always required, also on a direct path. */
  prerequisites: z.array(namedConditionSchema).default([]),
  /** Any one replaces the score (scored tiers) or the criteria (criteria tiers). */
  directPaths: z.array(namedConditionSchema).default([]),
  scoring: z
    .object({
      pass: z.number().min(0),
      max: z.number().positive(),
      failLabel: labelSchema,
      groups: z.array(groupSchema).min(1),
    })
    .optional(),
  criteriaGroups: z.array(z.object({ key: keySchema, label: labelSchema })).optional(),
  criteria: z.array(namedConditionSchema).optional(),
});
export type Tier = z.infer<typeof tierSchema>;

export const ruleSetSchema = z.object({
  id: keySchema,
  version: z.string().min(1),
  name: labelSchema,
  /** ISO date from which assessments should use this rule set. */
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().nullable().optional(),
  source: z.string().optional(),
  /** For provincial variants: the rule set and version this was copied from. */
  derivedFrom: z.object({ id: z.string(), version: z.string() }).nullable().optional(),
  notes: z.array(z.string()).optional(),
  tiers: z.array(tierSchema).min(1),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
