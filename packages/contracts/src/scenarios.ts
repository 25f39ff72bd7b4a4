import { z } from 'zod';
import { envelope } from './common.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const yuan = z.number().int('金额以元为单位的整数').min(0);
/** Length limits are checked by the service (bilingual reason, after sanitising); zod only caps absurd payloads. */
const text = z.string().max(200_000);

export const scenarioKind = z.enum(['need', 'capability']);
export const scenarioState = z.enum(['draft', 'pending', 'published', 'matching', 'landed', 'closed', 'withdrawn']);
export const scenarioStage = z.enum(['recommended', 'contacted', 'negotiating', 'pilot', 'signed', 'failed']);

export const scenarioAttachment = z.object({
  name: z.string().trim().min(1).max(200),
  url: z
    .string()
    .trim()
    .max(1000)
    .regex(/^(https?:\/\/|\/)/i, '附件链接须以 http(s):// 或 / 开头'),
});

const itemFields = {
  kind: scenarioKind,
  title: text,
  description: text.optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  industry: z.string().trim().max(4).nullish(),
  resource: z.string().trim().max(2000).nullish(),
  location: z.string().trim().max(200).nullish(),
  budgetMinYuan: yuan.nullish(),
  budgetMaxYuan: yuan.nullish(),
  periodStart: isoDate.nullish(),
  periodEnd: isoDate.nullish(),
  contact: z.string().trim().max(200).nullish(),
  publisherDept: z.string().trim().max(100).nullish(),
  enterpriseId: z.number().int().positive().nullish(),
  attachments: z.array(scenarioAttachment).max(20).optional(),
  batchId: z.number().int().positive().nullish(),
};
export const createScenarioItem = z.object(itemFields);
export type CreateScenarioItem = z.infer<typeof createScenarioItem>;
export const updateScenarioItem = z.object(itemFields).partial();
export type UpdateScenarioItem = z.infer<typeof updateScenarioItem>;

/**
 * A row of the staff item list: the stored item, its batch and publishing enterprise, and the search score. Checked by
 * the scenarios tests, not attached as the route's response schema: the rows hold Dates, which JSON.stringify writes as
 * these strings, and turning them into strings per row for the compiled serialiser cost more than it saved.
 */
export const scenarioItemRow = z.object({
  id: z.number().int(),
  zoneId: z.number().int(),
  batchId: z.number().int().nullable(),
  kind: scenarioKind,
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  industry: z.string().nullable(),
  resource: z.string().nullable(),
  location: z.string().nullable(),
  budgetMinYuan: z.number().int().nullable(),
  budgetMaxYuan: z.number().int().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  contact: z.string().nullable(),
  publisherDept: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
  state: scenarioState,
  publishedAt: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  batchNumber: z.number().int().nullable(),
  batchTitle: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  /** Relevance of a ranked text search; null without one. */
  score: z.number().nullable(),
});
export type ScenarioItemRow = z.infer<typeof scenarioItemRow>;
/** The staff item list; `counts` (items per state) for scenario staff. */
export const scenarioItemList = envelope(z.array(scenarioItemRow)).extend({ counts: z.record(z.string(), z.number()).optional() });

export const scenarioTransition = z.object({ to: scenarioState, comment: z.string().trim().max(2000).nullish() });

export const scenarioItemQuery = z.object({
  state: scenarioState.optional(),
  kind: scenarioKind.optional(),
  batch: z.coerce.number().int().positive().optional(),
  tag: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** Draft text checked for "similar items already published". */
export const scenarioSimilarInput = z.object({
  id: z.number().int().positive().optional(),
  kind: scenarioKind,
  title: text,
  description: text.optional(),
  tags: z.array(z.string().max(40)).max(20).optional(),
  industry: z.string().max(4).nullish(),
});

export const createScenarioBatch = z.object({
  title: z.string().trim().min(1).max(200),
  publishedOn: isoDate.nullish(),
});
export const updateScenarioBatch = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  publishedOn: isoDate.nullish(),
  published: z.boolean().optional(),
});

export const createScenarioResponse = z.object({
  message: z.string().trim().min(1, '请填写对接说明').max(5000),
  contact: z.string().trim().min(1, '请填写联系方式').max(200),
  enterpriseId: z.number().int().positive().optional(),
});

export const createScenarioMatch = z.object({
  needId: z.number().int().positive(),
  capabilityId: z.number().int().positive(),
  source: z.enum(['engine', 'person']).default('person'),
  score: z.number().nullish(),
  notes: z.string().trim().max(5000).nullish(),
});
export const moveScenarioMatch = z.object({
  stage: scenarioStage.optional(),
  notes: z.string().trim().max(5000).nullish(),
  note: z.string().trim().max(2000).nullish(),
});
