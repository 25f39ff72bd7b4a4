import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { zones } from '../platform/schema.ts';
import type { ZoneScope } from '../platform/scope.ts';
import { createTestDb } from '../testing.ts';
import {
  deleteScenarioDraft,
  findScenarioItem,
  insertScenarioBatch,
  insertScenarioItem,
  listScenarioBatches,
  listScenarioItems,
  nextScenarioBatchNumber,
  scenarioIndexRows,
  scenarioTags,
} from './repo.ts';

let database: Database;
let a: ZoneScope;
let b: ZoneScope;

beforeAll(async () => {
  database = await createTestDb();
  const [za, zb] = await database.db
    .insert(zones)
    .values([
      { code: 'sa', name: '甲区', province: '440000', provinceName: '广东省', region: 'east' },
      { code: 'sb', name: '乙区', province: '440000', provinceName: '广东省', region: 'east' },
    ])
    .returning();
  a = { zoneId: za.id, zoneCode: za.code, actorId: null };
  b = { zoneId: zb.id, zoneCode: zb.code, actorId: null };
});
afterAll(() => database?.close());

const item = (title: string, state: string, batchId: number | null = null, tags = ['无人机']) => ({
  kind: 'need',
  title,
  description: `${title}的说明`,
  tags,
  state,
  batchId,
});

describe('scenario repository', () => {
  it('scopes every read by zone and shows the public only published items in published batches', async () => {
    const b1 = await insertScenarioBatch(database.db, a, {
      number: await nextScenarioBatchNumber(database.db, a),
      title: '第一批',
      published: true,
    });
    const b2 = await insertScenarioBatch(database.db, a, { number: await nextScenarioBatchNumber(database.db, a), title: '第二批' });
    expect([b1.number, b2.number]).toEqual([1, 2]);
    expect(await nextScenarioBatchNumber(database.db, b)).toBe(1);
    const pub = await insertScenarioItem(database.db, a, item('公开需求', 'published', b1.id, ['无人机', '低空经济']));
    await insertScenarioItem(database.db, a, item('未发布批次中的需求', 'published', b2.id));
    await insertScenarioItem(database.db, a, item('草稿', 'draft', b1.id));
    await insertScenarioItem(database.db, a, item('已撤回', 'withdrawn', b1.id));
    const other = await insertScenarioItem(database.db, b, item('乙区需求', 'published'));

    const all = await listScenarioItems(database.db, a, { page: 1, pageSize: 50 });
    expect(all.total).toBe(4);
    const pubs = await listScenarioItems(database.db, a, { page: 1, pageSize: 50, publicOnly: true });
    expect(pubs.rows.map((r) => r.title)).toEqual(['公开需求']);
    expect(pubs.rows[0].batchNumber).toBe(1);
    expect((await scenarioIndexRows(database.db, a)).map((r) => r.id)).toEqual([pub.id]);
    expect(await findScenarioItem(database.db, a, other.id)).toBeUndefined();
    expect(await findScenarioItem(database.db, b, other.id)).toBeTruthy();
    expect(await listScenarioItems(database.db, a, { page: 1, pageSize: 50, ids: [other.id] })).toEqual({ rows: [], total: 0 });
    expect(await scenarioTags(database.db, a, true)).toEqual([
      { tag: '低空经济', n: 1 },
      { tag: '无人机', n: 1 },
    ]);
    const byTag = await listScenarioItems(database.db, a, { page: 1, pageSize: 50, tag: '低空经济' });
    expect(byTag.total).toBe(1);
    const batches = await listScenarioBatches(database.db, a, true);
    expect(batches.map((x) => [x.number, x.items, x.publicItems])).toEqual([[1, 3, 1]]);
  });

  it('deletes drafts only', async () => {
    const rows = (await listScenarioItems(database.db, a, { page: 1, pageSize: 50 })).rows;
    for (const r of rows) await deleteScenarioDraft(database.db, a, r.id);
    const left = (await listScenarioItems(database.db, a, { page: 1, pageSize: 50 })).rows.map((r) => r.state).sort();
    expect(left).toEqual(['published', 'published', 'withdrawn']);
  });
});
