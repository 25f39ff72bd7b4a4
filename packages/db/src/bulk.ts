import { sql } from 'drizzle-orm';

type Tx = { execute: (q: ReturnType<typeof sql>) => Promise<unknown> };

/**
 * For a bulk load whose foreign keys hold by construction (parents written or checked in the same transaction):
 * skips the per-row foreign-key triggers until the transaction ends (`set local session_replication_role =
 * replica`, superuser only — PGlite always, PostgreSQL when the role may). Returns false, changing nothing, when the
 * role may not; the keys are then checked row by row as usual. No other triggers exist in the schema.
 */
export async function skipForeignKeyChecks(tx: Tx): Promise<boolean> {
  await tx.execute(sql`savepoint kfq_replica`);
  try {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`release savepoint kfq_replica`);
    return true;
  } catch {
    await tx.execute(sql`rollback to savepoint kfq_replica`);
    return false;
  }
}

/** Foreign keys checked again for the rest of the transaction. */
export async function restoreForeignKeyChecks(tx: Tx): Promise<void> {
  await tx.execute(sql`set local session_replication_role = origin`);
}
