// Batch screening speed: 10,000 synthetic firms × 4 tiers with the miit-2022 rule set (target ≤ 200 ms in core).
import { assessAll, miit2022, syntheticProfiles, tierOrder, validateProfile } from '../packages/core/src/cultivation/index.ts';
import { fmt, time } from './util.ts';

export default async function (args: string[]) {
  const nArg = args.find((a) => a.startsWith('--n='));
  const n = nArg ? Number(nArg.slice(4)) : 10_000;
  let t = performance.now();
  const profiles = syntheticProfiles(n, 2024);
  console.log(`generate ${n} synthetic profiles (seed 2024): ${fmt(performance.now() - t)}`);

  t = performance.now();
  let invalid = 0;
  for (const p of profiles) if (!validateProfile(p).ok) invalid++;
  console.log(`validate ${n} profiles: ${fmt(performance.now() - t)} (${invalid} invalid)`);

  const run = () => profiles.map((p) => assessAll(p, miit2022));
  const r = await time(run, 15, 3);
  console.log(
    `assess ${n} profiles × ${tierOrder.length} tiers: median ${fmt(r.median)}, p95 ${fmt(r.p95)}, min ${fmt(r.min)} (${r.runs} runs)`,
  );
  console.log(`per firm (all tiers): ${fmt(r.median / n)}`);

  const results = run();
  for (const tier of tierOrder) {
    const c = { true: 0, false: 0, undetermined: 0 };
    for (const a of results) c[String(a.tiers[tier]!.eligible) as keyof typeof c]++;
    console.log(`  ${tier.padEnd(13)} eligible ${c.true}, not ${c.false}, undetermined ${c.undetermined}`);
  }
}
