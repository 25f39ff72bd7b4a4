import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import { enterprises } from '../enterprises/schema.ts';
import { containsPattern } from '../like.ts';
import { collectValues, pageSizeLiteral, preparedOnce } from '../named.ts';
import { users } from '../platform/schema.ts';
import { countNow, type TotalOf, type ZoneScope } from '../platform/scope.ts';
import { scenarioBatches, scenarioItemHistory, scenarioItems, scenarioMatches, scenarioMatchHistory, scenarioResponses } from './schema.ts';

export type ScenarioItemRow = typeof scenarioItems.$inferSelect;
export type ScenarioItemInsert = Omit<typeof scenarioItems.$inferInsert, 'id' | 'zoneId'>;
export type ScenarioBatchRow = typeof scenarioBatches.$inferSelect;
export type ScenarioMatchRow = typeof scenarioMatches.$inferSelect;
export type ScenarioResponseRow = typeof scenarioResponses.$inferSelect;

/** States shown to the public; an item in an unpublished batch stays hidden too. */
export const SCENARIO_PUBLIC_STATES = ['published', 'matching', 'landed'];

const num = (v: unknown) => Number(v ?? 0);

/** Public visibility condition (needs the left join on batches). */
const publicWhere = () =>
  and(inArray(scenarioItems.state, SCENARIO_PUBLIC_STATES), or(isNull(scenarioItems.batchId), eq(scenarioBatches.published, true)))!;

export interface ScenarioItemFilter {
  state?: string;
  kind?: string;
  batchId?: number;
  tag?: string;
  q?: string;
  enterpriseId?: number;
  ids?: number[];
  /** Only what the public may see. */
  publicOnly?: boolean;
  page: number;
  pageSize: number;
}

// Flat columns (not `{ item: scenarioItems, … }` spread into a new object per row): the list maps its rows once.
const itemColumns = {
  ...getTableColumns(scenarioItems),
  batchNumber: scenarioBatches.number,
  batchTitle: scenarioBatches.title,
  enterpriseName: enterprises.name,
};

function itemBase(db: Db) {
  return db
    .select(itemColumns)
    .from(scenarioItems)
    .leftJoin(scenarioBatches, eq(scenarioBatches.id, scenarioItems.batchId))
    .leftJoin(enterprises, eq(enterprises.id, scenarioItems.enterpriseId));
}
export type ScenarioItemView = ScenarioItemRow & { batchNumber: number | null; batchTitle: string | null; enterpriseName: string | null };
/** A list row: a search fills its score in place (copying each row to add it cost more than serialising the page). */
export type ScenarioListRow = ScenarioItemView & { score: number | null };

/**
 * The list's conditions with each value from `v`: the value itself (the count) or a placeholder (the page, prepared
 * once per combination of filters).
 */
function itemWhere(f: ScenarioItemFilter, zoneId: number, v: (name: string, value: unknown) => unknown): SQL {
  const w: SQL[] = [sql`${scenarioItems.zoneId} = ${v('zone', zoneId)}`];
  if (f.publicOnly) w.push(publicWhere());
  if (f.state) w.push(sql`${scenarioItems.state} = ${v('state', f.state)}`);
  if (f.kind) w.push(sql`${scenarioItems.kind} = ${v('kind', f.kind)}`);
  if (f.batchId != null) w.push(sql`${scenarioItems.batchId} = ${v('batch', f.batchId)}`);
  if (f.tag) w.push(sql`${scenarioItems.tags} @> ${v('tags', [f.tag])}::text[]`);
  if (f.enterpriseId != null) w.push(sql`${scenarioItems.enterpriseId} = ${v('enterprise', f.enterpriseId)}`);
  // One array parameter, not one per id: the statement's text stays the same whatever the number of ids.
  if (f.ids) w.push(sql`${scenarioItems.id} = any(${v('ids', f.ids)}::int[])`);
  if (f.q) {
    const like = v('like', containsPattern(f.q));
    w.push(sql`(${scenarioItems.title} ilike ${like} or ${scenarioItems.description} ilike ${like})`);
  }
  return and(...w)!;
}

