import { and, asc, count, countDistinct, desc, eq, gt, gte, lt, ne, type SQL, sql, sum } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enterprises } from '../enterprises/schema.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { countries } from '../reference/schema.ts';
import {
  coopPartners,
  coopPlatforms,
  coopProjects,
  labBookings,
  labInstruments,
  labResidents,
  labServices,
  labs,
  outboundInvestments,
  reformMeasures,
} from './schema.ts';

const n = (v: unknown) => Number(v ?? 0);

// ── Outbound investment ─────────────────────────────────────────────────────────────────────────────────────────

/** Totals since `sinceYear`: projects, distinct countries/regions, Chinese-side contract US$; by country and by year. */
export async function outboundSummary(db: Db, scope: ZoneScope, sinceYear: number) {
  const where = and(eq(outboundInvestments.zoneId, scope.zoneId), gte(outboundInvestments.year, sinceYear));
  const [totals] = await db
    .select({
      projects: count(),
      countries: countDistinct(outboundInvestments.countryCode),
      usd: sum(outboundInvestments.contractUsd),
      synthetic: sql<boolean>`coalesce(bool_or(${outboundInvestments.synthetic}), false)`,
    })
    .from(outboundInvestments)
    .where(where);
  const byCountry = await db
    .select({
      code: outboundInvestments.countryCode,
      alpha3: countries.alpha3,
      nameZh: countries.nameZh,
      nameEn: countries.nameEn,
      projects: count(),
      usd: sum(outboundInvestments.contractUsd),
    })
    .from(outboundInvestments)
    .leftJoin(countries, eq(countries.code, outboundInvestments.countryCode))
    .where(where)
    .groupBy(outboundInvestments.countryCode, countries.alpha3, countries.nameZh, countries.nameEn)
    .orderBy(desc(sum(outboundInvestments.contractUsd)));
  const byYear = await db
    .select({ year: outboundInvestments.year, projects: count(), usd: sum(outboundInvestments.contractUsd) })
    .from(outboundInvestments)
    .where(where)
    .groupBy(outboundInvestments.year)
    .orderBy(asc(outboundInvestments.year));
  return {
    sinceYear,
    projects: n(totals.projects),
    countries: n(totals.countries),
    contractUsd: n(totals.usd),
    synthetic: !!totals.synthetic,
    byCountry: byCountry.map((r) => ({
      ...r,
      nameZh: r.nameZh ?? r.code,
      nameEn: r.nameEn ?? r.code,
      alpha3: r.alpha3 ?? null,
      projects: n(r.projects),
      usd: n(r.usd),
    })),
    byYear: byYear.map((r) => ({ year: r.year, projects: n(r.projects), usd: n(r.usd) })),
  };
}

export async function listOutbound(db: Db, scope: ZoneScope, f: { page: number; pageSize: number; country?: string; year?: number }) {
  const conds: SQL[] = [eq(outboundInvestments.zoneId, scope.zoneId)];
  if (f.country) conds.push(eq(outboundInvestments.countryCode, f.country));
  if (f.year) conds.push(eq(outboundInvestments.year, f.year));
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: outboundInvestments.id,
        projectName: outboundInvestments.projectName,
        enterpriseName: enterprises.name,
        countryCode: outboundInvestments.countryCode,
        countryName: countries.nameZh,
        contractUsd: outboundInvestments.contractUsd,
        industryCode: outboundInvestments.industryCode,
        year: outboundInvestments.year,
        synthetic: outboundInvestments.synthetic,
      })
      .from(outboundInvestments)
      .leftJoin(enterprises, eq(enterprises.id, outboundInvestments.enterpriseId))
      .leftJoin(countries, eq(countries.code, outboundInvestments.countryCode))
      .where(where)
      .orderBy(desc(outboundInvestments.year), desc(outboundInvestments.contractUsd), asc(outboundInvestments.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(outboundInvestments).where(where),
  ]);
  return { rows, total: n(total[0].n) };
}

// ── Cooperation platforms ───────────────────────────────────────────────────────────────────────────────────────

