// Batch screening speed: 10,000 synthetic firms × 4 tiers with the miit-2022 rule set (target ≤ 200 ms in core).
// Prints wall time and process CPU time (the box is shared; CPU time is less distorted by other load).
import { loadavg } from 'node:os';
import { assessAll, miit2022, screen, syntheticProfiles, tierOrder, validateProfile } from '../packages/core/src/cultivation/index.ts';
import { fmt, time } from './util.ts';

async function cpuTime(fn: () => unknown, runs: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    ms.push((c.user + c.system) / 1000);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export default async function (args: string[]) {
  const nArg = args.find((a) => a.startsWith('--n='));
  const n = nArg ? Number(nArg.slice(4)) : 10_000;
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}`);
  let t = performance.now();
  const profiles = syntheticProfiles(n, 2024);
  console.log(`generate ${n} synthetic profiles (seed 2024): ${fmt(performance.now() - t)}`);

  t = performance.now();
  let invalid = 0;
  for (const p of profiles) if (!validateProfile(p).ok) invalid++;
  console.log(`validate ${n} profiles: ${fmt(performance.now() - t)} (${invalid} invalid)`);

  // Results are kept (as a caller would), so the garbage collector's share is counted.
  let kept: unknown;
  const full = () => {
    kept = profiles.map((p) => assessAll(p, miit2022));
  };
  const list = () => {
    kept = screen(profiles, miit2022);
  };
  for (const [name, fn] of [
    [`assessAll ${n} × ${tierOrder.length} tiers (full detail: indicators, gap)`, full],
    [`screen ${n} × ${tierOrder.length} tiers (list: eligible, total, failed, distance)`, list],
  ] as const) {
    const r = await time(fn, 15, 3);
    const cpu = await cpuTime(fn, 7);
    console.log(`${name}: median ${fmt(r.median)}, p95 ${fmt(r.p95)}, min ${fmt(r.min)} (${r.runs} runs); CPU median ${fmt(cpu)}`);
  }
  void kept;

  const results = profiles.map((p) => assessAll(p, miit2022));
  for (const tier of tierOrder) {
    const c = { true: 0, false: 0, undetermined: 0 };
    for (const a of results) c[String(a.tiers[tier]!.eligible) as keyof typeof c]++;
    console.log(`  ${tier.padEnd(13)} eligible ${c.true}, not ${c.false}, undetermined ${c.undetermined}`);
  }
  console.log(`load average (1 min) at end: ${loadavg()[0].toFixed(2)}`);
}
