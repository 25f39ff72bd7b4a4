import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { preparedOnce } from '../named.ts';
import { zones } from '../platform/schema.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { evalFrameworks, evalResults, evalRounds, evalRuns, evalSubmissions, type FrameworkRow, type SubmissionComment } from './schema.ts';

export type EvalFramework = typeof evalFrameworks.$inferSelect;
export type EvalRound = typeof evalRounds.$inferSelect;
export type EvalSubmission = typeof evalSubmissions.$inferSelect;
export type EvalRun = typeof evalRuns.$inferSelect;

// ── National side (评价专家; not zone-owned) ─────────────────────────────────────────────────────────────────────

export async function listFrameworks(db: Db) {
  return db.select().from(evalFrameworks).orderBy(asc(evalFrameworks.code), desc(evalFrameworks.version));
}

export async function getFramework(db: Db, id: number): Promise<EvalFramework | undefined> {
  return (await db.select().from(evalFrameworks).where(eq(evalFrameworks.id, id)))[0];
}

export async function latestFrameworkVersion(db: Db, code: string): Promise<number> {
  const r = await db
    .select({ v: sql<number>`coalesce(max(${evalFrameworks.version}), 0)` })
    .from(evalFrameworks)
    .where(eq(evalFrameworks.code, code));
  return Number(r[0].v);
}

export async function insertFramework(
  db: Db,
  f: { code: string; version: number; name: string; rows: FrameworkRow[]; pipeline: unknown; assumption?: string | null },
) {
  return (await db.insert(evalFrameworks).values(f).returning())[0];
}

/** Updates an unfrozen framework; returns undefined when it is frozen (or missing). */
export async function updateFramework(db: Db, id: number, patch: { name?: string; rows?: FrameworkRow[]; pipeline?: unknown }) {
  return (
    await db
      .update(evalFrameworks)
      .set(patch)
      .where(and(eq(evalFrameworks.id, id), sql`${evalFrameworks.frozenAt} is null`))
      .returning()
  )[0];
}

export async function listRounds(db: Db) {
  return db.select().from(evalRounds).orderBy(desc(evalRounds.year));
}

export async function getRound(db: Db, id: number): Promise<EvalRound | undefined> {
  return (await db.select().from(evalRounds).where(eq(evalRounds.id, id)))[0];
}

export async function findRoundByYear(db: Db, year: number): Promise<EvalRound | undefined> {
  return (await db.select().from(evalRounds).where(eq(evalRounds.year, year)))[0];
}

export async function insertRound(db: Db, r: { year: number; dataYear: number; frameworkId: number; jumpThreshold: number }) {
  return (
    await db
      .insert(evalRounds)
      .values({ ...r, status: 'open' })
      .returning()
  )[0];
}

export async function setRoundStatus(db: Db, id: number, status: 'open' | 'closed') {
  await db.update(evalRounds).set({ status }).where(eq(evalRounds.id, id));
}

/** Every zone with its submission state in a round (zones without a submission show as not started). */
export async function roundProgress(db: Db, roundId: number) {
  return db
    .select({
      zoneId: zones.id,
      zone: zones.code,
      name: zones.name,
      provinceName: zones.provinceName,
      region: zones.region,
      synthetic: zones.synthetic,
      submissionId: evalSubmissions.id,
      status: evalSubmissions.status,
      submittedAt: evalSubmissions.submittedAt,
      updatedAt: evalSubmissions.updatedAt,
      comments: evalSubmissions.comments,
    })
    .from(zones)
    .leftJoin(evalSubmissions, and(eq(evalSubmissions.zoneId, zones.id), eq(evalSubmissions.roundId, roundId)))
    .orderBy(zones.id);
}

export async function submissionForReview(db: Db, roundId: number, zoneCode: string) {
  return (
    await db
      .select({ s: evalSubmissions, zone: zones })
      .from(evalSubmissions)
      .innerJoin(zones, eq(zones.id, evalSubmissions.zoneId))
      .where(and(eq(evalSubmissions.roundId, roundId), eq(zones.code, zoneCode)))
  )[0];
}

