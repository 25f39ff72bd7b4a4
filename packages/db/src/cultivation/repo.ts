import { and, asc, desc, eq, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enterprises, enterpriseYears } from '../enterprises/schema.ts';
import type { ZoneScope } from '../platform/scope.ts';
import {
  cultivationApplications,
  cultivationAssessments,
  cultivationProfiles,
  cultivationRecognitions,
  cultivationRuleSets,
} from './schema.ts';

export type CultivationRuleSetRow = typeof cultivationRuleSets.$inferSelect;
export type CultivationRecognitionRow = typeof cultivationRecognitions.$inferSelect;
export type CultivationApplicationRow = typeof cultivationApplications.$inferSelect;

// ---- rule sets ----
export async function cvListRuleSetRows(db: Db, scope: ZoneScope): Promise<CultivationRuleSetRow[]> {
  return db
    .select()
    .from(cultivationRuleSets)
    .where(eq(cultivationRuleSets.zoneId, scope.zoneId))
    .orderBy(asc(cultivationRuleSets.key), desc(cultivationRuleSets.id));
}

/** Latest version of a zone rule set (or the given version). */
export async function cvFindRuleSetRow(
  db: Db,
  scope: ZoneScope,
  key: string,
  version?: string,
): Promise<CultivationRuleSetRow | undefined> {
  const w: SQL[] = [eq(cultivationRuleSets.zoneId, scope.zoneId), eq(cultivationRuleSets.key, key)];
  if (version) w.push(eq(cultivationRuleSets.version, version));
  const [r] = await db
    .select()
    .from(cultivationRuleSets)
    .where(and(...w))
    .orderBy(desc(cultivationRuleSets.id))
    .limit(1);
  return r;
}

export async function cvInsertRuleSetRow(
  db: Db,
  scope: ZoneScope,
  r: Omit<typeof cultivationRuleSets.$inferInsert, 'id' | 'zoneId' | 'createdBy'>,
): Promise<CultivationRuleSetRow> {
  const [row] = await db
    .insert(cultivationRuleSets)
    .values({ ...r, zoneId: scope.zoneId, createdBy: scope.actorId ?? null })
    .returning();
  return row;
}

// ---- screening inputs (batched: one query per table for the whole zone) ----
export interface ProfileInputs {
  firms: { id: number; name: string; uscc: string; establishedOn: string | null; industryCode: string | null; synthetic: boolean }[];
  profiles: { enterpriseId: number; data: unknown; synthetic: boolean }[];
  years: { enterpriseId: number; year: number; revenueYuan: number | null; rdExpenseYuan: number | null; employees: number | null }[];
  recognitions: { enterpriseId: number; level: string; keyLittleGiant: boolean; validTo: string | null }[];
}

/**
 * Everything the screening needs for a data year: firms (all active, or the given ids), their stored profiles for
 * the year, registry figures for the last three years and recognitions valid on `refDate`.
 */
export async function cultivationInputs(
  db: Db,
  scope: ZoneScope,
  year: number,
  refDate: string,
  enterpriseIds?: number[],
): Promise<ProfileInputs> {
  const ids = enterpriseIds;
  if (ids && !ids.length) return { firms: [], profiles: [], years: [], recognitions: [] };
  const fw: SQL[] = [eq(enterprises.zoneId, scope.zoneId), sql`${enterprises.closedOn} is null`];
  if (ids) fw.push(inArray(enterprises.id, ids));
  // Only firms with something to screen for the year: a stored profile or registry figures.
  else
    fw.push(
      sql`${enterprises.id} in (select p.enterprise_id from ${cultivationProfiles} p where p.zone_id = ${scope.zoneId} and p.year = ${year} union select y.enterprise_id from ${enterpriseYears} y where y.zone_id = ${scope.zoneId} and y.year between ${year - 2} and ${year})`,
    );
  const pw: SQL[] = [eq(cultivationProfiles.zoneId, scope.zoneId), eq(cultivationProfiles.year, year)];
  if (ids) pw.push(inArray(cultivationProfiles.enterpriseId, ids));
  const yw: SQL[] = [eq(enterpriseYears.zoneId, scope.zoneId), gte(enterpriseYears.year, year - 2), lte(enterpriseYears.year, year)];
  if (ids) yw.push(inArray(enterpriseYears.enterpriseId, ids));
  const rw: SQL[] = [
    eq(cultivationRecognitions.zoneId, scope.zoneId),
    lte(cultivationRecognitions.validFrom, refDate),
    sql`(${cultivationRecognitions.validTo} is null or ${cultivationRecognitions.validTo} >= ${refDate})`,
  ];
  if (ids) rw.push(inArray(cultivationRecognitions.enterpriseId, ids));
  const [firms, profiles, years, recognitions] = await Promise.all([
    db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        uscc: enterprises.uscc,
        establishedOn: enterprises.establishedOn,
        industryCode: enterprises.industryCode,
        synthetic: enterprises.synthetic,
      })
      .from(enterprises)
      .where(and(...fw))
      .orderBy(asc(enterprises.id)),
    db
      .select({ enterpriseId: cultivationProfiles.enterpriseId, data: cultivationProfiles.data, synthetic: cultivationProfiles.synthetic })
      .from(cultivationProfiles)
      .where(and(...pw)),
    db
      .select({
        enterpriseId: enterpriseYears.enterpriseId,
        year: enterpriseYears.year,
        revenueYuan: enterpriseYears.revenueYuan,
        rdExpenseYuan: enterpriseYears.rdExpenseYuan,
        employees: enterpriseYears.employees,
      })
      .from(enterpriseYears)
      .where(and(...yw)),
    db
      .select({
        enterpriseId: cultivationRecognitions.enterpriseId,
        level: cultivationRecognitions.level,
        keyLittleGiant: cultivationRecognitions.keyLittleGiant,
        validTo: cultivationRecognitions.validTo,
      })
      .from(cultivationRecognitions)
      .where(and(...rw)),
  ]);
  return { firms, profiles, years, recognitions };
}

