import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { enterprises } from './schema.ts';

export async function enterpriseInZone(db: Db, scope: ZoneScope, id: number): Promise<boolean> {
  const r = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.zoneId, scope.zoneId), eq(enterprises.id, id)))
    .limit(1);
  return r.length > 0;
}