export async function setSubmissionStatus(db: Db, id: number, status: string, comments: SubmissionComment[], actorId: number | null) {
  await db.update(evalSubmissions).set({ status, comments, updatedBy: actorId, updatedAt: new Date() }).where(eq(evalSubmissions.id, id));
}

/** Locks every accepted submission of a round; returns how many. */
export async function lockAccepted(db: Db, roundId: number) {
  const r = await db
    .update(evalSubmissions)
    .set({ status: 'locked', updatedAt: new Date() })
    .where(and(eq(evalSubmissions.roundId, roundId), eq(evalSubmissions.status, 'accepted')))
    .returning({ id: evalSubmissions.id });
  return r.length;
}

/** Locked submissions of a round with their zones: the engine's input. */
export async function lockedSubmissions(db: Db, roundId: number) {
  return db
    .select({
      zoneId: zones.id,
      code: zones.code,
      name: zones.name,
      region: zones.region,
      province: zones.province,
      values: evalSubmissions.values,
      synthetic: evalSubmissions.synthetic,
    })
    .from(evalSubmissions)
    .innerJoin(zones, eq(zones.id, evalSubmissions.zoneId))
    .where(and(eq(evalSubmissions.roundId, roundId), eq(evalSubmissions.status, 'locked')))
    .orderBy(zones.id);
}

export async function insertRun(
  db: Db,
  r: {
    roundId: number;
    frameworkId: number;
    label: string;
    pipeline: unknown;
    result: unknown;
    createdBy: number | null;
    synthetic?: boolean;
  },
) {
  return (await db.insert(evalRuns).values(r).returning({ id: evalRuns.id, createdAt: evalRuns.createdAt }))[0];
}

export async function getRun(db: Db, id: number): Promise<EvalRun | undefined> {
  return (await db.select().from(evalRuns).where(eq(evalRuns.id, id)))[0];
}

export async function listRuns(db: Db, roundId: number) {
  return db
    .select({
      id: evalRuns.id,
      label: evalRuns.label,
      frameworkId: evalRuns.frameworkId,
      published: evalRuns.published,
      publishedAt: evalRuns.publishedAt,
      createdAt: evalRuns.createdAt,
      pipeline: evalRuns.pipeline,
    })
    .from(evalRuns)
    .where(eq(evalRuns.roundId, roundId))
    .orderBy(desc(evalRuns.id));
}

export async function publishedRunOfRound(db: Db, roundId: number) {
  return (
    await db
      .select()
      .from(evalRuns)
      .where(and(eq(evalRuns.roundId, roundId), eq(evalRuns.published, true)))
  )[0];
}

/** Marks a run published (only if no run of its round is), freezes the framework, closes the round, writes results. */
export async function publishRun(db: Db, run: EvalRun, results: (typeof evalResults.$inferInsert)[]) {
  const upd = await db
    .update(evalRuns)
    .set({ published: true, publishedAt: new Date() })
    .where(and(eq(evalRuns.id, run.id), eq(evalRuns.published, false)))
    .returning({ id: evalRuns.id });
  if (!upd.length) return false;
  await db
    .update(evalFrameworks)
    .set({ frozenAt: new Date() })
    .where(and(eq(evalFrameworks.id, run.frameworkId), sql`${evalFrameworks.frozenAt} is null`));
  await db.update(evalRounds).set({ status: 'closed' }).where(eq(evalRounds.id, run.roundId));
  for (let i = 0; i < results.length; i += 500) await db.insert(evalResults).values(results.slice(i, i + 500));
  return true;
}

export async function zonesByIds(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db.select().from(zones).where(inArray(zones.id, ids));
}

/** Published results of a year for all zones (national statistics such as medians; never returned raw to zones). */
export async function publishedYearScores(db: Db, years: number[]) {
  if (!years.length) return [];
  return db
    .select({ year: evalResults.year, region: evalResults.region, score: evalResults.score, scores: evalResults.scores })
    .from(evalResults)
    .where(inArray(evalResults.year, years));
}

// ── Zone side (scope first; every query filters by scope.zoneId) ─────────────────────────────────────────────────

