import { createRng } from '../shared/index.ts';
import type { Profile, TierKey } from './types.ts';

const honourPool = [
  'high-tech',
  'tech-innovation-demo',
  'ip-advantage',
  'sti-award-3y',
  'chuangke-top500',
  'chuangke-top50',
  'provincial-award-top3',
];

/**
 * Seeded synthetic firms for benches and demos: a zone-like mix from micro firms to near-champions,
 * with a small share of incomplete records. Flag `synthetic` so demo data is never taken for real.
 */
export function syntheticProfiles(n: number, seed = 2024, incompleteShare = 0.03): (Profile & { synthetic: true })[] {
  const rng = createRng(seed);
  const out: (Profile & { synthetic: true })[] = [];
  for (let i = 0; i < n; i++) {
    const size = Math.exp(rng.normal(8, 1.3)); // revenue, 万元 (median ≈ 3000)
    const g = () => 1 + rng.normal(0.08, 0.12);
    const r0 = Math.round(size);
    const r1 = Math.round(r0 * Math.max(0.3, g()));
    const r2 = Math.round(r1 * Math.max(0.3, g()));
    const revenue: [number, number, number] = [r0, r1, r2];
    const share = Math.min(1, Math.max(0.3, rng.normal(0.78, 0.15)));
    const rdPct = Math.max(0, rng.normal(0.045, 0.03));
    const age = rng.int(1, 30);
    const staff = Math.max(5, Math.round(size / 30));
    const recognized: TierKey[] = [];
    const tierRoll = rng.next();
    if (tierRoll > 0.5) recognized.push('innovative');
    if (tierRoll > 0.8) recognized.push('specialized');
    if (tierRoll > 0.97) recognized.push('little-giant');
    const p: Profile & { synthetic: true } = {
      id: `S${String(i + 1).padStart(5, '0')}`,
      synthetic: true,
      dataYear: 2024,
      establishedYears: age,
      revenue,
      mainRevenue: revenue.map((x) => Math.round(x * share)) as Profile['mainRevenue'],
      rdExpense: revenue.map((x) => Math.round(x * rdPct * 10) / 10) as Profile['rdExpense'],
      netProfit: revenue.map((x) => Math.round(x * rng.normal(0.06, 0.05))) as Profile['netProfit'],
      totalAssets: Math.round(size * (1 + rng.next())),
      totalLiabilities: 0,
      staff,
      rdStaff: Math.round(staff * Math.min(0.9, Math.max(0, rng.normal(0.15, 0.1)))),
      yearsInNiche: rng.int(0, age),
      field: rng.pick(['strategic', 'key', 'other'] as const),
      ip: { class1HighValue: rng.next() < 0.1 ? 1 : 0, class1SelfDeveloped: rng.int(0, 3), class1: rng.int(0, 4), class2: rng.int(0, 10) },
      rdInstitution: rng.pick(['national', 'provincial', 'municipal', 'below', 'none', 'none'] as const),
      digitalLevel: rng.int(0, 6),
      qualityItems: rng.int(0, 4),
      specialtyScore: rng.int(0, 15),
      equityFinancing2y: 0,
      equityFinancing3y: 0,
      honours: rng.next() < 0.3 ? [rng.pick(honourPool)] : [],
      nicheShareNational: Math.round(Math.min(60, Math.max(0, rng.normal(6, 6))) * 10) / 10,
      globalRank: rng.int(1, 50),
      ownBrand: rng.next() < 0.6,
      managementCertified: rng.next() < 0.7,
      violations3y: rng.next() < 0.05,
      isSme: size < 40000,
      recognized,
    };
    p.totalLiabilities = Math.round(p.totalAssets! * Math.min(1.2, Math.max(0.05, rng.normal(0.5, 0.18))));
    const equity = rng.next() < 0.1 ? Math.round(rng.next() * 9000) : 0;
    p.equityFinancing2y = equity;
    p.equityFinancing3y = equity + (rng.next() < 0.5 ? 0 : Math.round(rng.next() * 1000));
    if (rng.next() < incompleteShare) {
      const drop = rng.pick(['rdExpense', 'ip', 'totalAssets', 'digitalLevel', 'isSme'] as const);
      delete p[drop];
    }
    out.push(p);
  }
  return out;
}
