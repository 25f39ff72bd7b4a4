import { createRng, type Rng } from '@kaifaqu/core';
import type { Db } from '../client.ts';
import { cultivationApplications, cultivationProfiles, cultivationRecognitions } from '../cultivation/schema.ts';

/** Calibrated recognitions of the demo zone (seed report): 小巨人 incl. 重点小巨人, 单项冠军, 技术创新示范企业. */
export const DEMO_CULTIVATION = { littleGiant: 162, keyLittleGiant: 25, champion: 23, techDemo: 6, specialized: 420, innovative: 780 };

const addDays = (iso: string, d: number) => new Date(Date.parse(iso) + d * 86_400_000).toISOString().slice(0, 10);
/** Same month and day y years later; 29 February falls back to the 28th in a common year. */
const addYears = (iso: string, y: number) => {
  const year = Number(iso.slice(0, 4)) + y;
  const md = iso.slice(4) === '-02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? '-02-28' : iso.slice(4);
  return `${year}${md}`;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Profile of one industrial firm (万元), stronger for higher tiers so recognised firms mostly screen as eligible. */
function profile(rng: Rng, dataYear: number, level: number) {
  const size = Math.exp(rng.normal(7.6 + level * 0.7, 0.9));
  const growth = () => 1 + rng.normal(0.06 + level * 0.03, 0.1);
  const r0 = Math.round(size);
  const rv1 = Math.round(r0 * Math.max(0.4, growth()));
  const rv2 = Math.round(rv1 * Math.max(0.4, growth()));
  const share = Math.min(1, Math.max(0.4, rng.normal(0.7 + level * 0.06, 0.1)));
  const rd = Math.max(0.002, rng.normal(0.025 + level * 0.012, 0.015));
  const staff = Math.max(10, Math.round(size / 25));
  const age = rng.int(3 + level * 2, 30);
  const assets = Math.round(size * (1 + rng.next()));
  return {
    dataYear,
    establishedYears: age,
    mainRevenue: [r0, rv1, rv2].map((x) => Math.round(x * share)),
    netProfit: [r0, rv1, rv2].map((x) => Math.round(x * rng.normal(0.05 + level * 0.015, 0.04))),
    rdExpense: [r0, rv1, rv2].map((x) => r1(x * rd)),
    revenue: [r0, rv1, rv2],
    totalAssets: assets,
    totalLiabilities: Math.round(assets * Math.min(0.95, Math.max(0.1, rng.normal(0.52 - level * 0.04, 0.15)))),
    staff,
    rdStaff: Math.round(staff * Math.min(0.8, Math.max(0.02, rng.normal(0.1 + level * 0.04, 0.06)))),
    yearsInNiche: Math.min(age, rng.int(1 + level * 2, 3 + level * 4)),
    field: rng.pick(['strategic', 'key', 'other'] as const),
    ip: {
      class1HighValue: rng.next() < 0.05 + level * 0.15 ? rng.int(1, 3) : 0,
      class1SelfDeveloped: rng.int(0, 1 + level * 2),
      class1: rng.int(0, 2 + level),
      class2: rng.int(0, 12),
    },
    rdInstitution:
      level >= 2
        ? rng.pick(['national', 'provincial', 'provincial', 'municipal'] as const)
        : rng.pick(['municipal', 'below', 'none', 'none'] as const),
    digitalLevel: Math.min(6, rng.int(0, 3) + level),
    qualityItems: Math.min(4, rng.int(0, 2) + level),
    specialtyScore: Math.min(15, rng.int(3, 9) + level * 2),
    equityFinancing2y: rng.next() < 0.08 ? Math.round(rng.next() * 6000) : 0,
    equityFinancing3y: 0,
    honours: rng.next() < 0.2 + level * 0.15 ? ['high-tech'] : [],
    nicheShareNational: r1(Math.min(60, Math.max(0, rng.normal(3 + level * 5, 4)))),
    globalRank: level >= 3 ? rng.int(1, 3) : rng.int(2, 40),
    ownBrand: rng.next() < 0.4 + level * 0.15,
    managementCertified: rng.next() < 0.5 + level * 0.15,
    violations3y: rng.next() < 0.03,
    isSme: size < 40_000,
  };
}

/**
 * 梯度培育 demo (演示数据, synthetic): yearly profiles of the zone's industrial firms (the first `industrial` enterprise
 * keys), recognitions — for the calibrated zone exactly DEMO_CULTIVATION, smaller zones a scaled-down mix — with some
 * certificates expiring within 90 days of `refDate`, and applications at every stage.
 */
export async function seedCultivationDemo(
  tx: Db,
  zone: { id: number },
  ids: number[],
  opts: { seed: number; refDate: string; full: boolean; industrial: number; dataYear: number },
) {
  const rng = createRng(opts.seed + 606);
  const n = Math.min(opts.industrial, ids.length);
  const k = opts.full ? 1 : n / 1934;
  const c = {
    littleGiant: Math.max(2, Math.round(DEMO_CULTIVATION.littleGiant * k)),
    keyLittleGiant: Math.max(1, Math.round(DEMO_CULTIVATION.keyLittleGiant * k)),
    champion: Math.max(1, Math.round(DEMO_CULTIVATION.champion * k)),
    techDemo: Math.max(1, Math.round(DEMO_CULTIVATION.techDemo * k)),
    specialized: Math.round(DEMO_CULTIVATION.specialized * k),
    innovative: Math.round(DEMO_CULTIVATION.innovative * k),
  };
  // Keys shuffled once; prefixes give the nested tiers (every 小巨人 is also 专精特新 and 创新型).
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  // Keep the zone's first enterprise (the demo enterprise user's firm) unrecognised but close, so self-assessment shows a gap.
  const first = order.indexOf(0);
  if (first >= 0) order.push(...order.splice(first, 1));
  const level = new Array<number>(n).fill(0);
  order.forEach((key, i) => {
    level[key] = i < c.littleGiant ? 3 : i < c.specialized ? 2 : i < c.innovative ? 1 : 0;
  });
  // 单项冠军: mostly among the 小巨人, a few large non-SME firms outside.
  const champions = new Set(order.slice(0, Math.min(c.champion - Math.floor(c.champion / 4), c.littleGiant)));
  for (let i = c.innovative; champions.size < c.champion && i < n; i += 7) champions.add(order[i]);
  const techDemo = order.slice(c.littleGiant - c.techDemo > 0 ? c.littleGiant - c.techDemo : 0, c.littleGiant);

  const profiles = [];
  for (let key = 0; key < n; key++) {
    const p = profile(rng, opts.dataYear, champions.has(key) ? 4 : level[key]);
    profiles.push({ zoneId: zone.id, enterpriseId: ids[key], year: opts.dataYear, data: p, synthetic: true });
  }
  for (let i = 0; i < profiles.length; i += 1000) await tx.insert(cultivationProfiles).values(profiles.slice(i, i + 1000));

  const recs: (typeof cultivationRecognitions.$inferInsert)[] = [];
  let soon = 0;
  const rec = (key: number, lvl: string, years: number, extra: Partial<typeof cultivationRecognitions.$inferInsert> = {}) => {
    // About one in twelve certificates ends within the next 90 days (reminders); the rest are spread over their term.
    const expiring = rng.next() < 1 / 12;
    const validTo = expiring ? addDays(opts.refDate, rng.int(5, 88)) : addDays(opts.refDate, rng.int(100, years * 365 - 30));
    if (expiring) soon++;
    const validFrom = addDays(addYears(validTo, -years), 1);
    recs.push({
      zoneId: zone.id,
      enterpriseId: ids[key],
      level: lvl,
      recognizedOn: validFrom,
      validFrom,
      validTo,
      reviewOn: lvl === 'little-giant' || lvl === 'champion' ? addYears(validFrom, Math.floor(years / 2) || 1) : null,
      certificateNo: `演示-${lvl}-${ids[key]}`,
      batch: `第${rng.int(3, 6)}批`,
      synthetic: true,
      ...extra,
    });
  };
  order.forEach((key, i) => {
    if (i >= c.innovative) return;
    rec(key, 'innovative', 3);
    if (i < c.specialized) rec(key, 'specialized', 3);
    if (i < c.littleGiant) rec(key, 'little-giant', 3, { keyLittleGiant: i < c.keyLittleGiant });
  });
  for (const key of champions) rec(key, 'champion', 3);
  for (const key of techDemo) rec(key, 'tech-demo', 3);
  for (let i = 0; i < recs.length; i += 1000) await tx.insert(cultivationRecognitions).values(recs.slice(i, i + 1000));

  // Applications of this year's round at every stage (the next tier up), incl. the first firm's own one.
  const stages = ['submitted', 'district', 'city', 'province', 'recognized', 'rejected'];
  const flow = ['submitted', 'district', 'city', 'province'];
  const tiers = ['innovative', 'specialized', 'little-giant', 'champion'];
  const apps: (typeof cultivationApplications.$inferInsert)[] = [];
  // Candidates from every level: specialised firms going for 小巨人, innovative ones for 专精特新, others for 创新型.
  const candidates = [0, ...order.filter((x, i) => x !== 0 && i >= c.littleGiant && i % 9 === 0)];
  const howMany = Math.max(6, Math.round(60 * k));
  for (let j = 0; j < Math.min(howMany, candidates.length); j++) {
    const key = candidates[j];
    const stage = j === 0 ? 'district' : stages[j % stages.length];
    const upto = stage === 'recognized' || stage === 'rejected' ? flow.length : flow.indexOf(stage) + 1;
    let at = addDays(opts.refDate, -rng.int(60, 150));
    const history = flow.slice(0, upto).map((s) => {
      at = addDays(at, rng.int(5, 20));
      return { stage: s, at, by: null, note: null };
    });
    if (upto === flow.length && (stage === 'recognized' || stage === 'rejected'))
      history.push({ stage, at: addDays(at, 10), by: null, note: null });
    apps.push({
      zoneId: zone.id,
      enterpriseId: ids[key],
      level: tiers[Math.min(3, level[key])],
      year: Number(opts.refDate.slice(0, 4)),
      stage,
      history,
      synthetic: true,
    });
  }
  if (apps.length) await tx.insert(cultivationApplications).values(apps);
  return { profiles: profiles.length, recognitions: recs.length, expiringSoon: soon, applications: apps.length };
}