export async function listPlatforms(db: Db, scope: ZoneScope) {
  const platforms = await db.select().from(coopPlatforms).where(eq(coopPlatforms.zoneId, scope.zoneId)).orderBy(asc(coopPlatforms.id));
  const projects = await db
    .select({
      id: coopProjects.id,
      platformId: coopProjects.platformId,
      name: coopProjects.name,
      countryCode: coopProjects.countryCode,
      countryName: countries.nameZh,
      investmentUsd: coopProjects.investmentUsd,
      year: coopProjects.year,
      status: coopProjects.status,
    })
    .from(coopProjects)
    .leftJoin(countries, eq(countries.code, coopProjects.countryCode))
    .where(eq(coopProjects.zoneId, scope.zoneId))
    .orderBy(asc(coopProjects.platformId), desc(coopProjects.year), asc(coopProjects.id));
  const partners = await db
    .select({
      id: coopPartners.id,
      platformId: coopPartners.platformId,
      name: coopPartners.name,
      countryCode: coopPartners.countryCode,
      countryName: countries.nameZh,
      kind: coopPartners.kind,
    })
    .from(coopPartners)
    .leftJoin(countries, eq(countries.code, coopPartners.countryCode))
    .where(eq(coopPartners.zoneId, scope.zoneId))
    .orderBy(asc(coopPartners.platformId), asc(coopPartners.id));
  return platforms.map((p) => ({
    ...p,
    projects: projects
      .filter((x) => x.platformId === p.id)
      .map((x) => ({ ...x, investmentUsd: x.investmentUsd == null ? null : n(x.investmentUsd) })),
    partners: partners.filter((x) => x.platformId === p.id),
  }));
}

// ── Open laboratories ───────────────────────────────────────────────────────────────────────────────────────────

export async function listLabs(db: Db, scope: ZoneScope) {
  const labRows = await db.select().from(labs).where(eq(labs.zoneId, scope.zoneId)).orderBy(asc(labs.id));
  const inst = await db.select().from(labInstruments).where(eq(labInstruments.zoneId, scope.zoneId)).orderBy(asc(labInstruments.id));
  return labRows.map((l) => ({ ...l, instruments: inst.filter((i) => i.labId === l.id) }));
}

export async function findInstrument(db: Db, scope: ZoneScope, id: number, lock = false) {
  const q = db
    .select()
    .from(labInstruments)
    .where(and(eq(labInstruments.zoneId, scope.zoneId), eq(labInstruments.id, id)));
  return (await (lock ? q.for('update') : q))[0];
}

const bookingCols = {
  id: labBookings.id,
  instrumentId: labBookings.instrumentId,
  enterpriseId: labBookings.enterpriseId,
  enterpriseName: enterprises.name,
  startsAt: labBookings.startsAt,
  endsAt: labBookings.endsAt,
  purpose: labBookings.purpose,
  status: labBookings.status,
  synthetic: labBookings.synthetic,
};

/** Bookings of an instrument overlapping [from, to) (half-open: one booking may start when another ends). */
export async function bookingsBetween(db: Db, scope: ZoneScope, f: { instrumentId?: number; from: string; to: string }) {
  const conds: SQL[] = [
    eq(labBookings.zoneId, scope.zoneId),
    ne(labBookings.status, 'cancelled'),
    lt(labBookings.startsAt, f.to),
    gt(labBookings.endsAt, f.from),
  ];
  if (f.instrumentId) conds.push(eq(labBookings.instrumentId, f.instrumentId));
  const rows = await db
    .select(bookingCols)
    .from(labBookings)
    .leftJoin(enterprises, eq(enterprises.id, labBookings.enterpriseId))
    .where(and(...conds))
    .orderBy(asc(labBookings.startsAt));
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt).toISOString(), endsAt: new Date(r.endsAt).toISOString() }));
}

export async function insertBooking(
  db: Db,
  scope: ZoneScope,
  b: { instrumentId: number; enterpriseId: number | null; startsAt: string; endsAt: string; purpose: string | null },
): Promise<number> {
  const [r] = await db
    .insert(labBookings)
    .values({ ...b, zoneId: scope.zoneId, createdBy: scope.actorId })
    .returning({ id: labBookings.id });
  return r.id;
}

export async function findBooking(db: Db, scope: ZoneScope, id: number) {
  const r = (
    await db
      .select(bookingCols)
      .from(labBookings)
      .leftJoin(enterprises, eq(enterprises.id, labBookings.enterpriseId))
      .where(and(eq(labBookings.zoneId, scope.zoneId), eq(labBookings.id, id)))
  )[0];
  return r && { ...r, startsAt: new Date(r.startsAt).toISOString(), endsAt: new Date(r.endsAt).toISOString() };
}

export async function cancelBooking(db: Db, scope: ZoneScope, id: number): Promise<void> {
  await db
    .update(labBookings)
    .set({ status: 'cancelled' })
    .where(and(eq(labBookings.zoneId, scope.zoneId), eq(labBookings.id, id)));
}