export async function zoneSubmission(db: Db, scope: ZoneScope, roundId: number): Promise<EvalSubmission | undefined> {
  return (
    await db
      .select()
      .from(evalSubmissions)
      .where(and(eq(evalSubmissions.zoneId, scope.zoneId), eq(evalSubmissions.roundId, roundId)))
  )[0];
}

export async function saveZoneSubmission(
  db: Db,
  scope: ZoneScope,
  roundId: number,
  patch: {
    values?: Record<string, number | null>;
    explanations?: Record<string, string>;
    status?: string;
    comments?: SubmissionComment[];
    submittedAt?: Date | null;
  },
) {
  const existing = await zoneSubmission(db, scope, roundId);
  if (existing) {
    return (
      await db
        .update(evalSubmissions)
        .set({ ...patch, updatedBy: scope.actorId, updatedAt: new Date() })
        .where(and(eq(evalSubmissions.id, existing.id), eq(evalSubmissions.zoneId, scope.zoneId)))
        .returning()
    )[0];
  }
  return (
    await db
      .insert(evalSubmissions)
      .values({
        roundId,
        zoneId: scope.zoneId,
        values: patch.values ?? {},
        explanations: patch.explanations ?? {},
        status: patch.status ?? 'draft',
        comments: patch.comments ?? [],
        submittedAt: patch.submittedAt ?? null,
        updatedBy: scope.actorId,
      })
      .returning()
  )[0];
}

/** The zone's values of the latest round before `year` (for jump checks). */
export async function zonePreviousValues(db: Db, scope: ZoneScope, year: number) {
  const r = await db
    .select({ values: evalSubmissions.values, year: evalRounds.year })
    .from(evalSubmissions)
    .innerJoin(evalRounds, eq(evalRounds.id, evalSubmissions.roundId))
    .where(and(eq(evalSubmissions.zoneId, scope.zoneId), sql`${evalRounds.year} < ${year}`))
    .orderBy(desc(evalRounds.year))
    .limit(1);
  return r[0];
}

/**
 * The zone's published results, oldest first, with the run and framework they cite. Read on every results page (every
 * zone, every request): prepared once, planned once per connection.
 */
export async function zoneResults(db: Db, scope: ZoneScope) {
  return zoneResultsQuery(db).execute({ zone: scope.zoneId });
}
const zoneResultsQuery = (db: Db) =>
  preparedOnce(db, 'zone-eval-results', (name) =>
    db
      .select({
        year: evalResults.year,
        roundId: evalResults.roundId,
        runId: evalResults.runId,
        region: evalResults.region,
        score: evalResults.score,
        rank: evalResults.rank,
        regionRank: evalResults.regionRank,
        regionSize: evalResults.regionSize,
        scores: evalResults.scores,
        ranks: evalResults.ranks,
        regionRanks: evalResults.regionRanks,
        rankP05: evalResults.rankP05,
        rankP95: evalResults.rankP95,
        synthetic: evalResults.synthetic,
        frameworkId: evalRuns.frameworkId,
        runLabel: evalRuns.label,
        publishedAt: evalRuns.publishedAt,
      })
      .from(evalResults)
      .innerJoin(evalRuns, eq(evalRuns.id, evalResults.runId))
      .where(and(eq(evalResults.zoneId, sql.placeholder('zone')), eq(evalRuns.published, true)))
      .orderBy(asc(evalResults.year))
      .prepare(name),
  );

/** The zone's own submitted values for a round (drill-down to the submitted value). */
export async function zoneRoundValues(db: Db, scope: ZoneScope, roundId: number) {
  const r = await preparedOnce(db, 'zone-round-values', (name) =>
    db
      .select({ values: evalSubmissions.values, status: evalSubmissions.status })
      .from(evalSubmissions)
      .where(and(eq(evalSubmissions.zoneId, sql.placeholder('zone')), eq(evalSubmissions.roundId, sql.placeholder('round'))))
      .prepare(name),
  ).execute({ zone: scope.zoneId, round: roundId });
  return r[0];
}
