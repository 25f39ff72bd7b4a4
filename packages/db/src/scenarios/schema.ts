import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { enterprises } from '../enterprises/schema.ts';
import { users, zones } from '../platform/schema.ts';

/** 第N批应用场景机会清单: zone-scoped number, published once (then items in it show publicly). */
export const scenarioBatches = pgTable(
  'scenario_batches',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    publishedOn: date('published_on'),
    published: boolean('published').notNull().default(false),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scenario_batches_number_uq').on(t.zoneId, t.number)],
);

/**
 * A scenario need (需求, from a department or large firm) or capability (能力, from a tech firm).
 * state: draft → pending → published → matching → landed | closed; published/matching may be withdrawn (never deleted).
 * description is stored sanitised (plain text, see core `sanitizeText`).
 */
export const scenarioItems = pgTable(
  'scenario_items',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    batchId: integer('batch_id').references(() => scenarioBatches.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** GB/T 4754-2017 小类 or 中类. */
    industry: text('industry'),
    /** What the item offers or needs on the ground: a route, a site, data, a test field. */
    resource: text('resource'),
    location: text('location'),
    budgetMinYuan: bigint('budget_min_yuan', { mode: 'number' }),
    budgetMaxYuan: bigint('budget_max_yuan', { mode: 'number' }),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    contact: text('contact'),
    /** Publishing department (name) or enterprise (id). */
    publisherDept: text('publisher_dept'),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    attachments: jsonb('attachments').$type<{ name: string; url: string }[]>().notNull().default([]),
    state: text('state').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list filtered by state and kind, in its order: page 10 of published needs read 776 rows to keep 200.
    index('scenario_items_zone_idx').on(t.zoneId, t.state, t.kind, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The item list's order (latest change first), for paging a zone's items without sorting them all.
    index('scenario_items_zone_updated_idx').on(t.zoneId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('scenario_items_batch_idx').on(t.batchId),
    index('scenario_items_enterprise_idx').on(t.enterpriseId),
  ],
);

/** Every state change of an item, with who, when and why. */
export const scenarioItemHistory = pgTable(
  'scenario_item_history',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => scenarioItems.id),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scenario_item_history_item_idx').on(t.itemId)],
);

/** 我要对接: an enterprise (or staff on its behalf) responds to a published item. */
export const scenarioResponses = pgTable(
  'scenario_responses',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => scenarioItems.id),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    userId: integer('user_id').references(() => users.id),
    message: text('message').notNull(),
    contact: text('contact').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scenario_responses_item_idx').on(t.zoneId, t.itemId)],
);

/** A need–capability pairing proposed by the engine or a person, tracked 推荐 → 联系 → 洽谈 → 试点 → 签约 / 未成. */
export const scenarioMatches = pgTable(
  'scenario_matches',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    needId: integer('need_id')
      .notNull()
      .references(() => scenarioItems.id),
    capabilityId: integer('capability_id')
      .notNull()
      .references(() => scenarioItems.id),
    source: text('source').notNull(),
    stage: text('stage').notNull().default('recommended'),
    score: doublePrecision('score'),
    notes: text('notes'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scenario_matches_pair_uq').on(t.needId, t.capabilityId), index('scenario_matches_zone_idx').on(t.zoneId, t.stage)],
);

export const scenarioMatchHistory = pgTable(
  'scenario_match_history',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    matchId: integer('match_id')
      .notNull()
      .references(() => scenarioMatches.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    note: text('note'),
    actorId: integer('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scenario_match_history_match_idx').on(t.matchId)],
);