export async function listScenarioItems(db: Db, scope: ZoneScope, f: ScenarioItemFilter, totalOf: TotalOf = countNow) {
  if (f.ids && !f.ids.length) return { rows: [] as ScenarioListRow[], total: 0 };
  const c = collectValues();
  const where = itemWhere(f, scope.zoneId, c.value);
  // Staff lists find the page's ids first (the list index alone: no row read for the skipped ones), then join its
  // rows; as one join under LIMIT/OFFSET every skipped item was read and joined too. With a common page size written
  // into the statement (`pageSizeLiteral`) it keeps one generic plan (0.9 → 0.6 ms PostgreSQL CPU per request on
  // page 1, 1.1 → 0.6 on page 10, at national scale); other sizes stay a parameter. The public list stays one join:
  // its condition needs the batches, and with them in the ids' statement it was planned afresh at every call all
  // the same (1.0 vs 0.5 ms on page 1).
  const literal = f.publicOnly ? undefined : pageSizeLiteral(f.pageSize);
  const key = `scenario-items:${f.publicOnly ? 'public:' : ''}${c.names()}:${literal ? f.pageSize : 'n'}`;
  const page = preparedOnce(db, key, (name) => {
    const cond = itemWhere(f, 0, (n) => sql.placeholder(n));
    const order = [desc(scenarioItems.updatedAt), desc(scenarioItems.id)];
    const rows = db.select({ ...itemColumns, score: sql<number | null>`null::float8` });
    if (f.publicOnly)
      // itemBase's joins, with a score slot.
      return rows
        .from(scenarioItems)
        .leftJoin(scenarioBatches, eq(scenarioBatches.id, scenarioItems.batchId))
        .leftJoin(enterprises, eq(enterprises.id, scenarioItems.enterpriseId))
        .where(cond)
        .orderBy(...order)
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        .prepare(name);
    const ids = sql`(select ${scenarioItems.id} from ${scenarioItems} where ${cond}
      order by ${scenarioItems.updatedAt} desc, ${scenarioItems.id} desc
      limit ${literal ?? sql.placeholder('limit')} offset ${sql.placeholder('offset')}) as page`;
    return rows
      .from(ids)
      .innerJoin(scenarioItems, sql`${scenarioItems.id} = page.id`)
      .leftJoin(scenarioBatches, eq(scenarioBatches.id, scenarioItems.batchId))
      .leftJoin(enterprises, eq(enterprises.id, scenarioItems.enterpriseId))
      .orderBy(...order)
      .prepare(name);
  });
  const [rows, total] = await Promise.all([
    page.execute({ ...c.values, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
    totalOf(`scenario-items:${JSON.stringify({ ...f, page: undefined, pageSize: undefined })}`, async () =>
      num(
        (
          await db
            .select({ n: count() })
            .from(scenarioItems)
            .leftJoin(scenarioBatches, eq(scenarioBatches.id, scenarioItems.batchId))
            .where(where)
        )[0]?.n,
      ),
    ),
  ]);
  return { rows: rows as ScenarioListRow[], total };
}

export async function findScenarioItem(db: Db, scope: ZoneScope, id: number, publicOnly = false): Promise<ScenarioItemView | undefined> {
  const w: SQL[] = [eq(scenarioItems.zoneId, scope.zoneId), eq(scenarioItems.id, id)];
  if (publicOnly) w.push(publicWhere());
  const r = await itemBase(db).where(and(...w));
  return r[0] as ScenarioItemView | undefined;
}

/** Items the matching index is built from: everything public in the zone (text fields only). */
export async function scenarioIndexRows(db: Db, scope: ZoneScope) {
  return db
    .select({
      id: scenarioItems.id,
      kind: scenarioItems.kind,
      title: scenarioItems.title,
      description: scenarioItems.description,
      tags: scenarioItems.tags,
      industry: scenarioItems.industry,
    })
    .from(scenarioItems)
    .leftJoin(scenarioBatches, eq(scenarioBatches.id, scenarioItems.batchId))
    .where(and(eq(scenarioItems.zoneId, scope.zoneId), publicWhere()));
}

export async function insertScenarioItem(db: Db, scope: ZoneScope, v: ScenarioItemInsert): Promise<ScenarioItemRow> {
  const [r] = await db
    .insert(scenarioItems)
    .values({ ...v, zoneId: scope.zoneId })
    .returning();
  return r;
}

export async function updateScenarioItem(db: Db, scope: ZoneScope, id: number, patch: Partial<ScenarioItemInsert>) {
  const [r] = await db
    .update(scenarioItems)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(scenarioItems.zoneId, scope.zoneId), eq(scenarioItems.id, id)))
    .returning();
  return r;
}

