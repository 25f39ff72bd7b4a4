import { z } from 'zod';

/** National evaluation (综合发展水平考核评价): frameworks, rounds, submissions, runs, publication. */

export const evalFrameworkRow = z.object({
  iCode: z.string().min(1).max(40),
  iName: z.string().min(1).max(100),
  type: z.enum(['Indicator', 'Aggregate', 'Group', 'Denominator']),
  level: z.number().int().min(1).max(9).optional(),
  parent: z.string().max(40).optional(),
  direction: z.union([z.literal(1), z.literal(-1)]).optional(),
  weight: z.number().positive().optional(),
  unit: z.string().max(40).optional(),
  denominator: z.string().max(40).optional(),
  definition: z.string().max(500).optional(),
  source: z.string().max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type EvalFrameworkRow = z.infer<typeof evalFrameworkRow>;

export const evalFrameworkInput = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().min(1).max(200),
  rows: z.array(evalFrameworkRow).min(2).max(500),
  pipeline: z.record(z.string(), z.unknown()).optional(),
  assumption: z.string().max(2000).optional(),
});
export type EvalFrameworkInput = z.infer<typeof evalFrameworkInput>;

export const evalRoundInput = z.object({
  year: z.number().int().min(2000).max(2100),
  frameworkId: z.number().int().positive(),
  jumpThreshold: z.number().positive().max(10).default(0.5),
});

export const evalValues = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export const evalSubmissionInput = z.object({
  values: evalValues,
  explanations: z.record(z.string(), z.string().max(1000)).default({}),
});
export type EvalSubmissionInput = z.infer<typeof evalSubmissionInput>;

export const evalReviewInput = z.object({
  decision: z.enum(['accept', 'return']),
  comment: z.string().max(2000).default(''),
});

export const evalRunInput = z.object({
  label: z.string().min(1).max(200).optional(),
  /** A preset name (mofcom-2021, coinr-default) or a pipeline spec object; default: the framework's pipeline. */
  preset: z.string().optional(),
  pipeline: z.record(z.string(), z.unknown()).optional(),
  /** Monte-Carlo replications for rank intervals (0 = none). */
  mcRuns: z.number().int().min(0).max(20000).default(1000),
});

export const evalWhatIfInput = z.object({
  changes: z.record(z.string(), z.number()),
  targetRank: z.number().int().min(1).optional(),
});

export const evalWarningQuery = z.object({
  bottom: z.coerce.number().int().min(1).max(50).default(5),
  times: z.coerce.number().int().min(1).max(10).default(2),
  window: z.coerce.number().int().min(1).max(20).default(3),
});

export const SUBMISSION_STATUS = ['draft', 'submitted', 'returned', 'accepted', 'locked'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUS)[number];
export const SUBMISSION_STATUS_ZH: Record<SubmissionStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已接受',
  locked: '锁定',
};
