import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const country = z.string().regex(/^[A-Z]{2}$/, '国家代码应为 ISO 3166 两位大写代码');
const yuan = z.number().int('金额以元为单位的整数').min(0);

export const ipAssetKind = z.enum(['invention', 'utility', 'design', 'trademark', 'software', 'ic_layout', 'plant_variety']);
export const ipAssetStatus = z.enum(['pending', 'granted', 'lapsed', 'expired', 'abandoned', 'rejected']);

const assetFields = {
  kind: ipAssetKind,
  number: z.string().trim().min(1, '缺少申请号/注册号').max(60),
  title: z.string().trim().min(1, '缺少名称').max(300),
  /** ISO 3166 alpha-2 or a regional office code (PCT, EP, EU, WO, EA, OA, AP, GC). */
  jurisdiction: z.string().trim().toUpperCase().min(2).max(4),
  filingDate: isoDate.nullish(),
  grantDate: isoDate.nullish(),
  expiryDate: isoDate.nullish(),
  status: ipAssetStatus,
  familyId: z.string().trim().max(60).nullish(),
  ipClass: z.enum(['I', 'II']).nullish(),
  mainProduct: z.boolean().optional(),
  selfDeveloped: z.boolean().optional(),
  acquiredOn: isoDate.nullish(),
  strategicEmerging: z.boolean().optional(),
  pledgedYuan: yuan.nullish(),
  award: z.string().trim().max(40).nullish(),
  awardYear: z.number().int().min(1985).max(2100).nullish(),
  valuationYuan: yuan.nullish(),
};
export const createIpAsset = z.object({ enterpriseId: z.number().int().positive().optional(), ...assetFields });
export type CreateIpAsset = z.infer<typeof createIpAsset>;
export const updateIpAsset = z.object(assetFields).partial();
export type UpdateIpAsset = z.infer<typeof updateIpAsset>;

export const ipAssetQuery = z.object({
  enterpriseId: z.coerce.number().int().positive().optional(),
  kind: ipAssetKind.optional(),
  jurisdiction: z.string().max(4).optional(),
  status: ipAssetStatus.optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ipMarketInput = z.object({
  enterpriseId: z.number().int().positive().optional(),
  country,
  kind: z.enum(['export', 'planned']).default('export'),
  products: z.string().trim().max(300).nullish(),
  revenueSharePct: z.number().min(0).max(100),
});

export const ipCaseType = z.enum(['infringement_claim', 'customs_seizure', 'exhibition_complaint', 'bad_faith_trademark', 'other']);
export const ipCaseStage = z.enum(['reported', 'assessing', 'negotiating', 'litigation', 'settled', 'won', 'lost', 'closed']);
const caseFields = {
  exhibitionId: z.number().int().positive().nullish(),
  country,
  counterparty: z.string().trim().min(1).max(200),
  type: ipCaseType,
  stage: ipCaseStage,
  openedOn: isoDate,
  nextDeadline: isoDate.nullish(),
  deadlineNote: z.string().trim().max(300).nullish(),
  expertId: z.number().int().positive().nullish(),
  outcome: z.string().trim().max(1000).nullish(),
  costYuan: yuan,
};
export const createIpCase = z.object({
  enterpriseId: z.number().int().positive(),
  ...caseFields,
  stage: ipCaseStage.default('reported'),
  costYuan: yuan.default(0),
});
export const updateIpCase = z.object(caseFields).partial();
export const closeBody = z.object({
  reason: z.string().trim().min(2, '请填写结案/关闭原因').max(500),
  outcome: z.string().trim().max(1000).nullish(),
});

export const createIpExhibition = z.object({
  name: z.string().trim().min(2).max(200),
  country,
  city: z.string().trim().max(60).nullish(),
  startDate: isoDate,
  endDate: isoDate,
  firmsRegistered: z.number().int().min(0).default(0),
});

export const createIpExpert = z.object({
  kind: z.enum(['expert', 'partner']),
  name: z.string().trim().min(2).max(200),
  organisation: z.string().trim().max(200).nullish(),
  fields: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  languages: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  countries: z.array(country).min(1, '至少填写一个国家或地区').max(80),
  contact: z.string().trim().max(200).nullish(),
});

export const createIpHelpRequest = z.object({
  enterpriseId: z.number().int().positive().optional(),
  country: country.nullish(),
  topic: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).nullish(),
});
export const assignIpHelp = z.object({ expertId: z.number().int().positive() });
export const adviseIpHelp = z.object({ advice: z.string().trim().min(2).max(4000) });

export const ipPolicyType = z.enum(['overseas_infringement_liability', 'overseas_filing_cost_loss']);
export const createIpPolicy = z.object({
  enterpriseId: z.number().int().positive(),
  type: ipPolicyType,
  insurer: z.string().trim().min(2).max(100),
  policyNo: z.string().trim().max(60).nullish(),
  coverYuan: yuan.refine((v) => v > 0, '保额必须为正数'),
  premiumYuan: yuan,
  subsidySharePct: z.number().min(0).max(100).default(0),
  startDate: isoDate,
  endDate: isoDate,
});
export const updateIpPolicy = z.object({
  claimsCount: z.number().int().min(0).optional(),
  claimsPaidYuan: yuan.optional(),
  insurer: z.string().trim().min(2).max(100).optional(),
  policyNo: z.string().trim().max(60).nullish(),
});

export const ipSettingsInput = z.object({
  population: z.number().int().positive().nullable(),
  populationYear: z.number().int().min(1990).max(2100).nullable(),
});

export const ipClassCounts = z.object({
  class1HighValue: z.number(),
  class1SelfDeveloped: z.number(),
  class1: z.number(),
  class2: z.number(),
});
export type IpClassCounts = z.infer<typeof ipClassCounts>;
