import { bigint, boolean, date, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { enterprises } from '../enterprises/schema.ts';
import { users, zones } from '../platform/schema.ts';

/** Per-zone IP settings: the resident population for "valid invention patents per 10,000 people". */
export const ipSettings = pgTable('ip_settings', {
  zoneId: integer('zone_id')
    .primaryKey()
    .references(() => zones.id),
  population: integer('population'),
  populationYear: integer('population_year'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * IP register: one row per right in one jurisdiction (ISO 3166 code or a regional office code such as PCT/EP/EU/WO,
 * see core `REGIONAL_OFFICES`). kind: invention/utility/design/trademark/software/ic_layout/plant_variety;
 * status: pending/granted/lapsed/expired/abandoned/rejected; ip_class I/II per cultivation.md.
 */
export const ipAssets = pgTable(
  'ip_assets',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    /** Upper case, no spaces/dots/dashes: unique per enterprise and jurisdiction. */
    numberKey: text('number_key').notNull(),
    title: text('title').notNull(),
    jurisdiction: text('jurisdiction').notNull(),
    filingDate: date('filing_date'),
    grantDate: date('grant_date'),
    expiryDate: date('expiry_date'),
    status: text('status').notNull(),
    familyId: text('family_id'),
    ipClass: text('ip_class'),
    mainProduct: boolean('main_product').notNull().default(true),
    selfDeveloped: boolean('self_developed').notNull().default(true),
    acquiredOn: date('acquired_on'),
    strategicEmerging: boolean('strategic_emerging').notNull().default(false),
    pledgedYuan: bigint('pledged_yuan', { mode: 'number' }),
    /** China Patent Award level (gold/silver/excellence) or national S&T award, if any. */
    award: text('award'),
    awardYear: integer('award_year'),
    valuationYuan: bigint('valuation_yuan', { mode: 'number' }),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ip_assets_number_uq').on(t.enterpriseId, t.jurisdiction, t.numberKey),
    index('ip_assets_zone_idx').on(t.zoneId, t.kind, t.jurisdiction, t.status),
    index('ip_assets_enterprise_idx').on(t.enterpriseId),
  ],
);

/** Export markets (kind export) and planned overseas expansion (kind planned) of an enterprise. */
export const ipMarkets = pgTable(
  'ip_markets',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    country: text('country').notNull(),
    kind: text('kind').notNull().default('export'),
    products: text('products'),
    /** Percent of the enterprise's revenue (0–100, two decimals). */
    revenueSharePct: numeric('revenue_share_pct', { precision: 5, scale: 2 }).notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [uniqueIndex('ip_markets_uq').on(t.enterpriseId, t.country, t.kind), index('ip_markets_zone_idx').on(t.zoneId, t.country)],
);

/** Expert committee members and partner law firms/agencies of the rights-protection network. */
export const ipExperts = pgTable(
  'ip_experts',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    /** expert 专家委员会成员, partner 合作律所/代理机构. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation'),
    fields: text('fields').array().notNull().default([]),
    languages: text('languages').array().notNull().default([]),
    countries: text('countries').array().notNull().default([]),
    contact: text('contact'),
    active: boolean('active').notNull().default(true),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('ip_experts_zone_idx').on(t.zoneId, t.kind)],
);

/** Exhibition IP service desk: one row per overseas exhibition attended by zone firms. */
export const ipExhibitions = pgTable(
  'ip_exhibitions',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    name: text('name').notNull(),
    country: text('country').notNull(),
    city: text('city'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    firmsRegistered: integer('firms_registered').notNull().default(0),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('ip_exhibitions_zone_idx').on(t.zoneId, t.startDate)],
);

/** Overseas disputes and exhibition incidents. Never deleted: closed (status closed) with an audit entry. */
export const ipCases = pgTable(
  'ip_cases',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    exhibitionId: integer('exhibition_id').references(() => ipExhibitions.id),
    country: text('country').notNull(),
    counterparty: text('counterparty').notNull(),
    type: text('type').notNull(),
    stage: text('stage').notNull().default('reported'),
    openedOn: date('opened_on').notNull(),
    nextDeadline: date('next_deadline'),
    deadlineNote: text('deadline_note'),
    expertId: integer('expert_id').references(() => ipExperts.id),
    outcome: text('outcome'),
    costYuan: bigint('cost_yuan', { mode: 'number' }).notNull().default(0),
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ip_cases_zone_idx').on(t.zoneId, t.status), index('ip_cases_enterprise_idx').on(t.enterpriseId)],
);

/** Requests for help from enterprises → assigned expert → advice logged. */
export const ipHelpRequests = pgTable(
  'ip_help_requests',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    country: text('country'),
    topic: text('topic').notNull(),
    description: text('description'),
    /** open 待分派, assigned 已分派, answered 已答复, closed 已关闭. */
    status: text('status').notNull().default('open'),
    expertId: integer('expert_id').references(() => ipExperts.id),
    advice: text('advice'),
    advisedAt: timestamp('advised_at', { withTimezone: true }),
    requestedBy: integer('requested_by').references(() => users.id),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ip_help_requests_zone_idx').on(t.zoneId, t.status), index('ip_help_requests_enterprise_idx').on(t.enterpriseId)],
);

/** Insurance policies; never deleted, closed with an audit entry. status active/closed. */
export const ipPolicies = pgTable(
  'ip_policies',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    type: text('type').notNull(),
    insurer: text('insurer').notNull(),
    policyNo: text('policy_no'),
    coverYuan: bigint('cover_yuan', { mode: 'number' }).notNull(),
    premiumYuan: bigint('premium_yuan', { mode: 'number' }).notNull(),
    /** Share of the premium paid by the zone's subsidy, percent. */
    subsidySharePct: numeric('subsidy_share_pct', { precision: 5, scale: 2 }).notNull().default('0'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    claimsCount: integer('claims_count').notNull().default(0),
    claimsPaidYuan: bigint('claims_paid_yuan', { mode: 'number' }).notNull().default(0),
    status: text('status').notNull().default('active'),
    closedReason: text('closed_reason'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ip_policies_zone_idx').on(t.zoneId, t.status, t.endDate), index('ip_policies_enterprise_idx').on(t.enterpriseId)],
);

/** IP securitisation (知识产权证券化) products issued with zone firms' rights as underlying assets. */
export const ipSecuritisations = pgTable(
  'ip_securitisations',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    name: text('name').notNull(),
    issuedOn: date('issued_on').notNull(),
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    firms: integer('firms').notNull().default(0),
    patents: integer('patents').notNull().default(0),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('ip_securitisations_zone_idx').on(t.zoneId, t.issuedOn)],
);
