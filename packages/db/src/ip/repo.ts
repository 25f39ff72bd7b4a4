import { REGIONAL_OFFICES } from '@kaifaqu/core/ip';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enterprises } from '../enterprises/schema.ts';
import { containsPattern } from '../like.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { countries } from '../reference/schema.ts';
import { ipAssets, ipCases, ipExhibitions, ipExperts, ipHelpRequests, ipMarkets, ipPolicies, ipSettings } from './schema.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);
const num = (v: unknown) => Number(v ?? 0);

export type IpAssetRow = typeof ipAssets.$inferSelect;
export type IpAssetInsert = Omit<typeof ipAssets.$inferInsert, 'id' | 'zoneId'>;
export type IpMarketRow = typeof ipMarkets.$inferSelect;
export type IpCaseRow = typeof ipCases.$inferSelect;
export type IpPolicyRow = typeof ipPolicies.$inferSelect;
export type IpExpertRow = typeof ipExperts.$inferSelect;
export type IpHelpRow = typeof ipHelpRequests.$inferSelect;
export type IpExhibitionRow = typeof ipExhibitions.$inferSelect;

/** Jurisdiction codes accepted on assets: ISO 3166 countries (reference table) plus regional offices (core data). */
export async function ipJurisdictions(db: Db) {
  const c = await db
    .select({ code: countries.code, nameZh: countries.nameZh, nameEn: countries.nameEn })
    .from(countries)
    .orderBy(asc(countries.code));
  return [
    ...REGIONAL_OFFICES.map((o) => ({ code: o.code, nameZh: o.nameZh, nameEn: o.nameEn, regional: true })),
    ...c.map((x) => ({ ...x, regional: false })),
  ];
}

export async function ipEnterpriseNames(db: Db, scope: ZoneScope, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, scope.zoneId), inArray(enterprises.id, [...new Set(ids)])));
  return new Map(r.map((x) => [x.id, x.name]));
}

// ---- assets ----

export interface AssetFilter {
  enterpriseId?: number;
  kind?: string;
  jurisdiction?: string;
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listIpAssets(db: Db, scope: ZoneScope, f: AssetFilter) {
  const w: SQL[] = [eq(ipAssets.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) w.push(eq(ipAssets.enterpriseId, f.enterpriseId));
  if (f.kind) w.push(eq(ipAssets.kind, f.kind));
  if (f.jurisdiction) w.push(eq(ipAssets.jurisdiction, f.jurisdiction));
  if (f.status) w.push(eq(ipAssets.status, f.status));
  if (f.q) {
    const like = containsPattern(f.q);
    w.push(or(ilike(ipAssets.title, like), ilike(ipAssets.number, like), ilike(enterprises.name, like))!);
  }
  const where = and(...w);
  const [rows, total] = await Promise.all([
    db
      .select({ a: ipAssets, enterpriseName: enterprises.name })
      .from(ipAssets)
      .innerJoin(enterprises, eq(enterprises.id, ipAssets.enterpriseId))
      .where(where)
      .orderBy(desc(ipAssets.filingDate), desc(ipAssets.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(ipAssets).innerJoin(enterprises, eq(enterprises.id, ipAssets.enterpriseId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.a, enterpriseName: r.enterpriseName })), total: num(total[0]?.n) };
}

export async function findIpAsset(db: Db, scope: ZoneScope, id: number): Promise<IpAssetRow | undefined> {
  const r = await db
    .select()
    .from(ipAssets)
    .where(and(eq(ipAssets.zoneId, scope.zoneId), eq(ipAssets.id, id)));
  return r[0];
}

/** Existing (jurisdiction|numberKey) pairs of one enterprise among `keys`, with the holding asset id. */
export async function existingIpNumbers(db: Db, scope: ZoneScope, enterpriseId: number, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const r = await db
    .select({ id: ipAssets.id, j: ipAssets.jurisdiction, k: ipAssets.numberKey })
    .from(ipAssets)
    .where(
      and(
        eq(ipAssets.zoneId, scope.zoneId),
        eq(ipAssets.enterpriseId, enterpriseId),
        inArray(sql`${ipAssets.jurisdiction} || '|' || ${ipAssets.numberKey}`, keys),
      ),
    );
  return new Map(r.map((x) => [`${x.j}|${x.k}`, x.id]));
}

export async function insertIpAssets(db: Db, scope: ZoneScope, rows: IpAssetInsert[]): Promise<IpAssetRow[]> {
  const out: IpAssetRow[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    out.push(
      ...(await db
        .insert(ipAssets)
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, zoneId: scope.zoneId })))
        .returning()),
    );
  return out;
}

export async function updateIpAsset(db: Db, scope: ZoneScope, id: number, patch: Partial<IpAssetInsert>) {
  const r = await db
    .update(ipAssets)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(ipAssets.zoneId, scope.zoneId), eq(ipAssets.id, id)))
    .returning();
  return r[0];
}

