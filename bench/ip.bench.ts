// `npm run bench -- ip`: zone IP statistics and the export-market exposure gap over 50,000 IP assets of 5,000
// enterprises (plus ~6,000 export markets). PGlite in memory, or PostgreSQL when DATABASE_URL is set (a fresh
// database, dropped afterwards). Prints timings; asserts nothing.

import { findZoneByCode, seedDemo } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { gapForEnterprise, gapForZone, zoneStats } from '../packages/server/src/ip/service.ts';
import { fmt, time } from './util.ts';

export default async function (args: string[]) {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 20);
  const database = await createTestDb();
  let t0 = performance.now();
  await seedDemo(database, { seed: 42, small: true, refDate: '2025-06-30' });
  const zone = (await findZoneByCode(database.db, 'demo'))!;
  const scope = { zoneId: zone.id, zoneCode: zone.code, actorId: null };
  const z = zone.id;
  await database.query(`delete from ip_markets where zone_id = $1`, [z]);
  await database.query(`delete from ip_cases where zone_id = $1`, [z]);
  await database.query(`delete from ip_help_requests where zone_id = $1`, [z]);
  await database.query(`delete from ip_policies where zone_id = $1`, [z]);
  await database.query(`delete from ip_assets where zone_id = $1`, [z]);
  await database.query(
    `insert into enterprises (zone_id, uscc, name, established_on, industry_code, synthetic)
     select $1, 'IPBENCH' || lpad(i::text, 11, '0'), '基准知识产权企业' || i, date '2010-01-01' + (i * 7 % 4000),
       (array['3973','2761','3841','2651','3670','3499'])[1 + i % 6], true
     from generate_series(1, 5000) i`,
    [z],
  );
  await database.query(
    `insert into enterprise_years (zone_id, enterprise_id, year, revenue_yuan)
     select $1, e.id, 2024, 10000000 + (e.id * 7919) % 2000000000 from enterprises e where e.zone_id = $1 and e.uscc like 'IPBENCH%'`,
    [z],
  );
  // 10 assets per enterprise: CN inventions/utility/design/software/trademark plus US/EP/JP/PCT/EU family members
  await database.query(
    `insert into ip_assets (zone_id, enterprise_id, kind, number, number_key, title, jurisdiction, filing_date, grant_date, expiry_date, status, family_id, ip_class, synthetic)
     select $1, e.id,
       (array['invention','invention','utility','design','software','trademark','invention','invention','invention','trademark'])[k],
       'B' || e.id || '-' || k, 'B' || e.id || '-' || k, '基准专利' || k,
       case when k <= 6 then 'CN' else (array['US','EP','JP','PCT','EU','JP','KR'])[1 + (e.id + k) % 7] end,
       date '2008-01-01' + ((e.id * 31 + k * 97) % 6000),
       case when (e.id + k) % 5 = 0 then null else date '2008-01-01' + ((e.id * 31 + k * 97) % 6000) + 700 end,
       date '2008-01-01' + ((e.id * 31 + k * 97) % 6000) + 7300,
       case when (e.id + k) % 5 = 0 then 'pending' when (e.id + k) % 17 = 0 then 'lapsed' else 'granted' end,
       'F' || e.id, case when k in (1, 2, 7, 8, 9) then 'I' when k in (3, 4, 5) then 'II' end, true
     from enterprises e cross join generate_series(1, 10) k where e.zone_id = $1 and e.uscc like 'IPBENCH%'`,
    [z],
  );
  await database.query(
    `update ip_assets set award = 'cpa_excellence', award_year = 2020 + id % 5 where zone_id = $1 and kind = 'invention' and id % 97 = 0`,
    [z],
  );
  await database.query(
    `insert into ip_markets (zone_id, enterprise_id, country, kind, revenue_share_pct, synthetic)
     select $1, e.id, (array['US','DE','JP','KR','VN','IN','BR','FR','GB','AE','MX','SG'])[1 + (e.id * 3 + m) % 12], case when m = 2 then 'planned' else 'export' end,
       5 + (e.id * 13 + m) % 30, true
     from enterprises e cross join generate_series(1, 2) m where e.zone_id = $1 and e.uscc like 'IPBENCH%' and e.id % 5 <> 0
     on conflict do nothing`,
    [z],
  );
  await database.query('analyze');
  const c = (
    await database.query<{ a: string; m: string; e: string }>(
      `select (select count(*) from ip_assets where zone_id = $1) a, (select count(*) from ip_markets where zone_id = $1) m,
        (select count(distinct enterprise_id) from ip_assets where zone_id = $1) e`,
      [z],
    )
  )[0];
  console.log(
    `db: ${database.kind}; data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s — zone demo: ${c.a} IP assets of ${c.e} enterprises, ${c.m} export markets`,
  );
  const report = (label: string, r: { median: number; p95: number; min: number; runs: number }) =>
    console.log(
      `${label.padEnd(52)} median ${fmt(r.median).padStart(10)}  p95 ${fmt(r.p95).padStart(10)}  min ${fmt(r.min).padStart(10)}  (${r.runs} runs)`,
    );
  const ref = '2025-06-30';
  const one = Number((await database.query<{ id: number }>(`select min(enterprise_id) id from ip_markets where zone_id = $1`, [z]))[0].id);
  t0 = performance.now();
  report('zone statistics (GET /ip/stats)', await time(() => zoneStats(database, scope, ref), runs));
  report('zone gap matrix + by country + top 50 (GET /ip/gap/zone)', await time(() => gapForZone(database, scope, ref, 50), runs));
  report('one enterprise gap matrix (GET /ip/gap?enterpriseId)', await time(() => gapForEnterprise(database, scope, one, ref), runs));
  const s = await zoneStats(database, scope, ref);
  const g = await gapForZone(database, scope, ref, 50);
  console.log(
    `check: ${s.validInventionPatents} valid CN invention patents, ${g.markets} markets, ${g.unprotectedMarkets} unprotected, ${(g.revenueAtRiskYuan / 1e8).toFixed(2)} 亿元 at risk; timed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(
    `load average: ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  await database.close();
}
