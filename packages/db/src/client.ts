import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Both drivers produce a PgDatabase; repositories are written against this one type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Runs a parameterised SQL statement and returns its rows (for tooling such as backups and benchmarks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function createDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      // Connections stay open when idle (pg closes them after 10 s by default): a new one is a new server process
      // that plans every statement afresh and loads its catalog caches, so a burst after a quiet spell was slow —
      // 50 concurrent list requests after 11 s idle took 333–418 ms instead of 96–112 ms (2 M firms).
      min: opts.poolSize ?? 10,
      // No parallel workers for the platform's own queries: starting one costs ~5 ms, more than the index-driven
      // pages it would split (a 规上 list page at 2 M firms: 12.4 ms with a worker, 1.0 ms without), and under
      // concurrent requests the cores are taken anyway. A URL that sets `options` keeps its own.
      ...(/[?&]options=/.test(opts.url) ? {} : { options: '-c max_parallel_workers_per_gather=0' }),
    });
    // An idle client losing its server must not crash the process; the next query reports the error.
    pool.on('error', () => {});
    // A checked-out client (a transaction) has no pool listener: if its server goes away, pg emits 'error' on it and,
    // unheard, that is an uncaught exception that kills the process. Its running query rejects anyway (→ 503) and the
    // pool drops the dead client on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder }),
      close: () => pool.end(),
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await client.waitReady;
  const pdb = drizzlePglite(client, { schema });
  return {
    db: pdb as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(pdb, { migrationsFolder }),
    close: () => client.close(),
    query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
  };
}
