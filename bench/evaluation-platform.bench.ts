// National evaluation on the platform: seeding the 233-zone, 8-year demo history; publishing a run for 233 zones ×
// 40 indicators with 10,000 Monte-Carlo replications (engine run + store + publish, through the service layer);
// the zone results endpoint's server time (service call, and through Fastify inject).
import { availableParallelism, loadavg } from 'node:os';
import { syntheticInput } from '@kaifaqu/core/evaluation';
import type { FrameworkRowData } from '@kaifaqu/core/evaluation-platform';
import { evalRounds, evalSubmissions, seedEvaluationDemo, zones } from '@kaifaqu/db';
import { createTestDb } from '@kaifaqu/db/testing';
import { loadReferenceData } from '../packages/db/src/reference/index.ts';
import { createFramework, createRun, publish, zoneResultsView } from '../packages/server/src/evaluation/service.ts';
import { fmt, time } from './util.ts';

export default async function (args: string[]) {
  const mcRuns = Number(args.find((a) => a.startsWith('--mc='))?.slice(5) ?? 10_000);
  console.log(
    `cores ${availableParallelism()}, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const database = await createTestDb();
  await loadReferenceData(database.db);
  await database.db.insert(zones).values([
    { code: 'demo', name: '演示经开区', province: '440000', provinceName: '广东省', region: 'east', synthetic: true },
    { code: 'demo-b', name: '演示经开区B', province: '320000', provinceName: '江苏省', region: 'east', synthetic: true },
    { code: 'demo-c', name: '演示经开区C', province: '420000', provinceName: '湖北省', region: 'central', synthetic: true },
    { code: 'demo-d', name: '演示经开区D', province: '510000', provinceName: '四川省', region: 'west', synthetic: true },
  ]);
  let t = performance.now();
  await database.db.transaction((tx) => seedEvaluationDemo(tx));
  console.log(`seed evaluation demo (229 zones + 8 published years, 233 zones × 18 indicators): ${fmt(performance.now() - t)}`);

  // 40-indicator framework and a round of locked submissions for all 233 zones.
  const input = syntheticInput(7, 233, 40, 8);
  const rows: FrameworkRowData[] = input.meta.rows.map((r) => ({
    iCode: r.iCode,
    iName: r.iName,
    type: r.type as FrameworkRowData['type'],
    level: r.level,
    parent: r.parent,
    direction: r.direction,
    weight: r.weight,
  }));
  const actor = { id: 0, name: 'bench' };
  const fw = await createFramework(
    database,
    { ...actor, id: null as never },
    { code: 'bench-40', name: '40 指标（演示数据）', rows, pipeline: { name: 'bench', impute: { method: 'group-mean', group: 'Region' } } },
    '127.0.0.1',
  );
  const [round] = await database.db
    .insert(evalRounds)
    .values({ year: 2030, dataYear: 2029, frameworkId: fw.id, status: 'open' })
    .returning();
  const zs = await database.db.select().from(zones).orderBy(zones.id);
  await database.db.insert(evalSubmissions).values(
    zs.map((z, i) => ({
      roundId: round.id,
      zoneId: z.id,
      status: 'locked',
      values: Object.fromEntries(
        input.meta.indicators.map((c) => [c, Number.isNaN(input.data.values[c][i]) ? null : input.data.values[c][i]]),
      ),
    })),
  );
  t = performance.now();
  const run = await createRun(database, { ...actor, id: null as never }, round.id, { mcRuns }, '127.0.0.1');
  const tRun = performance.now() - t;
  t = performance.now();
  await publish(database, { ...actor, id: null as never }, run.id, '127.0.0.1');
  const tPub = performance.now() - t;
  console.log(
    `run + publish, ${run.units} zones × 40 indicators, ${mcRuns} Monte-Carlo replications: run ${fmt(tRun)}, publish ${fmt(tPub)}, total ${fmt(tRun + tPub)}`,
  );

  const demo = zs.find((z) => z.code === 'demo')!;
  const scope = { zoneId: demo.id, zoneCode: 'demo', actorId: null };
  const r = await time(() => zoneResultsView(database, scope), 20, 3);
  console.log(`zone results (service, demo zone, 9 published years): median ${fmt(r.median)}, p95 ${fmt(r.p95)}`);
  await database.close();
}
