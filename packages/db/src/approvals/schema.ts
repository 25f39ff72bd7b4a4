import { bigint, boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { enterprises } from '../enterprises/schema.ts';
import { users, zones } from '../platform/schema.ts';

/**
 * Working-day calendar entered by the 系统管理员 (global, not per zone) for years the `chinese-days` package does not
 * know yet (or to correct it): one row per year, layered on the package data by the server's calculator.
 */
export const calendarOverrides = pgTable('calendar_overrides', {
  year: integer('year').primaryKey(),
  /** Rest days (YYYY-MM-DD) per the State Council notice. */
  holidays: text('holidays').array().notNull().default([]),
  /** 调休 make-up working days. */
  workdays: text('workdays').array().notNull().default([]),
  /** Source, e.g. 国办发明电〔2026〕X号. */
  note: text('note'),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 工业快批 item types of a zone, with the legal time limit in working days (configurable as data). */
export const approvalItemTypes = pgTable(
  'approval_item_types',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** Legal deadline in working days from acceptance (受理). */
    legalDays: integer('legal_days').notNull(),
    /** Responsible department (bureau key or name). */
    department: text('department').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('approval_item_types_zone_code_uq').on(t.zoneId, t.code)],
);

/** A fast-track application: one enterprise, one project on one land parcel, several items reviewed in parallel. */
export const approvalApplications = pgTable(
  'approval_applications',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    projectName: text('project_name').notNull(),
    landParcel: text('land_parcel'),
    investmentYuan: bigint('investment_yuan', { mode: 'number' }),
    submittedOn: date('submitted_on').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('approval_applications_zone_idx').on(t.zoneId, t.submittedOn),
    index('approval_applications_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * One item of an application. state: submitted (已申请) → accepted (受理) → reviewing (审查) ⇄ correction (补正, clock
 * paused) → approved (办结) | refused (不予许可). `dueOn` is recomputed on every transition from `acceptedOn`,
 * `legalDays` and the closed pauses; an open pause (`to` null) freezes the clock.
 */
export const approvalItems = pgTable(
  'approval_items',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    applicationId: integer('application_id')
      .notNull()
      .references(() => approvalApplications.id, { onDelete: 'cascade' }),
    itemTypeId: integer('item_type_id')
      .notNull()
      .references(() => approvalItemTypes.id),
    legalDays: integer('legal_days').notNull(),
    department: text('department').notNull(),
    state: text('state').notNull().default('submitted'),
    acceptedOn: date('accepted_on'),
    dueOn: date('due_on'),
    completedOn: date('completed_on'),
    pauses: jsonb('pauses').$type<{ from: string; to: string | null; reason?: string }[]>().notNull().default([]),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('approval_items_zone_state_idx').on(t.zoneId, t.state), index('approval_items_application_idx').on(t.applicationId)],
);

/** Every state transition of an item (the enterprise sees this timeline). */
export const approvalItemEvents = pgTable(
  'approval_item_events',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => approvalItems.id, { onDelete: 'cascade' }),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    on: date('on').notNull(),
    note: text('note'),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approval_item_events_item_idx').on(t.itemId)],
);

/** Reform measures register (营商环境改革): rounds (versions) of measures with department, status and evidence. */
export const reformMeasures = pgTable(
  'reform_measures',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    round: integer('round').notNull(),
    roundName: text('round_name').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    department: text('department').notNull(),
    /** planned / in_progress / done */
    status: text('status').notNull().default('planned'),
    evidence: text('evidence'),
    synthetic: boolean('synthetic').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reform_measures_zone_code_uq').on(t.zoneId, t.code), index('reform_measures_zone_round_idx').on(t.zoneId, t.round)],
);

/** International cooperation platforms (中新, 中欧, 中沙吉赞 …). */
export const coopPlatforms = pgTable(
  'coop_platforms',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    establishedYear: integer('established_year'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [uniqueIndex('coop_platforms_zone_code_uq').on(t.zoneId, t.code)],
);

export const coopPartners = pgTable(
  'coop_partners',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    platformId: integer('platform_id')
      .notNull()
      .references(() => coopPlatforms.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** ISO 3166 alpha-2. */
    countryCode: text('country_code').notNull(),
    kind: text('kind'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('coop_partners_platform_idx').on(t.platformId)],
);

export const coopProjects = pgTable(
  'coop_projects',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    platformId: integer('platform_id')
      .notNull()
      .references(() => coopPlatforms.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    countryCode: text('country_code'),
    investmentUsd: bigint('investment_usd', { mode: 'number' }),
    year: integer('year'),
    status: text('status'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('coop_projects_platform_idx').on(t.platformId)],
);

/** Outbound investment (对外投资) by zone enterprises: Chinese-side contract investment in integer US$. */
export const outboundInvestments = pgTable(
  'outbound_investments',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    projectName: text('project_name').notNull(),
    /** ISO 3166 alpha-2; name from `countries`. */
    countryCode: text('country_code').notNull(),
    contractUsd: bigint('contract_usd', { mode: 'number' }).notNull(),
    /** GB/T 4754 门类 letter or code. */
    industryCode: text('industry_code'),
    year: integer('year').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('outbound_investments_zone_year_idx').on(t.zoneId, t.year)],
);

/** Open laboratories (开放实验室) and their instruments. */
export const labs = pgTable('labs', {
  id: serial('id').primaryKey(),
  zoneId: integer('zone_id')
    .notNull()
    .references(() => zones.id),
  name: text('name').notNull(),
  institute: text('institute').notNull(),
  capabilities: text('capabilities').array().notNull().default([]),
  rules: text('rules'),
  synthetic: boolean('synthetic').notNull().default(false),
});

export const labInstruments = pgTable(
  'lab_instruments',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    model: text('model'),
    capabilities: text('capabilities').array().notNull().default([]),
    /** Price in integer yuan per hour. */
    priceYuanPerHour: integer('price_yuan_per_hour').notNull().default(0),
    rules: text('rules'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('lab_instruments_lab_idx').on(t.labId)],
);

/** Instrument bookings; overlap is refused under a row lock on the instrument (works on PGlite and PostgreSQL). */
export const labBookings = pgTable(
  'lab_bookings',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => labInstruments.id, { onDelete: 'cascade' }),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
    purpose: text('purpose'),
    /** booked / cancelled */
    status: text('status').notNull().default('booked'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('lab_bookings_instrument_time_idx').on(t.instrumentId, t.startsAt)],
);

/** Firms resident in a lab (入驻企业). */
export const labResidents = pgTable(
  'lab_residents',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    since: date('since'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [uniqueIndex('lab_residents_lab_enterprise_uq').on(t.labId, t.enterpriseId)],
);

/** Usage records / services delivered to firms. */
export const labServices = pgTable(
  'lab_services',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    labId: integer('lab_id')
      .notNull()
      .references(() => labs.id, { onDelete: 'cascade' }),
    instrumentId: integer('instrument_id').references(() => labInstruments.id, { onDelete: 'set null' }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    servedOn: date('served_on').notNull(),
    kind: text('kind').notNull(),
    hours: integer('hours').notNull().default(0),
    feeYuan: integer('fee_yuan').notNull().default(0),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('lab_services_zone_idx').on(t.zoneId, t.servedOn)],
);
