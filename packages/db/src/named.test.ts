import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { preparedOnce } from './named.ts';
import { zones } from './platform/schema.ts';
import { createTestDb } from './testing.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
  await database.db.insert(zones).values({ code: 'nm', name: '命名区', province: '440000', provinceName: '广东省', region: 'east' });
});
afterAll(() => database.close());

it('builds a query once per key and runs it as a named statement (PostgreSQL) with the same rows as unnamed', async () => {
  const sent: (string | undefined)[] = [];
  const pool = (database.db as { $client?: unknown }).$client;
  if (pool instanceof pg.Pool) {
    const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
    pool.query = ((config: { name?: string }, ...rest: unknown[]) => {
      sent.push(config?.name);
      return query(config, ...rest);
    }) as typeof pool.query;
  }
  let builds = 0;
  const byCode = () =>
    preparedOnce(database.db, 'zones-by-code', (name) => {
      builds++;
      return database.db
        .select({ id: zones.id, code: zones.code, createdAt: zones.createdAt })
        .from(zones)
        .where(eq(zones.code, sql.placeholder('code')))
        .prepare(name);
    });
  const plain = await database.db
    .select({ id: zones.id, code: zones.code, createdAt: zones.createdAt })
    .from(zones)
    .where(eq(zones.code, 'nm'));
  expect(plain).toHaveLength(1);
  expect(await byCode().execute({ code: 'nm' })).toEqual(plain);
  expect(await byCode().execute({ code: 'other' })).toEqual([]);
  expect(builds).toBe(1);
  if (database.kind === 'postgres') {
    expect(sent.at(-2)).toMatch(/^kfq_/);
    expect(sent.at(-1)).toBe(sent.at(-2));
  }
});