/** Only drafts are ever deleted (with their history); the caller checks the state. */
export async function deleteScenarioDraft(db: Db, scope: ZoneScope, id: number) {
  await db.delete(scenarioItemHistory).where(and(eq(scenarioItemHistory.zoneId, scope.zoneId), eq(scenarioItemHistory.itemId, id)));
  await db
    .delete(scenarioItems)
    .where(and(eq(scenarioItems.zoneId, scope.zoneId), eq(scenarioItems.id, id), eq(scenarioItems.state, 'draft')));
}

export async function insertScenarioItemHistory(
  db: Db,
  scope: ZoneScope,
  h: { itemId: number; fromState: string | null; toState: string; comment?: string | null; at?: Date },
) {
  await db.insert(scenarioItemHistory).values({ ...h, zoneId: scope.zoneId, actorId: scope.actorId });
}

export async function scenarioItemHistoryOf(db: Db, scope: ZoneScope, itemId: number) {
  return db
    .select({ h: scenarioItemHistory, actor: users.displayName })
    .from(scenarioItemHistory)
    .leftJoin(users, eq(users.id, scenarioItemHistory.actorId))
    .where(and(eq(scenarioItemHistory.zoneId, scope.zoneId), eq(scenarioItemHistory.itemId, itemId)))
    .orderBy(asc(scenarioItemHistory.at), asc(scenarioItemHistory.id))
    .then((r) => r.map((x) => ({ ...x.h, actor: x.actor })));
}

/** Item counts by state (staff list filter badges). */
export async function scenarioStateCounts(db: Db, scope: ZoneScope) {
  const r = await db
    .select({ state: scenarioItems.state, n: count() })
    .from(scenarioItems)
    .where(eq(scenarioItems.zoneId, scope.zoneId))
    .groupBy(scenarioItems.state);
  return Object.fromEntries(r.map((x) => [x.state, num(x.n)]));
}

/** Distinct tags in use (public ones when `publicOnly`), most frequent first. */
export async function scenarioTags(db: Db, scope: ZoneScope, publicOnly: boolean) {
  const w: SQL[] = [eq(scenarioItems.zoneId, scope.zoneId)];
  if (publicOnly) w.push(publicWhere());
  const r = await db
    .select({ tag: sql<string>`unnest(${scenarioItems.tags})`.as('tag'), id: scenarioItems.id })
    .from(scenarioItems)
    .leftJoin(scenarioBatches, eq(scenarioBatches.id, scenarioItems.batchId))
    .where(and(...w));
  const c = new Map<string, number>();
  for (const x of r) c.set(x.tag, (c.get(x.tag) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag, n]) => ({ tag, n }));
}

// ---- batches ----