export async function deleteIpAsset(db: Db, scope: ZoneScope, id: number) {
  await db.delete(ipAssets).where(and(eq(ipAssets.zoneId, scope.zoneId), eq(ipAssets.id, id)));
}

/** The fields the class rules read, for some enterprises (all of the zone when `enterpriseIds` is omitted). */
export async function ipClassInputs(db: Db, scope: ZoneScope, enterpriseIds?: number[]) {
  const w: SQL[] = [eq(ipAssets.zoneId, scope.zoneId)];
  if (enterpriseIds) {
    if (!enterpriseIds.length) return [];
    w.push(inArray(ipAssets.enterpriseId, enterpriseIds));
  }
  return db
    .select({
      enterpriseId: ipAssets.enterpriseId,
      kind: ipAssets.kind,
      status: ipAssets.status,
      ipClass: ipAssets.ipClass,
      jurisdiction: ipAssets.jurisdiction,
      filingDate: ipAssets.filingDate,
      grantDate: ipAssets.grantDate,
      expiryDate: ipAssets.expiryDate,
      familyId: ipAssets.familyId,
      mainProduct: ipAssets.mainProduct,
      selfDeveloped: ipAssets.selfDeveloped,
      acquiredOn: ipAssets.acquiredOn,
      strategicEmerging: ipAssets.strategicEmerging,
      pledgedYuan: ipAssets.pledgedYuan,
      award: ipAssets.award,
    })
    .from(ipAssets)
    .where(and(...w));
}

/** Asset counts of one enterprise by kind × jurisdiction × status. */
export async function ipPortfolioCounts(db: Db, scope: ZoneScope, enterpriseId: number) {
  const r = await db
    .select({ kind: ipAssets.kind, jurisdiction: ipAssets.jurisdiction, status: ipAssets.status, n: count() })
    .from(ipAssets)
    .where(and(eq(ipAssets.zoneId, scope.zoneId), eq(ipAssets.enterpriseId, enterpriseId)))
    .groupBy(ipAssets.kind, ipAssets.jurisdiction, ipAssets.status);
  return r.map((x) => ({ ...x, n: num(x.n) }));
}

// ---- markets and gap ----

export async function listIpMarkets(db: Db, scope: ZoneScope, enterpriseId?: number) {
  const w: SQL[] = [eq(ipMarkets.zoneId, scope.zoneId)];
  if (enterpriseId != null) w.push(eq(ipMarkets.enterpriseId, enterpriseId));
  const r = await db
    .select({ m: ipMarkets, countryName: countries.nameZh })
    .from(ipMarkets)
    .leftJoin(countries, eq(countries.code, ipMarkets.country))
    .where(and(...w))
    .orderBy(asc(ipMarkets.enterpriseId), desc(ipMarkets.revenueSharePct));
  return r.map((x) => ({ ...x.m, revenueSharePct: Number(x.m.revenueSharePct), countryName: x.countryName }));
}

