import pg from 'pg';
import { expect, it } from 'vitest';
import { createDatabase } from './client.ts';

const url = process.env.DATABASE_URL;

it.skipIf(!url)('PostgreSQL: the pool keeps its idle connections (min = max), so a burst after a quiet spell finds them', async () => {
  const database = await createDatabase({ url, poolSize: 3 });
  try {
    const pool = (database.db as { $client?: unknown }).$client;
    expect(pool).toBeInstanceOf(pg.Pool);
    const p = pool as pg.Pool & { options: { min: number; max: number } };
    await Promise.all([1, 2, 3].map(() => database.query('select pg_sleep(0.05)')));
    expect(p.totalCount).toBe(3);
    // pg closes an idle client only while the pool holds more than `min`.
    expect(p.options.min).toBe(p.options.max);
    expect(p.idleCount).toBe(3);
  } finally {
    await database.close();
  }
});
