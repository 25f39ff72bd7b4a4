// National evaluation on the platform: seeding the 233-zone, 8-year demo history; publishing a run for 233 zones ×
// 40 indicators with 10,000 Monte-Carlo replications (engine run + store + publish, through the service layer), with
// the Monte-Carlo pool cold (first run after start) and warm; the replication step alone in this thread vs the pool;
// the zone results endpoint's server time (service call, and through Fastify inject with a signed-in zone admin).
import { availableParallelism, loadavg } from 'node:os';
import { prepareUncertainty, runReplications, syntheticInput } from '@kaifaqu/core/evaluation';
import type { FrameworkRowData } from '@kaifaqu/core/evaluation-platform';
import { evalRounds, evalSubmissions, seedEvaluationDemo, zones } from '@kaifaqu/db';
import { buildInput, frameworkMeta } from '../packages/core/src/evaluation-platform/index.ts';
import { closeMcPool, forcePool, usesPool, warmMcPool } from '../packages/server/src/evaluation/mc-pool.ts';
import { createFramework, createRun, publish, zoneResultsView } from '../packages/server/src/evaluation/service.ts';
import { createTestApp } from '../packages/server/src/testing.ts';
import { fmt, time } from './util.ts';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export default async function (args: string[]) {
  const mcRuns = Number(args.find((a) => a.startsWith('--mc='))?.slice(5) ?? 10_000);
  console.log(`cores ${availableParallelism()}, load ${load()}`);
  const t0 = performance.now();
  const app = await createTestApp({ seed: 'small' });
  const { database } = app;
  let t = performance.now();
  console.log(`four small demo zones with users: ${fmt(t - t0)}`);
  await database.db.transaction((tx) => seedEvaluationDemo(tx, { mcRuns: 1000 }));
  console.log(`seed evaluation demo (229 zones + 8 published years × 1000 MC, 233 zones × 18 indicators): ${fmt(performance.now() - t)}`);

  // 40-indicator framework and rounds of locked submissions for all 233 zones.
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
  const actor = { id: null, name: 'bench' };
  const fw = await createFramework(
    database,
    actor,
    { code: 'bench-40', name: '40 指标（演示数据）', rows, pipeline: { name: 'bench', impute: { method: 'group-mean', group: 'Region' } } },
    '127.0.0.1',
  );
  const zs = await database.db.select().from(zones).orderBy(zones.id);
  const roundWithData = async (year: number) => {
    const [round] = await database.db
      .insert(evalRounds)
      .values({ year, dataYear: year - 1, frameworkId: fw.id, status: 'open' })
      .returning();
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
    return round;
  };
  const runAndPublish = async (year: number, label: string) => {
    const round = await roundWithData(year);
    const l = load();
    const pooled = usesPool(mcRuns);
    t = performance.now();
    const run = await createRun(database, actor, round.id, { mcRuns }, '127.0.0.1');
    const tRun = performance.now() - t;
    t = performance.now();
    await publish(database, actor, run.id, '127.0.0.1');
    const tPub = performance.now() - t;
    console.log(
      `run + publish (${label}), ${run.units} zones × 40 indicators, ${mcRuns} Monte-Carlo replications: run ${fmt(tRun)}, publish ${fmt(tPub)}, total ${fmt(tRun + tPub)} [${pooled ? 'worker pool' : 'in thread: load ≥ cores'}] (load ${l})`,
    );
  };
  await runAndPublish(2030, 'first');
  await runAndPublish(2031, 'second');
  await runAndPublish(2032, 'third');

  // The replication step alone: this thread vs the pool (same result).
  const meta = frameworkMeta(rows);
  const data = buildInput(
    meta,
    zs.map((z, i) => ({
      code: z.code,
      name: z.name,
      region: z.region,
      province: z.province,
      values: Object.fromEntries(input.meta.indicators.map((c) => [c, input.data.values[c][i]])),
    })),
  );
  t = performance.now();
  const p = prepareUncertainty(data, meta, { name: 'bench', impute: { method: 'group-mean', group: 'Region' } }, { seed: 1 });
  console.log(`prepare (nominal + ${p.combos.length} data combinations): ${fmt(performance.now() - t)}`);
  for (let k = 0; k < 2; k++) {
    const l = load();
    t = performance.now();
    const single = runReplications(p, 0, mcRuns);
    const tSingle = performance.now() - t;
    warmMcPool();
    t = performance.now();
    const pooled = await forcePool(p, mcRuns);
    const tPool = performance.now() - t;
    const same = single.every((v, i) => v === pooled[i]);
    console.log(`${mcRuns} replications: this thread ${fmt(tSingle)}, pool ${fmt(tPool)} (identical ${same}) (load ${l})`);
  }
  await closeMcPool();

  const demo = zs.find((z) => z.code === 'demo')!;
  const scope = { zoneId: demo.id, zoneCode: 'demo', actorId: null };
  const r = await time(() => zoneResultsView(database, scope), 20, 3);
  console.log(`zone results (service, demo zone, 8 published years): median ${fmt(r.median)}, p95 ${fmt(r.p95)} (load ${load()})`);
  const admin = await app.as('demo-admin');
  const h = await time(
    async () => {
      const res = await admin.inject({ url: '/api/zones/demo/evaluation/results' });
      if (res.statusCode !== 200) throw new Error(`results ${res.statusCode}`);
    },
    20,
    3,
  );
  console.log(`zone results (HTTP inject incl. auth + JSON): median ${fmt(h.median)}, p95 ${fmt(h.p95)} (load ${load()})`);
  await app.close();
}
