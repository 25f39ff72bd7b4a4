import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enterprises } from '../enterprises/schema.ts';
import { containsPattern } from '../like.ts';
import { users } from '../platform/schema.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { approvalApplications, approvalItemEvents, approvalItems, approvalItemTypes } from './schema.ts';

export type ItemTypeRow = typeof approvalItemTypes.$inferSelect;
export type ItemPause = { from: string; to: string | null; reason?: string };

export async function listItemTypes(db: Db, scope: ZoneScope): Promise<ItemTypeRow[]> {
  return db
    .select()
    .from(approvalItemTypes)
    .where(eq(approvalItemTypes.zoneId, scope.zoneId))
    .orderBy(asc(approvalItemTypes.sortOrder), asc(approvalItemTypes.id));
}

export async function findItemType(db: Db, scope: ZoneScope, id: number): Promise<ItemTypeRow | undefined> {
  return (
    await db
      .select()
      .from(approvalItemTypes)
      .where(and(eq(approvalItemTypes.zoneId, scope.zoneId), eq(approvalItemTypes.id, id)))
      .limit(1)
  )[0];
}

export async function insertItemType(
  db: Db,
  scope: ZoneScope,
  t: { code: string; name: string; nameEn?: string | null; legalDays: number; department: string; sortOrder?: number },
): Promise<number> {
  const [r] = await db
    .insert(approvalItemTypes)
    .values({ ...t, zoneId: scope.zoneId })
    .returning({ id: approvalItemTypes.id });
  return r.id;
}

export async function updateItemType(
  db: Db,
  scope: ZoneScope,
  id: number,
  patch: { name?: string; nameEn?: string | null; legalDays?: number; department?: string; sortOrder?: number },
): Promise<void> {
  await db
    .update(approvalItemTypes)
    .set(patch)
    .where(and(eq(approvalItemTypes.zoneId, scope.zoneId), eq(approvalItemTypes.id, id)));
}

export interface ApplicationFilter {
  page: number;
  pageSize: number;
  /** Only this enterprise's applications (enterprise users). */
  enterpriseId?: number;
  q?: string;
}

const appCols = {
  id: approvalApplications.id,
  enterpriseId: approvalApplications.enterpriseId,
  enterpriseName: enterprises.name,
  projectName: approvalApplications.projectName,
  landParcel: approvalApplications.landParcel,
  investmentYuan: approvalApplications.investmentYuan,
  submittedOn: approvalApplications.submittedOn,
  synthetic: approvalApplications.synthetic,
};
export type ApplicationRow = {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  projectName: string;
  landParcel: string | null;
  investmentYuan: number | null;
  submittedOn: string;
  synthetic: boolean;
};

export async function listApplications(db: Db, scope: ZoneScope, f: ApplicationFilter) {
  const conds: (SQL | undefined)[] = [eq(approvalApplications.zoneId, scope.zoneId)];
  if (f.enterpriseId != null) conds.push(eq(approvalApplications.enterpriseId, f.enterpriseId));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(ilike(approvalApplications.projectName, like), ilike(enterprises.name, like)));
  }
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    db
      .select(appCols)
      .from(approvalApplications)
      .innerJoin(enterprises, eq(enterprises.id, approvalApplications.enterpriseId))
      .where(where)
      .orderBy(desc(approvalApplications.submittedOn), desc(approvalApplications.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(approvalApplications)
      .innerJoin(enterprises, eq(enterprises.id, approvalApplications.enterpriseId))
      .where(where),
  ]);
  return { rows: rows as ApplicationRow[], total: Number(total[0].n) };
}

export async function findApplication(db: Db, scope: ZoneScope, id: number): Promise<ApplicationRow | undefined> {
  return (
    await db
      .select(appCols)
      .from(approvalApplications)
      .innerJoin(enterprises, eq(enterprises.id, approvalApplications.enterpriseId))
      .where(and(eq(approvalApplications.zoneId, scope.zoneId), eq(approvalApplications.id, id)))
      .limit(1)
  )[0] as ApplicationRow | undefined;
}

const itemCols = {
  id: approvalItems.id,
  applicationId: approvalItems.applicationId,
  itemTypeId: approvalItems.itemTypeId,
  itemCode: approvalItemTypes.code,
  itemName: approvalItemTypes.name,
  itemNameEn: approvalItemTypes.nameEn,
  legalDays: approvalItems.legalDays,
  department: approvalItems.department,
  state: approvalItems.state,
  acceptedOn: approvalItems.acceptedOn,
  dueOn: approvalItems.dueOn,
  completedOn: approvalItems.completedOn,
  pauses: approvalItems.pauses,
  synthetic: approvalItems.synthetic,
};
export type ItemRow = {
  id: number;
  applicationId: number;
  itemTypeId: number;
  itemCode: string;
  itemName: string;
  itemNameEn: string | null;
  legalDays: number;
  department: string;
  state: string;
  acceptedOn: string | null;
  dueOn: string | null;
  completedOn: string | null;
  pauses: ItemPause[];
  synthetic: boolean;
};