export async function findIpMarket(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(ipMarkets)
    .where(and(eq(ipMarkets.zoneId, scope.zoneId), eq(ipMarkets.id, id)));
  return r[0];
}

export async function upsertIpMarket(
  db: Db,
  scope: ZoneScope,
  m: { enterpriseId: number; country: string; kind: string; products: string | null; revenueSharePct: number; synthetic?: boolean },
) {
  const values = { ...m, zoneId: scope.zoneId, revenueSharePct: String(m.revenueSharePct) };
  const r = await db
    .insert(ipMarkets)
    .values(values)
    .onConflictDoUpdate({
      target: [ipMarkets.enterpriseId, ipMarkets.country, ipMarkets.kind],
      set: { products: values.products, revenueSharePct: values.revenueSharePct },
    })
    .returning();
  return r[0];
}

export async function deleteIpMarket(db: Db, scope: ZoneScope, id: number) {
  await db.delete(ipMarkets).where(and(eq(ipMarkets.zoneId, scope.zoneId), eq(ipMarkets.id, id)));
}

/**
 * Inputs of the exposure gap: markets, foreign (non-CN) protection grouped per enterprise × jurisdiction × kind ×
 * status (n = count, in force judged on `refDate`), and each enterprise's latest revenue.
 */
export async function ipGapInputs(db: Db, scope: ZoneScope, refDate: string, enterpriseId?: number) {
  const z = scope.zoneId;
  const eFilter = enterpriseId == null ? sql`` : sql` and enterprise_id = ${enterpriseId}`;
  const [markets, prot, rev] = await Promise.all([
    db.execute(
      sql`select enterprise_id as "enterpriseId", country, kind, revenue_share_pct::float8 as "revenueSharePct" from ip_markets where zone_id = ${z}${eFilter}`,
    ),
    db.execute(sql`select a.enterprise_id as "enterpriseId", a.jurisdiction, case when a.kind = 'trademark' then 'trademark' else 'patent' end as kind,
        case when a.status = 'granted' and (a.expiry_date is null or a.expiry_date >= ${refDate}::date) then 'granted'
             when a.status = 'pending' then 'pending' else 'dead' end as status, count(*)::int as n
      from ip_assets a
      where a.zone_id = ${z} and a.jurisdiction <> 'CN'${enterpriseId == null ? sql`` : sql` and a.enterprise_id = ${enterpriseId}`}
        and exists (select 1 from ip_markets m where m.zone_id = ${z} and m.enterprise_id = a.enterprise_id)
      group by 1, 2, 3, 4`),
    db.execute(sql`select distinct on (enterprise_id) enterprise_id as "enterpriseId", revenue_yuan::float8 as "revenueYuan"
      from enterprise_years where zone_id = ${z} and revenue_yuan is not null${eFilter}
        and enterprise_id in (select enterprise_id from ip_markets where zone_id = ${z})
      order by enterprise_id, year desc`),
  ]);
  return {
    markets: rowsOf<{ enterpriseId: number; country: string; kind: string; revenueSharePct: number }>(markets),
    protection: rowsOf<{ enterpriseId: number; jurisdiction: string; kind: string; status: string; n: number }>(prot).filter(
      (p) => p.status !== 'dead',
    ),
    revenue: new Map(rowsOf<{ enterpriseId: number; revenueYuan: number }>(rev).map((r) => [num(r.enterpriseId), num(r.revenueYuan)])),
  };
}

// ---- experts, exhibitions, cases, help requests, policies ----

export async function listIpExperts(db: Db, scope: ZoneScope, f: { kind?: string; country?: string } = {}) {
  const w: SQL[] = [eq(ipExperts.zoneId, scope.zoneId)];
  if (f.kind) w.push(eq(ipExperts.kind, f.kind));
  if (f.country) w.push(sql`${f.country} = any(${ipExperts.countries})`);
  return db
    .select()
    .from(ipExperts)
    .where(and(...w))
    .orderBy(asc(ipExperts.kind), asc(ipExperts.id));
}

