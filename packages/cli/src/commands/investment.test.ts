import { computeCapitalReport } from '@kaifaqu/core/investment';
import { capitalRows, type Database, findZoneByCode, overviewFigures, seedDemo } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanReport, investmentReport } from './investment.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
  await seedDemo(database, { seed: 42, refDate: '2024-11-15' });
}, 120_000);
afterAll(() => database?.close());

describe('kaifaqu investment report (calibrated demo)', () => {
  it('reads the seed figures for Jan–Oct 2024', async () => {
    const r = await investmentReport(database, 'demo', '2024-01', '2024-10');
    expect(r.newForeignEnterprises).toBe(240);
    expect(r.actualFdiUsd).toBe(1_657_000_000);
    expect(r.contractFdiUsd).toBe(987_000_000);
    expect(r.prev.contractFdiUsd).toBe(546_270_000);
    expect(r.contractFdiYoY).toBe(0.8068);
    expect(r.signedForeignProjects).toMatchObject({ count: 35, contractInvestmentYuan: 21_300_000_000 });
    expect(r.byCountry.reduce((a, g) => a + g.actualFdiUsd, 0)).toBe(1_657_000_000);
    expect(r.byIndustry.reduce((a, g) => a + g.newForeignEnterprises, 0)).toBe(240);
    expect(r.byCountry[0].name).toMatch(/[\u4e00-\u9fa5]/);
    expect(humanReport(r)).toContain('+80.68%');
  });
  it('2023 actual FDI exceeds US$3.0 bn', async () => {
    const r = await investmentReport(database, 'demo', '2023-01', '2023-12');
    expect(r.actualFdiUsd).toBe(3_050_000_000);
  });
  it('refuses bad months and unknown zones', async () => {
    await expect(investmentReport(database, 'demo', '2024-13', '2024-10')).rejects.toThrow(/invalid months/);
    await expect(investmentReport(database, 'nope', '2024-01', '2024-10')).rejects.toThrow(/no such zone/);
  });
  it('capital linkage: H1 2024 has 26 new venture firms with ¥4.8 bn; calibrated project series unchanged', async () => {
    const zone = (await findZoneByCode(database.db, 'demo'))!;
    const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
    const c = computeCapitalReport({
      from: '2024-01',
      to: '2024-06',
      ...(await capitalRows(database.db, scope, '2024-01-01', '2024-07-01')),
    });
    expect(c.newVentureFirms).toBe(26);
    expect(c.newCapitalYuan).toBe(4_800_000_000);
    const o = await overviewFigures(database.db, scope, 2023, '2024-10-31');
    expect(o.fortune500Projects).toBe(330);
    const stages = await database.query<{ stage: string }>('select distinct stage from investment_projects where zone_id = $1', [zone.id]);
    expect(stages.length).toBe(10);
  });
});
