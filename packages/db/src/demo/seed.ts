import { regionOfProvince } from '@kaifaqu/core';
import { count, eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { clusters, enterprises, enterpriseYears } from '../enterprises/schema.ts';
import { fdiMonthly, investmentProjects } from '../investment/schema.ts';
import { hashPassword } from '../platform/password.ts';
import { memberships, users, zones } from '../platform/schema.ts';
import { loadReferenceData } from '../reference/index.ts';
import { industryTable } from '../reference/industries.ts';
import { seedApprovalsDemo } from './approvals.ts';
import { generateZone } from './generate.ts';
import { seedInvestmentDemo } from './investment.ts';
import { seedIpDemo } from './ip.ts';
import { seedScenariosDemo } from './scenarios.ts';
import { demoZone, otherZones, type ZoneSpec } from './spec.ts';

export const DEMO_PASSWORD = 'demo1234';

export interface DemoLogin {
  username: string;
  role: string;
  zone: string | null;
}

export const demoLogins: (DemoLogin & { displayName: string; globalRole?: string; bureau?: string })[] = [
  { username: 'sysadmin', displayName: '系统管理员（演示）', role: '系统管理员', zone: null, globalRole: 'sysadmin' },
  { username: 'demo-admin', displayName: '演示经开区管理员', role: '经开区管理员', zone: 'demo' },
  { username: 'demo-invest', displayName: '投资促进局（演示）', role: '部门工作人员 · 投资促进局', zone: 'demo', bureau: 'investment' },
  { username: 'demo-industry', displayName: '经信局（演示）', role: '部门工作人员 · 经济和信息化局', zone: 'demo', bureau: 'industry' },
  { username: 'demo-ip', displayName: '知识产权局（演示）', role: '部门工作人员 · 知识产权局', zone: 'demo', bureau: 'ip' },
  { username: 'demo-enterprise', displayName: '企业用户（演示）', role: '企业用户', zone: 'demo' },
  { username: 'evaluator', displayName: '评价专家（演示）', role: '评价专家', zone: null, globalRole: 'evaluator' },
  { username: 'demo-b-admin', displayName: '演示经开区B管理员', role: '经开区管理员', zone: 'demo-b' },
];

const roleKey = (l: (typeof demoLogins)[number]) =>
  l.globalRole ?? (l.bureau ? 'staff' : l.username.endsWith('enterprise') ? 'enterprise' : 'zone_admin');

export interface SeedOptions {
  seed?: number;
  /** Date certificates and "active" status are generated around (ISO); default today. */
  refDate?: string;
  /** Only the small zones (fast, for tests). */
  small?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const r = await database.db.select({ n: count() }).from(zones);
  return Number(r[0].n) === 0;
}

/** Loads reference data and the synthetic zones, users and records; all inside one transaction. */
export async function seedDemo(database: Database, opts: SeedOptions = {}) {
  const seed = opts.seed ?? 42;
  const refDate = opts.refDate ?? new Date().toISOString().slice(0, 10);
  const others = otherZones();
  const smallDemo = {
    ...others[0],
    code: demoZone.code,
    name: demoZone.name,
    nameEn: demoZone.nameEn,
    province: demoZone.province,
    provinceName: demoZone.provinceName,
    division: demoZone.division,
  };
  const specs: ZoneSpec[] = [opts.small ? smallDemo : demoZone, ...others];
  const table = industryTable();
  const progress = opts.onProgress ?? (() => {});
  await loadReferenceData(database.db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const summary: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    for (const [zi, spec] of specs.entries()) {
      progress(zi, specs.length, spec.code);
      const data = generateZone(spec, table, seed + zi * 1000, refDate);
      const [zone] = await tx
        .insert(zones)
        .values({
          code: spec.code,
          name: spec.name,
          nameEn: spec.nameEn,
          province: spec.province,
          provinceName: spec.provinceName,
          region: regionOfProvince(spec.province) ?? spec.region,
          establishedOn: spec.establishedOn,
          synthetic: true,
        })
        .returning();
      const ids: number[] = [];
      for (let i = 0; i < data.enterprises.length; i += 1000) {
        const chunk = data.enterprises.slice(i, i + 1000);
        const inserted = await tx
          .insert(enterprises)
          .values(chunk.map(({ key: _k, ...e }) => ({ ...e, zoneId: zone.id, synthetic: true })))
          .returning({ id: enterprises.id, uscc: enterprises.uscc });
        const byUscc = new Map(inserted.map((r) => [r.uscc, r.id]));
        for (const e of chunk) ids[e.key] = byUscc.get(e.uscc)!;
      }
      for (let i = 0; i < data.years.length; i += 2000)
        await tx
          .insert(enterpriseYears)
          .values(data.years.slice(i, i + 2000).map(({ key, ...y }) => ({ ...y, enterpriseId: ids[key], zoneId: zone.id })));
      for (let i = 0; i < data.fdi.length; i += 2000)
        await tx
          .insert(fdiMonthly)
          .values(data.fdi.slice(i, i + 2000).map(({ key, ...f }) => ({ ...f, enterpriseId: ids[key], zoneId: zone.id, synthetic: true })));
      await tx.insert(investmentProjects).values(
        data.projects.map(({ enterpriseKey, ...p }) => ({
          ...p,
          zoneId: zone.id,
          enterpriseId: enterpriseKey == null ? null : ids[enterpriseKey],
          synthetic: true,
        })),
      );
      await seedInvestmentDemo(tx, zone, { seed: seed + zi * 1000, refDate, full: spec === demoZone });
      await tx.insert(clusters).values(
        spec.clusters.map((c) => ({
          zoneId: zone.id,
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          industryPrefixes: c.prefixes,
          synthetic: true,
        })),
      );
      await seedApprovalsDemo(tx, zone, ids, seed + zi * 1000, refDate);
      await seedIpDemo(tx, zone, ids, { seed: seed + zi * 1000, refDate, full: spec === demoZone });
      await (await import('./cultivation.ts')).seedCultivationDemo(tx, zone, ids, {
        seed: seed + zi * 1000,
        refDate,
        full: spec === demoZone,
        industrial: spec.aboveScale.firms + spec.smallIndustrial,
        dataYear: spec.dataYear,
      });
      await seedScenariosDemo(tx, zone, ids, {
        seed: seed + zi * 1000,
        refDate,
        full: spec === demoZone,
        minor: spec.code !== demoZone.code,
      });
      summary[spec.code] = data.enterprises.length;
    }
    if (!opts.small) await (await import('./evaluation.ts')).seedEvaluationDemo(tx); // 233 zones' evaluation history (演示数据); tests call it directly
    for (const l of demoLogins) {
      const [u] = await tx
        .insert(users)
        .values({ username: l.username, displayName: l.displayName, passwordHash: hash, globalRole: l.globalRole ?? null, synthetic: true })
        .returning();
      if (!l.zone) continue;
      const [z] = await tx.select().from(zones).where(eq(zones.code, l.zone));
      if (!z) continue;
      const enterpriseId =
        roleKey(l) === 'enterprise'
          ? (
              await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.zoneId, z.id)).orderBy(enterprises.id).limit(1)
            )[0]?.id
          : null;
      await tx
        .insert(memberships)
        .values({ userId: u.id, zoneId: z.id, role: roleKey(l), bureau: l.bureau ?? null, enterpriseId: enterpriseId ?? null });
    }
  });
  // Planner statistics for the fresh tables: PGlite runs no autovacuum, and without them the drill-down plans guess
  // (the 规上 page 50 took 1 s instead of 10 ms on the demo).
  await database.query('analyze');
  progress(specs.length, specs.length, 'done');
  return { seed, refDate, enterprises: summary };
}
