import type { ImportRecord, MergePlan } from '@kaifaqu/core/enterprises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { zones } from '../schema.ts';
import { createTestDb } from '../testing.ts';
import { applyMergePlans } from './repo.ts';

// Enough new records for the bulk path to rebuild the secondary indexes on PGlite (DEFER_INDEXES_FROM).
const N = 10_000;
let database: Database;
let scope: { zoneId: number; zoneCode: string; actorId: null };

const indexes = async () =>
  (
    await database.query<{ d: string }>(
      `select indexdef as d from pg_indexes where tablename in ('enterprises', 'enterprise_years', 'enterprise_changes') order by indexname`,
    )
  ).map((r) => r.d);
const count = async (t: string) => Number((await database.query<{ n: string }>(`select count(*) as n from ${t}`))[0].n);

function items(prefix: string) {
  return Array.from({ length: N }, (_, i) => {
    const rec: ImportRecord = {
      row: i + 2,
      uscc: `${prefix}${String(i).padStart(8, '0')}`,
      enterprise: {
        uscc: `${prefix}${String(i).padStart(8, '0')}`,
        // Characters COPY and array literals must escape.
        name: i === 0 ? '甲\t"乙"\\丙\n公司' : `演示${i}号有限公司`,
        formerNames: i === 0 ? ['旧,名', 'say "hi"', 'back\\slash'] : [],
        industryCode: '3612',
        foreignInvested: i % 2 === 0,
        registeredCapitalYuan: 1_000_000 + i,
        establishedOn: '2020-02-29',
        tags: i % 3 === 0 ? ['ai', 'software'] : [],
      },
      ...(i % 4 === 0 ? {} : { year: 2024, figures: { aboveScale: i % 5 === 0, revenueYuan: 10_000 * i, employees: i % 900 } }),
    };
    const plan: MergePlan = { row: rec.row, uscc: rec.uscc, action: 'create', changes: [], conflicts: [] };
    return { rec, plan };
  });
}

beforeAll(async () => {
  database = await createTestDb();
  const [z] = await database.db
    .insert(zones)
    .values({ code: 'bulk', name: '批量区', province: '440000', provinceName: '广东省', region: 'east' })
    .returning();
  scope = { zoneId: z.id, zoneCode: z.code, actorId: null };
});
afterAll(async () => {
  await database?.close();
});

describe('bulk creation of imported enterprises', () => {
  it('writes records, figures and one history entry each, with values intact and every index back in place', async () => {
    const before = await indexes();
    await database.db.transaction(async (tx) => {
      expect(await applyMergePlans(tx, scope, items('91440112A'), null)).toBe(N);
    });
    expect(await count('enterprises')).toBe(N);
    expect(await count('enterprise_years')).toBe(N - N / 4);
    expect(await count('enterprise_changes')).toBe(N);
    expect(await indexes()).toEqual(before);
    const [first] = await database.query<Record<string, unknown>>(
      `select name, former_names, foreign_invested, tech_sme, tags, established_on::text as est, registered_capital_yuan::text as cap
       from enterprises where uscc = '91440112A00000000'`,
    );
    expect(first).toEqual({
      name: '甲\t"乙"\\丙\n公司',
      former_names: ['旧,名', 'say "hi"', 'back\\slash'],
      foreign_invested: true,
      tech_sme: false,
      tags: ['ai', 'software'],
      est: '2020-02-29',
      cap: '1000000',
    });
    const [y] = await database.query<Record<string, unknown>>(
      `select y.above_scale, y.revenue_yuan::text as rev, y.employees from enterprise_years y join enterprises e on e.id = y.enterprise_id
       where e.uscc = '91440112A00000005'`,
    );
    expect(y).toEqual({ above_scale: true, rev: '50000', employees: 5 });
    const [h] = await database.query<{ after: Record<string, unknown> }>(
      `select c.after from enterprise_changes c join enterprises e on e.id = c.enterprise_id where e.uscc = '91440112A00000005'`,
    );
    expect(h.after).toMatchObject({ uscc: '91440112A00000005', name: '演示5号有限公司', revenueYuan: 50000 });
    // New ids keep coming from the sequence after the reserved block.
    const [next] = await database.query<{ id: number }>(
      `insert into enterprises (zone_id, uscc, name) values (${scope.zoneId}, 'X1', 'x') returning id`,
    );
    const [max] = await database.query<{ m: number }>(`select max(id) as m from enterprises where uscc <> 'X1'`);
    expect(Number(next.id)).toBeGreaterThan(Number(max.m));
  });

  it('leaves nothing behind, indexes included, when the transaction fails afterwards', async () => {
    const before = { indexes: await indexes(), enterprises: await count('enterprises'), changes: await count('enterprise_changes') };
    await expect(
      database.db.transaction(async (tx) => {
        await applyMergePlans(tx, scope, items('91440112B'), null);
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect({ indexes: await indexes(), enterprises: await count('enterprises'), changes: await count('enterprise_changes') }).toEqual(
      before,
    );
  });
});
