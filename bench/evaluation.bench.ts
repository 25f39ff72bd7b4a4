// Evaluation engine: default pipeline on 233 × 40 × 3 levels, 10,000 Monte-Carlo replications (1 and 2 threads),
// ASEM end-to-end from CSV, what-if and path-to-rank; plus a plain straightforward implementation for the ratio.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  type EvaluationInput,
  loadInput,
  monteCarloResult,
  pathToRank,
  prepareUncertainty,
  runPipeline,
  sensitivityFromPrepared,
  syntheticInput,
  toCsv,
  whatIf,
} from '@kaifaqu/core/evaluation';
import { runParallel } from '../packages/cli/src/commands/evaluation.ts';
import { createMcPool } from '../packages/server/src/evaluation/mc-pool.ts';
import { fmt, time } from './util.ts';

interface PlainUnit {
  uCode: string;
  group: string;
  v: Record<string, number | null>;
}

/** The same default pipeline written the obvious way: row objects, array helpers, O(n²) ranks. */
function plainPipeline(input: EvaluationInput): Record<string, Record<string, number>> {
  const { meta, data } = input;
  const group = meta.groups[0];
  let units: PlainUnit[] = data.units.map((u, i) => ({
    uCode: u.uCode,
    group: data.groups[group][i],
    v: Object.fromEntries(meta.indicators.map((c) => [c, Number.isNaN(data.values[c][i]) ? null : data.values[c][i]])),
  }));
  for (const c of meta.indicators) {
    const den = meta.byCode[c].denominator;
    if (den) {
      units.forEach((u, i) => {
        u.v[c] = u.v[c] === null || !data.values[den][i] ? null : (u.v[c] as number) / data.values[den][i];
      });
    }
    for (const u of units) {
      if (u.v[c] !== null) continue;
      const same = units.filter((o) => o.group === u.group && o.v[c] !== null && !Number.isNaN(o.v[c] as number));
      u.v[c] = same.length ? same.reduce((s, o) => s + (o.v[c] as number), 0) / same.length : null;
    }
  }
  units = units.filter((u) => meta.indicators.filter((c) => u.v[c] !== null).length / meta.indicators.length >= 0.9);
  const skewKurt = (x: number[]) => {
    const n = x.length;
    const m = x.reduce((a, b) => a + b, 0) / n;
    const s2 = x.reduce((a, b) => a + (b - m) ** 2, 0);
    const s3 = x.reduce((a, b) => a + (b - m) ** 3, 0);
    const s4 = x.reduce((a, b) => a + (b - m) ** 4, 0);
    const skew = ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
    const kurt = (((n + 1) * ((n * s4) / s2 ** 2 - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
    return { skew, kurt, fail: Math.abs(skew) >= 2 && kurt >= 3.5 };
  };
  for (const c of meta.indicators) {
    const orig = units.map((u) => u.v[c]);
    let x = [...orig];
    const present = () => x.filter((v): v is number => v !== null);
    if (!skewKurt(present()).fail) continue;
    let nwin = 0;
    let hi: number[] = [];
    let lo: number[] = [];
    while (skewKurt(present()).fail && nwin < 5) {
      const p = present();
      const sorted = [...new Set(p)].sort((a, b) => a - b);
      if (skewKurt(p).skew >= 0) {
        const max = sorted[sorted.length - 1];
        hi = x.flatMap((v, i) => (v === max ? [i] : []));
        x = x.map((v) => (v === max ? sorted[sorted.length - 2] : v));
      } else {
        const min = sorted[0];
        lo = x.flatMap((v, i) => (v === min ? [i] : []));
        x = x.map((v) => (v === min ? sorted[1] : v));
      }
      nwin = hi.length + lo.length;
    }
    if (skewKurt(present()).fail) {
      const p = orig.filter((v): v is number => v !== null);
      const mn = Math.min(...p);
      const mx = Math.max(...p);
      x = orig.map((v) => (v === null ? null : Math.log(v - mn + 0.01 * (mx - mn))));
    }
    units.forEach((u, i) => {
      u.v[c] = x[i];
    });
  }
  for (const c of meta.indicators) {
    const d = meta.byCode[c].direction;
    const p = units
      .map((u) => u.v[c])
      .filter((v): v is number => v !== null)
      .map((v) => v * d);
    const mn = Math.min(...p);
    const mx = Math.max(...p);
    for (const u of units) if (u.v[c] !== null) u.v[c] = (((u.v[c] as number) * d - mn) / (mx - mn)) * 100;
  }
  for (const level of meta.aggregateLevels) {
    for (const a of level) {
      for (const u of units) {
        const kids = meta.children[a].filter((k) => u.v[k] !== null);
        const w = kids.reduce((s, k) => s + meta.byCode[k].weight, 0);
        u.v[a] = kids.reduce((s, k) => s + meta.byCode[k].weight * (u.v[k] as number), 0) / w;
      }
    }
  }
  const ranks: Record<string, Record<string, number>> = {};
  const codes = [...meta.indicators, ...meta.aggregateLevels.flat()];
  for (const c of codes) {
    ranks[c] = {};
    for (const u of units) ranks[c][u.uCode] = 1 + units.filter((o) => (o.v[c] as number) > (u.v[c] as number) + 1e-9).length;
  }
  for (const a of meta.aggregateLevels.flat()) {
    for (const u of units)
      ranks[`${a}@group`] = {
        ...ranks[`${a}@group`],
        [u.uCode]: 1 + units.filter((o) => o.group === u.group && (o.v[a] as number) > (u.v[a] as number) + 1e-9).length,
      };
  }
  const scores: Record<string, Record<string, number>> = { ranks: ranks.Index };
  for (const c of codes) scores[c] = Object.fromEntries(units.map((u) => [u.uCode, u.v[c] as number]));
  return scores;
}

/** CPU time (user + system, all threads of this process) per run: what the work costs when the machine is shared. */
async function cpu(fn: () => unknown | Promise<unknown>, runs: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(c);
    ms.push((d.user + d.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

export default async function (args: string[]) {
  const load = (await import('node:os')).loadavg()[0];
  console.log(`load average ${load.toFixed(1)} on ${availableParallelism()} cores (wall times inflate under load; CPU times do not)`);
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 10_000);
  const syn = syntheticInput(1, 233, 40, 8);
  console.log(
    `synthetic input: ${syn.data.units.length} units × ${syn.meta.indicators.length} indicators × ${syn.meta.maxLevel} levels (8 pillars + index)`,
  );

  const res = runPipeline(syn.data, syn.meta);
  const plain = plainPipeline(syn);
  let maxDiff = 0;
  res.units.forEach((u, i) => {
    maxDiff = Math.max(maxDiff, Math.abs(res.datasets.aggregated.values.Index[i] - plain.Index[u.uCode]));
    if (res.ranks.Index[i] !== plain.ranks[u.uCode]) maxDiff = Number.POSITIVE_INFINITY;
  });
  console.log(
    `plain implementation agrees: max |Δ index| = ${maxDiff.toExponential(2)} (ranks identical: ${Number.isFinite(maxDiff)}); ${res.treatment.length} indicators treated`,
  );

  const engine = await time(() => runPipeline(syn.data, syn.meta), 50, 10);
  const naive = await time(() => plainPipeline(syn), 20, 3);
  console.log(`default pipeline (engine):       median ${fmt(engine.median)}  p95 ${fmt(engine.p95)}  min ${fmt(engine.min)}`);
  console.log(`default pipeline (plain version): median ${fmt(naive.median)}  p95 ${fmt(naive.p95)}  min ${fmt(naive.min)}`);
  const engineCpu = await cpu(() => runPipeline(syn.data, syn.meta), 30);
  const naiveCpu = await cpu(() => plainPipeline(syn), 10);
  console.log(`CPU time per run: engine ${fmt(engineCpu)}, plain ${fmt(naiveCpu)}`);
  console.log(
    `ratio plain / engine: wall median ${(naive.median / engine.median).toFixed(1)}×, wall min ${(naive.min / engine.min).toFixed(1)}×, CPU ${(naiveCpu / engineCpu).toFixed(1)}×`,
  );

  const cores = availableParallelism();
  for (const workers of [1, 2]) {
    if (workers > cores) continue;
    const job = async () => {
      const p = prepareUncertainty(syn.data, syn.meta, undefined, { seed: 1 });
      monteCarloResult(p, runs, await runParallel(p, runs, workers));
    };
    const t = await time(job, 3, 1);
    const c = await cpu(job, 2);
    console.log(
      `Monte-Carlo ${runs} replications, ${workers} thread(s), cold (incl. worker start-up and preparing 8 method combinations): median ${fmt(t.median)}  min ${fmt(t.min)}  CPU ${fmt(c)}`,
    );
  }
  // A warm pool, as a server would keep for interactive what-if pages: worker start-up is paid once.
  if (cores >= 2) {
    const pool = createMcPool(2);
    const warm = await time(
      async () => {
        const p = prepareUncertainty(syn.data, syn.meta, undefined, { seed: 1 });
        monteCarloResult(p, runs, await pool.run(p, runs));
      },
      5,
      2,
    );
    await pool.close();
    console.log(
      `Monte-Carlo ${runs} replications, warm pool of 2 worker threads (incl. preparing): median ${fmt(warm.median)}  min ${fmt(warm.min)}`,
    );
  }
  const p = prepareUncertainty(syn.data, syn.meta, undefined, { seed: 1 });
  const sa = await time(() => sensitivityFromPrepared(p, 1000, 1), 3, 1);
  console.log(`Saltelli sensitivity N = 1000 (7,000 model runs): median ${fmt(sa.median)}`);

  const dir = new URL('../packages/core/src/evaluation/data/coinr-asem/', import.meta.url);
  const asemData = readFileSync(new URL('ASEM_iData.csv', dir), 'utf8');
  const asemMeta = readFileSync(new URL('ASEM_iMeta.csv', dir), 'utf8');
  const e2e = await time(
    () => {
      const inp = loadInput(asemData, 'ASEM_iData.csv', asemMeta, 'ASEM_iMeta.csv');
      return runPipeline(inp.data, inp.meta);
    },
    30,
    5,
  );
  console.log(`ASEM end-to-end from CSV text (parse + validate + pipeline): median ${fmt(e2e.median)}  p95 ${fmt(e2e.p95)}`);
  const csv = toCsv(syn);
  const synE2e = await time(
    () => {
      const inp = loadInput(csv.iData, 'iData.csv', csv.iMeta, 'iMeta.csv');
      return runPipeline(inp.data, inp.meta);
    },
    20,
    3,
  );
  console.log(`synthetic 233×40 end-to-end from CSV text: median ${fmt(synE2e.median)}`);

  const wi = await time(() => whatIf(syn.data, syn.meta, res, 'Z100', { I5: 500 }), 50, 5);
  console.log(`what-if (one indicator, incremental): median ${fmt(wi.median)}`);
  const ptr = await time(() => pathToRank(syn.data, syn.meta, res, res.units[res.ranks.Index.indexOf(60)].uCode, 30), 3, 1);
  console.log(`path to rank 60 → 30 (40 indicators, bisection): median ${fmt(ptr.median)}`);
}