/** Resident firms, firms served, services, hours and fees; and the firms served most. */
export async function labStats(db: Db, scope: ZoneScope) {
  const [res] = await db
    .select({ n: countDistinct(labResidents.enterpriseId) })
    .from(labResidents)
    .where(eq(labResidents.zoneId, scope.zoneId));
  const [svc] = await db
    .select({
      firms: countDistinct(labServices.enterpriseId),
      services: count(),
      hours: sum(labServices.hours),
      fees: sum(labServices.feeYuan),
    })
    .from(labServices)
    .where(eq(labServices.zoneId, scope.zoneId));
  const perFirm = await db
    .select({
      enterpriseId: labServices.enterpriseId,
      enterpriseName: enterprises.name,
      services: count(),
      hours: sum(labServices.hours),
      fees: sum(labServices.feeYuan),
    })
    .from(labServices)
    .innerJoin(enterprises, eq(enterprises.id, labServices.enterpriseId))
    .where(eq(labServices.zoneId, scope.zoneId))
    .groupBy(labServices.enterpriseId, enterprises.name)
    .orderBy(desc(count()), asc(labServices.enterpriseId))
    .limit(20);
  return {
    residentFirms: n(res.n),
    firmsServed: n(svc.firms),
    services: n(svc.services),
    hours: n(svc.hours),
    feesYuan: n(svc.fees),
    topFirms: perFirm.map((r) => ({ ...r, services: n(r.services), hours: n(r.hours), fees: n(r.fees) })),
  };
}

// ── Reform measures ─────────────────────────────────────────────────────────────────────────────────────────────

export async function measuresProgress(db: Db, scope: ZoneScope) {
  const z = eq(reformMeasures.zoneId, scope.zoneId);
  const cols = {
    total: count(),
    done: sql<number>`count(*) filter (where ${reformMeasures.status} = 'done')`,
    inProgress: sql<number>`count(*) filter (where ${reformMeasures.status} = 'in_progress')`,
    planned: sql<number>`count(*) filter (where ${reformMeasures.status} = 'planned')`,
  };
  const byRound = await db
    .select({ round: reformMeasures.round, roundName: reformMeasures.roundName, ...cols })
    .from(reformMeasures)
    .where(z)
    .groupBy(reformMeasures.round, reformMeasures.roundName)
    .orderBy(asc(reformMeasures.round));
  const byDepartment = await db
    .select({ department: reformMeasures.department, ...cols })
    .from(reformMeasures)
    .where(z)
    .groupBy(reformMeasures.department)
    .orderBy(desc(count()), asc(reformMeasures.department));
  const fix = <T extends { total: unknown; done: unknown; inProgress: unknown; planned: unknown }>(r: T) => ({
    ...r,
    total: n(r.total),
    done: n(r.done),
    inProgress: n(r.inProgress),
    planned: n(r.planned),
  });
  const rounds = byRound.map(fix);
  return {
    total: rounds.reduce((a, r) => a + r.total, 0),
    done: rounds.reduce((a, r) => a + r.done, 0),
    byRound: rounds,
    byDepartment: byDepartment.map(fix),
  };
}

export async function listMeasures(
  db: Db,
  scope: ZoneScope,
  f: { page: number; pageSize: number; round?: number; department?: string; status?: string },
) {
  const conds: SQL[] = [eq(reformMeasures.zoneId, scope.zoneId)];
  if (f.round) conds.push(eq(reformMeasures.round, f.round));
  if (f.department) conds.push(eq(reformMeasures.department, f.department));
  if (f.status) conds.push(eq(reformMeasures.status, f.status));
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(reformMeasures)
      .where(where)
      .orderBy(asc(reformMeasures.round), asc(reformMeasures.code))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(reformMeasures).where(where),
  ]);
  return { rows, total: n(total[0].n) };
}

export async function findMeasure(db: Db, scope: ZoneScope, id: number) {
  return (
    await db
      .select()
      .from(reformMeasures)
      .where(and(eq(reformMeasures.zoneId, scope.zoneId), eq(reformMeasures.id, id)))
  )[0];
}

export async function updateMeasure(
  db: Db,
  scope: ZoneScope,
  id: number,
  patch: { status?: string; evidence?: string | null; department?: string },
) {
  await db
    .update(reformMeasures)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(reformMeasures.zoneId, scope.zoneId), eq(reformMeasures.id, id)));
}