// ---- profiles ----
export async function cvFindProfile(db: Db, scope: ZoneScope, enterpriseId: number, year: number) {
  const [r] = await db
    .select()
    .from(cultivationProfiles)
    .where(
      and(
        eq(cultivationProfiles.zoneId, scope.zoneId),
        eq(cultivationProfiles.enterpriseId, enterpriseId),
        eq(cultivationProfiles.year, year),
      ),
    );
  return r;
}

export async function cvUpsertProfile(db: Db, scope: ZoneScope, enterpriseId: number, year: number, data: unknown) {
  const [r] = await db
    .insert(cultivationProfiles)
    .values({ zoneId: scope.zoneId, enterpriseId, year, data: data as never, updatedBy: scope.actorId ?? null })
    .onConflictDoUpdate({
      target: [cultivationProfiles.enterpriseId, cultivationProfiles.year],
      set: { data: data as never, synthetic: false, updatedBy: scope.actorId ?? null, updatedAt: new Date() },
      where: eq(cultivationProfiles.zoneId, scope.zoneId),
    })
    .returning();
  return r;
}

// ---- recognitions ----
export async function cvListRecognitions(db: Db, scope: ZoneScope, f: { enterpriseId?: number; level?: string } = {}) {
  const w: SQL[] = [eq(cultivationRecognitions.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) w.push(eq(cultivationRecognitions.enterpriseId, f.enterpriseId));
  if (f.level) w.push(eq(cultivationRecognitions.level, f.level));
  return db
    .select({ r: cultivationRecognitions, name: enterprises.name })
    .from(cultivationRecognitions)
    .innerJoin(enterprises, eq(enterprises.id, cultivationRecognitions.enterpriseId))
    .where(and(...w))
    .orderBy(desc(cultivationRecognitions.recognizedOn), asc(cultivationRecognitions.id))
    .limit(5000);
}

/** Distinct firms per level (and 重点小巨人) with a recognition valid on `refDate`. */
export async function cvRecognitionCounts(db: Db, scope: ZoneScope, refDate: string) {
  const rows = await db
    .select({
      level: cultivationRecognitions.level,
      firms: sql<number>`count(distinct ${cultivationRecognitions.enterpriseId})::int`,
      key: sql<number>`count(distinct ${cultivationRecognitions.enterpriseId}) filter (where ${cultivationRecognitions.keyLittleGiant})::int`,
    })
    .from(cultivationRecognitions)
    .where(
      and(
        eq(cultivationRecognitions.zoneId, scope.zoneId),
        lte(cultivationRecognitions.validFrom, refDate),
        sql`(${cultivationRecognitions.validTo} is null or ${cultivationRecognitions.validTo} >= ${refDate})`,
      ),
    )
    .groupBy(cultivationRecognitions.level);
  const [all] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, scope.zoneId), sql`${enterprises.closedOn} is null`));
  return { enterprises: Number(all.n), levels: rows.map((r) => ({ level: r.level, firms: Number(r.firms), key: Number(r.key) })) };
}

