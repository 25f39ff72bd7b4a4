import { and, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { preparedOnce } from '../named.ts';
import { auditLog, loginAttempts, memberships, sessions, users, zones } from './schema.ts';
import type { ZoneScope } from './scope.ts';

export type ZoneRow = typeof zones.$inferSelect;
export type UserRow = typeof users.$inferSelect;
type MembershipRow = typeof memberships.$inferSelect;

export async function listZones(db: Db): Promise<ZoneRow[]> {
  return db.select().from(zones).orderBy(zones.id);
}

export async function findZoneByCode(db: Db, code: string): Promise<ZoneRow | undefined> {
  return (await db.select().from(zones).where(eq(zones.code, code)).limit(1))[0];
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return (await db.select().from(users).where(eq(users.username, username)).limit(1))[0];
}

export async function userWithMemberships(db: Db, userId: number) {
  const user = (await db.select().from(users).where(eq(users.id, userId)).limit(1))[0];
  if (!user) return undefined;
  const rows = await db
    .select({ m: memberships, z: zones })
    .from(memberships)
    .innerJoin(zones, eq(zones.id, memberships.zoneId))
    .where(eq(memberships.userId, userId))
    .orderBy(zones.id);
  return { user, memberships: rows };
}

export async function createSession(db: Db, s: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(s);
}

export async function findSession(db: Db, tokenHash: string) {
  const row = (
    await db
      .select({ s: sessions, u: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gte(sessions.expiresAt, sql`now()`)))
      .limit(1)
  )[0];
  return row && !row.u.disabled ? row : undefined;
}

/**
 * Session, user and memberships (with their zones) in one round trip: it runs before every authenticated request,
 * where three sequential lookups were most of a cached page's cost.
 */
const sessionQuery = (db: Db, name: string) =>
  db
    // The zone's data version (see dataVersion) rides along, so memoised reads need no statement of their own.
    // Only what a request uses: the password hash in particular stays in the database.
    .select({
      s: { csrfToken: sessions.csrfToken },
      u: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        globalRole: users.globalRole,
        disabled: users.disabled,
      },
      m: { role: memberships.role, bureau: memberships.bureau, enterpriseId: memberships.enterpriseId },
      z: zones,
      version: sql<number | null>`(select a.id from audit_log a where a.zone_id = ${zones.id} order by a.id desc limit 1)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(zones, eq(zones.id, memberships.zoneId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('token')), gte(sessions.expiresAt, sql`now()`)))
    .orderBy(zones.id)
    .prepare(name);

export async function findSessionWithMemberships(db: Db, tokenHash: string) {
  // Built once per database object, parsed and planned once per connection: it runs before every request.
  const rows = await preparedOnce(db, 'session-with-memberships', (name) => sessionQuery(db, name)).execute({ token: tokenHash });
  const first = rows[0];
  if (!first || first.u.disabled) return undefined;
  const list: { m: Pick<MembershipRow, 'role' | 'bureau' | 'enterpriseId'>; z: ZoneRow; version: number }[] = [];
  for (const r of rows) if (r.m && r.z) list.push({ m: r.m, z: r.z, version: Number(r.version ?? 0) });
  return { s: first.s, u: first.u, memberships: list };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function recordLoginAttempt(db: Db, key: string, ok: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ key, ok });
}

/** Failed attempts for `key` within the last `windowSeconds`. */
export async function recentLoginFailures(db: Db, key: string, windowSeconds: number): Promise<number> {
  const r = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.key, key),
        eq(loginAttempts.ok, false),
        gte(loginAttempts.at, sql`now() - make_interval(secs => ${windowSeconds})`),
      ),
    );
  return Number(r[0].n);
}

export interface AuditInput {
  action: 'create' | 'update' | 'delete' | 'login' | 'logout' | string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends to the audit log inside the caller's transaction, so the entry and the change commit together. */
export async function writeAudit(
  db: Db,
  scope: Pick<ZoneScope, 'zoneId' | 'actorId'> | null,
  entry: AuditInput & { userId?: number | null },
) {
  await db.insert(auditLog).values({
    zoneId: scope?.zoneId ?? null,
    userId: scope?.actorId ?? entry.userId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
    ip: entry.ip ?? null,
  });
}

/**
 * Data version: the newest audit entry id, of one zone or (without `zoneId`) of all. Every write goes through a
 * service that audits in the same transaction, so a cached figure keyed by this version is never stale.
 */
export async function dataVersion(db: Db, zoneId?: number): Promise<number> {
  const r = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(zoneId === undefined ? undefined : eq(auditLog.zoneId, zoneId))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return r[0]?.id ?? 0;
}

export interface AuditFilter {
  page: number;
  pageSize: number;
  action?: string;
  entity?: string;
  user?: string;
  from?: string;
  to?: string;
}

export async function listAudit(db: Db, scope: ZoneScope, f: AuditFilter) {
  const conds: SQL[] = [eq(auditLog.zoneId, scope.zoneId)];
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.user) conds.push(eq(users.username, f.user));
  if (f.from) conds.push(gte(auditLog.at, sql`${f.from}::date`));
  if (f.to) conds.push(lte(auditLog.at, sql`${f.to}::date + interval '1 day'`));
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    db
      .select({ a: auditLog, username: users.username })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.userId)).where(where),
  ]);
  return { rows, total: Number(total[0].n) };
}