/** Items of some applications (already checked to be in the zone). */
export async function itemsOfApplications(db: Db, scope: ZoneScope, applicationIds: number[]): Promise<ItemRow[]> {
  if (!applicationIds.length) return [];
  return (await db
    .select(itemCols)
    .from(approvalItems)
    .innerJoin(approvalItemTypes, eq(approvalItemTypes.id, approvalItems.itemTypeId))
    .where(and(eq(approvalItems.zoneId, scope.zoneId), inArray(approvalItems.applicationId, applicationIds)))
    .orderBy(asc(approvalItemTypes.sortOrder), asc(approvalItems.id))) as ItemRow[];
}

/** Items of the zone in the given states, with application and enterprise, for overdue lists and reports. */
export async function itemsByState(db: Db, scope: ZoneScope, states: string[]) {
  return (await db
    .select({
      ...itemCols,
      projectName: approvalApplications.projectName,
      enterpriseId: approvalApplications.enterpriseId,
      enterpriseName: enterprises.name,
    })
    .from(approvalItems)
    .innerJoin(approvalItemTypes, eq(approvalItemTypes.id, approvalItems.itemTypeId))
    .innerJoin(approvalApplications, eq(approvalApplications.id, approvalItems.applicationId))
    .innerJoin(enterprises, eq(enterprises.id, approvalApplications.enterpriseId))
    .where(and(eq(approvalItems.zoneId, scope.zoneId), inArray(approvalItems.state, states)))
    .orderBy(asc(approvalItems.dueOn), asc(approvalItems.id))) as (ItemRow & {
    projectName: string;
    enterpriseId: number;
    enterpriseName: string;
  })[];
}

/** Locks the item row for a transition (concurrent transitions on one item serialize). */
export async function lockItem(db: Db, scope: ZoneScope, itemId: number) {
  return (
    await db
      .select({ ...itemCols, enterpriseId: approvalApplications.enterpriseId })
      .from(approvalItems)
      .innerJoin(approvalItemTypes, eq(approvalItemTypes.id, approvalItems.itemTypeId))
      .innerJoin(approvalApplications, eq(approvalApplications.id, approvalItems.applicationId))
      .where(and(eq(approvalItems.zoneId, scope.zoneId), eq(approvalItems.id, itemId)))
      .for('update', { of: approvalItems })
  )[0] as (ItemRow & { enterpriseId: number }) | undefined;
}

export async function updateItemClock(
  db: Db,
  scope: ZoneScope,
  itemId: number,
  c: { state: string; acceptedOn: string | null; dueOn: string | null; completedOn: string | null; pauses: ItemPause[] },
): Promise<void> {
  await db
    .update(approvalItems)
    .set({ state: c.state, acceptedOn: c.acceptedOn, dueOn: c.dueOn, completedOn: c.completedOn, pauses: c.pauses })
    .where(and(eq(approvalItems.zoneId, scope.zoneId), eq(approvalItems.id, itemId)));
}

export async function insertItemEvent(
  db: Db,
  scope: ZoneScope,
  e: { itemId: number; fromState: string | null; toState: string; on: string; note?: string | null },
): Promise<void> {
  await db.insert(approvalItemEvents).values({ ...e, note: e.note ?? null, zoneId: scope.zoneId, actorId: scope.actorId });
}

export async function eventsOfItems(db: Db, scope: ZoneScope, itemIds: number[]) {
  if (!itemIds.length) return [];
  return db
    .select({
      id: approvalItemEvents.id,
      itemId: approvalItemEvents.itemId,
      fromState: approvalItemEvents.fromState,
      toState: approvalItemEvents.toState,
      on: approvalItemEvents.on,
      note: approvalItemEvents.note,
      actor: users.displayName,
      at: approvalItemEvents.at,
    })
    .from(approvalItemEvents)
    .leftJoin(users, eq(users.id, approvalItemEvents.actorId))
    .where(and(eq(approvalItemEvents.zoneId, scope.zoneId), inArray(approvalItemEvents.itemId, itemIds)))
    .orderBy(asc(approvalItemEvents.itemId), asc(approvalItemEvents.id));
}

export async function insertApplication(
  db: Db,
  scope: ZoneScope,
  a: { enterpriseId: number; projectName: string; landParcel: string | null; investmentYuan: number | null; submittedOn: string },
  items: { itemTypeId: number; legalDays: number; department: string }[],
): Promise<number> {
  const [app] = await db
    .insert(approvalApplications)
    .values({ ...a, zoneId: scope.zoneId, createdBy: scope.actorId })
    .returning({ id: approvalApplications.id });
  if (items.length) {
    const rows = await db
      .insert(approvalItems)
      .values(items.map((i) => ({ ...i, applicationId: app.id, zoneId: scope.zoneId })))
      .returning({ id: approvalItems.id });
    await db.insert(approvalItemEvents).values(
      rows.map((r) => ({
        zoneId: scope.zoneId,
        itemId: r.id,
        fromState: null,
        toState: 'submitted',
        on: a.submittedOn,
        actorId: scope.actorId,
      })),
    );
  }
  return app.id;
}
