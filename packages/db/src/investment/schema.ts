import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { enterprises } from '../enterprises/schema.ts';
import { users, zones } from '../platform/schema.ts';

/** Monthly foreign-investment record of one enterprise (MOFCOM definitions in shared/domain/investment.md). */
export const fdiMonthly = pgTable(
  'fdi_monthly',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** First day of the month. */
    month: date('month').notNull(),
    contractUsd: bigint('contract_usd', { mode: 'number' }).notNull().default(0),
    actualUsd: bigint('actual_usd', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    /** Paid-in amount in `currency` (actual FDI before conversion). */
    originalAmount: bigint('original_amount', { mode: 'number' }),
    /** US$ per unit of `currency` at the payment month. */
    rateToUsd: numeric('rate_to_usd', { precision: 18, scale: 8 }),
    /** Contracted amount in `currency` before conversion. */
    originalContractAmount: bigint('original_contract_amount', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('fdi_monthly_zone_month_idx').on(t.zoneId, t.month), index('fdi_monthly_enterprise_idx').on(t.enterpriseId)],
);

/** Months whose FDI figures were reported upward; rows for them are refused until an admin reopens the month. */
export const fdiClosedMonths = pgTable(
  'fdi_closed_months',
  {
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    month: date('month').notNull(),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.month] })],
);

/** Normalised name for duplicate detection: lower case, no spaces/punctuation/company-form words. */
const normalised = (col: string) =>
  sql.raw(
    `regexp_replace(lower(${col}), '[[:space:][:punct:]（）【】《》，。、·：；“”‘’]|有限责任公司|股份有限公司|有限公司|集团|公司|项目', '', 'g')`,
  );

/**
 * Investment projects (招商). Stage codes: lead 线索, contact 接洽, negotiating 在谈, signed 签约, registered 注册,
 * started 开工, producing 投产, full_production 达产, on_hold 搁置, lost 流失.
 * `contract_investment_yuan` is the planned (before 签约) or contracted investment converted to RMB;
 * `investment_amount`/`investment_currency`/`rate_to_cny` keep what was entered.
 */
export const investmentProjects = pgTable(
  'investment_projects',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    name: text('name').notNull(),
    investor: text('investor').notNull(),
    coInvestors: text('co_investors').array().notNull().default([]),
    sourceCountry: text('source_country'),
    foreign: boolean('foreign').notNull().default(false),
    fortune500Parent: text('fortune500_parent'),
    industryCode: text('industry_code'),
    /** Strategic emerging / future industry tags. */
    tags: text('tags').array().notNull().default([]),
    stage: text('stage').notNull().default('lead'),
    stageReason: text('stage_reason'),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }),
    signedOn: date('signed_on'),
    contractInvestmentYuan: bigint('contract_investment_yuan', { mode: 'number' }),
    investmentAmount: bigint('investment_amount', { mode: 'number' }),
    investmentCurrency: text('investment_currency').notNull().default('CNY'),
    rateToCny: numeric('rate_to_cny', { precision: 18, scale: 8 }),
    landMu: numeric('land_mu', { precision: 12, scale: 2 }),
    floorAreaSqm: bigint('floor_area_sqm', { mode: 'number' }),
    expectedOutputYuan: bigint('expected_output_yuan', { mode: 'number' }),
    expectedTaxYuan: bigint('expected_tax_yuan', { mode: 'number' }),
    /** referral 以商引商, expo 展会, agency 中介, fund 基金, chain 产业链. */
    leadSource: text('lead_source'),
    officerId: integer('officer_id').references(() => users.id),
    platform: text('platform'),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    investorKey: text('investor_key').generatedAlwaysAs(normalised('investor')),
    nameKey: text('name_key').generatedAlwaysAs(normalised('name')),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A stage's projects in the list's order: a filtered page walks the index instead of skipping other stages' rows.
    index('investment_projects_zone_idx').on(t.zoneId, t.stage, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The project list's order (latest change first): a page is an index walk, not a sort of the zone's projects.
    index('investment_projects_zone_updated_idx').on(t.zoneId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('investment_projects_investor_key_idx').on(t.zoneId, t.investorKey),
    index('investment_projects_name_key_idx').on(t.zoneId, t.nameKey),
  ],
);