export async function listScenarioBatches(db: Db, scope: ZoneScope, publishedOnly = false) {
  const w: SQL[] = [eq(scenarioBatches.zoneId, scope.zoneId)];
  if (publishedOnly) w.push(eq(scenarioBatches.published, true));
  const publicCount = sql<number>`count(${scenarioItems.id}) filter (where ${inArray(scenarioItems.state, SCENARIO_PUBLIC_STATES)})`;
  const r = await db
    .select({ b: scenarioBatches, items: count(scenarioItems.id), publicItems: publicCount })
    .from(scenarioBatches)
    .leftJoin(scenarioItems, eq(scenarioItems.batchId, scenarioBatches.id))
    .where(and(...w))
    .groupBy(scenarioBatches.id)
    .orderBy(desc(scenarioBatches.number));
  return r.map((x) => ({ ...x.b, items: num(x.items), publicItems: num(x.publicItems) }));
}

export async function findScenarioBatch(db: Db, scope: ZoneScope, by: { id?: number; number?: number }) {
  const w: SQL[] = [eq(scenarioBatches.zoneId, scope.zoneId)];
  if (by.id != null) w.push(eq(scenarioBatches.id, by.id));
  if (by.number != null) w.push(eq(scenarioBatches.number, by.number));
  const r = await db
    .select()
    .from(scenarioBatches)
    .where(and(...w));
  return r[0];
}

export async function nextScenarioBatchNumber(db: Db, scope: ZoneScope) {
  const r = await db
    .select({ n: sql<number>`coalesce(max(${scenarioBatches.number}), 0)` })
    .from(scenarioBatches)
    .where(eq(scenarioBatches.zoneId, scope.zoneId));
  return num(r[0]?.n) + 1;
}

export async function insertScenarioBatch(
  db: Db,
  scope: ZoneScope,
  v: { number: number; title: string; publishedOn?: string | null; published?: boolean; synthetic?: boolean },
) {
  const [r] = await db
    .insert(scenarioBatches)
    .values({ ...v, zoneId: scope.zoneId })
    .returning();
  return r;
}

export async function updateScenarioBatch(
  db: Db,
  scope: ZoneScope,
  id: number,
  patch: { title?: string; publishedOn?: string | null; published?: boolean },
) {
  const [r] = await db
    .update(scenarioBatches)
    .set(patch)
    .where(and(eq(scenarioBatches.zoneId, scope.zoneId), eq(scenarioBatches.id, id)))
    .returning();
  return r;
}

// ---- responses ----

export async function insertScenarioResponse(
  db: Db,
  scope: ZoneScope,
  v: { itemId: number; enterpriseId: number | null; userId: number | null; message: string; contact: string; synthetic?: boolean },
) {
  const [r] = await db
    .insert(scenarioResponses)
    .values({ ...v, zoneId: scope.zoneId })
    .returning();
  return r;
}

export async function listScenarioResponses(db: Db, scope: ZoneScope, f: { itemId?: number; enterpriseId?: number }) {
  const w: SQL[] = [eq(scenarioResponses.zoneId, scope.zoneId)];
  if (f.itemId != null) w.push(eq(scenarioResponses.itemId, f.itemId));
  if (f.enterpriseId != null) w.push(eq(scenarioResponses.enterpriseId, f.enterpriseId));
  const r = await db
    .select({ r: scenarioResponses, enterpriseName: enterprises.name, itemTitle: scenarioItems.title })
    .from(scenarioResponses)
    .innerJoin(scenarioItems, eq(scenarioItems.id, scenarioResponses.itemId))
    .leftJoin(enterprises, eq(enterprises.id, scenarioResponses.enterpriseId))
    .where(and(...w))
    .orderBy(desc(scenarioResponses.createdAt), desc(scenarioResponses.id));
  return r.map((x) => ({ ...x.r, enterpriseName: x.enterpriseName, itemTitle: x.itemTitle }));
}

// ---- matches ----

const needs = alias(scenarioItems, 'need');
const caps = alias(scenarioItems, 'cap');

