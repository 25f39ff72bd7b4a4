// Zone screening server-side: the calibrated demo zone (seed counts check), then 10,000 firms with profiles.
import { miit2022, screen, syntheticProfiles } from '@kaifaqu/core/cultivation';
import { createDatabase, cultivationProfiles, enterprises, seedDemo, systemScope, zones } from '@kaifaqu/db';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { seedCultivationDemo } from '../packages/db/src/demo/cultivation.ts';
import { dropScreeningCache, screening } from '../packages/server/src/cultivation/service.ts';
import { fmt, time } from './util.ts';

export default async function (_args: string[]) {
  const database = await createDatabase();
  await database.migrate();
  let t = performance.now();
  await seedDemo(database, {});
  console.log(`seed full demo (all modules): ${fmt(performance.now() - t)}`);
  const [z] = await database.db.select().from(zones).where(eq(zones.code, 'demo'));
  const scope = systemScope(z.id, z.code);
  const refDate = new Date().toISOString().slice(0, 10);
  const counts = await database.db.execute(
    sql`select level, count(distinct enterprise_id)::int as firms, count(distinct enterprise_id) filter (where key_little_giant)::int as key from cultivation_recognitions where zone_id = ${z.id} group by level order by level`,
  );
  console.log('demo zone recognitions (firms):', JSON.stringify((counts as unknown as { rows?: unknown[] }).rows ?? counts));
  const f = { sort: 'distance' as const };
  let r = await screening(database, scope, miit2022, 2023, refDate, f);
  console.log(`demo zone: ${r.screened} firms screened`);
  const cold = () => {
    dropScreeningCache(database, scope);
    return screening(database, scope, miit2022, 2023, refDate, f);
  };
  let s = await time(cold, 5, 1);
  console.log(`screening demo zone (${r.screened} firms × 4 tiers), uncached: median ${fmt(s.median)}, p95 ${fmt(s.p95)}`);
  // Top up to 10,000 firms with stored profiles (synthetic) and time again.
  const have = await database.db
    .select({ id: cultivationProfiles.enterpriseId })
    .from(cultivationProfiles)
    .where(eq(cultivationProfiles.zoneId, z.id));
  const extra = await database.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.zoneId, z.id),
        notInArray(
          enterprises.id,
          have.map((h) => h.id),
        ),
        sql`${enterprises.closedOn} is null`,
      ),
    )
    .limit(10_000 - r.screened);
  const ps = syntheticProfiles(extra.length, 7);
  t = performance.now();
  for (let i = 0; i < extra.length; i += 1000)
    await database.db.insert(cultivationProfiles).values(
      extra.slice(i, i + 1000).map((e, j) => {
        const { id: _i, recognized: _r, synthetic: _s, ...data } = ps[i + j];
        return { zoneId: z.id, enterpriseId: e.id, year: 2023, data, synthetic: true };
      }),
    );
  r = await screening(database, scope, miit2022, 2023, refDate, f);
  s = await time(cold, 5, 1);
  r = await cold();
  console.log(
    `screening ${r.screened} firms × 4 tiers, uncached: median ${fmt(s.median)}, p95 ${fmt(s.p95)} (one run: load ${r.timing.loadMs} ms, screen ${r.timing.screenMs} ms)`,
  );
  const warm = await time(
    () => screening(database, scope, miit2022, 2023, refDate, { sort: 'distance', tier: 'specialized', eligible: 'false' }),
    10,
    1,
  );
  console.log(`same list re-sorted/filtered within the cache minute: median ${fmt(warm.median)}, p95 ${fmt(warm.p95)}`);
  const t10 = await time(() => screen(syntheticProfiles(10_000, 3), miit2022), 3, 1);
  console.log(`core screen() of 10,000 synthetic profiles on this machine now (incl. generating them): median ${fmt(t10.median)}`);
  // The cultivation part of the demo seed alone (a second data year into the same zone; throwaway DB).
  const ids = (
    await database.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.zoneId, z.id)).orderBy(enterprises.id)
  ).map((e) => e.id);
  t = performance.now();
  await database.db.transaction((tx) =>
    seedCultivationDemo(tx, z, ids, { seed: 1, refDate, full: true, industrial: 1934, dataYear: 2022 }),
  );
  console.log(
    `demo seed, cultivation part for the calibrated zone (1934 profiles, recognitions, applications): ${fmt(performance.now() - t)}`,
  );
  await database.close?.();
}
