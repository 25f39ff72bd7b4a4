import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { memberships, users } from './schema.ts';
import type { ZoneScope } from './scope.ts';

export interface MemberRow {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  role: string;
  bureau: string | null;
  enterpriseId: number | null;
}

const memberCols = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  disabled: users.disabled,
  role: memberships.role,
  bureau: memberships.bureau,
  enterpriseId: memberships.enterpriseId,
};

/** Users holding a membership in the scoped zone. */
export async function listMembers(db: Db, scope: ZoneScope, page: number, pageSize: number) {
  const where = eq(memberships.zoneId, scope.zoneId);
  const [rows, total] = await Promise.all([
    db
      .select(memberCols)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(memberships).where(where),
  ]);
  return { rows: rows as MemberRow[], total: Number(total[0].n) };
}

export async function findMember(db: Db, scope: ZoneScope, userId: number): Promise<MemberRow | undefined> {
  return (
    await db
      .select(memberCols)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.zoneId, scope.zoneId), eq(users.id, userId)))
      .limit(1)
  )[0] as MemberRow | undefined;
}

export async function insertMember(
  db: Db,
  scope: ZoneScope,
  m: { username: string; displayName: string; passwordHash: string; role: string; bureau: string | null; enterpriseId: number | null },
): Promise<number> {
  const [u] = await db
    .insert(users)
    .values({ username: m.username, displayName: m.displayName, passwordHash: m.passwordHash })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: u.id, zoneId: scope.zoneId, role: m.role, bureau: m.bureau, enterpriseId: m.enterpriseId });
  return u.id;
}

export async function updateMember(
  db: Db,
  scope: ZoneScope,
  userId: number,
  patch: { displayName?: string; disabled?: boolean; role?: string; bureau?: string | null },
) {
  if (patch.displayName !== undefined || patch.disabled !== undefined)
    await db.update(users).set({ displayName: patch.displayName, disabled: patch.disabled }).where(eq(users.id, userId));
  if (patch.role !== undefined || patch.bureau !== undefined)
    await db
      .update(memberships)
      .set({ role: patch.role, bureau: patch.bureau })
      .where(and(eq(memberships.zoneId, scope.zoneId), eq(memberships.userId, userId)));
}

export async function removeMember(db: Db, scope: ZoneScope, userId: number) {
  await db.delete(memberships).where(and(eq(memberships.zoneId, scope.zoneId), eq(memberships.userId, userId)));
}