export async function listScenarioMatches(db: Db, scope: ZoneScope, f: { itemId?: number; stage?: string; batchId?: number } = {}) {
  const w: SQL[] = [eq(scenarioMatches.zoneId, scope.zoneId)];
  if (f.itemId != null) w.push(or(eq(scenarioMatches.needId, f.itemId), eq(scenarioMatches.capabilityId, f.itemId))!);
  if (f.stage) w.push(eq(scenarioMatches.stage, f.stage));
  if (f.batchId != null) w.push(eq(needs.batchId, f.batchId));
  const r = await db
    .select({ m: scenarioMatches, needTitle: needs.title, capabilityTitle: caps.title, needBatchId: needs.batchId })
    .from(scenarioMatches)
    .innerJoin(needs, eq(needs.id, scenarioMatches.needId))
    .innerJoin(caps, eq(caps.id, scenarioMatches.capabilityId))
    .where(and(...w))
    .orderBy(desc(scenarioMatches.updatedAt), desc(scenarioMatches.id));
  return r.map((x) => ({ ...x.m, needTitle: x.needTitle, capabilityTitle: x.capabilityTitle, needBatchId: x.needBatchId }));
}

export async function findScenarioMatch(db: Db, scope: ZoneScope, id: number) {
  const r = await db
    .select()
    .from(scenarioMatches)
    .where(and(eq(scenarioMatches.zoneId, scope.zoneId), eq(scenarioMatches.id, id)));
  return r[0];
}

export async function findScenarioMatchByPair(db: Db, scope: ZoneScope, needId: number, capabilityId: number) {
  const r = await db
    .select()
    .from(scenarioMatches)
    .where(
      and(eq(scenarioMatches.zoneId, scope.zoneId), eq(scenarioMatches.needId, needId), eq(scenarioMatches.capabilityId, capabilityId)),
    );
  return r[0];
}

export async function insertScenarioMatch(
  db: Db,
  scope: ZoneScope,
  v: {
    needId: number;
    capabilityId: number;
    source: string;
    stage?: string;
    score?: number | null;
    notes?: string | null;
    synthetic?: boolean;
  },
) {
  const [r] = await db
    .insert(scenarioMatches)
    .values({ ...v, zoneId: scope.zoneId })
    .returning();
  return r;
}

export async function updateScenarioMatch(db: Db, scope: ZoneScope, id: number, patch: { stage?: string; notes?: string | null }) {
  const [r] = await db
    .update(scenarioMatches)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(scenarioMatches.zoneId, scope.zoneId), eq(scenarioMatches.id, id)))
    .returning();
  return r;
}

export async function insertScenarioMatchHistory(
  db: Db,
  scope: ZoneScope,
  h: { matchId: number; fromStage: string | null; toStage: string; note?: string | null; at?: Date },
) {
  await db.insert(scenarioMatchHistory).values({ ...h, zoneId: scope.zoneId, actorId: scope.actorId });
}

export async function scenarioMatchHistoryOf(db: Db, scope: ZoneScope, matchIds: number[]) {
  if (!matchIds.length) return [];
  return db
    .select({ h: scenarioMatchHistory, actor: users.displayName })
    .from(scenarioMatchHistory)
    .leftJoin(users, eq(users.id, scenarioMatchHistory.actorId))
    .where(and(eq(scenarioMatchHistory.zoneId, scope.zoneId), inArray(scenarioMatchHistory.matchId, matchIds)))
    .orderBy(asc(scenarioMatchHistory.at), asc(scenarioMatchHistory.id))
    .then((r) => r.map((x) => ({ ...x.h, actor: x.actor })));
}

/**
 * For the report: per match, the batch of its need and every stage it ever reached (from the stage history, so a
 * 未成 match still counts for the stages it passed).
 */
export async function scenarioMatchReached(db: Db, scope: ZoneScope) {
  return db
    .select({
      matchId: scenarioMatches.id,
      stage: scenarioMatches.stage,
      batchId: needs.batchId,
      reached: sql<string[]>`array(select distinct h.to_stage from scenario_match_history h where h.match_id = ${scenarioMatches.id})`,
    })
    .from(scenarioMatches)
    .innerJoin(needs, eq(needs.id, scenarioMatches.needId))
    .where(eq(scenarioMatches.zoneId, scope.zoneId));
}
