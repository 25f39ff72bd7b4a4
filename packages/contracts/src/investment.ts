import { z } from 'zod';

export const investmentStage = z.enum([
  'lead',
  'contact',
  'negotiating',
  'signed',
  'registered',
  'started',
  'producing',
  'full_production',
  'on_hold',
  'lost',
]);
export type InvestmentStage = z.infer<typeof investmentStage>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const nonNeg = z.number().int().min(0);

/** Project fields; amounts are entered in `investmentCurrency` with `rateToCny` (CNY per unit). No defaults, so PATCH leaves omitted fields alone. */
const projectFields = {
  name: z.string().trim().min(2).max(200),
  investor: z.string().trim().min(2).max(200),
  coInvestors: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  sourceCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166 两位代码')
    .nullish(),
  foreign: z.boolean().optional(),
  fortune500Parent: z.string().trim().max(200).nullish(),
  industryCode: z
    .string()
    .regex(/^(\d{2,4}|[A-T])$/, 'GB/T 4754 行业代码')
    .nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  investmentAmount: z.number().positive('投资额必须为正数'),
  investmentCurrency: z.string().regex(/^[A-Z]{3}$/, '币种应为 ISO 4217 代码'),
  rateToCny: z.number().positive('汇率必须为正数').nullish(),
  landMu: z.number().min(0).nullish(),
  floorAreaSqm: nonNeg.nullish(),
  expectedOutputYuan: nonNeg.nullish(),
  expectedTaxYuan: nonNeg.nullish(),
  leadSource: z.enum(['referral', 'expo', 'agency', 'fund', 'chain']).nullish(),
  officerId: z.number().int().positive().nullish(),
  platform: z.string().trim().max(40).nullish(),
  enterpriseId: z.number().int().positive().nullish(),
};

/**
 * A row of the project list: what a table of projects shows and filters on. The project's page
 * (`GET …/projects/:id`) has every field, with follow-ups, approvals and stage history.
 */
export const projectListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  investor: z.string(),
  foreign: z.boolean(),
  sourceCountry: z.string().nullable(),
  countryName: z.string().nullable(),
  fortune500Parent: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  tags: z.array(z.string()),
  stage: investmentStage,
  stageLabel: z.string(),
  signedOn: z.string().nullable(),
  /** 合同投资额 in yuan (integer). */
  contractInvestmentYuan: z.number().int().nullable(),
  /** As entered, in `investmentCurrency`. */
  investmentAmount: z.number().nullable(),
  investmentCurrency: z.string(),
  officerId: z.number().int().nullable(),
  officerName: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  synthetic: z.boolean(),
  /** ISO timestamp of the last change; the list is ordered by it, newest first. */
  updatedAt: z.string(),
});
export type ProjectListItem = z.infer<typeof projectListItem>;

export const createProject = z.object({
  ...projectFields,
  /** Create even though a project of the same investor/name exists. */
  confirmDuplicate: z.boolean().default(false),
});
export type CreateProject = z.infer<typeof createProject>;

export const updateProject = z
  .object(projectFields)
  .partial()
  .extend({ signedOn: isoDate.nullish(), reason: z.string().trim().max(500).optional() });
export type UpdateProject = z.infer<typeof updateProject>;

export const projectQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().max(100).optional(),
  stage: investmentStage.optional(),
  foreign: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
});

export const moveStage = z.object({ stage: investmentStage, reason: z.string().trim().max(500).optional() });

export const createFollowup = z.object({
  kind: z.enum(['visit', 'call', 'meeting', 'other']),
  happenedOn: isoDate,
  summary: z.string().trim().min(2).max(2000),
  nextAction: z.string().trim().max(500).nullable().default(null),
  nextActionOn: isoDate.nullable().default(null),
});

export const createApproval = z.object({ note: z.string().trim().max(1000).nullable().default(null), submit: z.boolean().default(true) });
export const decideApproval = z.object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(1000).optional() });
export const commentApproval = z.object({ comment: z.string().trim().min(1).max(1000) });

export const investmentSettingsInput = z.object({
  approvalThresholdYuan: z.number().int().positive(),
  stageProbabilities: z.record(investmentStage, z.number().min(0).max(1)).optional(),
});

export const fdiReportQuery = z.object({
  from: isoMonth.optional(),
  to: isoMonth.optional(),
  /** Alternative to from/to: the month, year-to-date or year ending at `month`. */
  period: z.enum(['month', 'ytd', 'year']).optional(),
  month: isoMonth.optional(),
});

export const fdiRowInput = z.object({
  enterpriseId: z.number().int().positive(),
  month: isoMonth,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  /** In `currency`. */
  contractAmount: nonNeg.default(0),
  actualAmount: nonNeg.default(0),
  /** US$ per unit of `currency`; required unless currency is USD. */
  rateToUsd: z.number().positive().nullable().default(null),
});
export const fdiRowsInput = z.object({ rows: z.array(fdiRowInput).min(1).max(1000) });
export const monthBody = z.object({ month: isoMonth });

export const createFund = z.object({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(['industry_fund', 'venture', 'pe', 'angel']),
  fundSizeYuan: z.number().int().positive('基金规模必须为正数'),
  landedOn: isoDate,
  manager: z.string().trim().max(200).nullable().default(null),
});
export const createFundDeal = z.object({
  enterpriseId: z.number().int().positive().nullable().default(null),
  projectId: z.number().int().positive().nullable().default(null),
  amountYuan: z.number().int().positive('投资金额必须为正数'),
  dealOn: isoDate,
  round: z.string().trim().max(40).nullable().default(null),
});
export const periodQuery = z.object({ from: isoMonth.default('2024-01'), to: isoMonth.default('2024-06') });
