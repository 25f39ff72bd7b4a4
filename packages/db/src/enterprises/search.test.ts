import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { enterprises, zones } from '../schema.ts';
import { createTestDb } from '../testing.ts';
import { listEnterprises } from './repo.ts';

let database: Database;
let scope: { zoneId: number; zoneCode: string; actorId: null };
let other: { zoneId: number; zoneCode: string; actorId: null };

beforeAll(async () => {
  database = await createTestDb();
  const [a, b] = await database.db
    .insert(zones)
    .values([
      { code: 'sa', name: '甲区', province: '440000', provinceName: '广东省', region: 'east' },
      { code: 'sb', name: '乙区', province: '440000', provinceName: '广东省', region: 'east' },
    ])
    .returning();
  scope = { zoneId: a.id, zoneCode: a.code, actorId: null };
  other = { zoneId: b.id, zoneCode: b.code, actorId: null };
  await database.db.insert(enterprises).values([
    { zoneId: a.id, uscc: '91440101MA59AAAA1X', name: 'ABB光电科技有限公司' },
    { zoneId: a.id, uscc: '91440101MA59BBBB2Y', name: '广州嘉达新材料有限公司' },
    { zoneId: a.id, uscc: '91440101MA59CCCC3Z', name: '广州新名有限公司', formerNames: ['广州旧嘉达有限公司', 'Old Name Ltd'] },
    { zoneId: a.id, uscc: '91440101MA59DDDD4A', name: '百分之百100%公司' },
    { zoneId: b.id, uscc: '91440101MA59EEEE5B', name: '乙区嘉达公司' },
  ]);
});
afterAll(() => database.close());

const names = async (q: string, s = scope) =>
  (await listEnterprises(database.db, s, { q, asOf: '2026-01-01' }, 1, 20)).rows.map((r) => r.name).sort();

it('finds a name or a former name containing the query, in the caller’s zone only', async () => {
  expect(await names('嘉达')).toEqual(['广州嘉达新材料有限公司', '广州新名有限公司']);
  expect(await names('嘉达', other)).toEqual(['乙区嘉达公司']);
  expect(await names('嘉')).toHaveLength(2);
});

it('ignores case for Latin letters, in names and former names', async () => {
  expect(await names('abb光电')).toEqual(['ABB光电科技有限公司']);
  expect(await names('old name')).toEqual(['广州新名有限公司']);
});

it('matches a USCC prefix, whatever its case, and takes % and _ literally', async () => {
  expect(await names('91440101ma59bb')).toEqual(['广州嘉达新材料有限公司']);
  expect(await names('100%')).toEqual(['百分之百100%公司']);
  expect(await names('1_0')).toEqual([]);
});
