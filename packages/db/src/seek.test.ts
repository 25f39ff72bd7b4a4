import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { listEnterprises } from './enterprises/repo.ts';
import { enterprises, zones } from './schema.ts';
import { SEEK_STRIDE, type SeekOf, seekPoint } from './seek.ts';
import { createTestDb } from './testing.ts';

describe('seekPoint', () => {
  const points = [500, 1000, 1500]; // ids of rows 500, 1000, 1500 (1-based) with a stride of 500
  it('starts before the first stride from the beginning', () => {
    expect(seekPoint(points, 0, 500)).toEqual({ after: null, skip: 0 });
    expect(seekPoint(points, 499, 500)).toEqual({ after: null, skip: 499 });
  });
  it('starts after the nearest checkpoint at or before the offset', () => {
    expect(seekPoint(points, 500, 500)).toEqual({ after: 500, skip: 0 });
    expect(seekPoint(points, 1234, 500)).toEqual({ after: 1000, skip: 234 });
  });
  it('uses the last checkpoint past the end of the list', () => {
    expect(seekPoint(points, 9000, 500)).toEqual({ after: 1500, skip: 7500 });
    expect(seekPoint([], 9000, 500)).toEqual({ after: null, skip: 9000 });
  });
});

let database: Database;
let scope: { zoneId: number; zoneCode: string; actorId: null };
const FIRMS = 2 * SEEK_STRIDE + 237;

beforeAll(async () => {
  database = await createTestDb();
  const [a, b] = await database.db
    .insert(zones)
    .values([
      { code: 'ka', name: '甲区', province: '440000', provinceName: '广东省', region: 'east' },
      { code: 'kb', name: '乙区', province: '440000', provinceName: '广东省', region: 'east' },
    ])
    .returning();
  scope = { zoneId: a.id, zoneCode: a.code, actorId: null };
  // The two zones' ids interleave, and every third firm is foreign-invested: checkpoints are ids of the filtered list.
  const rows = Array.from({ length: FIRMS * 2 }, (_, i) => ({
    zoneId: i % 2 ? b.id : a.id,
    uscc: `91440101MA${String(i).padStart(7, '0')}X`,
    name: `企业${i}`,
    foreignInvested: i % 3 === 0,
  }));
  for (let i = 0; i < rows.length; i += 500) await database.db.insert(enterprises).values(rows.slice(i, i + 500));
}, 60_000);
afterAll(() => database.close());

describe('deep pages of an id-ordered list seek from checkpoints', () => {
  const memo = (): { seekOf: SeekOf; calls: () => number } => {
    const kept = new Map<string, number[]>();
    let calls = 0;
    return {
      seekOf: async (key, compute) => {
        calls++;
        if (!kept.has(key)) kept.set(key, await compute());
        return kept.get(key)!;
      },
      calls: () => calls,
    };
  };
  const ids = async (f: Parameters<typeof listEnterprises>[2], page: number, size: number, seekOf?: SeekOf) =>
    (await listEnterprises(database.db, scope, f, page, size, undefined, seekOf)).rows.map((r) => r.id);

  it('gives the same rows as plain offsets, on both sides of each checkpoint, both directions, with a filter', async () => {
    const m = memo();
    const cases: [Parameters<typeof listEnterprises>[2], number][] = [
      [{ asOf: '2026-01-01' }, 7],
      [{ asOf: '2026-01-01', order: 'desc' }, 7],
      [{ asOf: '2026-01-01', foreignInvested: true }, 20],
      [{ asOf: '2026-01-01', sort: 'id', order: 'desc', foreignInvested: false }, 33],
    ];
    for (const [f, size] of cases) {
      const last = Math.ceil(FIRMS / size) + 1;
      for (const page of [
        1,
        Math.max(2, Math.floor(SEEK_STRIDE / size)),
        Math.ceil(SEEK_STRIDE / size) + 1,
        Math.floor((2 * SEEK_STRIDE) / size) + 1,
        last,
      ]) {
        expect(await ids(f, page, size, m.seekOf), JSON.stringify({ f, page })).toEqual(await ids(f, page, size));
      }
    }
    expect(m.calls()).toBeGreaterThan(0);
  });

  it('does not seek a page within the first stride, nor a list sorted by another column', async () => {
    const m = memo();
    await ids({ asOf: '2026-01-01' }, 2, SEEK_STRIDE - 1, m.seekOf);
    await ids({ asOf: '2026-01-01', sort: 'name' }, 40, 20, m.seekOf);
    expect(m.calls()).toBe(0);
    await ids({ asOf: '2026-01-01' }, 40, 20, m.seekOf);
    expect(m.calls()).toBe(1);
  });
});