/** Every stage move (the board's drag), besides the audit log entry. */
export const investmentStageEvents = pgTable(
  'investment_stage_events',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    reason: text('reason'),
    actorId: integer('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('investment_stage_events_project_idx').on(t.projectId)],
);

/** Follow-up log: visits, calls, meetings, with the next action and its date. */
export const investmentFollowups = pgTable(
  'investment_followups',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    /** visit 拜访, call 电话, meeting 会谈, other 其他. */
    kind: text('kind').notNull(),
    happenedOn: date('happened_on').notNull(),
    summary: text('summary').notNull(),
    nextAction: text('next_action'),
    nextActionOn: date('next_action_on'),
    /** Set when a later follow-up is logged or the action is marked done. */
    nextActionDone: boolean('next_action_done').notNull().default(false),
    actorId: integer('actor_id').references(() => users.id),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('investment_followups_project_idx').on(t.projectId),
    index('investment_followups_due_idx').on(t.zoneId, t.nextActionDone, t.nextActionOn),
  ],
);

/** 领导审批 before 签约: draft 草稿 → pending 审核中 → approved 通过 / returned 退回. */
export const investmentApprovals = pgTable(
  'investment_approvals',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('draft'),
    /** The project's RMB investment when the request was created; an approval covers up to this amount. */
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    note: text('note'),
    requestedBy: integer('requested_by').references(() => users.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('investment_approvals_project_idx').on(t.projectId), index('investment_approvals_zone_status_idx').on(t.zoneId, t.status)],
);

export const investmentApprovalEvents = pgTable(
  'investment_approval_events',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    approvalId: integer('approval_id')
      .notNull()
      .references(() => investmentApprovals.id, { onDelete: 'cascade' }),
    /** create, submit, approve, return, comment. */
    action: text('action').notNull(),
    comment: text('comment'),
    actorId: integer('actor_id').references(() => users.id),
    /** Read by the requester (in-app notification). */
    seen: boolean('seen').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('investment_approval_events_approval_idx').on(t.approvalId)],
);

/** Per-zone settings: approval threshold and stage probabilities for the weighted forecast. */
export const investmentSettings = pgTable('investment_settings', {
  zoneId: integer('zone_id')
    .primaryKey()
    .references(() => zones.id),
  approvalThresholdYuan: bigint('approval_threshold_yuan', { mode: 'number' }).notNull(),
  stageProbabilities: jsonb('stage_probabilities').$type<Record<string, number>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Industry funds and venture firms landed in the zone (招投联动). */
export const investmentFunds = pgTable(
  'investment_funds',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    name: text('name').notNull(),
    /** industry_fund 产业基金, venture 创投机构, pe 私募股权, angel 天使投资. */
    kind: text('kind').notNull(),
    fundSizeYuan: bigint('fund_size_yuan', { mode: 'number' }).notNull(),
    landedOn: date('landed_on').notNull(),
    manager: text('manager'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('investment_funds_zone_idx').on(t.zoneId, t.landedOn)],
);

export const investmentFundDeals = pgTable(
  'investment_fund_deals',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    fundId: integer('fund_id')
      .notNull()
      .references(() => investmentFunds.id, { onDelete: 'cascade' }),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    projectId: integer('project_id').references(() => investmentProjects.id, { onDelete: 'set null' }),
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    dealOn: date('deal_on').notNull(),
    round: text('round'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('investment_fund_deals_fund_idx').on(t.fundId), index('investment_fund_deals_zone_idx').on(t.zoneId, t.dealOn)],
);
