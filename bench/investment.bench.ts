// `npm run bench -- investment`: the pipeline board over 5,000 projects and the FDI year report over
// 60 months × 5,000 foreign-invested enterprises (300,000 monthly rows). PGlite in memory, or PostgreSQL
// when DATABASE_URL is set (a fresh database, dropped afterwards). Prints timings; asserts nothing.

import { findZoneByCode, seedDemo } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { fdiReport, kanbanSvc } from '../packages/server/src/investment/service.ts';
import { fmt, time } from './util.ts';

export default async function (args: string[]) {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 30);
  const database = await createTestDb();
  let t0 = performance.now();
  await seedDemo(database, { seed: 42, small: true, refDate: '2024-12-31' });
  const zone = (await findZoneByCode(database.db, 'demo'))!;
  const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
  const z = zone.id;
  // 5,000 foreign-invested enterprises established 2015–2024, 60 months (2020-01..2024-12) of FDI each, 5,000 projects.
  await database.query(
    `insert into enterprises (zone_id, uscc, name, established_on, industry_code, foreign_invested, source_country, synthetic)
     select $1, 'BENCH' || lpad(i::text, 13, '0'), '基准外资企业' || i, date '2015-01-01' + (i * 7 % 3650),
       (array['3973','2761','3841','2651','3670','3499'])[1 + i % 6], true, (array['HK','SG','JP','DE','US','KR','TW'])[1 + i % 7], true
     from generate_series(1, 5000) i`,
    [z],
  );
  await database.query(
    `insert into fdi_monthly (zone_id, enterprise_id, month, contract_usd, actual_usd, synthetic)
     select $1, e.id, m::date, (e.id * 7919 + extract(month from m)::int * 104729) % 900000, (e.id * 104729 + extract(year from m)::int) % 1500000, true
     from enterprises e cross join generate_series(date '2020-01-01', date '2024-12-01', interval '1 month') m
     where e.zone_id = $1 and e.uscc like 'BENCH%'`,
    [z],
  );
  await database.query(
    `insert into investment_projects (zone_id, name, investor, stage, "foreign", source_country, contract_investment_yuan, investment_amount, synthetic)
     select $1, '基准项目' || i, '基准投资方' || (i % 1700), (array['lead','contact','negotiating','signed','registered','started','producing','full_production','on_hold','lost'])[1 + i % 10],
       i % 3 = 0, case when i % 3 = 0 then 'HK' end, 10000000 + (i * 7919) % 2000000000, 10000000 + (i * 7919) % 2000000000, true
     from generate_series(1, 5000) i`,
    [z],
  );
  await database.query('analyze');
  const counts = (
    await database.query<{ p: string; f: string; e: string }>(
      `select (select count(*) from investment_projects where zone_id = $1) p, (select count(*) from fdi_monthly where zone_id = $1) f,
        (select count(*) from enterprises where zone_id = $1 and foreign_invested) e`,
      [z],
    )
  )[0];
  console.log(
    `db: ${database.kind}; data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s — zone demo: ${counts.p} projects, ${counts.e} foreign-invested enterprises, ${counts.f} FDI monthly rows`,
  );
  const report = (label: string, r: { median: number; p95: number; min: number; runs: number }) =>
    console.log(
      `${label.padEnd(58)} median ${fmt(r.median).padStart(10)}  p95 ${fmt(r.p95).padStart(10)}  min ${fmt(r.min).padStart(10)}  (${r.runs} runs)`,
    );
  t0 = performance.now();
  report('kanban (all stages, 30 cards/stage, weighted forecast)', await time(() => kanbanSvc(database, scope, {}, 30), runs));
  report(
    'kanban filtered (q=基准投资方17, foreign)',
    await time(() => kanbanSvc(database, scope, { q: '基准投资方17', foreign: true }, 30), runs),
  );
  const y = await fdiReport(database.db, scope, '2024-01', '2024-12');
  report(
    'FDI year report 2024 (+2023 for y/y), by country/industry',
    await time(() => fdiReport(database.db, scope, '2024-01', '2024-12'), runs),
  );
  report('FDI report YTD 2024-01..2024-10', await time(() => fdiReport(database.db, scope, '2024-01', '2024-10'), runs));
  report('FDI report over all 60 months 2020-01..2024-12', await time(() => fdiReport(database.db, scope, '2020-01', '2024-12'), runs));
  console.log(
    `(2024 actual FDI in the bench zone: US$${y.actualFdiUsd.toLocaleString('en-US')}; ${y.byCountry.length} countries, ${y.byIndustry.length} industries)`,
  );
  await database.close();
}
