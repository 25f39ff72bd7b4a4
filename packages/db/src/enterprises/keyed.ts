import { and, eq, sql } from 'drizzle-orm';
import { enterprises, enterpriseYears } from './schema.ts';

// Pieces of the prepared "rows of these firms" statements (registry page, dashboard drill-down), by placeholder.

/** Join condition: a firm's figures of the `year` placeholder; the zone is said too, so (zone_id, year, …) indexes apply. */
export const figuresOfYear = and(
  eq(enterpriseYears.enterpriseId, enterprises.id),
  eq(enterpriseYears.year, sql.placeholder('year')),
  eq(enterpriseYears.zoneId, enterprises.zoneId),
)!;

/** Condition: the firms of the `ids` placeholder, in the zone of the `zone` placeholder. */
export const firmsOfIds = and(
  eq(enterprises.zoneId, sql.placeholder('zone')),
  sql`${enterprises.id} = any(${sql.placeholder('ids')}::int[])`,
)!;
