import { z } from 'zod';
import { pageQuery } from './common.ts';
import { clusterTier } from './overview.ts';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** Registry list / export filters (all optional); `year` selects the yearly figures shown and the 规上 flag. */
export const enterpriseFilter = z.object({
  q: z.string().trim().max(100).optional(),
  industry: z
    .string()
    .regex(/^([A-T]|\d{2,4})$/)
    .optional(),
  platform: z.string().max(50).optional(),
  year: z.coerce.number().int().min(1980).max(2100).optional(),
  aboveScale: flag,
  foreignInvested: flag,
  hkMacaoTaiwan: flag,
  highTech: flag,
  listed: flag,
  techSme: flag,
  fortune500: flag,
  active: flag,
  tag: z.string().max(40).optional(),
  cluster: z.string().max(40).optional(),
  sort: z.enum(['id', 'name', 'uscc', 'establishedOn', 'revenue', 'output', 'employees']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export const enterpriseListQuery = pageQuery.extend(enterpriseFilter.shape);
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

export const listedEnterprise = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  formerNames: z.array(z.string()),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  platform: z.string().nullable(),
  establishedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  foreignInvested: z.boolean(),
  sourceCountry: z.string().nullable(),
  hkMacaoTaiwan: z.boolean(),
  listed: z.boolean(),
  highTech: z.boolean(),
  techSme: z.boolean(),
  tags: z.array(z.string()),
  aboveScale: z.boolean(),
  revenueYuan: z.number().nullable(),
  industrialOutputYuan: z.number().nullable(),
  employees: z.number().nullable(),
  synthetic: z.boolean(),
});
export type ListedEnterprise = z.infer<typeof listedEnterprise>;

export const enterpriseYear = z.object({
  year: z.number(),
  aboveScale: z.boolean(),
  revenueYuan: z.number().nullable(),
  industrialOutputYuan: z.number().nullable(),
  taxYuan: z.number().nullable(),
  employees: z.number().nullable(),
  rdExpenseYuan: z.number().nullable(),
  exportsYuan: z.number().nullable(),
});

export const enterpriseChange = z.object({
  id: z.number(),
  at: z.string(),
  field: z.string(),
  year: z.number().nullable(),
  kind: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  importId: z.number().nullable(),
});

export const enterpriseDetail = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  formerNames: z.array(z.string()),
  legalRepresentative: z.string().nullable(),
  registeredCapitalYuan: z.number().nullable(),
  establishedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  address: z.string().nullable(),
  platform: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  secondaryIndustryCodes: z.array(z.string()),
  foreignInvested: z.boolean(),
  sourceCountry: z.string().nullable(),
  hkMacaoTaiwan: z.boolean(),
  fortune500Parent: z.string().nullable(),
  listedExchange: z.string().nullable(),
  listedTicker: z.string().nullable(),
  highTechCertNo: z.string().nullable(),
  highTechValidFrom: z.string().nullable(),
  highTechValidTo: z.string().nullable(),
  techSme: z.boolean(),
  tags: z.array(z.string()),
  synthetic: z.boolean(),
  updatedAt: z.string(),
  clusters: z.array(z.object({ code: z.string(), name: z.string() })),
  years: z.array(enterpriseYear),
  changes: z.array(enterpriseChange),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;

/** What an editor may change by hand (USCC and synthetic flag are not editable). */
export const enterprisePatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    formerNames: z.array(z.string().trim().min(1).max(200)).max(20),
    legalRepresentative: z.string().trim().max(50).nullable(),
    registeredCapitalYuan: z.number().int().min(0).nullable(),
    address: z.string().trim().max(300).nullable(),
    platform: z.string().trim().max(50).nullable(),
    industryCode: z
      .string()
      .regex(/^\d{4}$/)
      .nullable(),
    secondaryIndustryCodes: z.array(z.string().regex(/^\d{4}$/)).max(10),
    listedExchange: z.string().trim().max(20).nullable(),
    listedTicker: z.string().trim().max(20).nullable(),
    tags: z.array(z.string().max(40)).max(6),
  })
  .partial()
  .strict();
export type EnterprisePatch = z.infer<typeof enterprisePatch>;

export const importIssue = z.object({
  row: z.number(),
  column: z.string(),
  field: z.string().nullable(),
  value: z.unknown(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
});

export const importColumn = z.object({
  index: z.number(),
  letter: z.string(),
  header: z.string(),
  field: z.string().nullable(),
  source: z.string(),
});

export const importDiff = z.object({
  row: z.number(),
  uscc: z.string(),
  name: z.string().nullable(),
  action: z.enum(['create', 'update', 'unchanged']),
  changes: z.array(z.object({ field: z.string(), year: z.number().optional(), before: z.unknown(), after: z.unknown(), kind: z.string() })),
  conflicts: z.array(
    z.object({ field: z.string(), year: z.number().optional(), before: z.unknown(), after: z.unknown(), kind: z.string() }),
  ),
});

export const importSummary = z.object({
  id: z.number().nullable(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  status: z.enum(['previewed', 'needs-mapping', 'committed', 'rejected']),
  headerRows: z.array(z.number()),
  columns: z.array(importColumn),
  missingRequired: z.array(z.string()),
  rows: z.number(),
  valid: z.number(),
  invalid: z.number(),
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  conflicts: z.number(),
  /** First issues (the full list is in the error report download). */
  issues: z.array(importIssue),
  issuesTotal: z.number(),
  /** First per-field diffs of rows that change or conflict with the registry. */
  diffs: z.array(importDiff),
  written: z.number().optional(),
  validOnly: z.boolean().optional(),
  overwrite: z.boolean().optional(),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importMappingBody = z.object({
  /** Column index → field key (null ignores the column). */
  overrides: z.record(z.string().regex(/^\d+$/), z.string().nullable()),
  /** Remember these choices for the caller's bureau. */
  save: z.boolean().default(true),
});

export const importCommitBody = z.object({
  /** Import the valid rows only (default: nothing is written when any row fails). */
  validOnly: z.boolean().default(false),
  /** Apply changes to values the registry already holds (default: such conflicts are skipped and reported). */
  overwrite: z.boolean().default(false),
});

export const importField = z.object({
  key: z.string(),
  header: z.string(),
  headerEn: z.string(),
  required: z.boolean(),
  yearly: z.boolean(),
});

export const clusterSummary = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  prefixes: z.array(z.string()),
  taggedEnterprises: z.number(),
  synthetic: z.boolean(),
  /** Latest year with figures. */
  year: z.number().nullable(),
  outputYuan: z.number(),
  enterprises: z.number(),
  tier: clusterTier,
  years: z.array(z.object({ year: z.number(), enterprises: z.number(), outputYuan: z.number(), tier: clusterTier })),
});
export type ClusterSummary = z.infer<typeof clusterSummary>;

export const clusterInput = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().max(80).nullable().optional(),
  prefixes: z.array(z.string().regex(/^\d{2,4}$/)).max(50),
  members: z.array(z.number().int().positive()).max(5000).optional(),
});

export const strategicTag = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), enterprises: z.number() });
