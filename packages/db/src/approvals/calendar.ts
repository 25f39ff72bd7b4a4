import { asc, count, eq, max } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { calendarOverrides } from './schema.ts';

export interface CalendarOverrideRow {
  year: number;
  holidays: string[];
  workdays: string[];
  note: string | null;
  updatedBy: number | null;
  updatedAt: Date;
}

/** Calendar overrides are global (the official arrangement is national), managed by the 系统管理员. */
export async function listCalendarOverrides(db: Db): Promise<CalendarOverrideRow[]> {
  return db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.year));
}

export async function findCalendarOverride(db: Db, year: number): Promise<CalendarOverrideRow | undefined> {
  return (await db.select().from(calendarOverrides).where(eq(calendarOverrides.year, year)).limit(1))[0];
}

/** Cheap fingerprint of the table, so a cached calculator is rebuilt when any process changed it. */
export async function calendarOverridesVersion(db: Db): Promise<string> {
  const [r] = await db.select({ n: count(), at: max(calendarOverrides.updatedAt) }).from(calendarOverrides);
  return `${r.n}:${r.at ? new Date(r.at as unknown as string).getTime() : 0}`;
}

export async function upsertCalendarOverride(
  db: Db,
  row: { year: number; holidays: string[]; workdays: string[]; note: string | null },
  actorId: number | null,
): Promise<void> {
  const now = new Date();
  await db
    .insert(calendarOverrides)
    .values({ ...row, updatedBy: actorId, updatedAt: now })
    .onConflictDoUpdate({
      target: calendarOverrides.year,
      set: { holidays: row.holidays, workdays: row.workdays, note: row.note, updatedBy: actorId, updatedAt: now },
    });
}

export async function deleteCalendarOverride(db: Db, year: number): Promise<void> {
  await db.delete(calendarOverrides).where(eq(calendarOverrides.year, year));
}
