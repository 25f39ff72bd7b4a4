import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from './client.ts';

/**
 * A migrated, empty database for one test file: PGlite in memory, or — when DATABASE_URL is set —
 * a fresh PostgreSQL database created for this file and dropped by `close()`.
 */
export async function createTestDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await createDatabase();
    await database.migrate();
    return database;
  }
  const scratch = await scratchPgDatabase(url, `kfq_test_${process.pid}_${randomBytes(4).toString('hex')}`);
  const database = await createDatabase({ url: scratch.url, poolSize: 4 });
  await database.migrate();
  const close = database.close;
  database.close = async () => {
    await close();
    await scratch.drop();
  };
  return database;
}

async function onServer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * An empty PostgreSQL database `name` on the server of `url` (dropped first if a crashed run left it), for tests and
 * benchmarks that hand a connection string to another process. `drop()` removes it.
 */
export async function scratchPgDatabase(url: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`scratch database name must be [a-z0-9_]: ${name}`);
  await onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(url, `CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
