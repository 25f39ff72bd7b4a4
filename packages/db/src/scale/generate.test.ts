import { validateUscc } from '@kaifaqu/core/enterprises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { seedDemo } from '../demo/seed.ts';
import { createTestDb } from '../testing.ts';
import { generateScale, zipfAllocation } from './generate.ts';

describe('zipfAllocation', () => {
  it('splits the total exactly, largest first, long tail', () => {
    const a = zipfAllocation(2_000_000, 229, 0.7);
    expect(a.reduce((s, x) => s + x, 0)).toBe(2_000_000);
    expect(a[0]).toBeGreaterThan(100_000);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeLessThanOrEqual(a[i - 1] + 1);
    expect(zipfAllocation(7, 3, 0)).toEqual([3, 2, 2]);
  });
});

const onPg = Boolean(process.env.DATABASE_URL);

describe.skipIf(onPg)('generateScale on PGlite', () => {
  it('refuses with a clear reason', async () => {
    const database = await createTestDb();
    await expect(generateScale(database, { enterprises: 10 })).rejects.toThrow(/PostgreSQL/);
    await database.close();
  });
});

describe.skipIf(!onPg)('generateScale on PostgreSQL', () => {
  let database: Database;
  const q = <T = Record<string, unknown>>(text: string) => database.query<T>(text);
  beforeAll(async () => {
    database = await createTestDb();
    await seedDemo(database, { seed: 42, small: true });
  }, 120_000);
  afterAll(async () => database?.close());

  it('fills the empty zones with valid, synthetic, deterministic rows in one go', async () => {
    const before = Number((await q<{ n: string }>('select count(*) as n from enterprises'))[0].n);
    const r = await generateScale(database, {
      zones: 10,
      enterprises: before + 6000,
      projects: 300,
      scenarioItems: 200,
      years: [2022, 2023],
      username: 'scale-test',
    });
    expect(r.generatedZones).toBe(6);
    expect(r.rows.enterprises).toBe(6000);
    expect(Number((await q<{ n: string }>('select count(*) as n from zones'))[0].n)).toBe(10);
    const rows = await q<{ uscc: string; synthetic: boolean }>('select uscc, synthetic from enterprises where zone_id > 4');
    expect(rows).toHaveLength(6000);
    expect(rows.filter((x) => !validateUscc(x.uscc).valid)).toEqual([]);
    expect(new Set(rows.map((x) => x.uscc)).size).toBe(6000);
    expect(rows.every((x) => x.synthetic)).toBe(true);
    // Every yearly row belongs to a generated firm of the same zone; 规上 only for industrial firms.
    const bad = await q<{ n: string }>(`select count(*) as n from enterprise_years y join enterprises e on e.id = y.enterprise_id
      where e.zone_id > 4 and (y.zone_id <> e.zone_id or (y.above_scale and not (e.industry_code >= '06' and e.industry_code < '47')))`);
    expect(Number(bad[0].n)).toBe(0);
    const biggest = await q<{ code: string; n: string }>(`select z.code, count(*) as n from enterprises e join zones z on z.id = e.zone_id
      where z.id > 4 group by 1 order by 2 desc limit 1`);
    expect(biggest[0].code).toBe(r.bigZone?.code);
    const user = await q<{ role: string }>(
      `select m.role from users u join memberships m on m.user_id = u.id where u.username = 'scale-test'`,
    );
    expect(user).toEqual([{ role: 'zone_admin' }]);
    // The same seed gives the same data: the firm of row 1 is a function of (seed, 1).
    const first = await q<{ name: string }>(`select name from enterprises where zone_id > 4 order by id limit 1`);
    expect(first[0].name).toMatch(/公司$/);
    await expect(generateScale(database, { username: 'scale-test' })).rejects.toThrow(/already generated/);
  }, 120_000);
});
