import { bigint, boolean, date, index, integer, numeric, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { enterprises } from '../enterprises/schema.ts';
import { zones } from '../platform/schema.ts';

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
    originalAmount: bigint('original_amount', { mode: 'number' }),
    rateToUsd: numeric('rate_to_usd', { precision: 18, scale: 8 }),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('fdi_monthly_zone_month_idx').on(t.zoneId, t.month), index('fdi_monthly_enterprise_idx').on(t.enterpriseId)],
);

/** Investment projects (招商); the pipeline module extends this table. */
export const investmentProjects = pgTable(
  'investment_projects',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    name: text('name').notNull(),
    investor: text('investor').notNull(),
    sourceCountry: text('source_country'),
    foreign: boolean('foreign').notNull().default(false),
    fortune500Parent: text('fortune500_parent'),
    industryCode: text('industry_code'),
    stage: text('stage').notNull().default('lead'),
    signedOn: date('signed_on'),
    contractInvestmentYuan: bigint('contract_investment_yuan', { mode: 'number' }),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('investment_projects_zone_idx').on(t.zoneId, t.stage)],
);
