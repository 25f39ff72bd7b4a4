import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { enterprises } from '../enterprises/schema.ts';
import { users, zones } from '../platform/schema.ts';

/**
 * A zone's own rule sets (provincial copies of miit-2022 and their edits), stored as versioned JSON.
 * The shipped rule sets (core `builtinRuleSets`, e.g. miit-2022) are the read-only defaults and are not stored;
 * an edit never overwrites a row: it inserts the next version of the same `key`.
 */
export const cultivationRuleSets = pgTable(
  'cultivation_rule_sets',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    /** Rule-set id (e.g. `gd-2024`), the same across versions. */
    key: text('key').notNull(),
    version: text('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    /** The validated rule set (core `RuleSet`). */
    definition: jsonb('definition').notNull(),
    derivedFrom: text('derived_from'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cultivation_rule_sets_uq').on(t.zoneId, t.key, t.version)],
);

/**
 * Yearly cultivation profile of an enterprise: the fields of cultivation.md the registry does not hold
 * (core `Profile` shape, money in 万元). Revenue, R&D expense and staff fall back to `enterprise_years`.
 */
export const cultivationProfiles = pgTable(
  'cultivation_profiles',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    /** Data year of the figures. */
    year: integer('year').notNull(),
    data: jsonb('data').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cultivation_profiles_uq').on(t.enterpriseId, t.year), index('cultivation_profiles_zone_idx').on(t.zoneId, t.year)],
);

/** Levels of recognition: the four tiers plus 技术创新示范企业. */
export const RECOGNITION_LEVELS = ['innovative', 'specialized', 'little-giant', 'champion', 'tech-demo'] as const;

export const cultivationRecognitions = pgTable(
  'cultivation_recognitions',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    /** innovative | specialized | little-giant | champion | tech-demo */
    level: text('level').notNull(),
    /** 重点小巨人 (only with level little-giant). */
    keyLittleGiant: boolean('key_little_giant').notNull().default(false),
    /** Recognition batch (e.g. 第五批). */
    batch: text('batch'),
    certificateNo: text('certificate_no'),
    recognizedOn: date('recognized_on').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    /** 复核 date. */
    reviewOn: date('review_on'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [
    index('cultivation_recognitions_zone_idx').on(t.zoneId, t.level, t.validTo),
    index('cultivation_recognitions_enterprise_idx').on(t.enterpriseId),
  ],
);

/** Application stages in order; `rejected` (未通过) ends an application at any stage. */
export const APPLICATION_STAGES = ['submitted', 'district', 'city', 'province', 'recognized', 'rejected'] as const;

export const cultivationApplications = pgTable(
  'cultivation_applications',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    /** Application (declaration) year. */
    year: integer('year').notNull(),
    stage: text('stage').notNull(),
    /** [{stage, at, by, note}] oldest first. */
    history: jsonb('history').notNull().default([]),
    note: text('note'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cultivation_applications_zone_idx').on(t.zoneId, t.stage),
    index('cultivation_applications_enterprise_idx').on(t.enterpriseId),
  ],
);

/** A stored assessment: which rule set (id + version) and data year produced which result. */
export const cultivationAssessments = pgTable(
  'cultivation_assessments',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    ruleSetKey: text('rule_set_key').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    dataYear: integer('data_year').notNull(),
    result: jsonb('result').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cultivation_assessments_enterprise_idx').on(t.zoneId, t.enterpriseId, t.createdAt)],
);
