import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users, zones } from '../platform/schema.ts';

export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    formerNames: text('former_names').array().notNull().default([]),
    legalRepresentative: text('legal_representative'),
    registeredCapitalYuan: bigint('registered_capital_yuan', { mode: 'number' }),
    establishedOn: date('established_on'),
    /** Deregistration date; active = null. */
    closedOn: date('closed_on'),
    address: text('address'),
    platform: text('platform'),
    /** GB/T 4754-2017 小类 (4 digits), the main industry. */
    industryCode: text('industry_code'),
    /** Further GB/T 4754 小类 codes the firm also operates in. */
    secondaryIndustryCodes: text('secondary_industry_codes').array().notNull().default([]),
    foreignInvested: boolean('foreign_invested').notNull().default(false),
    /** ISO 3166 alpha-2 of the foreign investor's source (HK/MO/TW included). */
    sourceCountry: text('source_country'),
    /** Hong Kong / Macao / Taiwan investment (港澳台资), counted apart from other foreign investment in Chinese statistics. */
    hkMacaoTaiwan: boolean('hk_macao_taiwan').notNull().default(false),
    fortune500Parent: text('fortune500_parent'),
    listedExchange: text('listed_exchange'),
    listedTicker: text('listed_ticker'),
    highTechCertNo: text('high_tech_cert_no'),
    highTechValidFrom: date('high_tech_valid_from'),
    highTechValidTo: date('high_tech_valid_to'),
    techSme: boolean('tech_sme').notNull().default(false),
    /** Strategic emerging industry tags (codes of STRATEGIC_EMERGING_INDUSTRIES in core). */
    tags: text('tags').array().notNull().default([]),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_zone_uscc_uq').on(t.zoneId, t.uscc),
    index('enterprises_zone_industry_idx').on(t.zoneId, t.industryCode),
    // Pages of a zone's registry in id order (lists, dashboard drill-downs) walk this instead of sorting the zone.
    index('enterprises_zone_id_idx').on(t.zoneId, t.id),
    // Small partial indexes for the dashboard's firm sets (high-tech ≈ 10 %, foreign-invested ≈ 8 % of a registry).
    // The high-tech one also holds what its drill-down checks (certificate valid, firm open): a deep page
    // (page=200, 4,000 firms skipped) reads the index alone instead of 4,000 table rows.
    index('enterprises_zone_high_tech_idx')
      .on(t.zoneId, t.id, t.highTechValidFrom, t.highTechValidTo, t.closedOn)
      .where(sql`${t.highTechValidTo} is not null`),
    index('enterprises_zone_foreign_idx').on(t.zoneId, t.id).where(sql`${t.foreignInvested}`),
    // A registry sorted by name walks this instead of sorting the zone (page 3 of industry C + foreign-invested at
    // 138k firms: 13.8 → 0.5 ms); the industry and the foreign flag, the most used filters, are checked in the index.
    index('enterprises_zone_name_idx').on(t.zoneId, t.name, t.id, t.industryCode, t.foreignInvested),
  ],
);

/** Yearly figures; money in integer yuan. */
export const enterpriseYears = pgTable(
  'enterprise_years',
  {
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    year: integer('year').notNull(),
    aboveScale: boolean('above_scale').notNull().default(false),
    revenueYuan: bigint('revenue_yuan', { mode: 'number' }),
    industrialOutputYuan: bigint('industrial_output_yuan', { mode: 'number' }),
    taxYuan: bigint('tax_yuan', { mode: 'number' }),
    employees: integer('employees'),
    rdExpenseYuan: bigint('rd_expense_yuan', { mode: 'number' }),
    exportsYuan: bigint('exports_yuan', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseId, t.year] }),
    index('enterprise_years_zone_year_idx').on(t.zoneId, t.year),
    // 规上 firms of a zone and year by revenue / output, largest first (registry sorts, dashboard drill-downs).
    index('enterprise_years_above_revenue_idx')
      .on(t.zoneId, t.year, t.revenueYuan.desc().nullsLast(), t.enterpriseId)
      .where(sql`${t.aboveScale}`),
    index('enterprise_years_above_output_idx')
      .on(t.zoneId, t.year, t.industrialOutputYuan.desc().nullsLast(), t.enterpriseId)
      .where(sql`${t.aboveScale}`),
    // …and in id order: the 规上 drill-down's pages walk the zone's 规上 firms of the year without sorting them all.
    index('enterprise_years_above_id_idx').on(t.zoneId, t.year, t.enterpriseId).where(sql`${t.aboveScale}`),
  ],
);

/** An industry cluster: firms whose industry code starts with one of `industryPrefixes`, plus tagged members. */
export const clusters = pgTable(
  'clusters',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    industryPrefixes: text('industry_prefixes').array().notNull().default([]),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [uniqueIndex('clusters_zone_code_uq').on(t.zoneId, t.code)],
);

export const clusterMembers = pgTable(
  'cluster_members',
  {
    clusterId: integer('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.enterpriseId] }), index('cluster_members_enterprise_idx').on(t.enterpriseId)],
);

/** One spreadsheet import: previewed (file kept on the server until committed), then committed or failed. */
export const enterpriseImports = pgTable(
  'enterprise_imports',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    /** previewed | committed | failed */
    status: text('status').notNull(),
    /** Server-side path of the uploaded file while the import is pending. */
    filePath: text('file_path'),
    /** Column index → field overrides chosen by the user. */
    overrides: jsonb('overrides').notNull().default({}),
    summary: jsonb('summary'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('enterprise_imports_zone_idx').on(t.zoneId, t.id)],
);

/** Field-level history of the registry: every merged import change and every edit. */
export const enterpriseChanges = pgTable(
  'enterprise_changes',
  {
    id: serial('id').primaryKey(),
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    importId: integer('import_id').references(() => enterpriseImports.id, { onDelete: 'set null' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** A field key, or `*` for the creation of the record. */
    field: text('field').notNull(),
    year: integer('year'),
    /** create | fill | add | overwrite | edit */
    kind: text('kind').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('enterprise_changes_enterprise_idx').on(t.enterpriseId, t.id)],
);

/** Column mappings remembered per zone and bureau (normalised header → field key or null). */
export const importMappings = pgTable(
  'import_mappings',
  {
    zoneId: integer('zone_id')
      .notNull()
      .references(() => zones.id),
    /** The bureau (investment, industry, …) or the role for users without one. */
    owner: text('owner').notNull(),
    mapping: jsonb('mapping').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.owner] })],
);
