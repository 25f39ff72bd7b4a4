import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users, zones } from '../platform/schema.ts';

/**
 * 综合发展水平考核评价 on the platform. A framework is versioned data (iMeta rows); a round collects one submission per
 * zone; a run is the engine applied to a round's locked data; publishing a run writes one result row per zone and
 * freezes the framework. Published runs and their results are never updated.
 */

/** One row of a framework: indicator, aggregate (dimension/index) or group column, in COINr iMeta shape plus definitions. */
export interface FrameworkRow {
  iCode: string;
  iName: string;
  type: 'Indicator' | 'Aggregate' | 'Group' | 'Denominator';
  level?: number;
  parent?: string;
  direction?: 1 | -1;
  weight?: number;
  unit?: string;
  denominator?: string;
  definition?: string;
  source?: string;
  /** Plausible range for submissions (values outside are refused). */
  min?: number;
  max?: number;
}

export const evalFrameworks = pgTable(
  'eval_frameworks',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    rows: jsonb('rows').$type<FrameworkRow[]>().notNull(),
    /** Default pipeline (PipelineSpec JSON). */
    pipeline: jsonb('pipeline').notNull(),
    assumption: text('assumption'),
    /** Set when a run on this version is published; a frozen framework is never edited again. */
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('eval_frameworks_code_version_uq').on(t.code, t.version)],
);

export const evalRounds = pgTable(
  'eval_rounds',
  {
    id: serial('id').primaryKey(),
    /** Evaluation year t; the data are of year t − 1. */
    year: integer('year').notNull(),
    dataYear: integer('data_year').notNull(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => evalFrameworks.id),
    status: text('status').notNull().default('open'), // open | closed
    /** Relative change vs last year above which a value needs an explanation (0.5 = ±50%). */
    jumpThreshold: doublePrecision('jump_threshold').notNull().default(0.5),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('eval_rounds_year_uq').on(t.year)],
);

export interface SubmissionComment {
  at: string;
  by: string;
  action: 'return' | 'accept' | 'lock' | 'submit';
  text: string;
}

/** Status: draft 草稿 → submitted 已提交 → returned 已退回 | accepted 已接受 → locked 锁定. */
export const evalSubmissions = pgTable(
  'eval_submissions',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('draft'),
    values: jsonb('values').$type<Record<string, number | null>>().notNull(),
    /** Explanations for flagged jumps, per indicator. */
    explanations: jsonb('explanations').$type<Record<string, string>>().notNull().default({}),
    comments: jsonb('comments').$type<SubmissionComment[]>().notNull().default([]),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [uniqueIndex('eval_submissions_round_zone_uq').on(t.roundId, t.zoneId), index('eval_submissions_zone_idx').on(t.zoneId)],
);

export const evalRuns = pgTable(
  'eval_runs',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => evalFrameworks.id),
    label: text('label').notNull(),
    /** The validated PipelineSpec used. */
    pipeline: jsonb('pipeline').notNull(),
    /** Summary: units, scores and ranks per code, region ranks, treatment, screening, Monte-Carlo intervals. */
    result: jsonb('result').notNull(),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('eval_runs_round_idx').on(t.roundId)],
);

/** One row per zone of a published run: the history the zone results page reads. Written once, at publication. */
export const evalResults = pgTable(
  'eval_results',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => evalRuns.id, { onDelete: 'cascade' }),
    roundId: integer('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    score: doublePrecision('score').notNull(),
    rank: integer('rank').notNull(),
    regionRank: integer('region_rank').notNull(),
    regionSize: integer('region_size').notNull(),
    /** Scores and national ranks of every dimension and indicator (normalised), by code. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    ranks: jsonb('ranks').$type<Record<string, number>>().notNull(),
    regionRanks: jsonb('region_ranks').$type<Record<string, number>>().notNull(),
    /** Monte-Carlo 5–95% rank interval of the index. */
    rankP05: doublePrecision('rank_p05'),
    rankP95: doublePrecision('rank_p95'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [
    uniqueIndex('eval_results_run_zone_uq').on(t.runId, t.zoneId),
    index('eval_results_zone_year_idx').on(t.zoneId, t.year),
    index('eval_results_year_idx').on(t.year),
  ],
);
