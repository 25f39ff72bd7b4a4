import { type Database, seedDemo } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanIpStats, ipStatsReport } from './ip.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
  await seedDemo(database, { seed: 42, refDate: '2025-06-30' });
}, 300_000);
afterAll(() => database?.close());

describe('kaifaqu ip stats (calibrated demo)', () => {
  it('computes the zone figures from records; cover in force is the calibrated ¥560 m', async () => {
    const r = await ipStatsReport(database, 'demo', '2025-06-30');
    expect(r.coverInForceYuan).toBe(560_000_000);
    expect(r.validInventionPatents).toBeGreaterThan(100);
    expect(r.validInventionPer10k).toBeCloseTo(Math.round((r.validInventionPatents * 100_000) / r.population!) / 10);
    expect(r.inventionGrantsPerYear.length).toBeGreaterThan(5);
    expect(humanIpStats(r)).toContain('5.60 亿元');
  });
  it('rejects an unknown zone and a bad date', async () => {
    await expect(ipStatsReport(database, 'nope', '2025-06-30')).rejects.toThrow(/no such zone/);
    await expect(ipStatsReport(database, 'demo', '2025-6-30')).rejects.toThrow(/invalid date/);
  });
});