export async function findIpExpert(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(ipExperts)
    .where(and(eq(ipExperts.zoneId, scope.zoneId), eq(ipExperts.id, id)));
  return r[0];
}

export async function insertIpExpert(db: Db, scope: ZoneScope, e: Omit<typeof ipExperts.$inferInsert, 'id' | 'zoneId'>) {
  return (
    await db
      .insert(ipExperts)
      .values({ ...e, zoneId: scope.zoneId })
      .returning()
  )[0];
}

/** The rights-protection network by country: partners and experts per country with Chinese names. */
export async function ipNetworkByCountry(db: Db, scope: ZoneScope) {
  const r = await db.execute(sql`select c.code as country, coalesce(co.name_zh, c.code) as "countryName",
      count(*) filter (where e.kind = 'partner')::int as partners, count(*) filter (where e.kind = 'expert')::int as experts
    from ip_experts e cross join lateral unnest(e.countries) as c(code)
    left join countries co on co.code = c.code
    where e.zone_id = ${scope.zoneId} and e.active
    group by 1, 2 order by partners desc, experts desc, 1`);
  return rowsOf<{ country: string; countryName: string; partners: number; experts: number }>(r);
}

export async function listIpExhibitions(db: Db, scope: ZoneScope) {
  const r = await db.execute(sql`select x.id, x.name, x.country, coalesce(c.name_zh, x.country) as "countryName", x.city,
      x.start_date::text as "startDate", x.end_date::text as "endDate", x.firms_registered as "firmsRegistered", x.synthetic,
      (select count(*)::int from ip_cases k where k.exhibition_id = x.id) as incidents,
      (select count(*)::int from ip_cases k where k.exhibition_id = x.id and k.status = 'closed') as "incidentsClosed"
    from ip_exhibitions x left join countries c on c.code = x.country
    where x.zone_id = ${scope.zoneId} order by x.start_date desc, x.id desc`);
  return rowsOf<Record<string, unknown>>(r);
}

export async function findIpExhibition(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(ipExhibitions)
    .where(and(eq(ipExhibitions.zoneId, scope.zoneId), eq(ipExhibitions.id, id)));
  return r[0];
}

export async function insertIpExhibition(db: Db, scope: ZoneScope, e: Omit<typeof ipExhibitions.$inferInsert, 'id' | 'zoneId'>) {
  return (
    await db
      .insert(ipExhibitions)
      .values({ ...e, zoneId: scope.zoneId })
      .returning()
  )[0];
}

export async function listIpCases(db: Db, scope: ZoneScope, f: { enterpriseId?: number; status?: string; page: number; pageSize: number }) {
  const w: SQL[] = [eq(ipCases.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) w.push(eq(ipCases.enterpriseId, f.enterpriseId));
  if (f.status) w.push(eq(ipCases.status, f.status));
  const where = and(...w);
  const [rows, total] = await Promise.all([
    db
      .select({
        c: ipCases,
        enterpriseName: enterprises.name,
        countryName: countries.nameZh,
        expertName: ipExperts.name,
        exhibitionName: ipExhibitions.name,
      })
      .from(ipCases)
      .innerJoin(enterprises, eq(enterprises.id, ipCases.enterpriseId))
      .leftJoin(countries, eq(countries.code, ipCases.country))
      .leftJoin(ipExperts, eq(ipExperts.id, ipCases.expertId))
      .leftJoin(ipExhibitions, eq(ipExhibitions.id, ipCases.exhibitionId))
      .where(where)
      .orderBy(asc(ipCases.status), sql`${ipCases.nextDeadline} asc nulls last`, desc(ipCases.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(ipCases).where(where),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r.c,
      enterpriseName: r.enterpriseName,
      countryName: r.countryName,
      expertName: r.expertName,
      exhibitionName: r.exhibitionName,
    })),
    total: num(total[0]?.n),
  };
}

export async function findIpCase(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(ipCases)
    .where(and(eq(ipCases.zoneId, scope.zoneId), eq(ipCases.id, id)));
  return r[0];
}

export async function insertIpCase(db: Db, scope: ZoneScope, c: Omit<typeof ipCases.$inferInsert, 'id' | 'zoneId'>) {
  return (
    await db
      .insert(ipCases)
      .values({ ...c, zoneId: scope.zoneId })
      .returning()
  )[0];
}

export async function updateIpCase(db: Db, scope: ZoneScope, id: number, patch: Partial<typeof ipCases.$inferInsert>) {
  return (
    await db
      .update(ipCases)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(ipCases.zoneId, scope.zoneId), eq(ipCases.id, id)))
      .returning()
  )[0];
}