/** Certificates whose validity ends between `from` and `to` (inclusive), soonest first. */
export async function cvExpiringRecognitions(db: Db, scope: ZoneScope, from: string, to: string, enterpriseId?: number) {
  const w: SQL[] = [
    eq(cultivationRecognitions.zoneId, scope.zoneId),
    isNotNull(cultivationRecognitions.validTo),
    gte(cultivationRecognitions.validTo, from),
    lte(cultivationRecognitions.validTo, to),
  ];
  if (enterpriseId != null) w.push(eq(cultivationRecognitions.enterpriseId, enterpriseId));
  return db
    .select({ r: cultivationRecognitions, name: enterprises.name })
    .from(cultivationRecognitions)
    .innerJoin(enterprises, eq(enterprises.id, cultivationRecognitions.enterpriseId))
    .where(and(...w))
    .orderBy(asc(cultivationRecognitions.validTo), asc(cultivationRecognitions.id));
}

// ---- applications ----
export async function cvListApplications(db: Db, scope: ZoneScope, f: { enterpriseId?: number; stage?: string; year?: number } = {}) {
  const w: SQL[] = [eq(cultivationApplications.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) w.push(eq(cultivationApplications.enterpriseId, f.enterpriseId));
  if (f.stage) w.push(eq(cultivationApplications.stage, f.stage));
  if (f.year) w.push(eq(cultivationApplications.year, f.year));
  return db
    .select({ a: cultivationApplications, name: enterprises.name })
    .from(cultivationApplications)
    .innerJoin(enterprises, eq(enterprises.id, cultivationApplications.enterpriseId))
    .where(and(...w))
    .orderBy(desc(cultivationApplications.updatedAt), desc(cultivationApplications.id))
    .limit(2000);
}

export async function cvFindApplication(db: Db, scope: ZoneScope, id: number): Promise<CultivationApplicationRow | undefined> {
  const [r] = await db
    .select()
    .from(cultivationApplications)
    .where(and(eq(cultivationApplications.zoneId, scope.zoneId), eq(cultivationApplications.id, id)));
  return r;
}

export async function cvInsertApplication(
  db: Db,
  scope: ZoneScope,
  a: Omit<typeof cultivationApplications.$inferInsert, 'id' | 'zoneId'>,
): Promise<CultivationApplicationRow> {
  const [r] = await db
    .insert(cultivationApplications)
    .values({ ...a, zoneId: scope.zoneId })
    .returning();
  return r;
}

export async function cvUpdateApplication(
  db: Db,
  scope: ZoneScope,
  id: number,
  patch: Partial<typeof cultivationApplications.$inferInsert>,
) {
  const [r] = await db
    .update(cultivationApplications)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(cultivationApplications.zoneId, scope.zoneId), eq(cultivationApplications.id, id)))
    .returning();
  return r;
}

export async function cvDeleteApplication(db: Db, scope: ZoneScope, id: number) {
  await db.delete(cultivationApplications).where(and(eq(cultivationApplications.zoneId, scope.zoneId), eq(cultivationApplications.id, id)));
}

// ---- stored assessments ----
export async function cvInsertAssessment(
  db: Db,
  scope: ZoneScope,
  a: { enterpriseId: number; ruleSetKey: string; ruleSetVersion: string; dataYear: number; result: unknown },
) {
  const [r] = await db
    .insert(cultivationAssessments)
    .values({ ...a, result: a.result as never, zoneId: scope.zoneId, createdBy: scope.actorId ?? null })
    .returning();
  return r;
}

export async function cvListAssessments(db: Db, scope: ZoneScope, enterpriseId: number) {
  return db
    .select({
      id: cultivationAssessments.id,
      ruleSetKey: cultivationAssessments.ruleSetKey,
      ruleSetVersion: cultivationAssessments.ruleSetVersion,
      dataYear: cultivationAssessments.dataYear,
      createdAt: cultivationAssessments.createdAt,
      result: cultivationAssessments.result,
    })
    .from(cultivationAssessments)
    .where(and(eq(cultivationAssessments.zoneId, scope.zoneId), eq(cultivationAssessments.enterpriseId, enterpriseId)))
    .orderBy(desc(cultivationAssessments.id))
    .limit(50);
}

/** The latest data year with stored profiles in the zone (the default of screening), or null. */
export async function cvLatestProfileYear(db: Db, scope: ZoneScope): Promise<number | null> {
  const [r] = await db
    .select({ y: sql<number | null>`max(${cultivationProfiles.year})` })
    .from(cultivationProfiles)
    .where(eq(cultivationProfiles.zoneId, scope.zoneId));
  return r?.y == null ? null : Number(r.y);
}
