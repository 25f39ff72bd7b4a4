import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { runNamed } from './named.ts';
import { zones } from './platform/schema.ts';
import { createTestDb } from './testing.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
  await database.db.insert(zones).values({ code: 'nm', name: '命名区', province: '440000', provinceName: '广东省', region: 'east' });
});
afterAll(() => database.close());

it('runs a select builder as a named statement (PostgreSQL) with the same rows as unnamed', async () => {
  const q = (code: string) =>
    database.db.select({ id: zones.id, code: zones.code, createdAt: zones.createdAt }).from(zones).where(eq(zones.code, code)).limit(5);
  const plain = await q('nm');
  expect(plain).toHaveLength(1);
  const sent: (string | undefined)[] = [];
  const pool = (database.db as { $client?: unknown }).$client;
  if (pool instanceof pg.Pool) {
    const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
    pool.query = ((config: { name?: string }, ...rest: unknown[]) => {
      sent.push(config?.name);
      return query(config, ...rest);
    }) as typeof pool.query;
  }
  expect(await runNamed(q('nm'))).toEqual(plain);
  expect(await runNamed(q('other'))).toEqual([]);
  if (database.kind === 'postgres') {
    expect(sent[0]).toMatch(/^kfq_/);
    // Same text, other values: the same statement.
    expect(sent[1]).toBe(sent[0]);
  }
});