export async function listIpHelpRequests(db: Db, scope: ZoneScope, f: { enterpriseId?: number; status?: string }) {
  const w: SQL[] = [eq(ipHelpRequests.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) w.push(eq(ipHelpRequests.enterpriseId, f.enterpriseId));
  if (f.status) w.push(eq(ipHelpRequests.status, f.status));
  const r = await db
    .select({ h: ipHelpRequests, enterpriseName: enterprises.name, expertName: ipExperts.name, countryName: countries.nameZh })
    .from(ipHelpRequests)
    .innerJoin(enterprises, eq(enterprises.id, ipHelpRequests.enterpriseId))
    .leftJoin(ipExperts, eq(ipExperts.id, ipHelpRequests.expertId))
    .leftJoin(countries, eq(countries.code, ipHelpRequests.country))
    .where(and(...w))
    .orderBy(desc(ipHelpRequests.id))
    .limit(500);
  return r.map((x) => ({ ...x.h, enterpriseName: x.enterpriseName, expertName: x.expertName, countryName: x.countryName }));
}

export async function findIpHelpRequest(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(ipHelpRequests)
    .where(and(eq(ipHelpRequests.zoneId, scope.zoneId), eq(ipHelpRequests.id, id)));
  return r[0];
}

export async function insertIpHelpRequest(db: Db, scope: ZoneScope, h: Omit<typeof ipHelpRequests.$inferInsert, 'id' | 'zoneId'>) {
  return (
    await db
      .insert(ipHelpRequests)
      .values({ ...h, zoneId: scope.zoneId })
      .returning()
  )[0];
}

export async function updateIpHelpRequest(db: Db, scope: ZoneScope, id: number, patch: Partial<typeof ipHelpRequests.$inferInsert>) {
  return (
    await db
      .update(ipHelpRequests)
      .set(patch)
      .where(and(eq(ipHelpRequests.zoneId, scope.zoneId), eq(ipHelpRequests.id, id)))
      .returning()
  )[0];
}

export async function listIpPolicies(
  db: Db,
  scope: ZoneScope,
  f: { enterpriseId?: number; status?: string; page: number; pageSize: number },
) {
  const w: SQL[] = [eq(ipPolicies.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) w.push(eq(ipPolicies.enterpriseId, f.enterpriseId));
  if (f.status) w.push(eq(ipPolicies.status, f.status));
  const where = and(...w);
  const [rows, total] = await Promise.all([
    db
      .select({ p: ipPolicies, enterpriseName: enterprises.name })
      .from(ipPolicies)
      .innerJoin(enterprises, eq(enterprises.id, ipPolicies.enterpriseId))
      .where(where)
      .orderBy(desc(ipPolicies.startDate), desc(ipPolicies.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(ipPolicies).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r.p, subsidySharePct: Number(r.p.subsidySharePct), enterpriseName: r.enterpriseName })),
    total: num(total[0]?.n),
  };
}

export async function findIpPolicy(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(ipPolicies)
    .where(and(eq(ipPolicies.zoneId, scope.zoneId), eq(ipPolicies.id, id)));
  return r[0];
}

export async function insertIpPolicy(db: Db, scope: ZoneScope, p: Omit<typeof ipPolicies.$inferInsert, 'id' | 'zoneId'>) {
  return (
    await db
      .insert(ipPolicies)
      .values({ ...p, zoneId: scope.zoneId })
      .returning()
  )[0];
}

export async function updateIpPolicy(db: Db, scope: ZoneScope, id: number, patch: Partial<typeof ipPolicies.$inferInsert>) {
  return (
    await db
      .update(ipPolicies)
      .set(patch)
      .where(and(eq(ipPolicies.zoneId, scope.zoneId), eq(ipPolicies.id, id)))
      .returning()
  )[0];
}

/** Cover, premium and subsidy of policies in force on `refDate` (active, period containing the date), by type. */
export async function ipPolicySummary(db: Db, scope: ZoneScope, refDate: string, enterpriseId?: number) {
  const r = await db.execute(sql`select type, count(*)::int as policies, count(distinct enterprise_id)::int as firms,
      coalesce(sum(cover_yuan), 0)::float8 as "coverYuan", coalesce(sum(premium_yuan), 0)::float8 as "premiumYuan",
      coalesce(sum(round(premium_yuan * subsidy_share_pct / 100)), 0)::float8 as "subsidyYuan",
      coalesce(sum(claims_paid_yuan), 0)::float8 as "claimsPaidYuan"
    from ip_policies where zone_id = ${scope.zoneId} and status = 'active' and start_date <= ${refDate}::date and end_date >= ${refDate}::date
      ${enterpriseId == null ? sql`` : sql`and enterprise_id = ${enterpriseId}`}
    group by type order by type`);
  return rowsOf<{
    type: string;
    policies: number;
    firms: number;
    coverYuan: number;
    premiumYuan: number;
    subsidyYuan: number;
    claimsPaidYuan: number;
  }>(r);
}

// ---- settings and zone statistics ----

export async function getIpSettings(db: Db, scope: ZoneScope) {
  const r = await db.select().from(ipSettings).where(eq(ipSettings.zoneId, scope.zoneId));
  return r[0] ?? { zoneId: scope.zoneId, population: null, populationYear: null, updatedAt: null };
}

export async function putIpSettings(db: Db, scope: ZoneScope, s: { population: number | null; populationYear: number | null }) {
  const r = await db
    .insert(ipSettings)
    .values({ zoneId: scope.zoneId, ...s })
    .onConflictDoUpdate({ target: ipSettings.zoneId, set: { ...s, updatedAt: new Date() } })
    .returning();
  return r[0];
}

/** Zone IP statistics, all from records: grants per year, valid invention patents, awards, securitisation, overseas. */
export async function ipZoneStatsRows(db: Db, scope: ZoneScope, refDate: string) {
  const z = scope.zoneId;
  const [perYear, valid, awards, sec, overseas] = await Promise.all([
    db.execute(sql`select extract(year from grant_date)::int as year,
        count(*) filter (where jurisdiction = 'CN')::int as cn, count(*) filter (where jurisdiction <> 'CN')::int as overseas
      from ip_assets where zone_id = ${z} and kind = 'invention' and grant_date is not null and grant_date <= ${refDate}::date
      group by 1 order by 1`),
    db.execute(sql`select count(*) filter (where jurisdiction = 'CN')::int as "validCn",
        count(*) filter (where jurisdiction <> 'CN' and jurisdiction not in ('PCT', 'WO'))::int as "validOverseas",
        count(distinct enterprise_id)::int as firms
      from ip_assets where zone_id = ${z} and kind = 'invention' and status = 'granted' and (expiry_date is null or expiry_date >= ${refDate}::date)`),
    db.execute(sql`select award_year as year, award, count(*)::int as n from ip_assets
      where zone_id = ${z} and award is not null and award_year is not null group by 1, 2 order by 1, 2`),
    db.execute(sql`select extract(year from issued_on)::int as year, count(*)::int as products, coalesce(sum(amount_yuan), 0)::float8 as "amountYuan",
        coalesce(sum(firms), 0)::int as firms from ip_securitisations where zone_id = ${z} and issued_on <= ${refDate}::date group by 1 order by 1`),
    db.execute(sql`select count(*) filter (where jurisdiction = 'PCT')::int as pct,
        count(*) filter (where kind = 'trademark' and jurisdiction <> 'CN')::int as "overseasTrademarks",
        count(distinct enterprise_id) filter (where jurisdiction <> 'CN')::int as "firmsAbroad"
      from ip_assets where zone_id = ${z}`),
  ]);
  return {
    perYear: rowsOf<{ year: number; cn: number; overseas: number }>(perYear),
    valid: rowsOf<{ validCn: number; validOverseas: number; firms: number }>(valid)[0],
    awards: rowsOf<{ year: number; award: string; n: number }>(awards),
    securitisation: rowsOf<{ year: number; products: number; amountYuan: number; firms: number }>(sec),
    overseas: rowsOf<{ pct: number; overseasTrademarks: number; firmsAbroad: number }>(overseas)[0],
  };
}

/** Open cases and help requests, for the statistics page. */
export async function ipWorkload(db: Db, scope: ZoneScope) {
  const r = await db.execute(sql`select
      (select count(*)::int from ip_cases where zone_id = ${scope.zoneId} and status = 'open') as "openCases",
      (select count(*)::int from ip_cases where zone_id = ${scope.zoneId}) as cases,
      (select coalesce(sum(cost_yuan), 0)::float8 from ip_cases where zone_id = ${scope.zoneId}) as "caseCostYuan",
      (select count(*)::int from ip_help_requests where zone_id = ${scope.zoneId} and status in ('open', 'assigned')) as "openRequests",
      (select count(distinct c)::int from ip_experts, unnest(countries) c where zone_id = ${scope.zoneId} and active) as "networkCountries",
      (select count(*)::int from ip_exhibitions where zone_id = ${scope.zoneId}) as exhibitions`);
  return rowsOf<{
    openCases: number;
    cases: number;
    caseCostYuan: number;
    openRequests: number;
    networkCountries: number;
    exhibitions: number;
  }>(r)[0];
}

const officeCover = () => {
  const pairs = REGIONAL_OFFICES.filter((o) => !o.route).flatMap((o) => o.covers.map((c) => sql`(${o.code}, ${c})`));
  return sql.join(pairs, sql`, `);
};
const routeCodes = () => REGIONAL_OFFICES.filter((o) => o.route).map((o) => o.code);

/**
 * Zone-wide exposure gap computed in the database (same rules as core `exposureMatrix`: a market is protected by an
 * in-force non-CN right in the country or a regional office covering it; pending when only applications or PCT/WIPO
 * routes exist; revenue at risk = latest revenue × share for unprotected markets). Returns totals, the aggregation by
 * country and the `limit` unprotected markets with most revenue at risk.
 */
export async function ipGapZoneSql(db: Db, scope: ZoneScope, refDate: string, limit: number) {
  const z = scope.zoneId;
  const routes = routeCodes();
  const base = sql`with cover(office, country) as (values ${officeCover()}),
    a as (
      select enterprise_id, jurisdiction, kind = 'trademark' as tm,
        status = 'granted' and (expiry_date is null or expiry_date >= ${refDate}::date) as live, status = 'pending' as pend
      from ip_assets
      where zone_id = ${z} and jurisdiction <> 'CN' and status in ('granted', 'pending')
        and enterprise_id in (select enterprise_id from ip_markets where zone_id = ${z})
    ),
    cov as (
      select m.id, count(*) filter (where a.live and not a.tm)::int as patents,
        count(*) filter (where a.live and a.tm)::int as trademarks, count(*) filter (where a.pend)::int as pending
      from ip_markets m join a on a.enterprise_id = m.enterprise_id
        and (a.jurisdiction = m.country or (a.jurisdiction, m.country) in (select office, country from cover))
      where m.zone_id = ${z}
      group by m.id
    ),
    rt as (
      select enterprise_id, count(*)::int as n from a where jurisdiction in (${sql.join(
        routes.map((r) => sql`${r}`),
        sql`, `,
      )}) and (live or pend) group by 1
    ),
    rev as (
      select distinct on (enterprise_id) enterprise_id, revenue_yuan from enterprise_years
      where zone_id = ${z} and revenue_yuan is not null and enterprise_id in (select enterprise_id from ip_markets where zone_id = ${z})
      order by enterprise_id, year desc
    ),
    r as (
      select m.enterprise_id, m.country, m.kind, m.revenue_share_pct::float8 as share,
        coalesce(cov.patents, 0) as patents, coalesce(cov.trademarks, 0) as trademarks,
        coalesce(cov.pending, 0) + coalesce(rt.n, 0) as pending,
        case when coalesce(cov.patents, 0) + coalesce(cov.trademarks, 0) > 0 then 'protected'
             when coalesce(cov.pending, 0) + coalesce(rt.n, 0) > 0 then 'pending' else 'none' end as state,
        case when coalesce(cov.patents, 0) + coalesce(cov.trademarks, 0) > 0 then 0
             else round(coalesce(rev.revenue_yuan, 0) * m.revenue_share_pct / 100) end::float8 as risk
      from ip_markets m
      left join cov on cov.id = m.id
      left join rt on rt.enterprise_id = m.enterprise_id
      left join rev on rev.enterprise_id = m.enterprise_id
      where m.zone_id = ${z}
    )`;
  const res = await db.execute(sql`${base}
    select
      (select coalesce(json_agg(x), '[]'::json) from (
        select r.country, coalesce(c.name_zh, r.country) as "countryName", count(*)::int as firms,
          count(*) filter (where state = 'protected')::int as "protectedFirms", count(*) filter (where state = 'pending')::int as "pendingFirms",
          count(*) filter (where state = 'none')::int as "unprotectedFirms", coalesce(sum(risk), 0)::float8 as "revenueAtRiskYuan",
          count(*) filter (where kind = 'planned')::int as planned
        from r left join countries c on c.code = r.country group by 1, 2 order by "revenueAtRiskYuan" desc, firms desc, 1) x) as countries,
      (select coalesce(json_agg(y), '[]'::json) from (
        select r.enterprise_id as "enterpriseId", e.name as "enterpriseName", r.country, coalesce(c.name_zh, r.country) as "countryName", r.kind,
          r.share as "revenueSharePct", r.risk as "revenueAtRiskYuan", r.patents, r.trademarks, r.pending, r.state
        from r join enterprises e on e.id = r.enterprise_id left join countries c on c.code = r.country
        where r.state <> 'protected' order by r.risk desc, r.share desc, r.country limit ${limit}) y) as top`);
  const row = rowsOf<{ countries: unknown; top: unknown }>(res)[0];
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const countriesR = parse(row.countries);
  const topR = parse(row.top);
  const countries = rowsOf<{
    country: string;
    countryName: string;
    firms: number;
    protectedFirms: number;
    pendingFirms: number;
    unprotectedFirms: number;
    revenueAtRiskYuan: number;
    planned: number;
  }>(countriesR as unknown[]);
  return {
    markets: countries.reduce((s, c) => s + c.firms, 0),
    unprotectedMarkets: countries.reduce((s, c) => s + c.firms - c.protectedFirms, 0),
    revenueAtRiskYuan: countries.reduce((s, c) => s + c.revenueAtRiskYuan, 0),
    countries,
    top: rowsOf<{
      enterpriseId: number;
      enterpriseName: string;
      country: string;
      countryName: string;
      kind: string;
      revenueSharePct: number;
      revenueAtRiskYuan: number;
      patents: number;
      trademarks: number;
      pending: number;
      state: string;
    }>(topR as unknown[]),
  };
}
