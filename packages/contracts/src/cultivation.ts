import { z } from 'zod';
import { pageQuery } from './common.ts';

/** 梯度培育: tiers, recognition levels and application stages. */
export const cultivationTiers = ['innovative', 'specialized', 'little-giant', 'champion'] as const;
export const recognitionLevels = ['innovative', 'specialized', 'little-giant', 'champion', 'tech-demo'] as const;
export const applicationStages = ['submitted', 'district', 'city', 'province', 'recognized', 'rejected'] as const;

export const screeningQuery = pageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ruleset: z.string().max(64).optional(),
  version: z.string().max(32).optional(),
  tier: z.enum(cultivationTiers).optional(),
  eligible: z.enum(['true', 'false', 'undetermined']).optional(),
  /** distance (to the next tier, closest first) | name | id */
  sort: z.enum(['distance', 'name', 'id']).default('distance'),
  q: z.string().max(100).optional(),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(50),
});
export type ScreeningQuery = z.infer<typeof screeningQuery>;

export const assessmentQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ruleset: z.string().max(64).optional(),
  version: z.string().max(32).optional(),
});

export const copyRuleSetBody = z.object({
  from: z.string().min(1).max(64),
  fromVersion: z.string().max(32).optional(),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/)
    .describe('new rule-set id, e.g. gd-2024'),
  name: z.object({ zh: z.string().min(1).max(100), en: z.string().min(1).max(100) }),
  effectiveFrom: z.iso.date(),
});

/** A whole edited rule set (validated by core parseRuleSet: bands must tile the domain). */
export const editRuleSetBody = z.object({ definition: z.record(z.string(), z.unknown()) });

export const profileBody = z.object({ year: z.number().int().min(2000).max(2100), profile: z.record(z.string(), z.unknown()) });
export const selfAssessBody = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  ruleset: z.string().max(64).optional(),
  profile: z.record(z.string(), z.unknown()),
});

export const createApplicationBody = z.object({
  enterpriseId: z.number().int().positive(),
  level: z.enum(recognitionLevels),
  year: z.number().int().min(2000).max(2100),
  note: z.string().max(500).nullish(),
});
export const moveApplicationBody = z.object({ stage: z.enum(applicationStages), note: z.string().max(500).nullish() });
export const cultivationApplicationsQuery = z.object({
  enterpriseId: z.coerce.number().int().positive().optional(),
  stage: z.enum(applicationStages).optional(),
  year: z.coerce.number().int().optional(),
});
export const remindersQuery = z.object({ days: z.coerce.number().int().min(1).max(730).default(90) });
